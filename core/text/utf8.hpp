// UTF-8: decoding and encoding code points, validation, repair, ISO-8859-1 and truncation.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace watchdesk::text {

/// U+FFFD, which stands in for what cannot be decoded.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// One code point read from UTF-8 at a byte offset: its value and length in bytes. `valid` is false
/// for an ill-formed sequence, whose `length` is then that of its maximal invalid prefix (at least
/// 1), so that a scan can step over it.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 1;
  bool valid = false;
};

/// The code point that starts at byte `offset` of `text` (`offset` < `text.size()`).
CodePoint code_point_at(std::string_view text, std::size_t offset);

/// The code point that ends just before byte `offset` of `text` (nullopt at the start or when the
/// bytes before it are not one well-formed sequence).
std::optional<char32_t> code_point_before(std::string_view text, std::size_t offset);

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// The code point windows-1252 gives `byte` (bytes 0x80-0x9F are `’` `—` `€` ..., the rest map to
/// the same code point; undefined bytes keep their C1 value).
char32_t windows1252_code_point(unsigned char byte);

/// The length of the leading run of ASCII bytes (below 0x80) in `text`, scanned a word at a time.
std::size_t ascii_prefix(std::string_view text);

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD (one per maximal invalid prefix,
/// as in the Unicode recommendation); valid input is returned unchanged.
std::string sanitize_utf8(std::string_view text);

/// Decodes ISO-8859-1 text to UTF-8 the way browsers do, as windows-1252 (`windows1252_code_point`).
std::string latin1_to_utf8(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a UTF-8 code point
/// boundary (a code point is never cut in half).
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace watchdesk::text
