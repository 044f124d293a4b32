// Definite descriptions within one headline sentence (`the company`, `the firm`) read as the
// organisation or facility they stand for.
#pragma once

#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_clauses.hpp"

namespace watchdesk::triggers {

/// Adds to `per_clause` a facility mention for every `the system`, `the supercluster`, `these TPU
/// chips` or `those GPUs` in a sentence that names the facility elsewhere: the machine it speaks of.
/// A description overlapping a mention (`these Colossus GPUs`) adds nothing.
void resolve_facility_descriptions(const HeadlineSentence& sentence,
                                   std::vector<std::vector<EntityMention>>& per_clause);

/// Adds to `per_clause` (each clause's mentions of `sentence`, in order) a mention for every
/// `the company`, `the firm`, `the startup` or `the tech giant` that stands for a listed organisation or the
/// facility named earlier in the sentence as a subject: the nearest such mention before it that
/// no preposition governs and that does not only report (`Bloomberg reported the company ...`).
/// An apposition (`OpenAI, the company behind ChatGPT`) adds nothing. Calls
/// `resolve_facility_descriptions` first.
void resolve_descriptions(const HeadlineSentence& sentence, std::vector<std::vector<EntityMention>>& per_clause);

}  // namespace watchdesk::triggers
