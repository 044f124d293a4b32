// The tokens of a headline: words, numbers and the punctuation that carries structure (commas,
// dashes, colons, possessives, parentheses), each with where it lies and how it was capitalised.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/text/words.hpp"

namespace watchdesk::triggers {

/// One token of a headline.
struct HeadlineToken {
  /// Where it lies in the text it was cut from.
  text::Span span;
  /// Lower-case ASCII form: a word (`colossus`, `won't`, `character.ai`), a number (`6.5`, `200,000`),
  /// or one punctuation mark (`,`, `;`, `:`, `?`, `(`, `)`, `$`, `@`, `'s`); any dash becomes `-`
  /// when glued to a word (`Microsoft-Nebius`) and `--` when set off by spaces.
  std::string lower;
  /// A word written with a leading capital (`Meta`, `META`).
  bool capitalised = false;
  /// True for punctuation tokens.
  bool punct = false;
};

/// Cuts `text` into tokens. Typographic quotes and apostrophes count as ASCII ones; Latin letters
/// outside ASCII stay inside a word (`Nestlé`); other characters outside ASCII separate tokens.
std::vector<HeadlineToken> tokenize_headline(std::string_view text);

/// The text a token was cut from (`text.substr(span)`).
std::string_view token_text(std::string_view text, const HeadlineToken& token);

}  // namespace watchdesk::triggers
