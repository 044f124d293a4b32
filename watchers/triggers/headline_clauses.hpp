// A headline's sentence cut into clauses: the publisher suffix stripped (`… - Bloomberg`),
// kickers (`Exclusive:`), parentheses and dash-enclosed asides dropped, and the sentence split at
// `;`, a lone dash and the conjunctions that start a second clause (`as`, `while`, `but`, `after`).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "watchers/triggers/headline_tokens.hpp"

namespace watchdesk::triggers {

/// `text` without a trailing publisher: ` - NAME`, ` | NAME`, ` — NAME` or, as Google News puts it in
/// summaries, whitespace then NAME, where NAME is `publisher` (any case). Without a publisher, a
/// trailing ` - NAME` of at most five capitalised words and no verb is taken for one.
std::string_view strip_publisher(std::string_view text, std::string_view publisher);

/// A clause: tokens `[begin, end)` of `HeadlineSentence::tokens`.
struct Clause {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// One sentence, tokenised, with the asides removed and its clauses.
struct HeadlineSentence {
  /// The sentence as written (what alerts quote).
  std::string_view text;
  /// Its tokens, spans relative to `text`, without kickers, parentheses and asides.
  std::vector<HeadlineToken> tokens;
  std::vector<Clause> clauses;
  /// It ends with `?` and is not a `why`/`how`/`what` question, which take their fact as given.
  bool question = false;
  /// Most of its longer words are capitalised.
  bool title_case = false;
  /// It speaks of compute (`capacity`, `cloud`, `GPUs`, `data center`), asides included.
  bool speaks_of_compute = false;
};

/// Cuts one sentence into clauses.
HeadlineSentence split_clauses(std::string_view sentence);

}  // namespace watchdesk::triggers
