// Headline tokenising: ASCII words and numbers, possessives, and punctuation marks as tokens.
#include "watchers/triggers/headline_tokens.hpp"

#include <cstdint>

#include "core/text/utf8.hpp"

namespace watchdesk::triggers {
namespace {

bool is_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c); }

bool is_apostrophe(std::uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

bool is_dash(std::uint32_t cp) { return cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2015; }

bool is_space_cp(std::uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0; }

// A Latin letter outside ASCII (`é` in `Nestlé`, `ó` in `Telefónica`), kept inside a word.
bool is_latin_letter(std::uint32_t cp) { return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7; }

}  // namespace

std::vector<HeadlineToken> tokenize_headline(std::string_view text) {
  std::vector<HeadlineToken> tokens;
  tokens.reserve(text.size() / 5 + 4);
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (is_alnum(c)) {
      HeadlineToken token;
      token.span.begin = pos;
      token.capitalised = c >= 'A' && c <= 'Z';
      const bool number = is_digit(c);
      while (pos < text.size()) {
        const auto d = static_cast<unsigned char>(text[pos]);
        if (is_alnum(d)) {
          token.lower += lower(d);
          ++pos;
          continue;
        }
        // Inner dots and ampersands (`Character.AI`, `AT&T`), digit groups (`200,000`, `6.5`).
        const bool next_alnum = pos + 1 < text.size() && is_alnum(static_cast<unsigned char>(text[pos + 1]));
        if ((d == '.' || d == '&') && next_alnum) {
          token.lower += static_cast<char>(d);
          ++pos;
          continue;
        }
        if (d == ',' && number && pos + 3 < text.size() && is_digit(static_cast<unsigned char>(text[pos + 1])) &&
            is_digit(static_cast<unsigned char>(text[pos + 2])) && is_digit(static_cast<unsigned char>(text[pos + 3]))) {
          token.lower += ',';
          ++pos;
          continue;
        }
        const text::CodePoint cp = text::code_point_at(text, pos);
        if (cp.length > 1 && is_latin_letter(cp.value)) {
          token.lower.append(text.substr(pos, cp.length));
          pos += cp.length;
          continue;
        }
        // An apostrophe inside a word (`won't`), but not a possessive `'s` at its end.
        if (is_apostrophe(cp.value) && pos + cp.length < text.size() &&
            is_alnum(static_cast<unsigned char>(text[pos + cp.length]))) {
          const std::size_t after = pos + cp.length;
          const bool possessive = (text[after] == 's' || text[after] == 'S') &&
                                  (after + 1 >= text.size() || !is_alnum(static_cast<unsigned char>(text[after + 1])));
          if (possessive) break;
          token.lower += '\'';
          pos = after;
          continue;
        }
        break;
      }
      token.span.end = pos;
      tokens.push_back(std::move(token));
      continue;
    }
    const text::CodePoint cp = text::code_point_at(text, pos);
    const std::size_t length = cp.length == 0 ? 1 : cp.length;
    if (is_space_cp(cp.value)) {
      pos += length;
      continue;
    }
    HeadlineToken token;
    token.span = {pos, pos + length};
    token.punct = true;
    if (is_apostrophe(cp.value)) {
      // A possessive: `'s` after a word, or a lone `'` after a plural (`Musks'`).
      const std::size_t after = pos + length;
      const bool glued = !tokens.empty() && !tokens.back().punct && tokens.back().span.end == pos;
      if (glued && after < text.size() && (text[after] == 's' || text[after] == 'S') &&
          (after + 1 >= text.size() || !is_alnum(static_cast<unsigned char>(text[after + 1])))) {
        token.span.end = after + 1;
        token.lower = "'s";
      } else if (glued) {
        token.lower = "'s";
      } else {
        pos += length;
        continue;
      }
    } else if (is_dash(cp.value)) {
      const bool spaced_before = pos == 0 || is_space_cp(static_cast<unsigned char>(text[pos - 1]));
      const bool spaced_after = pos + length >= text.size() || is_space_cp(static_cast<unsigned char>(text[pos + length]));
      token.lower = (spaced_before || spaced_after) ? "--" : "-";
    } else if (cp.value == 0x201C || cp.value == 0x201D || cp.value == '"') {
      pos += length;
      continue;
    } else if (cp.value < 0x80) {
      token.lower = std::string(1, static_cast<char>(cp.value));
    } else {
      pos += length;
      continue;
    }
    pos = token.span.end;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string_view token_text(std::string_view text, const HeadlineToken& token) {
  return text.substr(token.span.begin, token.span.end - token.span.begin);
}

}  // namespace watchdesk::triggers
