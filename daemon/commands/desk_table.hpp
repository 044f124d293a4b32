// Printing the desk's observable-state table (one row per trigger, metric, figure, source and series,
// as `pipeline::read_state_table` reads it): `status` prints it at the wall clock, `replay` at the
// archive's last virtual time.
#pragma once

#include <ostream>
#include <vector>

#include "daemon/commands/options.hpp"
#include "watchers/triggers/reading.hpp"

namespace watchdesk::commands {

/// Prints `rows` in `format` to `out`.
void print_desk_table(const std::vector<triggers::Reading>& rows, Format format, std::ostream& out);

}  // namespace watchdesk::commands
