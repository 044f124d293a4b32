// Constructions that state a tenancy, or rule one out, by their shape rather than by a verb: a
// role said with a copula, a facility described with its customer, a deal signed by both parties,
// a venture formed, a product made available.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_clauses.hpp"

namespace watchdesk::triggers {

/// One clause with its mentions and which of them stand for the facility.
struct ClauseView {
  const std::vector<HeadlineToken>& tokens;
  const Clause& clause;
  const std::vector<EntityMention>& mentions;
  /// For each mention, whether it stands for the facility (a subject term or an owner).
  const std::vector<bool>& anchors;
};

/// A tenancy a construction states: the tokens that say it and the facility's mention (or
/// `std::nullopt` when another clause or a description names it).
struct StatedTenancy {
  std::optional<std::size_t> anchor;
  std::size_t cue = 0;
  std::size_t from = 0;
  std::size_t to = 0;
};

/// Whether `w` is one of `words`.
bool is_one_of(std::string_view w, std::initializer_list<std::string_view> words);

/// The index of the mention covering token `k`, or -1.
int clause_mention_at(const ClauseView& view, std::size_t k);

/// `CoreWeave's largest customer is Meta`, `its newest tenant: Cohere` (the customer after the role
/// noun), and `OpenAI's latest computing supplier is Google` (the customer before a supplier of
/// compute). With no facility mention in the clause the possessive must be `its` or a description
/// and `facility_elsewhere` true.
std::optional<StatedTenancy> copular_role(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `Amazon's new Mississippi cluster for Anthropic`, `Project Rainier for Anthropic`: a facility
/// of the owner or the facility itself, described by a compute noun, built or run `for` the
/// organisation.
std::optional<StatedTenancy> facility_for(const ClauseView& view, std::size_t mention);

/// `the AI cloud contract signed by IREN and NVIDIA`: both parties after a deal noun and a
/// participle of signing.
std::optional<StatedTenancy> signed_by(const ClauseView& view, std::size_t mention);

/// `OpenAI's reported $300 billion contract with Oracle`: the organisation's own deal with an
/// anchor, the possessor being whoever signed it; a supply deal (`its chip-supply contract`) is
/// not one.
std::optional<StatedTenancy> possessive_deal(const ClauseView& view, std::size_t mention);

/// `Zoom's choice of Oracle as a cloud vendor`, `Airbus's reservation of 2,000 TPUs`, `Uber's use
/// of Google Cloud`: the organisation's own choice, use or reservation of the facility, a noun of
/// taking between its possessive and `of` (or `to` for a move).
std::optional<StatedTenancy> possessive_choice(const ClauseView& view, std::size_t mention);

/// `By securing Anthropic as a long-term cloud customer, Microsoft ...`: the organisation named
/// `as` a customer or tenant in a clause whose facility an anchor or another clause names.
std::optional<StatedTenancy> named_as_customer(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `provides Microsoft access to Nebius' GPU clusters`: access given to the organisation, the
/// facility named right after.
std::optional<StatedTenancy> access_given(const ClauseView& view, std::size_t mention);

/// The organisation's own workload is what moves onto the facility (`serving its models from
/// Oracle Cloud`, `funnels robot-training jobs into Lambda's cluster`, `racks running OpenAI
/// training`): it is the tenant whatever the verb, unless hardware moves with it.
bool moves_own_workload(const ClauseView& view, std::size_t mention, std::size_t anchor);

/// The organisation is a partner in a venture formed with the facility's owner (`will create a new
/// TPU cloud through a joint venture with Google`, `are forming a joint cloud venture`, `a
/// partnership between OpenAI, Oracle, SoftBank and MGX`), not its tenant.
bool venture_partner(const ClauseView& view, std::size_t mention);

/// The mention is a product made available on the facility (`Claude is now accessible through
/// AWS`, `expand Claude model availability across Azure`): distribution, not renting.
bool product_made_available(const ClauseView& view, std::size_t mention);

}  // namespace watchdesk::triggers
