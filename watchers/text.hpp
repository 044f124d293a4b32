// Text helpers for parsed payloads and trigger matching: HTML to plain text, entities, UTF-8, words.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::text {

/// Decodes character references in `text`: the five XML entities, the 253 HTML 4 named entities
/// (`&nbsp;` `&mdash;` `&rsquo;` `&eacute;` ...; names are case-sensitive), and numeric references
/// (`&#8217;`, `&#x2019;`). A reference needs its closing `;`; unknown names and references without
/// `;` are kept as written. Numeric references to 0x80-0x9F are read as windows-1252 (as browsers
/// do), and NUL, surrogates or values above U+10FFFF become U+FFFD. One level only: `&amp;lt;`
/// gives `&lt;`.
std::string decode_entities(std::string_view text);

/// Turns an HTML fragment into plain text: drops tags, comments, `<script>` and `<style>` content;
/// keeps CDATA content; block-level tags (`p`, `br`, `div`, `li`, `h1`...) separate words; then
/// decodes entities (`decode_entities`) and collapses whitespace (`collapse_whitespace`). A `<` that
/// does not start a tag (`a < b`) is text. The result is valid UTF-8 when `html` is.
std::string strip_html(std::string_view html);

/// Appends the plain text of `html` to `out`, as `strip_html` gives it (whitespace collapsed and
/// trimmed within the appended part).
void append_html_text(std::string& out, std::string_view html);

/// Collapses every run of whitespace to one space and trims both ends. Whitespace here is ASCII
/// whitespace, the other C0 and C1 control characters and DEL, U+00A0 (no-break space),
/// U+2000-U+200B, U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF. Invalid UTF-8 passes through
/// unchanged (see `sanitize_utf8`).
std::string collapse_whitespace(std::string_view text);

/// `collapse_whitespace` applied in place to the bytes of `text` from offset `from` on.
void collapse_whitespace_in_place(std::string& text, std::size_t from = 0);

/// The length of the leading run of ASCII bytes (below 0x80) in `text`, scanned a word at a time.
std::size_t ascii_prefix(std::string_view text);

/// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD (one per maximal invalid prefix,
/// as in the Unicode recommendation); valid input is returned unchanged.
std::string sanitize_utf8(std::string_view text);

/// Decodes ISO-8859-1 text to UTF-8 the way browsers do, as windows-1252: bytes 0x80-0x9F are the
/// typographic characters of windows-1252 (`’` `—` `€`), the rest map to the same code point.
std::string latin1_to_utf8(std::string_view text);

/// The longest prefix of `text` of at most `max_bytes` bytes that ends on a UTF-8 code point
/// boundary (a code point is never cut in half).
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

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

/// `text` without leading and trailing ASCII whitespace (space, tab, CR, LF, FF, VT).
std::string_view trim(std::string_view text);

/// ASCII case-insensitive equality (`iequals("GPU", "gpu")`).
bool iequals(std::string_view a, std::string_view b);

/// `text` with ASCII capitals lowered; every other byte is kept (for hosts, symbols, keys).
std::string to_lower_ascii(std::string_view text);

/// `text` in lower case: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals are folded;
/// every other byte is kept. The result has the same length in bytes as `text`.
std::string fold_case(std::string_view text);

/// `fold_case` into `out` (replacing what it held), reusing its storage across many texts.
void fold_case_into(std::string& out, std::string_view text);

/// True when `word` (one word or a phrase such as `second tenant`) occurs in `text` as whole words,
/// ignoring case as `fold_case` does. Whole means the match is not glued to a letter or digit: when
/// `word` starts with a letter or digit, the character before the match is not one, and likewise
/// after the end. Letters are ASCII letters and digits and non-ASCII characters outside the
/// punctuation, symbol and space blocks; so `GPU` matches `GPU-rich`, `(GPU)` and `GPU’s` but not
/// `GPUs` or `eGPU`. Leading and trailing spaces of `word` are ignored; an empty `word` never matches.
bool contains_word(std::string_view text, std::string_view word);

/// `contains_word` for a text and a word that have both been through `fold_case` already: fold
/// many texts or words once, then match them many times.
bool contains_folded_word(std::string_view folded_text, std::string_view folded_word);

/// True when any of `words` occurs in `text` as whole words (`contains_word`); false when `words`
/// is empty.
bool contains_any_word(std::string_view text, const std::vector<std::string>& words);

/// A byte range `[begin, end)` within a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Every occurrence of `word` in `text` as whole words, ignoring case, by the rules of
/// `contains_word`; as byte ranges of `text`, in order (occurrences may overlap).
std::vector<Span> find_words(std::string_view text, std::string_view word);

/// True when the bytes `span` of `text` stand as whole words by the rule of `contains_word`: not
/// glued to a letter or digit before (when they start with one) or after (when they end with one).
bool is_whole_word(std::string_view text, Span span);

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
