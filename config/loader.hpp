// Loading a config file: TOML parse, schema, validation, secret resolution.
#pragma once

#include <filesystem>
#include <string>

#include "config/config.hpp"
#include "watchers/result.hpp"

namespace watchdesk::config {

/// A configuration error with its place: printed as `FILE:LINE:COL: message`.
struct LoadError {
  std::filesystem::path file;
  Position position;
  std::string message;

  /// `FILE:LINE:COL: message` (line and column omitted when unknown).
  std::string to_string() const;
};

/// The outcome of loading: a config or the first error found.
struct LoadResult {
  std::optional<Config> config;
  std::optional<LoadError> error;
};

/// Loads and validates `file`; secrets are resolved from the environment, files and
/// `$CREDENTIALS_DIRECTORY`. Never throws.
LoadResult load_config(const std::filesystem::path& file);

/// Loads from text, as if read from `file` (used by tests and the fuzzer).
LoadResult load_config_text(std::string_view text, const std::filesystem::path& file);

}  // namespace watchdesk::config
