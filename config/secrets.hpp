// Secret references in the config (`env:NAME`, `file:PATH`, `credential:NAME`) and their resolution.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "watchers/result.hpp"

namespace watchdesk::config {

/// How a secret is written.
enum class SecretForm { literal, env, file, credential };

/// A parsed secret reference: its form and the variable name, path or credential name.
struct SecretReference {
  SecretForm form = SecretForm::literal;
  std::string name;
};

/// Parses `text`; an error for a malformed reference (`env:` without a valid variable name,
/// `credential:` with a `/`). Anything without one of the three prefixes is a literal.
Result<SecretReference> parse_secret_reference(std::string_view text);

/// Resolves `text` to the secret: reads the environment, the file (relative to `config_dir`, one
/// trailing newline sequence trimmed) or `$CREDENTIALS_DIRECTORY/NAME`. Error messages name the
/// reference (`env:NAME`), never the value; an unset variable or an empty value is an error.
Result<Secret> resolve_secret(std::string_view text, const std::filesystem::path& config_dir);

}  // namespace watchdesk::config
