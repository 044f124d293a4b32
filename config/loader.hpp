// Loading a config file: TOML parse, schema, validation, secret resolution.
#pragma once

#include <cstddef>
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

/// How the `[sources.ID]` tables of a file are parsed: in one TOML tree with the rest of the file,
/// or a group of consecutive tables at a time, each group's tree dropped once its sources are read
/// (a file of tens of thousands of sources is then never one tree in memory). The configuration
/// and the errors are the same either way: a file the groups cannot stand for (a syntax error, a
/// table defined twice, a `sources` key outside `[sources.ID]` headers) is read in one tree.
enum class SourceTables { in_one_tree, in_groups_when_many, in_groups };

/// The number of `[sources.ID]` tables from which `in_groups_when_many` reads them in groups, and
/// the most tables in one group.
inline constexpr std::size_t kSourcesPerGroup = 2048;

/// Loads from text, as if read from `file` (used by tests and the fuzzer).
Result<Config> load_config_text(std::string_view text, const std::filesystem::path& file,
                                SourceTables tables = SourceTables::in_groups_when_many);

}  // namespace watchdesk::config
