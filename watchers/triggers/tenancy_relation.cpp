// Subject, verb and governed object between an organisation and a facility in one clause.
#include "watchers/triggers/tenancy_relation.hpp"

#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers {

std::string_view role_name(TenancyRole role) {
  switch (role) {
    case TenancyRole::tenant:
      return "tenant";
    case TenancyRole::supplier:
      return "supplier";
    case TenancyRole::neighbour:
      return "neighbour";
    case TenancyRole::investor:
      return "investor";
  }
  return "tenant";
}

bool is_anchor(const EntityMention& mention, const std::vector<TriggerOrganisation>& organisations) {
  if (mention.kind == EntityKind::facility) return true;
  return mention.kind == EntityKind::organisation && organisations[mention.organisation].standing == Standing::owner;
}

std::vector<TenancyRelation> find_relations(const HeadlineSentence& sentence, const Clause& clause,
                                            const std::vector<EntityMention>& mentions,
                                            const std::vector<TriggerOrganisation>& organisations, bool owner_context,
                                            bool facility_elsewhere) {
  return clause_reading::ClauseReader(sentence, clause, mentions, organisations, owner_context, facility_elsewhere).relations();
}

}  // namespace watchdesk::triggers
