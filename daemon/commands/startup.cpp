// Config loading, logging set-up and store opening shared by the subcommands, with their exit codes.
#include "daemon/commands/startup.hpp"

#include <fmt/format.h>

#include <iostream>

#include "config/loader.hpp"
#include "core/suggest.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/logging.hpp"

namespace watchdesk::commands {
namespace {

enum class Scratch { no, yes };

Result<Started> start_with(const CommonOptions& options, store::Access access, Scratch scratch) {
  auto loaded = load(options);
  if (!loaded) return std::move(loaded).error();
  Started started{std::move(loaded).value(), nullptr};
  const auto& path = started.config.watchdesk.state;
  auto opened = scratch == Scratch::yes ? store::StateStore::open_scratch_copy(path)
                                        : store::StateStore::open(path, access);
  if (!opened) {
    Error error = std::move(opened).error().context("watchdesk: state database " + path.string());
    error.kind = ErrorKind::state;
    return error;
  }
  started.store = std::move(opened).value();
  return started;
}

}  // namespace

Result<config::Config> load(const CommonOptions& options) {
  auto loaded = config::load_config(options.config_file);
  if (!loaded) return loaded;
  remember_config_secrets(*loaded);
  setup_logging(options.log_level.empty() ? loaded->watchdesk.log_level : options.log_level);
  return loaded;
}

Result<Started> start(const CommonOptions& options, store::Access access) {
  return start_with(options, access, Scratch::no);
}

Result<Started> start_scratch(const CommonOptions& options) {
  return start_with(options, store::Access::read_write, Scratch::yes);
}

Error unknown_id(std::string_view command, std::string_view what, std::string_view id,
                 const std::vector<std::string>& known) {
  std::string message = fmt::format("{}: no {} '{}' in the configuration", command, what, id);
  if (auto close = closest_match(id, known)) message += fmt::format(" (did you mean '{}'?)", *close);
  return make_error(std::move(message), ErrorKind::usage);
}

int report_failure(const Error& error) {
  std::cerr << error.to_string() << "\n";
  switch (error.kind) {
    case ErrorKind::config: return to_int(ExitCode::config);
    case ErrorKind::usage: return to_int(ExitCode::usage);
    default: return to_int(ExitCode::state_unusable);
  }
}

}  // namespace watchdesk::commands
