// `watchdesk validate`: load the configuration and summarise it in one line.
#include <fmt/format.h>

#include <iostream>

#include "config/loader.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {

int validate(const CommonOptions& options) {
  auto loaded = config::load_config(options.config_file);
  if (loaded.error) {
    std::cerr << loaded.error->to_string() << "\n";
    return to_int(ExitCode::config);
  }
  const auto& c = *loaded.config;
  std::cout << fmt::format("{}: ok: {} sources, {} metrics, {} triggers, {} channels, {} figures; state {}\n",
                           options.config_file, c.sources.size(), c.metrics.size(), c.triggers.size(),
                           c.channels.size(), c.figures.size(), c.watchdesk.state.string());
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
