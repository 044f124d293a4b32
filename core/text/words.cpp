// Whole-word matching that ignores case, over UTF-8 text.
#include "core/text/words.hpp"

#include <algorithm>
#include <optional>

#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"

namespace watchdesk::text {
namespace {

// The lower-case counterpart of a two-byte code point, or `cp` itself.
char32_t fold_two_byte(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (cp == 0x178) return 0xFF;
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper) return (cp % 2 == 1) ? cp + 1 : cp;
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 0x25;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 0x3F;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  return cp;
}

std::optional<char32_t> valid_code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return std::nullopt;
  const CodePoint d = code_point_at(s, pos);
  if (!d.valid) return std::nullopt;
  return d.value;
}

bool is_word_at_boundary(std::optional<char32_t> cp) { return cp && is_word_code_point(*cp); }

// The first whole-word occurrence of `folded_word` in `folded_text` at or after `from`, or npos.
std::size_t find_folded_word(std::string_view folded_text, std::string_view folded_word, std::size_t from) {
  if (folded_word.empty() || folded_word.size() > folded_text.size()) return std::string_view::npos;
  for (std::size_t pos = folded_text.find(folded_word, from); pos != std::string_view::npos;
       pos = folded_text.find(folded_word, pos + 1)) {
    if (is_whole_word(folded_text, {pos, pos + folded_word.size()})) return pos;
  }
  return std::string_view::npos;
}

}  // namespace

// Letters and digits for whole-word matching (see `contains_word`).
bool is_word_code_point(char32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<char>(cp));
  if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, math, shapes
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK symbols and punctuation
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;  // private use
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;  // vertical and small forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;  // specials, U+FFFD
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

std::string fold_case(std::string_view text) {
  std::string out;
  fold_case_into(out, text);
  return out;
}

void fold_case_into(std::string& out, std::string_view text) {
  out.assign(text);
  std::size_t i = 0;
  while (i < out.size()) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      out[i] = ascii_lower(out[i]);
      ++i;
      continue;
    }
    const CodePoint d = code_point_at(out, i);
    if (d.valid && d.length == 2) {
      const char32_t folded = fold_two_byte(d.value);
      if (folded != d.value) {
        out[i] = static_cast<char>(0xC0 | (folded >> 6));
        out[i + 1] = static_cast<char>(0x80 | (folded & 0x3F));
      }
    }
    i += d.length;
  }
}

bool contains_word(std::string_view text, std::string_view word) {
  word = trim(word);
  if (word.empty() || word.size() > text.size()) return false;
  return contains_folded_word(fold_case(text), fold_case(word));
}

bool contains_folded_word(std::string_view folded_text, std::string_view folded_word) {
  return find_folded_word(folded_text, trim(folded_word), 0) != std::string_view::npos;
}

bool contains_any_word(std::string_view text, const std::vector<std::string>& words) {
  if (words.empty()) return false;
  const std::string folded = fold_case(text);
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& word) { return contains_folded_word(folded, fold_case(word)); });
}

std::vector<Span> find_words(std::string_view text, std::string_view word) {
  std::vector<Span> found;
  word = trim(word);
  if (word.empty() || word.size() > text.size()) return found;
  // Folding keeps byte lengths, so offsets in the folded text are offsets in `text`.
  const std::string folded_text = fold_case(text);
  const std::string folded_word = fold_case(word);
  for (std::size_t pos = find_folded_word(folded_text, folded_word, 0); pos != std::string_view::npos;
       pos = find_folded_word(folded_text, folded_word, pos + 1))
    found.push_back({pos, pos + folded_word.size()});
  return found;
}

bool is_whole_word(std::string_view text, Span span) {
  if (span.begin >= span.end || span.end > text.size()) return false;
  const std::string_view word = text.substr(span.begin, span.end - span.begin);
  const bool starts_with_letter = is_word_at_boundary(valid_code_point_at(word, 0));
  const bool ends_with_letter = is_word_at_boundary(code_point_before(word, word.size()));
  const bool glued_before = starts_with_letter && is_word_at_boundary(code_point_before(text, span.begin));
  const bool glued_after = ends_with_letter && is_word_at_boundary(valid_code_point_at(text, span.end));
  return !glued_before && !glued_after;
}

}  // namespace watchdesk::text
