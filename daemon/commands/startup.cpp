// Config loading, logging set-up and store opening shared by the subcommands, with their exit codes.
#include "daemon/commands/startup.hpp"

#include <iostream>

#include "config/loader.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"

namespace watchdesk::commands {

std::variant<config::Config, int> load(const CommonOptions& options) {
  auto loaded = config::load_config(options.config_file);
  if (loaded.error) {
    std::cerr << loaded.error->to_string() << "\n";
    return to_int(ExitCode::config);
  }
  setup_logging(options.log_level.empty() ? loaded.config->watchdesk.log_level : options.log_level);
  return std::move(*loaded.config);
}

namespace {
enum class Scratch { no, yes };

std::variant<Started, int> start_with(const CommonOptions& options, store::Access access, Scratch scratch) {
  auto loaded = load(options);
  if (auto* code = std::get_if<int>(&loaded)) return *code;
  Started started{std::move(std::get<config::Config>(loaded)), nullptr};
  auto opened = scratch == Scratch::yes ? store::StateStore::open_scratch_copy(started.config.watchdesk.state)
                                        : store::StateStore::open(started.config.watchdesk.state, access);
  if (auto* error = std::get_if<store::OpenError>(&opened)) {
    std::cerr << "watchdesk: state database " << started.config.watchdesk.state.string() << ": "
              << error->message << "\n";
    return to_int(ExitCode::state_unusable);
  }
  started.store = std::move(std::get<std::unique_ptr<store::StateStore>>(opened));
  return started;
}
}  // namespace

std::variant<Started, int> start(const CommonOptions& options, store::Access access) {
  return start_with(options, access, Scratch::no);
}

std::variant<Started, int> start_scratch(const CommonOptions& options) {
  return start_with(options, store::Access::read_write, Scratch::yes);
}

}  // namespace watchdesk::commands
