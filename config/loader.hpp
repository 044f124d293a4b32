// Loading a config file: TOML parse, schema, validation, secret resolution.
#pragma once

#include <filesystem>
#include <string_view>

#include "config/config.hpp"
#include "core/result.hpp"

namespace watchdesk::config {

/// Loads and validates `file`: the checks `validate`, start and reload all rely on (the schema and
/// the rules of `config/rules.hpp`). Secrets are resolved from the environment, files and
/// `$CREDENTIALS_DIRECTORY`. The error (kind `config`) names the file, line and column: print it
/// with `Error::to_string()`. Never throws.
Result<Config> load_config(const std::filesystem::path& file);

/// Loads from text, as if read from `file` (used by tests and the fuzzer).
Result<Config> load_config_text(std::string_view text, const std::filesystem::path& file);

}  // namespace watchdesk::config
