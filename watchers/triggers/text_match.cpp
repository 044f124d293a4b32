// Whole-word matching, sentence splitting and tokenising of UTF-8 text.
#include "watchers/triggers/text_match.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace watchdesk::triggers {
namespace {

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// Decodes the UTF-8 code point starting at `pos`; returns it and its length (1 for a stray byte).
std::pair<std::uint32_t, std::size_t> decode_at(std::string_view text, std::size_t pos) {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) return {c, 1};
  std::size_t length = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    cp = c & 0x07;
  } else {
    return {c, 1};
  }
  if (pos + length > text.size()) return {c, 1};
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) return {c, 1};
    cp = (cp << 6) | (next & 0x3F);
  }
  return {cp, length};
}

// The start of the code point that ends just before `pos`.
std::size_t previous_start(std::string_view text, std::size_t pos) {
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return start;
}

// Non-ASCII code points that separate words like punctuation does.
bool is_separator_code_point(std::uint32_t cp) {
  return cp == 0x00A0 || cp == 0x00AB || cp == 0x00BB || (cp >= 0x2000 && cp <= 0x206F) ||
         cp == 0x3000 || (cp >= 0x3001 && cp <= 0x3003) || cp == 0xFEFF;
}

bool is_word_code_point(std::uint32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<unsigned char>(cp));
  return !is_separator_code_point(cp);
}

bool word_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  return is_word_code_point(decode_at(text, previous_start(text, pos)).first);
}

bool word_after(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  return is_word_code_point(decode_at(text, pos).first);
}

bool equal_any_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool equal_as_written_or_upper(std::string_view candidate, std::string_view word) {
  if (candidate == word) return true;
  if (candidate.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (candidate[i] != upper(word[i])) return false;
  }
  return true;
}

// Words after which a full stop does not end a sentence (lower case, without the stop).
constexpr std::array<std::string_view, 38> kAbbreviations = {
    "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "st", "vs", "jr", "sr",
    "no", "u.s", "u.k", "e.g", "i.e", "etc", "approx", "est", "dept", "gov", "sen", "rep", "gen",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "fig"};

bool is_abbreviation(std::string_view word) {
  const std::string lowered = to_lower_ascii(word);
  if (std::find(kAbbreviations.begin(), kAbbreviations.end(), lowered) != kAbbreviations.end()) {
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

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_space(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && is_space(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

// True when the text after a `.`, `!` or `?` at `pos` starts a new sentence.
bool starts_sentence_after(std::string_view text, std::size_t pos) {
  std::size_t next = pos + 1;
  // Closing quotes and brackets stay with the sentence they end.
  while (next < text.size() && (text[next] == '"' || text[next] == '\'' || text[next] == ')')) ++next;
  if (next >= text.size()) return true;
  if (!is_space(static_cast<unsigned char>(text[next]))) {
    // A typographic closing quote (U+201D, U+2019) followed by a space.
    const auto [cp, length] = decode_at(text, next);
    if ((cp != 0x201D && cp != 0x2019) || next + length >= text.size() ||
        !is_space(static_cast<unsigned char>(text[next + length]))) {
      return false;
    }
    next += length;
  }
  while (next < text.size() && is_space(static_cast<unsigned char>(text[next]))) ++next;
  if (next >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[next]);
  return is_ascii_upper(c) || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' ||
         c >= 0x80;
}

}  // namespace

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = upper(c);
  return out;
}

std::vector<Span> find_whole_word(std::string_view text, std::string_view word, CaseMatch match) {
  std::vector<Span> found;
  if (word.empty() || word.size() > text.size()) return found;
  for (std::size_t pos = 0; pos + word.size() <= text.size(); ++pos) {
    const std::string_view candidate = text.substr(pos, word.size());
    const bool equal = match == CaseMatch::any ? equal_any_case(candidate, word)
                                               : equal_as_written_or_upper(candidate, word);
    if (!equal) continue;
    // A word that starts or ends with punctuation carries its own boundary on that side.
    const bool open_start = !is_ascii_alnum(static_cast<unsigned char>(word.front()));
    const bool open_end = !is_ascii_alnum(static_cast<unsigned char>(word.back()));
    if (!open_start && word_before(text, pos)) continue;
    if (!open_end && word_after(text, pos + word.size())) continue;
    found.push_back({pos, pos + word.size()});
  }
  return found;
}

bool contains_whole_word(std::string_view text, std::string_view word, CaseMatch match) {
  return !find_whole_word(text, word, match).empty();
}

bool contains_any_word(std::string_view text, const std::vector<std::string>& words) {
  return std::any_of(words.begin(), words.end(), [&](const std::string& word) {
    return contains_whole_word(text, word, CaseMatch::any);
  });
}

std::vector<std::string_view> split_sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  std::size_t start = 0;
  auto cut = [&](std::size_t end, std::size_t resume) {
    const std::string_view sentence = trim(text.substr(start, end - start));
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
      pos += decode_at(text, pos).second;
      continue;
    }
    Token token;
    token.span.begin = pos;
    while (pos < text.size()) {
      const auto d = static_cast<unsigned char>(text[pos]);
      if (is_ascii_alnum(d)) {
        token.word += lower(static_cast<char>(d));
        ++pos;
        continue;
      }
      // An apostrophe between letters stays in the word (`won't`, `meta's`).
      const auto [cp, length] = decode_at(text, pos);
      if ((cp == '\'' || cp == 0x2019) && pos + length < text.size() &&
          is_ascii_alnum(static_cast<unsigned char>(text[pos + length]))) {
        token.word += '\'';
        pos += length;
        continue;
      }
      break;
    }
    token.span.end = pos;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

std::string strip_markup(std::string_view text) {
  struct Entity {
    std::string_view name;
    std::string_view text;
  };
  static constexpr std::array<Entity, 8> kEntities = {{{"&amp;", "&"},
                                                       {"&quot;", "\""},
                                                       {"&#39;", "'"},
                                                       {"&apos;", "'"},
                                                       {"&lt;", "<"},
                                                       {"&gt;", ">"},
                                                       {"&nbsp;", " "},
                                                       {"&#8217;", "\xE2\x80\x99"}}};
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    const bool tag_start =
        c == '<' && pos + 1 < text.size() &&
        (text[pos + 1] == '/' || text[pos + 1] == '!' ||
         is_ascii_alnum(static_cast<unsigned char>(text[pos + 1])));
    if (tag_start) {
      const std::size_t close = text.find('>', pos);
      if (close != std::string_view::npos) {
        out += ' ';
        pos = close + 1;
        continue;
      }
    } else if (c == '&') {
      bool replaced = false;
      for (const auto& entity : kEntities) {
        if (text.substr(pos, entity.name.size()) == entity.name) {
          out += entity.text;
          pos += entity.name.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out += c;
    ++pos;
  }
  return out;
}

}  // namespace watchdesk::triggers
