// What every subcommand does first: load the config, set up logging, open the state store.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "daemon/commands/options.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::commands {

/// A loaded configuration with its open state store.
struct Started {
  config::Config config;
  std::unique_ptr<store::StateStore> store;
};

/// Loads the config (an error of kind `config`) and sets up logging from the config or
/// `--log-level`.
Result<config::Config> load(const CommonOptions& options);

/// `load`, then opens the state store with `access` (an error of kind `state`, naming the file).
Result<Started> start(const CommonOptions& options, store::Access access);

/// Like `start`, but on a private scratch copy of the state database that is thrown away at exit, so
/// nothing the command does changes the real state (`check --dry-run`).
Result<Started> start_scratch(const CommonOptions& options);

/// The ids of `items` (configuration entries with an `id`), in order.
template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items) {
  std::vector<std::string> ids;
  ids.reserve(items.size());
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

/// A usage error (exit 64): `COMMAND: no WHAT 'ID' in the configuration`, with the closest of `known`
/// when it looks like a typo.
Error unknown_id(std::string_view command, std::string_view what, std::string_view id,
                 const std::vector<std::string>& known);

/// Prints `error` for the operator (`FILE:LINE:COL: message` for configuration errors) and returns
/// the exit status of its kind: 78 for the configuration, 74 for the state database, 64 for usage.
int report_failure(const Error& error);

}  // namespace watchdesk::commands
