// Text matching for triggers: organisation names as written, sentences and tokens of headlines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text/words.hpp"

namespace watchdesk::triggers {

/// How letters are compared when looking for a word.
enum class CaseMatch {
  /// Any case, as `text::contains_word` compares: `colossus`, `Colossus` and `COLOSSUS` all match
  /// `Colossus`.
  any,
  /// As written or in capitals: `Meta` matches `Meta` and `META`, never `meta`.
  as_written_or_upper,
};

/// True when `candidate` is `word` as written or in capitals (`Meta`, `META`; never `meta`).
bool equal_as_written_or_upper(std::string_view candidate, std::string_view word);

/// Every occurrence of `word` (which may hold spaces and punctuation, such as `Character.AI`) in
/// `text` that stands as a whole word (`text::is_whole_word`: not glued to a letter or digit, ASCII
/// or not; typographic quotes, dashes and no-break spaces separate words).
std::vector<text::Span> find_whole_word(std::string_view text, std::string_view word, CaseMatch match);

/// Splits text into sentences: at `.`, `!` or `?` followed by a space and a capital, digit or
/// quote (not after abbreviations such as `Inc.` or `U.S.`, nor inside `Character.AI` or `1.5`),
/// at `;`, at ` | ` and at line breaks. Sentences are trimmed; empty ones are dropped.
std::vector<std::string_view> split_sentences(std::string_view text);

/// A word of a sentence: lower-cased ASCII letters and digits with inner apostrophes (`won't`,
/// `meta's`; the typographic apostrophe becomes `'`), and where it lies in the sentence.
struct Token {
  std::string word;
  text::Span span;
};

/// The words of `text`, in order.
std::vector<Token> tokenize(std::string_view text);

}  // namespace watchdesk::triggers
