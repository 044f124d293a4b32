// `watchdesk validate`: load the configuration (every check start and reload make) and summarise it.
#include <fmt/format.h>

#include <iostream>

#include "config/loader.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {

int validate(const CommonOptions& options) {
  auto loaded = config::load_config(options.config_file);
  if (!loaded) return report_failure(loaded.error());
  const auto& c = *loaded;
  std::cout << fmt::format("{}: ok: {} sources, {} metrics, {} triggers, {} channels, {} figures; state {}\n",
                           options.config_file, c.sources.size(), c.metrics.size(), c.triggers.size(),
                           c.channels.size(), c.figures.size(), c.watchdesk.state.string());
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
