// Tenant detection: sentences, clauses, entities, relations and modality, put together.
#include "watchers/triggers/tenant_detection.hpp"

#include <algorithm>

#include "core/text/words.hpp"
#include "watchers/triggers/headline_clauses.hpp"
#include "watchers/triggers/headline_coreference.hpp"
#include "watchers/triggers/text_match.hpp"

namespace watchdesk::triggers {
namespace {

int modality_weight(Modality m) {
  switch (m) {
    case Modality::denial:
      return 3;
    case Modality::hedge:
      return 2;
    case Modality::plan:
      return 1;
    case Modality::fact:
      return 0;
  }
  return 0;
}

std::string span_text(const HeadlineSentence& s, std::size_t first, std::size_t last) {
  if (first >= last) return {};
  const std::size_t begin = s.tokens[first].span.begin;
  const std::size_t end = s.tokens[last - 1].span.end;
  return std::string(s.text.substr(begin, end - begin));
}

// Names `t` after the mention `m`: a listed organisation by its canonical name and standing, any
// other by its words.
void name_after(TenantMention& t, const HeadlineSentence& s, const EntityMention& m,
                const std::vector<TriggerOrganisation>& orgs) {
  if (m.kind == EntityKind::organisation) {
    t.organisation = m.organisation;
    t.name = orgs[m.organisation].organisation.name;
    t.standing = orgs[m.organisation].standing;
  } else {
    t.organisation.reset();
    t.name = span_text(s, m.first, m.last);
    t.standing = Standing::candidate;
  }
}

// `..., and so does Harvey`: the mention repeats the relation stated before it in its sentence.
bool repeats_relation(const HeadlineSentence& s, const EntityMention& m) {
  if (m.first < 2 || m.kind == EntityKind::facility) return false;
  const std::string& aux = s.tokens[m.first - 1].lower;
  return s.tokens[m.first - 2].lower == "so" && (aux == "does" || aux == "do" || aux == "did");
}

}  // namespace

std::string TenantMention::relation() const {
  return name + " -[" + (verb.empty() ? std::string("deal") : verb) + "]-> " + facility;
}

bool TenantMention::alerts() const {
  return role == TenancyRole::tenant && standing == Standing::candidate &&
         (modality == Modality::fact || modality == Modality::plan);
}

TenantDetector::TenantDetector(std::vector<TriggerOrganisation> organisations, std::vector<std::string> subject)
    : matcher_(organisations, subject) {}

std::vector<TenantMention> TenantDetector::find(std::string_view text, std::string_view publisher) const {
  std::vector<TenantMention> found;
  // The clause each entry of `found` comes from, within its sentence.
  std::vector<std::size_t> clause_of;
  const auto& orgs = matcher_.organisations();
  const std::string_view body = strip_publisher(text, publisher);
  // The facility the previous sentence named (`Colossus fills up; Cohere becomes its tenant`).
  std::string named_before;
  for (const std::string_view raw : split_sentences(body)) {
    const HeadlineSentence sentence = split_clauses(raw);
    std::vector<std::vector<EntityMention>> per_clause;
    bool names_facility = false;
    std::string facility_named;
    for (const Clause& clause : sentence.clauses) {
      per_clause.push_back(matcher_.find(sentence.text, sentence.tokens, clause.begin, clause.end, sentence.title_case));
      for (const auto& m : per_clause.back()) {
        if (m.kind == EntityKind::facility && !names_facility) facility_named = span_text(sentence, m.first, m.last);
        names_facility = names_facility || m.kind == EntityKind::facility;
      }
    }
    resolve_descriptions(sentence, per_clause);
    const bool facility_elsewhere = names_facility || !named_before.empty();
    if (!names_facility) facility_named = named_before;
    named_before = names_facility ? facility_named : std::string();
    const bool owner_context = names_facility || sentence.speaks_of_compute;
    const std::size_t first_of_sentence = found.size();
    for (std::size_t c = 0; c < sentence.clauses.size(); ++c) {
      const Clause& clause = sentence.clauses[c];
      const auto& mentions = per_clause[c];
      for (const TenancyRelation& r : find_relations(sentence, clause, mentions, orgs, owner_context, facility_elsewhere)) {
        const EntityMention& m = mentions[r.mention];
        TenantMention t;
        name_after(t, sentence, m, orgs);
        t.role = r.role;
        const std::size_t verb = r.verb == kNoToken ? r.to : r.verb;
        t.modality = classify_modality(sentence, clause, r.from, std::max(r.to, m.last), verb);
        if (r.verb != kNoToken) t.verb = std::string(token_text(sentence.text, sentence.tokens[r.verb]));
        if (r.anchor != kNoToken) {
          t.facility = span_text(sentence, mentions[r.anchor].first, mentions[r.anchor].last);
        } else if (r.pronoun != kNoToken) {
          t.facility = std::string(token_text(sentence.text, sentence.tokens[r.pronoun]));
        } else {
          t.facility = facility_named;
        }
        t.sentence = std::string(sentence.text);
        // One per organisation and sentence: a tenancy first; within a clause the more guarded
        // modality, across clauses the statement (`X buys Azure, but Microsoft won't host X`).
        const auto at = static_cast<std::size_t>(
            std::find_if(found.begin() + static_cast<std::ptrdiff_t>(first_of_sentence), found.end(),
                         [&](const TenantMention& f) { return f.name == t.name; }) -
            found.begin());
        if (at == found.size()) {
          found.push_back(std::move(t));
          clause_of.push_back(c);
        } else {
          TenantMention& same = found[at];
          const bool same_clause = clause_of[at] == c;
          const int now = modality_weight(t.modality);
          const int before = modality_weight(same.modality);
          if ((t.role == TenancyRole::tenant && same.role != TenancyRole::tenant) ||
              (t.role == same.role && (same_clause ? now > before : now < before))) {
            same = std::move(t);
            clause_of[at] = c;
          }
        }
      }
    }
    // `ElevenLabs rents GPUs from Fluidstack, and so does Harvey`: the same tenancy for Harvey.
    for (std::size_t c = 0; c < per_clause.size(); ++c) {
      for (const EntityMention& m : per_clause[c]) {
        if (!repeats_relation(sentence, m)) continue;
        const auto stated = std::find_if(found.begin() + static_cast<std::ptrdiff_t>(first_of_sentence), found.end(),
                                         [](const TenantMention& f) { return f.role == TenancyRole::tenant; });
        if (stated == found.end()) continue;
        TenantMention t = *stated;
        name_after(t, sentence, m, orgs);
        const bool seen = std::any_of(found.begin() + static_cast<std::ptrdiff_t>(first_of_sentence), found.end(),
                                      [&](const TenantMention& f) { return f.name == t.name; });
        if (!seen) {
          found.push_back(std::move(t));
          clause_of.push_back(c);
        }
      }
    }
  }
  return found;
}

std::vector<TenantMention> find_tenants(std::string_view text, const std::vector<std::string>& subject,
                                        const std::vector<TriggerOrganisation>& organisations,
                                        std::string_view publisher) {
  const TenantDetector detector(organisations, subject);
  std::vector<TenantMention> out;
  for (auto& m : detector.find(text, publisher)) {
    if (m.role == TenancyRole::tenant && m.standing != Standing::owner) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace watchdesk::triggers
