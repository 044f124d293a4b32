// Cues between two mentions of a clause: deals, supply, money, capacity, purposes and goods.
#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers::clause_reading {

TenancyRole ClauseReader::deal_role(std::size_t o, std::size_t a) const {
  const EntityMention& e = mentions_[o];
  if (e.kind != EntityKind::organisation) return TenancyRole::tenant;
  const OrganisationKind kind = orgs_[e.organisation].organisation.kind;
  if (kind == OrganisationKind::supplier) return TenancyRole::supplier;
  const bool owner_anchor = a != kNoToken && mentions_[a].kind == EntityKind::organisation;
  if ((kind == OrganisationKind::provider || kind == OrganisationKind::host) && owner_anchor)
    return TenancyRole::supplier;
  // `Applied Digital's leases with CoreWeave`: a host leases space to the cloud above it.
  if (kind == OrganisationKind::host && !owned_by_host()) return TenancyRole::supplier;
  return TenancyRole::tenant;
}

std::optional<TenancyRelation> ClauseReader::constructed(std::size_t o) const {
  const auto owner_ok = [&](const StatedTenancy& s) {
    return !s.anchor || mentions_[*s.anchor].kind != EntityKind::organisation || owner_context_;
  };
  const auto relation = [&](const StatedTenancy& s, TenancyRole role) {
    return make(o, s.anchor ? *s.anchor : kNoToken, role, s.cue, s.from, s.to);
  };
  if (const auto s = copular_role(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = facility_for(view_, o); s && owner_ok(*s) && !names_goods(mentions_[o]))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = signed_by(view_, o); s && owner_ok(*s))
    return relation(*s, deal_role(o, *s->anchor));
  if (const auto s = possessive_deal(view_, o); s && owner_ok(*s))
    return relation(*s, deal_role(o, *s->anchor));
  if (const auto s = possessive_choice(view_, o); s && owner_ok(*s)) return relation(*s, TenancyRole::tenant);
  if (const auto s = named_as_customer(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = access_given(view_, o); s && owner_ok(*s)) return relation(*s, TenancyRole::tenant);
  // Capacity given to the organisation, access it has, its needs served, its business won.
  if (const auto s = given_to(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = access_to_compute(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = serves_needs(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = revenue_source(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, TenancyRole::tenant);
  if (const auto s = business_won(view_, o, facility_elsewhere_); s && owner_ok(*s))
    return relation(*s, s->anchor ? deal_role(o, *s->anchor) : TenancyRole::tenant);
  return std::nullopt;
}

bool ClauseReader::owned_by_host() const {
  for (const auto& o : orgs_) {
    if (o.standing == Standing::owner && o.organisation.kind == OrganisationKind::host) return true;
  }
  return false;
}

bool ClauseReader::supply_deal(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k + 1 < to; ++k) {
    if (is_supply_qualifier(t_[k].lower)) {
      for (std::size_t n = k + 1; n < to && n < k + 3; ++n) {
        if ((classes(n) & kDealNoun) != 0) return true;
      }
    }
  }
  return false;
}

bool ClauseReader::builds_by_purpose(std::size_t after) const {
  for (std::size_t k = after; k + 1 < clause_.end; ++k) {
    if (t_[k].lower == "to" && is_build_purpose(t_[k + 1].lower)) return true;
  }
  return false;
}

bool ClauseReader::builds_right_after(std::size_t after) const {
  std::size_t end = after;
  while (end < clause_.end && t_[end].lower != ",") ++end;
  for (std::size_t k = after; k + 1 < end; ++k) {
    if (t_[k].lower == "to" && is_build_purpose(t_[k + 1].lower)) return true;
    if (t_[k].lower == "for" && k + 3 < end && t_[k + 1].lower == "the" && t_[k + 3].lower == "of") {
      const std::string& what = t_[k + 2].lower;
      if (what == "launch" || what == "construction" || what == "development" || what == "buildout") return true;
    }
  }
  return false;
}

bool ClauseReader::cooperation_between(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k < to; ++k) {
    if (mention_at(k) < 0 && (is_cooperation(t_[k].lower) || t_[k].lower == "venture")) return true;
  }
  return false;
}

bool ClauseReader::builds_with(std::string_view v, std::size_t verb, const EntityMention& partner) const {
  return (is_cooperation(v) && builds_by_purpose(partner.last)) ||
         (cooperation_between(verb, partner.first) && builds_right_after(partner.last));
}

bool ClauseReader::cloud_deal() const {
  for (std::size_t k = clause_.begin; k < clause_.end; ++k) {
    const std::string& w = t_[k].lower;
    if (w != "deal" && w != "contract" && w != "agreement" && w != "deals" && w != "contracts") continue;
    bool cloud = false;
    for (std::size_t b = k; b > clause_.begin && k - b < 3;) {
      --b;
      if (t_[b].punct || mention_at(b) >= 0 || is_supply_qualifier(t_[b].lower) || is_goods(t_[b].lower)) {
        cloud = false;
        break;
      }
      cloud = cloud || t_[b].lower == "cloud" || t_[b].lower == "compute";
    }
    if (cloud) return true;
  }
  return false;
}

bool ClauseReader::supplier_kind(std::size_t o) const {
  const EntityMention& e = mentions_[o];
  return e.kind == EntityKind::organisation && orgs_[e.organisation].organisation.kind == OrganisationKind::supplier;
}

std::optional<TenancyRelation> ClauseReader::given_passive(std::size_t o) const {
  const EntityMention& O = mentions_[o];
  std::size_t to = kNoToken;
  for (std::size_t k = O.first; k > clause_.begin && O.first - k < 5;) {
    --k;
    if (t_[k].lower == "to") {
      to = k;
      break;
    }
    if (t_[k].punct || mention_at(k) >= 0 || is_verb(k)) return std::nullopt;
  }
  if (to == kNoToken || to < clause_.begin + 3) return std::nullopt;
  const std::string& v = t_[to - 1].lower;
  const bool given = v == "contracted" || v == "leased" || v == "rented" || v == "allocated" || v == "reserved" ||
                     v == "dedicated" || v == "committed" || v == "let";
  const std::string& aux = t_[to - 2].lower;
  if (!given || !(aux == "been" || aux == "is" || aux == "are" || aux == "was" || aux == "were" || aux == "be"))
    return std::nullopt;
  for (std::size_t k = clause_.begin; k + 2 < to; ++k) {
    const std::string& w = t_[k].lower;
    if (w == "capacity" || w == "compute" || w == "cluster" || w == "gpus" || w == "megawatts" || w == "mw")
      return make(o, kNoToken, TenancyRole::tenant, to - 1, k, O.last);
  }
  return std::nullopt;
}

bool ClauseReader::rents_by_purpose(std::size_t after) const {
  for (std::size_t k = after; k + 1 < clause_.end; ++k) {
    if (t_[k].lower == "to") return is_lease_or_rent(t_[k + 1].lower) || t_[k + 1].lower == "use";
  }
  return false;
}

bool ClauseReader::supplies_by_purpose(std::size_t after) const {
  for (std::size_t k = after; k + 1 < clause_.end; ++k) {
    if (t_[k].lower == "to" && is_supply_purpose(t_[k + 1].lower)) return true;
  }
  return false;
}

TenancyRelation ClauseReader::make(std::size_t o, std::size_t a, TenancyRole role, std::size_t verb, std::size_t from, std::size_t to) const {
  TenancyRelation r;
  r.mention = o;
  r.anchor = a;
  r.role = role;
  r.verb = verb;
  r.from = from;
  r.to = to;
  return r;
}

bool ClauseReader::directly_after(std::size_t verb, std::size_t first) const {
  if (first <= verb || first - verb > 5) return false;
  const int m = mention_at(first);
  const std::size_t after = m >= 0 ? mentions_[static_cast<std::size_t>(m)].last : first + 1;
  const bool qualifies = after < clause_.end && (classes(after) & (kCompute | kDealNoun)) != 0;
  for (std::size_t k = verb + 1; k < first; ++k) {
    const std::string& w = t_[k].lower;
    const bool number = !w.empty() && w[0] >= '0' && w[0] <= '9';
    if (number || is_determiner(w) || (word_classes(w) & kModifier) != 0) continue;
    // `sounds out Nebius`: a particle of the verb.
    if (k == verb + 1 && w == "out") continue;
    if (qualifies && !t_[k].punct && !is_verb(k) && (word_classes(w) & kPrep) == 0) continue;
    return false;
  }
  return true;
}

bool ClauseReader::names_goods(const EntityMention& m) const {
  std::size_t k = m.last;
  if (m.kind == EntityKind::unlisted) {
    for (std::size_t n = k; n < clause_.end && n < k + 3; ++n) {
      const std::string& w = t_[n].lower;
      if (w == "data" || w == "office" || (classes(n) & kCompute) != 0) return true;
      if (t_[n].punct || is_verb(n) || (classes(n) & kPrep) != 0) break;
    }
  }
  if (k < clause_.end && t_[k].lower == "'s") ++k;
  for (std::size_t n = 0; k < clause_.end && n < 2; ++k, ++n) {
    if (mention_at(k) >= 0) return false;
    if (is_goods(t_[k].lower)) return true;
    const std::uint32_t c = classes(k);
    if ((c & kModifier) == 0 && !(t_[k].lower.size() > 1 && t_[k].lower[0] >= '0' && t_[k].lower[0] <= '9')) break;
  }
  return false;
}

bool ClauseReader::capacity_between(std::size_t verb, std::size_t first) const {
  for (std::size_t k = verb + 1; k < first; ++k) {
    const std::string& w = t_[k].lower;
    if (w == "capacity" || w == "compute" || w == "time" || w == "hours" || w == "computing") return true;
  }
  return false;
}

bool ClauseReader::venture_between(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k < to; ++k) {
    if (t_[k].lower == "venture" || t_[k].lower == "jv") return true;
  }
  return false;
}

bool ClauseReader::money_after(const EntityMention& m) const {
  for (std::size_t k = m.last; k < clause_.end && k < m.last + 4; ++k) {
    if (t_[k].punct && t_[k].lower != "'s") return false;
    if (mention_at(k) >= 0) return false;
    if (flow_of(t_[k].lower) == Flow::money) return true;
  }
  return false;
}

std::optional<TenancyRole> ClauseReader::money_between(std::size_t verb, std::size_t first) const {
  for (std::size_t k = verb + 1; k < first; ++k) {
    if (mention_at(k) < 0 && flow_of(t_[k].lower) == Flow::money) return TenancyRole::investor;
  }
  return std::nullopt;
}

bool ClauseReader::rented_between(std::size_t verb, std::size_t first) const {
  bool rented = false;
  for (std::size_t k = verb + 1; k < first; ++k) {
    const Flow f = flow_of(t_[k].lower);
    if (f == Flow::goods || f == Flow::money) return false;
    rented = rented || f == Flow::hardware || t_[k].lower == "capacity" || t_[k].lower == "compute";
  }
  return rented;
}

bool ClauseReader::invests_after(const EntityMention& m) const {
  for (std::size_t k = m.last; k < clause_.end && k < m.last + 5; ++k) {
    if (t_[k].punct && t_[k].lower != "%" && t_[k].lower != "$") return false;
    if ((classes(k) & kInvest) != 0) return true;
  }
  return false;
}

std::size_t ClauseReader::deal_word_after(std::size_t from) const {
  for (std::size_t k = from; k < clause_.end && k < from + 10; ++k) {
    if (mention_at(k) >= 0 || t_[k].punct) continue;
    const std::uint32_t c = classes(k);
    if ((c & (kDealNoun | kInvest)) != 0 && !is_verb(k)) return k;
    if (!is_verb(k)) continue;
    if ((c & kTake) != 0 && is_outright_take(t_[k].lower)) return k;
    if ((c & (kDealVerb | kTake)) != 0) {
      for (std::size_t n = k + 1; n < clause_.end && n < k + 8; ++n) {
        if ((classes(n) & kDealNoun) != 0 && !is_verb(n)) return k;
      }
    }
    return kNoToken;
  }
  return kNoToken;
}

}  // namespace watchdesk::triggers::clause_reading
