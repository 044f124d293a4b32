// Parsing of the `Retry-After` response header (delay seconds or an HTTP date).
#pragma once

#include <optional>
#include <string_view>

#include "core/time.hpp"

namespace watchdesk::http {

/// The delay a `Retry-After` value asks for, measured from `now`: `120` is 120 s, an HTTP date
/// (`Wed, 21 Oct 2026 07:28:00 GMT`) is the time until then (zero when it has passed).
/// nullopt when the value is neither.
std::optional<Seconds> parse_retry_after(std::string_view value, TimePoint now);

}  // namespace watchdesk::http
