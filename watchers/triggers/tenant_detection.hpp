// Finding organisations that a sentence says rent, lease, sign for, buy capacity on, or are a
// customer or tenant of a subject (`Colossus`), while ignoring comparisons and denials.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "watchers/triggers/organisations.hpp"

namespace watchdesk::triggers {

/// One organisation named as a tenant, with the sentence that says so.
struct TenantMention {
  /// Index into the organisation list given to `find_tenants`.
  std::size_t organisation = 0;
  std::string sentence;
};

/// The organisations `text` names as tenants of any `subject` term, each once, in order of first
/// mention. Owners are never returned (they are the landlord). Rules, per sentence:
/// - the sentence names a subject term (whole word, any case) and the organisation (whole word, as
///   written or in capitals);
/// - it holds a tenancy cue: rent, lease, sign, contract (any form), customer, client, tenant,
///   lessee, renter, or buy / purchase / book / reserve within four words of capacity, compute,
///   GPUs, time or hours;
/// - the organisation is the one nearest that cue (owners aside), or listed with it (`OpenAI and
///   Meta signed ...`);
/// - no comparison word (`rivals`, `than`, `unlike`, `versus`, `outpaces`, ...) and no denial
///   (`not`, `denies`, `won't`, ...) lies between the organisation, the subject term and the cue,
///   and the word just before the organisation is not a comparison word (`like Meta`).
std::vector<TenantMention> find_tenants(std::string_view text,
                                        const std::vector<std::string>& subject,
                                        const std::vector<TriggerOrganisation>& organisations);

}  // namespace watchdesk::triggers
