// Secrets: the `Secret` value type, references (`env:NAME`, `file:PATH`, `credential:NAME`) and their resolution.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace watchdesk {

/// A secret resolved at load (`env:NAME`, `file:PATH`, `credential:NAME` or a literal); it has no
/// stream or format operator so it cannot end up in a log line by accident.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  /// The secret itself, for the one place that must send it.
  const std::string& reveal() const { return value_; }
  /// True when no secret was configured.
  bool empty() const { return value_.empty(); }

 private:
  std::string value_;
};

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

}  // namespace watchdesk
