// Organisation-name matching, sentence splitting and tokenising of UTF-8 text.
#include "watchers/triggers/text_match.hpp"

#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace watchdesk::triggers {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }


// Words after which a full stop does not end a sentence (lower case, without the stop).
constexpr std::array<std::string_view, 38> kAbbreviations = {
    "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr",
    "no", "u.s", "u.k", "e.g", "i.e", "etc", "approx", "est", "dept", "gov", "sen", "rep", "gen",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "fig"};

bool is_abbreviation(std::string_view word) {
  if (std::any_of(kAbbreviations.begin(), kAbbreviations.end(),
                  [&](std::string_view abbreviation) { return text::iequals(word, abbreviation); })) {
    return true;
  }
  // Initials: a single capital (`J. P. Morgan`) or letters between dots (`J.P`, `U.A.E`).
  if (word.empty()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    const bool letter_place = i % 2 == 0;
    if (letter_place && !is_ascii_upper(c) && !(c >= 'a' && c <= 'z')) return false;
    if (!letter_place && c != '.') return false;
  }
  return word.size() == 1 ? is_ascii_upper(static_cast<unsigned char>(word[0])) : true;
}

// The word (letters, digits and dots) that ends at `pos`.
std::string_view word_ending_at(std::string_view text, std::size_t pos) {
  std::size_t start = pos;
  while (start > 0) {
    const auto c = static_cast<unsigned char>(text[start - 1]);
    if (!is_ascii_alnum(c) && c != '.') break;
    --start;
  }
  return text.substr(start, pos - start);
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// True when the text after a `.`, `!` or `?` at `pos` starts a new sentence.
bool starts_sentence_after(std::string_view text, std::size_t pos) {
  std::size_t next = pos + 1;
  // Closing quotes and brackets stay with the sentence they end.
  while (next < text.size() && (text[next] == '"' || text[next] == '\'' || text[next] == ')')) ++next;
  if (next >= text.size()) return true;
  if (!is_space(static_cast<unsigned char>(text[next]))) {
    // A typographic closing quote (U+201D, U+2019) followed by a space.
    const text::CodePoint quote = text::code_point_at(text, next);
    if ((quote.value != 0x201D && quote.value != 0x2019) || next + quote.length >= text.size() ||
        !is_space(static_cast<unsigned char>(text[next + quote.length]))) {
      return false;
    }
    next += quote.length;
  }
  while (next < text.size() && is_space(static_cast<unsigned char>(text[next]))) ++next;
  if (next >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[next]);
  return is_ascii_upper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' ||
         c >= 0x80;
}

}  // namespace

bool equal_as_written_or_upper(std::string_view candidate, std::string_view word) {
  if (candidate == word) return true;
  if (candidate.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    const char up = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (candidate[i] != up) return false;
  }
  return true;
}

std::vector<text::Span> find_whole_word(std::string_view text, std::string_view word, CaseMatch match) {
  if (match == CaseMatch::any) return text::find_words(text, word);
  std::vector<text::Span> found;
  if (word.empty() || word.size() > text.size()) return found;
  for (std::size_t pos = 0; pos + word.size() <= text.size(); ++pos) {
    const text::Span span{pos, pos + word.size()};
    if (equal_as_written_or_upper(text.substr(pos, word.size()), word) && text::is_whole_word(text, span))
      found.push_back(span);
  }
  return found;
}

std::vector<std::string_view> split_sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  auto cut = [&](std::size_t end, std::size_t resume) {
    const std::string_view sentence = text::trim(text.substr(start, end - start));
    if (!sentence.empty()) sentences.push_back(sentence);
    start = resume;
  };
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '\n' || c == ';') {
      cut(pos, pos + 1);
    } else if (c == '|' && pos > 0 && pos + 1 < text.size() && text[pos - 1] == ' ' &&
               text[pos + 1] == ' ') {
      cut(pos, pos + 1);
    } else if (c == '!' || c == '?') {
      if (starts_sentence_after(text, pos)) cut(pos + 1, pos + 1);
    } else if (c == '.') {
      if (!starts_sentence_after(text, pos)) continue;
      if (is_abbreviation(word_ending_at(text, pos))) continue;
      cut(pos + 1, pos + 1);
    }
  }
  cut(text.size(), text.size());
  return sentences;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (!is_ascii_alnum(c)) {
      pos += text::code_point_at(text, pos).length;
      continue;
    }
    Token token;
    token.span.begin = pos;
    while (pos < text.size()) {
      const auto d = static_cast<unsigned char>(text[pos]);
      if (is_ascii_alnum(d)) {
        token.word += (d >= 'A' && d <= 'Z') ? static_cast<char>(d - 'A' + 'a') : static_cast<char>(d);
        ++pos;
        continue;
      }
      // An apostrophe between letters stays in the word (`won't`, `meta's`).
      const text::CodePoint apostrophe = text::code_point_at(text, pos);
      if ((apostrophe.value == '\'' || apostrophe.value == 0x2019) && pos + apostrophe.length < text.size() &&
          is_ascii_alnum(static_cast<unsigned char>(text[pos + apostrophe.length]))) {
        token.word += '\'';
        pos += apostrophe.length;
        continue;
      }
      break;
    }
    token.span.end = pos;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace watchdesk::triggers
