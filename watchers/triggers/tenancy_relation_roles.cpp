// Roles stated outright: `as` and copula roles, lists, signing on, and relative clauses.
#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers::clause_reading {

std::optional<std::pair<TenancyRole, std::size_t>> ClauseReader::stated_role(std::size_t o) const {
  std::size_t k = mentions_[o].last;
  while (k < clause_.end && k < mentions_[o].last + 3 &&
         (is_auxiliary(t_[k].lower) || t_[k].lower.ends_with("ly") || t_[k].lower == "now" || t_[k].lower == "also"))
    ++k;
  if (k >= clause_.end || t_[k].punct) return std::nullopt;
  const std::string& v = t_[k].lower;
  if (v.starts_with("becom") || v == "became" || v == "named" || v == "as") {
    for (std::size_t n = k + 1; n < clause_.end && n < k + 6; ++n) {
      if (t_[n].punct || mention_at(n) >= 0) break;
      if ((classes(n) & kRoleNoun) != 0 || t_[n].lower == "anchor") return std::pair{TenancyRole::tenant, k};
      if (is_money_role(t_[n].lower)) return std::pair{TenancyRole::investor, k};
      if (is_other_role(t_[n].lower)) return std::pair{TenancyRole::supplier, k};
    }
    return std::nullopt;
  }
  if ((v.starts_with("buy") || v == "bought") && k + 1 < clause_.end && t_[k + 1].lower == "into")
    return std::pair{TenancyRole::investor, k};
  if (v.starts_with("invest")) return std::pair{TenancyRole::investor, k};
  if (is_take_form(v) || v.starts_with("buy") || v == "bought" || v.starts_with("grab") || v.starts_with("snap")) {
    for (std::size_t n = k + 1; n + 1 < clause_.end && n < k + 5; ++n) {
      if (t_[n].punct || mention_at(n) >= 0) break;
      if (is_equity_share(t_[n].lower) && (t_[n + 1].lower == "of" || t_[n + 1].lower == "in"))
        return compute_after(n + 2) ? std::nullopt : std::optional{std::pair{TenancyRole::investor, k}};
    }
  }
  return std::nullopt;
}

bool ClauseReader::compute_after(std::size_t from) const {
  for (std::size_t n = from; n < clause_.end && n < from + 5; ++n) {
    if (t_[n].punct && t_[n].lower != "'s") return false;
    if (flow_of(t_[n].lower) == Flow::compute || (classes(n) & kCompute) != 0) return true;
  }
  return false;
}

std::optional<bool> ClauseReader::role_after_as(std::size_t after) const {
  if (after >= clause_.end || t_[after].lower != "as") return std::nullopt;
  for (std::size_t n = after + 1; n < clause_.end && n < after + 5; ++n) {
    if ((classes(n) & kRoleNoun) != 0) return true;
    if (is_other_role(t_[n].lower)) return false;
    if (t_[n].punct || mention_at(n) >= 0) break;
  }
  return std::nullopt;
}

bool ClauseReader::role_noun_after_as(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k < to; ++k) {
    if (t_[k].lower != "as") continue;
    for (std::size_t n = k + 1; n < to && n < k + 5; ++n) {
      if ((classes(n) & kRoleNoun) != 0) return true;
      if (t_[n].punct || mention_at(n) >= 0) break;
    }
    return false;
  }
  return false;
}

bool ClauseReader::has_anchor() const {
  for (const auto& m : mentions_) {
    if (is_anchor(m, orgs_)) return true;
  }
  return false;
}

std::optional<TenancyRelation> ClauseReader::listed_role(std::size_t o) const {
  const EntityMention& O = mentions_[o];
  if (is_reporter(o)) return std::nullopt;
  for (std::size_t k = O.first; k > clause_.begin + 1 && O.first - k < 12;) {
    --k;
    if (t_[k].lower != "whose") {
      if (is_verb(k) && !is_listing(t_[k].lower)) return std::nullopt;
      continue;
    }
    if (k + 2 >= O.first || (classes(k + 1) & kRoleNoun) == 0 || !is_listing(t_[k + 2].lower)) return std::nullopt;
    for (std::size_t back = k; back > clause_.begin && k - back < 8;) {
      --back;
      const int m = mention_at(back);
      if (m < 0) {
        if (is_verb(back) || (classes(back) & kPrep) != 0) return std::nullopt;
        continue;
      }
      const auto a = static_cast<std::size_t>(m);
      if (!is_anchor(mentions_[a], orgs_) || (mentions_[a].kind == EntityKind::organisation && !owner_context_))
        return std::nullopt;
      return make(o, a, deal_role(o, a), k + 2, k, O.last);
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<TenancyRelation> ClauseReader::signs_on(std::size_t o, bool its_only) const {
  const EntityMention& O = mentions_[o];
  if (prep_of(O.first) != Prep::none || is_reporter(o)) return std::nullopt;
  for (std::size_t k = O.last; k < clause_.end && (its_only || k < O.last + 6); ++k) {
    // `Cursor expands its GPU reservation`, `TikTok renewed its cloud contract`: the contract of the
    // other clause's facility.
    if (!its_only && is_verb(k) && its_contract(k)) return make(o, kNoToken, TenancyRole::tenant, k, O.first, k + 2);
    if (!is_verb(k) || (classes(k) & kTake) == 0) continue;
    // `Microsoft absorbs the capacity`, `Microsoft takes over`: the other clause's facility taken up.
    if (!its_only && takes_it_up(k)) return make(o, kNoToken, TenancyRole::tenant, k, O.first, k + 1);
    // `Uber signed on for more GPUs`: compute signed on for.
    if (!its_only && signs_on_for_compute(k)) return make(o, kNoToken, TenancyRole::tenant, k, O.first, k + 3);
    // `Microsoft secures multiyear committed GPU capacity while Nebius builds`: compute secured
    // or reserved as the object, the facility named in the other clause.
    if (!its_only && secures_compute(k)) return make(o, kNoToken, TenancyRole::tenant, k, O.first, k + 1);
    // `Google signs for 150 MW`, `JPMorgan signs on` closing the clause: the other clause's
    // facility signed for.
    if (!its_only && (signs_for_amount(k) || signs_on_bare(k))) return make(o, kNoToken, TenancyRole::tenant, k, O.first, k + 2);
    // `becomes its newest tenant`: the facility of the other clause is what `its` stands for.
    const bool becomes = t_[k].lower.starts_with("becom") || t_[k].lower == "became";
    for (std::size_t r = k + 1; r < clause_.end && r < k + 6; ++r) {
      const bool its = becomes && r == k + 1 && (t_[r].lower == "its" || t_[r].lower == "their");
      if (!its && (its_only || t_[r].lower != "as")) continue;
      for (std::size_t n = r + 1; n < clause_.end && n < r + 5; ++n) {
        if ((classes(n) & kRoleNoun) != 0) return make(o, kNoToken, TenancyRole::tenant, k, O.first, n + 1);
      }
    }
    break;
  }
  return std::nullopt;
}

bool ClauseReader::signs_for_amount(std::size_t verb) const {
  if (!t_[verb].lower.starts_with("sign") || verb + 2 >= clause_.end || t_[verb + 1].lower != "for") return false;
  for (std::size_t n = verb + 2; n < clause_.end && n < verb + 5; ++n) {
    const std::string& w = t_[n].lower;
    if (w == "mw" || w == "gw" || w == "megawatts" || w == "gigawatts" || w == "capacity" || w == "gpus") return true;
    if (t_[n].punct || mention_at(n) >= 0) return false;
  }
  return false;
}

bool ClauseReader::signs_on_bare(std::size_t verb) const {
  return t_[verb].lower.starts_with("sign") && verb + 1 < clause_.end && t_[verb + 1].lower == "on" &&
         (verb + 2 == clause_.end || t_[verb + 2].punct);
}

bool ClauseReader::its_contract(std::size_t verb) const {
  const std::string& v = t_[verb].lower;
  const bool renews = v.starts_with("expand") || v.starts_with("renew") || v.starts_with("extend") ||
                      v.starts_with("doubl") || v.starts_with("grow");
  if (!renews || verb + 2 >= clause_.end || t_[verb + 1].lower != "its") return false;
  for (std::size_t n = verb + 2; n < clause_.end && n < verb + 5; ++n) {
    const std::string& w = t_[n].lower;
    if (is_supply_qualifier(w) || mention_at(n) >= 0 || t_[n].punct) return false;
    if (w == "contract" || w == "reservation" || w == "lease" || w == "commitment") return true;
  }
  return false;
}

bool ClauseReader::signs_on_for_compute(std::size_t verb) const {
  if (verb + 2 >= clause_.end || t_[verb + 1].lower != "on" ||
      (t_[verb + 2].lower != "for" && t_[verb + 2].lower != "to"))
    return false;
  for (std::size_t n = verb + 3; n < clause_.end && n < verb + 7; ++n) {
    if (t_[n].punct || mention_at(n) >= 0) return false;
    const Flow f = flow_of(t_[n].lower);
    if (f == Flow::compute || f == Flow::hardware || (classes(n) & kCompute) != 0) return true;
  }
  return false;
}

bool ClauseReader::secures_compute(std::size_t verb) const {
  const std::string& v = t_[verb].lower;
  if (!v.starts_with("secur") && !v.starts_with("reserv") && !v.starts_with("book")) return false;
  for (std::size_t n = verb + 1; n < clause_.end && n < verb + 6; ++n) {
    if (t_[n].punct || mention_at(n) >= 0) return false;
    const Flow f = flow_of(t_[n].lower);
    if (f == Flow::goods || f == Flow::money) return false;
    if (f == Flow::compute || t_[n].lower == "capacity" || t_[n].lower == "compute") return true;
  }
  return false;
}

bool ClauseReader::takes_it_up(std::size_t verb) const {
  if (!is_outright_take(t_[verb].lower) && !is_take_form(t_[verb].lower)) return false;
  std::size_t k = verb + 1;
  if (k < clause_.end && (t_[k].lower == "over" || t_[k].lower == "up")) {
    ++k;
    if (k >= clause_.end || t_[k].punct) return true;
  }
  if (k + 1 < clause_.end && (t_[k].lower == "the" || t_[k].lower == "that")) {
    const std::string& w = t_[k + 1].lower;
    return (w == "capacity" || w == "site" || w == "lease" || w == "space" || w == "contract" || w == "deal" ||
            w == "cluster" || w == "campus") &&
           (k + 2 >= clause_.end || t_[k + 2].punct);
  }
  return false;
}

std::vector<std::size_t> ClauseReader::relative_pronouns() const {
  std::vector<std::size_t> out;
  for (std::size_t k = clause_.begin + 1; k < clause_.end; ++k) {
    const std::string& w = t_[k].lower;
    if (w != "which" && w != "that") continue;
    if (t_[k - 1].lower != "," && w == "which") continue;
    for (std::size_t back = k; back > clause_.begin && k - back < 4;) {
      --back;
      const int m = mention_at(back);
      if (m >= 0) {
        if (is_anchor(mentions_[static_cast<std::size_t>(m)], orgs_) &&
            (mentions_[static_cast<std::size_t>(m)].kind == EntityKind::facility || owner_context_))
          out.push_back(k);
        break;
      }
      if (is_verb(back)) break;
    }
  }
  return out;
}

std::optional<TenancyRelation> ClauseReader::relative(std::size_t o, std::size_t pronoun) const {
  const EntityMention& O = mentions_[o];
  if (O.first <= pronoun || is_reporter(o)) return std::nullopt;
  // `which Cohere rents`: the organisation is the relative clause's subject.
  if (O.first == pronoun + 1 || (O.first == pronoun + 2 && is_determiner(t_[pronoun + 1].lower))) {
    for (std::size_t k = O.last; k < clause_.end && k < O.last + 4; ++k) {
      if (is_verb(k) && (classes(k) & kTake) != 0) {
        TenancyRelation r = make(o, kNoToken, TenancyRole::tenant, k, pronoun, k + 1);
        r.pronoun = pronoun;
        return r;
      }
    }
    return std::nullopt;
  }
  // `which will power Anthropic's Claude`: the pronoun is the subject.
  auto r = linked(o, kNoToken, kNoToken, o, pronoun, pronoun + 1, O, prep_of(O.first));
  if (r) r->pronoun = pronoun;
  return r;
}

}  // namespace watchdesk::triggers::clause_reading
