// The observable-state table as JSON: what `status --format json` prints and `/api/status` serves.
#pragma once

#include <boost/json/array.hpp>

#include <vector>

#include "watchers/triggers/reading.hpp"

namespace watchdesk::pipeline {

/// One object per row: `row`, `kind`, `reading`, `value`, `status`, `as_of`, `evidence` (`signal`,
/// `url`), null where the row has none.
boost::json::array state_table_json(const std::vector<triggers::Reading>& rows);

}  // namespace watchdesk::pipeline
