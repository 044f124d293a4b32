// Plain string helpers: trimming, ASCII case, joining, digits, whitespace, line and column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::text {

/// True for ASCII letters and digits.
bool is_ascii_alnum(char c);

/// `c` lowered when it is an ASCII capital.
char ascii_lower(char c);

/// True for the code points `collapse_whitespace` treats as space: ASCII whitespace, the other C0
/// and C1 control characters and DEL, U+00A0, U+2000-U+200B, U+2028, U+2029, U+202F, U+205F,
/// U+3000 and U+FEFF.
bool is_space_code_point(char32_t cp);

/// Collapses every run of whitespace (`is_space_code_point`) to one space and trims both ends.
/// Invalid UTF-8 passes through unchanged (see `sanitize_utf8`).
std::string collapse_whitespace(std::string_view text);

/// `collapse_whitespace` applied in place to the bytes of `text` from offset `from` on.
void collapse_whitespace_in_place(std::string& text, std::size_t from = 0);

/// `text` without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view trim(std::string_view text);

/// ASCII case-insensitive equality (`iequals("GPU", "gpu")`).
bool iequals(std::string_view a, std::string_view b);

/// `text` with ASCII capitals lowered; every other byte is kept (for hosts, symbols, keys).
std::string to_lower_ascii(std::string_view text);

/// `parts` joined with `separator` between them (`join({"a", "b"}, ", ")` is `a, b`).
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// True when `text` is one or more ASCII digits and nothing else.
bool all_digits(std::string_view text);

/// A 1-based line and column (in bytes) within a text.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// The line and column of byte `offset` in `text` (an offset past the end counts as the end), for
/// error messages that say where a payload is broken.
LineColumn line_column_at(std::string_view text, std::size_t offset);

}  // namespace watchdesk::text
