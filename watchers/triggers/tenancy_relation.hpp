// The relation between an organisation and a facility in one clause, read from the clause's
// structure: who is the subject, which verb links them, and which preposition governs the object.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_clauses.hpp"

namespace watchdesk::triggers {

/// What an organisation is to a facility.
enum class TenancyRole {
  /// Rents, leases, buys capacity on, trains on or signs for the facility.
  tenant,
  /// Supplies, builds, powers or equips it, or is where the facility's owner rents elsewhere.
  supplier,
  /// Is next to, near or beside it.
  neighbour,
  /// Invests in, backs or guarantees it.
  investor,
};

/// `tenant`, `supplier`, `neighbour` or `investor`.
std::string_view role_name(TenancyRole role);

/// No token.
inline constexpr std::size_t kNoToken = std::numeric_limits<std::size_t>::max();

/// One relation in a clause.
struct TenancyRelation {
  /// The organisation's mention (an index into the clause's mentions).
  std::size_t mention = 0;
  /// The facility's mention: a subject term or an owner (an index into the mentions), or
  /// `kNoToken` when a relative pronoun (`Colossus, which Cohere rents`) stands for it or another
  /// clause names it (`As Colossus fills up, Mistral signs on as a tenant`).
  std::size_t anchor = 0;
  /// The token of the relative pronoun, when `anchor` is `kNoToken`.
  std::size_t pronoun = kNoToken;
  TenancyRole role = TenancyRole::tenant;
  /// The token of the verb or deal noun that links them; `kNoToken` when they are only joined
  /// (`OpenAI-Cerebras deal` takes the noun).
  std::size_t verb = kNoToken;
  /// The tokens the relation spans, `[from, to)`.
  std::size_t from = 0;
  std::size_t to = 0;
};

/// Whether a mention stands for the facility: a subject term, or one of its owners.
bool is_anchor(const EntityMention& mention, const std::vector<TriggerOrganisation>& organisations);

/// The relations of each organisation mention in `clause` (owners are anchors, never
/// organisations), at most one per mention: a tenancy wins over any other role. `mentions` are the
/// clause's, in order. An owner stands for the facility only when the sentence speaks of compute
/// (`capacity`, `cloud`, `GPUs`, `data center`, ...) or names the facility (`owner_context`). A
/// clause without the facility still names a tenant when another clause of the sentence names the
/// facility (`facility_elsewhere`) and the organisation signs on, joins or becomes `a tenant`,
/// `a customer`.
std::vector<TenancyRelation> find_relations(const HeadlineSentence& sentence, const Clause& clause,
                                            const std::vector<EntityMention>& mentions,
                                            const std::vector<TriggerOrganisation>& organisations, bool owner_context,
                                            bool facility_elsewhere);

}  // namespace watchdesk::triggers
