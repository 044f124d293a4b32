// The open reading of a clause's structure, for relations the lexicon's verbs do not state.
#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers::clause_reading {

bool ClauseReader::verb_like(std::size_t k) const {
  if (mention_at(k) >= 0 || t_[k].punct) return false;
  const std::string& w = t_[k].lower;
  if (is_determiner(w) || is_auxiliary(w) || (classes(k) & (kPrep | kModifier)) != 0) return false;
  // Nouns of what is rented and names that are not organisations (`Saudi`, `Memphis`).
  if ((classes(k) & (kCompute | kDealNoun | kRoleNoun)) != 0 && (classes(k) & kTake) == 0) return false;
  if (t_[k].capitalised && !title_case_) return false;
  return !(w[0] >= '0' && w[0] <= '9');
}

std::size_t ClauseReader::open_verb(std::size_t from, std::size_t to, std::size_t subject) const {
  std::size_t verb = kNoToken;
  for (std::size_t k = from; k < to; ++k) {
    if (const int m = mention_at(k); m >= 0) {
      // The facility itself may qualify what flows (`opens Colossus compute to Mistral`), and so
      // may the subject's own product (`Meta will route Llama inference through Cerebras`).
      const EntityMention& e = mentions_[static_cast<std::size_t>(m)];
      const bool own = e.kind == EntityKind::organisation && mentions_[subject].kind == EntityKind::organisation &&
                       e.organisation == mentions_[subject].organisation;
      if (verb != kNoToken && !is_anchor(e, orgs_) && !own) return kNoToken;
      continue;
    }
    const std::string& w = t_[k].lower;
    if (t_[k].punct) {
      if (w == "$" || w == "'s" || w == "-" || w == "%" || w == "." || (w == "," && verb == kNoToken)) continue;
      return kNoToken;
    }
    // `Meta and Mistral park ...` lists subjects; `xAI and Saudi Arabia's HUMAIN` joins parties.
    if (verb == kNoToken && (w == "and" || w == "or" || w == "&")) {
      if (k + 1 < to && mention_at(k + 1) >= 0) continue;
      return kNoToken;
    }
    if (verb == kNoToken && verb_like(k)) verb = k;
  }
  return verb;
}

bool ClauseReader::rented_after_facility(std::size_t from) const {
  for (std::size_t k = from; k < clause_.end && k < from + 4; ++k) {
    const std::string& w = t_[k].lower;
    if (w == "capacity" || w == "compute" || w == "time" || w == "cloud" || w == "fleet" || w == "fleets" ||
        w == "gpus" || w == "gpu" || w == "cluster" || w == "clusters" || w == "instances" || w == "tpus" ||
        w == "building" || w == "buildings" || w == "hall" || w == "halls")
      return k > from || w != "gpus";
    const bool modifier = w == "'s" || is_place_adjective(w) || (classes(k) & kModifier) != 0 ||
                          (!w.empty() && ((w[0] >= '0' && w[0] <= '9') || (w.size() <= 6 && w.back() >= '0' && w.back() <= '9')));
    if (!modifier || mention_at(k) >= 0) return false;
  }
  return false;
}

std::optional<TenancyRelation> ClauseReader::open_relation(std::size_t o, std::size_t a) const {
  const EntityMention& O = mentions_[o];
  const EntityMention& A = mentions_[a];
  if (O.kind == EntityKind::facility || is_reporter(o) || names_goods(O)) return std::nullopt;
  const bool org_first = O.first < A.first;
  const EntityMention& S = org_first ? O : A;
  const EntityMention& T = org_first ? A : O;
  if (T.first - S.last > 9 || compared_between(S.last, T.first)) return std::nullopt;
  if (prep_of(S.first) != Prep::none) return std::nullopt;
  // The subject is no earlier verb's object.
  for (std::size_t k = S.first; k > clause_.begin && S.first - k < 3;) {
    --k;
    if (verb_like(k) || is_verb(k)) return std::nullopt;
    if (!is_determiner(t_[k].lower) && (classes(k) & kModifier) == 0) break;
  }
  const std::size_t verb = open_verb(S.last, T.first, org_first ? o : a);
  if (verb == kNoToken) return std::nullopt;
  // `signs Tesla as a supplier`: a role other than a tenant's named after it.
  if (const auto as_role = role_after_as(O.last); as_role && !*as_role) return std::nullopt;
  const FlowSeen seen = flows(S.last, T.first);
  if (seen.veto) return std::nullopt;
  const Prep t_prep = prep_of(T.first);
  const std::string_view governing = T.first > S.last ? std::string_view(t_[T.first - 1].lower) : std::string_view();
  const bool supplier_kind = O.kind == EntityKind::organisation &&
                             orgs_[O.organisation].organisation.kind == OrganisationKind::supplier;
  // `Core42 fills a second Lake Mariner building`: what is taken named right after the facility.
  const bool rented_after = org_first && !seen.hardware && rented_after_facility(T.last);
  if (supplier_kind && (seen.hardware || !(seen.compute || rented_after))) return std::nullopt;
  if (O.kind == EntityKind::unlisted && !seen.compute && !seen.deal && !rented_after) return std::nullopt;
  if (!supplier_kind && deal_role(o, a) != TenancyRole::tenant) return std::nullopt;
  const bool rented = seen.compute || seen.deal;
  bool tenant = false;
  if (org_first) {
    // `Meta parks its workloads on Nebius`, `offloads inference to Oracle`, `lines up GPUs from Nscale`.
    // `parks its render queue across CoreWeave's halls`, `routes inference through Cerebras`.
    if (t_prep == Prep::on)
      tenant = governing == "on" || governing == "onto" || governing == "at" || governing == "across" ||
               governing == "through" || rented;
    if (t_prep == Prep::to) tenant = !seen.hardware;
    if (t_prep == Prep::from) tenant = true;
    if (t_prep == Prep::with) tenant = seen.between;
    // `Nvidia snaps up unused Colossus capacity`: the facility qualifies what is taken.
    // `soaks up the rest of IREN's Texas capacity`, `across Lambda's H200 fleet`: a possessive,
    // places and models may stand between the facility and what is taken.
    if (t_prep == Prep::none || t_prep == Prep::of || t_prep == Prep::on) tenant = tenant || rented_after;
  } else {
    // `Stargate will house Meta workloads`, `hands Poolside chips`, `opens compute to Mistral`,
    // `carves out capacity for Mistral`, `wins inference business from Character.AI`.
    // `reels in Shopify`, `brings in Cohere`: a particle right after the verb, not a place.
    const bool particle = t_prep == Prep::on && governing == "in" && T.first == verb + 2;
    if (t_prep == Prep::none || particle)
      tenant = T.first - S.last <= 6 && !(T.first > 0 && t_[T.first - 1].lower == ",");
    if (t_prep == Prep::to || t_prep == Prep::for_) tenant = true;
    if (t_prep == Prep::with) tenant = seen.between;
    if (t_prep == Prep::from) tenant = rented && !seen.hardware;
  }
  if (!tenant) return std::nullopt;
  return make(o, a, TenancyRole::tenant, verb, S.first, T.last);
}

std::optional<TenancyRelation> ClauseReader::joint_relation(std::size_t o, std::size_t a) const {
  const EntityMention& O = mentions_[o];
  const EntityMention& A = mentions_[a];
  if (O.kind == EntityKind::facility || is_reporter(o) || names_goods(O)) return std::nullopt;
  const std::size_t first = std::min(O.first, A.first);
  const std::size_t last = std::max(O.last, A.last);
  if (first > clause_.begin && !t_[first - 1].punct && !is_determiner(t_[first - 1].lower)) return std::nullopt;
  bool joined = false;
  for (std::size_t k = first; k < last; ++k) {
    if (mention_at(k) >= 0) continue;
    const std::string& w = t_[k].lower;
    if (w == "and" || w == "&" || w == ",") {
      joined = true;
      continue;
    }
    return std::nullopt;
  }
  std::size_t end = last;
  while (end < clause_.end && (mention_at(end) >= 0 || t_[end].lower == "and" || t_[end].lower == "," || t_[end].lower == "&"))
    ++end;
  if (!joined || end >= clause_.end) return std::nullopt;
  std::size_t verb = end;
  while (verb < clause_.end && verb < end + 3 && (is_auxiliary(t_[verb].lower) || t_[verb].lower.ends_with("ly"))) ++verb;
  if (verb >= clause_.end || !(verb_like(verb) || is_verb(verb))) return std::nullopt;
  if ((classes(verb) & (kHedge | kDenial | kNegation | kCompare | kNear | kInvest | kSupply)) != 0) return std::nullopt;
  bool deal = false;
  for (std::size_t k = verb + 1; k < clause_.end && k < verb + 10; ++k) {
    if ((t_[k].punct && t_[k].lower != "$" && t_[k].lower != "-") || mention_at(k) >= 0) break;
    const std::uint32_t c = classes(k);
    if ((c & (kDealNoun | kCompute)) != 0 && (c & kHedge) == 0 && t_[k].lower != "expansion") deal = true;
  }
  if (!deal) return std::nullopt;
  const FlowSeen seen = flows(verb, verb + 1);
  if (seen.veto || supply_deal(verb, std::min(clause_.end, verb + 6))) return std::nullopt;
  if (deal_role(o, a) != TenancyRole::tenant) return std::nullopt;
  return make(o, a, TenancyRole::tenant, verb, first, verb + 1);
}

std::optional<TenancyRelation> ClauseReader::apposed(std::size_t o) const {
  const EntityMention& O = mentions_[o];
  if (O.kind == EntityKind::facility || O.first < clause_.begin + 3 || t_[O.first - 1].lower != ",") return std::nullopt;
  if (O.last < clause_.end && !t_[O.last].punct) return std::nullopt;
  bool customer = false;
  std::size_t det = kNoToken;
  for (std::size_t b = O.first - 1; b > clause_.begin && O.first - 1 - b < 6;) {
    --b;
    const std::string& w = t_[b].lower;
    if (t_[b].punct || mention_at(b) >= 0 || is_other_role(w) || is_money_role(w)) return std::nullopt;
    if ((classes(b) & kRoleNoun) != 0 || w == "cloud" || w == "neocloud" || w == "hyperscaler" || w == "lab")
      customer = true;
    if (w == "a" || w == "an" || w == "another" || w == "its") {
      det = b;
      break;
    }
  }
  if (!customer || det == kNoToken || det == clause_.begin) return std::nullopt;
  const std::string& before = t_[det - 1].lower;
  if (!(before == "with" || is_verb(det - 1))) return std::nullopt;
  for (std::size_t m = 0; m < mentions_.size(); ++m) {
    if (m == o || mentions_[m].first >= det || !is_anchor(mentions_[m], orgs_)) continue;
    if (mentions_[m].kind == EntityKind::organisation && !owner_context_) continue;
    if (mentions_[m].first != clause_.begin || mentions_[m].last >= clause_.end ||
        !(verb_like(mentions_[m].last) || followed_by_verb(mentions_[m].first)))
      continue;
    return make(o, m, TenancyRole::tenant, det - 1, mentions_[m].first, O.last);
  }
  return std::nullopt;
}

std::optional<TenancyRelation> ClauseReader::included(std::size_t o) const {
  const EntityMention& O = mentions_[o];
  if (O.kind == EntityKind::facility || is_reporter(o)) return std::nullopt;
  std::size_t k = O.first;
  while (k > clause_.begin) {
    const std::size_t b = k - 1;
    const std::string& w = t_[b].lower;
    if (mention_at(b) >= 0 || w == "," || w == "and" || w == "&") {
      k = b;
      continue;
    }
    break;
  }
  if (k == clause_.begin) return std::nullopt;
  const std::size_t cue = k - 1;
  const std::string& w = t_[cue].lower;
  const bool listing = w == "including" || w == "include" || w == "includes" || w == "included" ||
                       (w == "as" && cue > clause_.begin && t_[cue - 1].lower == "such") ||
                       // `clients like OpenAI`, `AI labs like Anthropic`: members, not a comparison.
                       (w == "like" && cue > clause_.begin && t_[cue - 1].lower.size() > 3 &&
                        t_[cue - 1].lower.ends_with("s"));
  if (!listing) return std::nullopt;
  std::size_t anchor = kNoToken;
  for (std::size_t m = 0; m < mentions_.size(); ++m) {
    if (m == o || !is_anchor(mentions_[m], orgs_) || mentions_[m].first > cue) continue;
    if (mentions_[m].kind == EntityKind::organisation && !owner_context_) continue;
    anchor = m;
  }
  if (anchor == kNoToken && !facility_elsewhere_) return std::nullopt;
  for (std::size_t b = cue; b > clause_.begin && cue - b < 9;) {
    --b;
    const std::string& n = t_[b].lower;
    // `whose customers include` belongs to the name before `whose` (see `listed_role`).
    if (mention_at(b) >= 0 || n == "whose" || is_other_role(n) || (classes(b) & kInvest) != 0) return std::nullopt;
    const bool book = n == "book" || n == "backlog" || n == "pipeline";
    // `AI labs like Mistral`, `startups including Cohere` taken on by the facility.
    const bool members = n == "labs" || n == "startups";
    const bool deals = (classes(b) & kDealNoun) != 0 && n != "capacity" && n != "expansion" && n != "talks" &&
                       !(b > clause_.begin && is_supply_qualifier(t_[b - 1].lower));
    if ((classes(b) & kRoleNoun) != 0 || book || deals || members) {
      if (b > clause_.begin && t_[b - 1].lower == "whose") return std::nullopt;
      // A supplier listed among customers or cloud contracts rents (`cloud contracts with ...,
      // including NVIDIA`).
      const bool as_customer = (classes(b) & kRoleNoun) != 0 || members ||
                               (b > clause_.begin && (classes(b - 1) & kCompute) != 0 && t_[b - 1].lower != "ai");
      if (!as_customer && deal_role(o, anchor) != TenancyRole::tenant) return std::nullopt;
      // The list belongs to the nearest name before it: `buys gear from Arista, whose customers include`.
      for (std::size_t m = 0; m < mentions_.size(); ++m) {
        const bool before = mentions_[m].last <= b && (anchor == kNoToken || mentions_[m].first > mentions_[anchor].last);
        if (m != o && before && !is_anchor(mentions_[m], orgs_)) return std::nullopt;
      }
      return make(o, anchor, TenancyRole::tenant, cue, b, O.last);
    }
  }
  return std::nullopt;
}

}  // namespace watchdesk::triggers::clause_reading
