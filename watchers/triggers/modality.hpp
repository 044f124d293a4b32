// The modality of a relation found in a headline: a fact, a plan, a hedge (question, talks,
// `could`, `considers`) or a denial (`denies`, `won't`, talks that collapse).
#pragma once

#include <cstddef>
#include <string_view>

#include "watchers/triggers/headline_clauses.hpp"

namespace watchdesk::triggers {

/// How a sentence holds a relation.
enum class Modality {
  /// It happened (`X rents Colossus`, `X signed with Colossus`).
  fact,
  /// It is to happen (`X to rent Colossus`, `X will lease`, `X plans to`).
  plan,
  /// It might (`could`, `considers`, `weighs`, `in talks`, `unlikely`, a yes/no question).
  hedge,
  /// It is denied or undone (`denies`, `won't`, `scraps`, talks `collapse` or `end`).
  denial,
};

/// `fact`, `plan`, `hedge` or `denial`.
std::string_view modality_name(Modality modality);

/// The modality of a relation whose words lie in tokens `[from, to)` of `clause`, with its verb at
/// `verb` (or `to` when it has none). Denials count anywhere in the relation or, for deals undone
/// (`talks end`, `calls off`, `falls through`), anywhere in the clause; hedges count in the relation,
/// just before it or just after it, and for questions; a plan is a `will`, `plans`, `set to` or an
/// infinitive headline verb (`X to rent`).
Modality classify_modality(const HeadlineSentence& sentence, const Clause& clause, std::size_t from, std::size_t to,
                           std::size_t verb);

}  // namespace watchdesk::triggers
