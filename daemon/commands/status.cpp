// `watchdesk status`: the desk's observable-state table, read from the state database only.
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/desk_table.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/state_table.hpp"

namespace watchdesk::commands {

int status(const StatusOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  auto& cfg = started->config;
  auto rows = pipeline::read_state_table(cfg, *started->store, now_utc());
  if (!rows) return report_failure(rows.error().context("watchdesk status: state database " + cfg.watchdesk.state.string()));
  print_desk_table(*rows, options.format, std::cout);
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
