// The desk's observable-state table (one row per trigger, metric, figure, source and series) read
// from a state store at a given time, and printed as text, JSON or Markdown: `status` prints it at
// the wall clock, `replay` at the archive's last virtual time.
#pragma once

#include <ostream>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "daemon/commands/options.hpp"
#include "daemon/store/state_store.hpp"
#include "watchers/triggers/reading.hpp"

namespace watchdesk::commands {

/// The table's rows as `store` says at `now`; an error when the store could not be read.
Result<std::vector<triggers::Reading>> desk_rows(const config::Config& cfg, store::StateStore& store, TimePoint now);

/// Prints `rows` in `format` to `out`.
void print_desk_table(const std::vector<triggers::Reading>& rows, Format format, std::ostream& out);

}  // namespace watchdesk::commands
