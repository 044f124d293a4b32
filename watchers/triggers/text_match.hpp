// Text matching for triggers: whole words, sentences and tokens over UTF-8 headlines and summaries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::triggers {

/// How letters are compared when looking for a word.
enum class CaseMatch {
  /// Any case: `colossus`, `Colossus` and `COLOSSUS` all match `Colossus`.
  any,
  /// As written or in capitals: `Meta` matches `Meta` and `META`, never `meta`.
  as_written_or_upper,
};

/// A byte range `[begin, end)` within a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// ASCII lower-casing; other bytes are kept.
std::string to_lower_ascii(std::string_view text);

/// ASCII upper-casing; other bytes are kept.
std::string to_upper_ascii(std::string_view text);

/// Every occurrence of `word` (which may hold spaces and punctuation, such as `Character.AI`) in
/// `text` that stands as a whole word: not preceded or followed by a letter or digit (ASCII or
/// not; typographic quotes, dashes and no-break spaces count as separators).
std::vector<Span> find_whole_word(std::string_view text, std::string_view word, CaseMatch match);

/// True when `word` occurs in `text` as a whole word.
bool contains_whole_word(std::string_view text, std::string_view word, CaseMatch match);

/// True when any of `words` occurs in `text` as a whole word (any case); false when `words` is empty.
bool contains_any_word(std::string_view text, const std::vector<std::string>& words);

/// Splits text into sentences: at `.`, `!` or `?` followed by a space and a capital, digit or
/// quote (not after abbreviations such as `Inc.` or `U.S.`, nor inside `Character.AI` or `1.5`),
/// at `;`, at ` | ` and at line breaks. Sentences are trimmed; empty ones are dropped.
std::vector<std::string_view> split_sentences(std::string_view text);

/// A word of a sentence: lower-cased ASCII letters and digits with inner apostrophes (`won't`,
/// `meta's`; the typographic apostrophe becomes `'`), and where it lies in the sentence.
struct Token {
  std::string word;
  Span span;
};

/// The words of `text`, in order.
std::vector<Token> tokenize(std::string_view text);

/// Removes HTML tags (`<b>`, `</p>`) and decodes the common entities (`&amp;`, `&quot;`, `&#39;`,
/// `&lt;`, `&gt;`, `&nbsp;`), so summaries that still carry markup read as plain text.
std::string strip_markup(std::string_view text);

}  // namespace watchdesk::triggers
