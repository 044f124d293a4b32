// The desk's observable-state table read from the state store: what `status` prints and what the
// weekly digest reports.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "daemon/store/state_store.hpp"
#include "watchers/triggers/reading.hpp"

namespace watchdesk::pipeline {

/// The readings of `trigger_ids` (every trigger when empty) at `now`, in that order, from their
/// stored state and the stored series and observations. A failed read is an error, never a partial
/// table.
Result<std::vector<triggers::Reading>> read_trigger_rows(const config::Config& config, store::StateStore& store,
                                                         const std::vector<std::string>& trigger_ids, TimePoint now);

/// The whole table at `now`: every trigger, metric and figure, then every source's health and every
/// series' latest value.
Result<std::vector<triggers::Reading>> read_state_table(const config::Config& config, store::StateStore& store,
                                                        TimePoint now);

}  // namespace watchdesk::pipeline
