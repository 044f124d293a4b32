// Whole-word matching that ignores case, over UTF-8 text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::text {

/// `text` in lower case: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic capitals are folded;
/// every other byte is kept. The result has the same length in bytes as `text`.
std::string fold_case(std::string_view text);

/// `fold_case` into `out` (replacing what it held), reusing its storage across many texts.
void fold_case_into(std::string& out, std::string_view text);

/// True for code points that make up words: ASCII letters and digits and non-ASCII characters
/// outside the punctuation, symbol and space blocks.
bool is_word_code_point(char32_t cp);

/// True when `word` (one word or a phrase such as `second tenant`) occurs in `text` as whole words,
/// ignoring case as `fold_case` does. Whole means the match is not glued to a letter or digit: when
/// `word` starts with a letter or digit, the character before the match is not one, and likewise
/// after the end (`is_word_code_point`); so `GPU` matches `GPU-rich`, `(GPU)` and `GPU’s` but not
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

}  // namespace watchdesk::text
