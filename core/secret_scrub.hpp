// Scrubbing secrets out of text: every configured secret value, in the forms it travels in, is
// replaced by `[secret]` before anything is logged, stored or printed.
#pragma once

#include <string>
#include <string_view>

#include "core/secret.hpp"

namespace watchdesk {

/// What a scrubbed secret is replaced with.
inline constexpr std::string_view scrubbed_secret = "[secret]";

/// Adds `secret` to the process's scrub list with its percent-encoded and JSON-escaped forms and,
/// for a URL, its path and query (what a receiver echoes from the request line). Values shorter
/// than 4 bytes are not added: they would match ordinary words. Thread-safe.
void remember_secret(const Secret& secret);

/// Empties the process's scrub list (before a reload remembers the new configuration's).
void forget_secrets();

/// `text` with every remembered secret form replaced by `[secret]`. Thread-safe.
std::string scrub_secrets(std::string_view text);

}  // namespace watchdesk
