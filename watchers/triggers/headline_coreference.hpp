// Definite descriptions within one headline sentence (`the company`, `the firm`) read as the
// organisation or facility they stand for.
#pragma once

#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_clauses.hpp"

namespace watchdesk::triggers {

/// Adds to `per_clause` (each clause's mentions of `sentence`, in order) a mention for every
/// `the company`, `the firm` or `the startup` that stands for a listed organisation or the
/// facility named earlier in the sentence as a subject: the nearest such mention before it that
/// no preposition governs and that does not only report (`Bloomberg reported the company ...`).
/// An apposition (`OpenAI, the company behind ChatGPT`) adds nothing.
void resolve_descriptions(const HeadlineSentence& sentence, std::vector<std::vector<EntityMention>>& per_clause);

}  // namespace watchdesk::triggers
