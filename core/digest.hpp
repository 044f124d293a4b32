// SHA-256 digests in hex, for the stable ids of observations and unkeyed feed items.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace watchdesk {

/// The first `hex_digits` lower-case hex digits (at most 64) of SHA-256 over `parts` joined with
/// nothing between them: `sha256_hex({"crwv-price", "/", "close"}, 8)`.
std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_digits);

}  // namespace watchdesk
