// What every subcommand does first: load the config, set up logging, open the state store.
#pragma once

#include <memory>
#include <variant>

#include "config/config.hpp"
#include "daemon/commands/options.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::commands {

/// A loaded configuration with its open state store.
struct Started {
  config::Config config;
  std::unique_ptr<store::StateStore> store;
};

/// Loads the config (errors: `FILE:LINE:COL: message`, exit 78), sets up logging from the config or
/// `--log-level`, and opens the state store with `access` (errors: a clear message, exit 74).
/// Returns the started state, or the exit status to return.
std::variant<Started, int> start(const CommonOptions& options, store::Access access);

/// Like `start`, but on a private scratch copy of the state database that is thrown away at exit, so
/// nothing the command does changes the real state (`check --dry-run`).
std::variant<Started, int> start_scratch(const CommonOptions& options);

/// Loads the config and sets up logging only (for commands that need no store).
std::variant<config::Config, int> load(const CommonOptions& options);

}  // namespace watchdesk::commands
