// Tenant detection: the organisations a headline names as renting, leasing, buying capacity on,
// training on or signing for a facility, read from each clause's structure, with the modality of
// what it says (fact, plan, hedge, denial) and the role it gives them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/modality.hpp"
#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenancy_relation.hpp"

namespace watchdesk::triggers {

/// One organisation in a relation with the facility, and the sentence that says so.
struct TenantMention {
  /// Index into the organisation list the detector was built with; none for a capitalised name
  /// the list lacks.
  std::optional<std::size_t> organisation;
  /// The canonical name (`Google` for `DeepMind`), or the unlisted name as written.
  std::string name;
  Standing standing = Standing::candidate;
  TenancyRole role = TenancyRole::tenant;
  Modality modality = Modality::fact;
  /// The word that links them as written (`rents`, `signs`, `deal`), empty when none does.
  std::string verb;
  /// The facility term or owner as written (`Colossus`, `xAI`).
  std::string facility;
  std::string sentence;

  /// The relation in words: `Meta -[rents]-> Colossus`, `Meta -[deal]-> Colossus` when only a
  /// deal noun or a joined name (`Meta-Colossus deal`) links them.
  std::string relation() const;
  /// True when it may raise an alert: a new tenant stated as a fact or a plan.
  bool alerts() const;
};

/// Finds relations between organisations and one facility. Built once per trigger (or per
/// benchmark facility) and then pure.
class TenantDetector {
 public:
  TenantDetector(std::vector<TriggerOrganisation> organisations, std::vector<std::string> subject);

  /// Every relation `text` states, one per organisation and sentence, in order; `publisher` (the
  /// feed's `<source>`) is stripped from the end of the text first. Per organisation and sentence,
  /// a tenancy wins over other roles, and a denial or hedge over a plain statement.
  std::vector<TenantMention> find(std::string_view text, std::string_view publisher = {}) const;

  /// The organisations it was built with (`TenantMention::organisation` indexes them).
  const std::vector<TriggerOrganisation>& organisations() const { return matcher_.organisations(); }

 private:
  EntityMatcher matcher_;
};

/// The tenancies (`role` tenant, any modality) `text` states about the `subject` terms.
std::vector<TenantMention> find_tenants(std::string_view text, const std::vector<std::string>& subject,
                                        const std::vector<TriggerOrganisation>& organisations,
                                        std::string_view publisher = {});

}  // namespace watchdesk::triggers
