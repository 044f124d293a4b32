// The words the tenancy detector reads: verb classes (take, give, deal, supply, invest), the nouns
// of deals, roles and compute, prepositions, and the cues of comparison, reporting and modality.
#pragma once

#include <cstdint>
#include <string_view>

namespace watchdesk::triggers {

/// What a word can be; one word may be several (`lease` takes and gives, `deal` is a noun).
enum WordClass : std::uint32_t {
  /// The agent takes capacity from the object: rent, lease, buy, use, tap, secure, train (on), sign.
  kTake = 1u << 0,
  /// The agent gives capacity to the object: lease (to), sell, provide, host, land, add, serve.
  kGive = 1u << 1,
  /// Either side of a deal: sign, ink, strike, agree, forge, expand, enter, announce.
  kDealVerb = 1u << 2,
  /// The agent supplies or builds the object: supply, build, power, cool, equip, ship, install.
  kSupply = 1u << 3,
  /// Money or guarantees without capacity: invest, back, backstop, fund, stake, shareholder.
  kInvest = 1u << 4,
  /// A deal: deal, agreement, contract, pact, partnership, lease, order, commitment.
  kDealNoun = 1u << 5,
  /// A tenant's role: tenant, customer, client, lessee, renter, user.
  kRoleNoun = 1u << 6,
  /// What is rented: capacity, compute, GPUs, chips, cloud, servers, data center, cluster.
  kCompute = 1u << 7,
  /// A preposition that links a verb to its object (`on`, `at`, `from`, `with`, `to`, `for`).
  kPrep = 1u << 8,
  /// A preposition of place that makes a neighbour (`near`, `beside`, `next` (to), `adjacent`).
  kNear = 1u << 9,
  /// A comparison (`rivals`, `than`, `unlike`, `outpaces`, `bigger`).
  kCompare = 1u << 10,
  /// A reporting verb (`reports`, `says`, `told`, `according`).
  kReport = 1u << 11,
  /// A hedge (`could`, `considers`, `weighs`, `talks`, `unlikely`, `eyes`).
  kHedge = 1u << 12,
  /// A plan (`will`, `plans`, `set`, `expected`, `to`).
  kPlan = 1u << 13,
  /// A negation (`not`, `won't`, `never`, `without`).
  kNegation = 1u << 14,
  /// A denial or a deal undone (`denies`, `rejects`, `scraps`, `collapse`, `ends`, `off`, `abandons`).
  kDenial = 1u << 15,
  /// Words that only ever modify a noun phrase and never end one (`a`, `the`, `its`, `billion`).
  kModifier = 1u << 16,
  /// A relative pronoun (`which`, `that`, `whose`).
  kRelative = 1u << 17,
  /// A word that, after `as`, `while` or `but`, still belongs to the same clause (`a`, `first`).
  kAsComplement = 1u << 18,
  /// A common word that is never a company name even when capitalised (`Deal`, `Billion`, `Why`).
  kCommon = 1u << 19,
  /// A preposition that marks a comparison (`like`, `unlike`, `than`, `versus`).
  kCompareWith = 1u << 20,
};

/// The classes of a lower-case word (0 for none).
std::uint32_t word_classes(std::string_view lower);

/// True for verbs of any relation class (take, give, deal, supply, invest).
inline bool is_relation_verb(std::uint32_t classes) {
  return (classes & (kTake | kGive | kDealVerb | kSupply | kInvest)) != 0;
}

}  // namespace watchdesk::triggers
