// The clause reader: every organisation's relation, and the tests of single tokens it reads with.
#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers::clause_reading {

std::vector<TenancyRelation> ClauseReader::relations() const {
  std::vector<TenancyRelation> out;
  const std::vector<std::size_t> pronouns = relative_pronouns();
  for (std::size_t o = 0; o < mentions_.size(); ++o) {
    if (is_anchor(mentions_[o], orgs_)) continue;
    std::optional<TenancyRelation> best;
    auto consider = [&](std::optional<TenancyRelation> r) {
      if (!r) return;
      if (!best || (r->role == TenancyRole::tenant && best->role != TenancyRole::tenant)) best = r;
    };
    for (std::size_t a = 0; a < mentions_.size(); ++a) {
      if (a == o || !is_anchor(mentions_[a], orgs_)) continue;
      if (mentions_[a].kind == EntityKind::organisation && !owner_context_) continue;
      consider(pair(o, a));
    }
    for (const std::size_t p : pronouns) consider(relative(o, p));
    consider(listed_role(o));
    consider(included(o));
    consider(apposed(o));
    // No reading of the lexicon relates them: the open reading of the clause's structure.
    if (!best) {
      for (std::size_t a = 0; a < mentions_.size() && !best; ++a) {
        if (a == o || !is_anchor(mentions_[a], orgs_)) continue;
        if (mentions_[a].kind == EntityKind::organisation && !owner_context_) continue;
        best = open_relation(o, a);
        if (!best) best = joint_relation(o, a);
      }
    }
    // `..., and has now become its largest customer`: a tenant's role outranks any other.
    if ((!best || best->role != TenancyRole::tenant) && facility_elsewhere_) consider(signs_on(o, has_anchor()));
    if (!best && facility_elsewhere_) consider(given_passive(o));
    if (!best || best->role != TenancyRole::tenant) consider(constructed(o));
    // `Uber is now serving its models from Oracle Cloud`: the organisation's workload moves.
    if (best && best->role == TenancyRole::supplier && best->anchor != kNoToken && !supplier_kind(o) &&
        moves_own_workload(view_, o, best->anchor))
      best->role = TenancyRole::tenant;
    // A product made available on the facility is distributed, not renting; a partner in a
    // venture formed with the owner shares the facility's making, not its capacity.
    if (best && best->role == TenancyRole::tenant) {
      // What the organisation owns is reached (`access to Salesforce's sales tools`), or it is
      // taken on for the facility's own equipment (`onboards Arista for its spine switches`).
      if (product_made_available(view_, o) || owns_what_is_reached(view_, o)) best.reset();
      else if (taken_on_for_equipment(view_, o)) best->role = TenancyRole::supplier;
      else if (venture_partner(view_, o)) best->role = TenancyRole::supplier;
    }
    // `IREN signed a $3.4B AI cloud deal with NVIDIA`: a supplier buying the cloud rents it.
    if (best && best->role == TenancyRole::supplier && supplier_kind(o) && cloud_deal())
      best->role = TenancyRole::tenant;
    if (best) {
      // The stated role replaces a relation's own unless another take verb made it
      // (`Nvidia invested in CoreWeave ... and agreed to rent back its chips`).
      if (const auto stated = stated_role(o)) {
        const bool other_take = best->verb != kNoToken && best->verb != stated->second &&
                                (classes(best->verb) & kTake) != 0;
        if (!other_take) best->role = stated->first;
      }
      out.push_back(*best);
    }
  }
  return out;
}

bool ClauseReader::is_verb(std::size_t i) const {
  if (t_[i].punct || mention_at(i) >= 0) return false;
  const std::uint32_t c = classes(i);
  if (!is_relation_verb(c)) return false;
  if (i > clause_.begin) {
    const std::string& prev = t_[i - 1].lower;
    if (mention_at(i - 1) >= 0) {
      // `Siri training`, `Llama training`: a gerund after a name that is itself an object.
      const bool noun_like = t_[i].lower.ends_with("ing") &&
                             ((c & (kCompute | kInvest)) != 0 || t_[i].lower == "building");
      if (!noun_like) return true;
      const std::size_t first = mentions_[static_cast<std::size_t>(mention_at(i - 1))].first;
      return first == clause_.begin || t_[first - 1].punct || t_[first - 1].lower == "and";
    }
    if (prev == "to" || is_auxiliary(prev)) return true;
    // `40 MW of AI hosting`, `a new cloud hosting`: a gerund in a noun phrase a preposition or
    // determiner opens is a noun.
    if (t_[i].lower.ends_with("ing") && gerund_in_noun_phrase(i)) return false;
    // After a preposition it is a noun: `for lease obligations`, `in training`.
    if ((word_classes(prev) & kPrep) != 0 && !t_[i - 1].punct) return false;
    if (is_determiner(prev) || (!prev.empty() && prev[0] >= '0' && prev[0] <= '9')) return false;
    if ((word_classes(prev) & kModifier) != 0 && prev != "up" && prev != "that" && prev != "all") return false;
    // `rent back`, `pay back`: a particle, not backing.
    if (t_[i].lower == "back" && is_relation_verb(word_classes(prev))) return false;
    // `servers equipped with`, `deal backed by`, `GPUs leased from`: a participle qualifying a noun.
    if (t_[i].lower.ends_with("ed") && i + 1 < clause_.end && (word_classes(t_[i + 1].lower) & kPrep) != 0 &&
        !prev.ends_with("ly") && prev != "just" && prev != "also" && prev != "now" && prev != "," &&
        prev != "and" && (word_classes(prev) & (kReport | kHedge | kPlan)) == 0)
      return false;
    // `space and power`: a noun coordinated with another.
    if (prev == "and" && (c & (kSupply | kGive)) != 0 && (c & kTake) == 0 && i >= clause_.begin + 2 &&
        !is_relation_verb(word_classes(t_[i - 2].lower)) && mention_at(i - 2) < 0)
      return false;
    // `cooling contract`, `a lease`: a noun after another noun.
    if ((c & kDealNoun) != 0 && !prev.ends_with("ly") && prev != "just" && prev != "also" && prev != "now" &&
        prev != "," && prev != "and" && prev != "then")
      return false;
  }
  return true;
}

bool ClauseReader::gerund_in_noun_phrase(std::size_t i) const {
  for (std::size_t k = i; k > clause_.begin && i - k < 4;) {
    --k;
    const std::string& w = t_[k].lower;
    if (t_[k].punct || mention_at(k) >= 0) return false;
    if (is_determiner(w) || ((word_classes(w) & kPrep) != 0 && w != "to")) return k + 1 < i;
    if ((word_classes(w) & (kModifier | kCompute)) == 0) return false;
  }
  return false;
}

bool ClauseReader::is_link(std::size_t i) const {
  // `Saudi-backed`, `Google-Backed Financing`: a compound adjective, no verb.
  if (i > clause_.begin && t_[i - 1].lower == "-" && t_[i].lower.ends_with("ed")) return false;
  if (is_verb(i)) return true;
  return mention_at(i) < 0 && !t_[i].punct && (classes(i) & kInvest) != 0 &&
         !(t_[i].lower == "back" && i > clause_.begin && is_relation_verb(word_classes(t_[i - 1].lower)));
}

bool ClauseReader::followed_by_verb(std::size_t first) const {
  const int m = mention_at(first);
  std::size_t k = m >= 0 ? mentions_[static_cast<std::size_t>(m)].last : first + 1;
  while (k < clause_.end && (t_[k].lower == "also" || t_[k].lower == "now" || t_[k].lower == "just" ||
                             t_[k].lower == "reportedly" || t_[k].lower == "'s"))
    ++k;
  return k < clause_.end && (is_verb(k) || is_auxiliary(t_[k].lower));
}

bool ClauseReader::followed_by_open_verb(std::size_t first) const {
  const std::size_t k = mentions_[static_cast<std::size_t>(mention_at(first))].last;
  if (k >= clause_.end || t_[k].punct || mention_at(k) >= 0 || t_[k].capitalised) return false;
  const std::string& w = t_[k].lower;
  if ((classes(k) & (kModifier | kPrep | kCompute | kDealNoun | kCommon)) != 0) return false;
  return w.size() > 3 && (w.ends_with("s") || w.ends_with("ed")) && !w.ends_with("ss");
}

Prep ClauseReader::prep_of(std::size_t first) const {
  std::size_t steps = 0;
  bool listed = false;
  for (std::size_t k = first; k > clause_.begin && steps < 9; ++steps) {
    --k;
    if (mention_at(k) >= 0) continue;
    const std::string& w = t_[k].lower;
    if (w == ",") {
      if (k > clause_.begin && mention_at(k - 1) >= 0 && !followed_by_verb(first)) {
        listed = true;
        continue;
      }
      return Prep::none;
    }
    if (t_[k].punct) {
      if (w == "$" || w == "'s" || w == "-" || w == "&" || w == "/" || w == "%" || w == "." || w == "@") continue;
      return Prep::none;
    }
    if (w == "and" || w == "or") continue;
    // `all of Anthropic's models`, `Five thousand of CoreWeave's H200s`: a quantity opens the
    // noun phrase, and its `of` governs nothing.
    if (w == "of" && k > clause_.begin && is_quantifier(t_[k - 1].lower)) {
      --k;
      continue;
    }
    // `commits to a bigger slice of AWS GPU capacity`: the preposition before the part governs.
    if (w == "of" && k > clause_.begin && is_partitive(t_[k - 1].lower)) {
      std::size_t b = k - 1;
      while (b > clause_.begin && (is_determiner(t_[b - 1].lower) || (word_classes(t_[b - 1].lower) & kModifier) != 0 ||
                                   t_[b - 1].lower.ends_with("er")))
        --b;
      if (b > clause_.begin && t_[b - 1].lower != "of" && (word_classes(t_[b - 1].lower) & kPrep) != 0)
        return prep_named(t_[b - 1].lower);
      return Prep::of;
    }
    // `said on Tuesday that Uber will`: a complement clause starts a new subject.
    if (w == "that" && k > clause_.begin && (word_classes(t_[k - 1].lower) & kReport) == 0 && mention_at(k - 1) < 0)
      return Prep::none;
    const std::uint32_t c = word_classes(w);
    if ((c & kCompareWith) != 0 && !quantity_than(k)) return Prep::compare;
    // `takes on CoreWeave`: a rival confronted, not a place.
    if (w == "on" && k + 1 == first && k > clause_.begin && is_take_form(t_[k - 1].lower)) return Prep::compare;
    if (is_near_word(w)) return Prep::near;
    if ((c & kPrep) != 0) {
      // `a mile from Colossus`, `two kilometres from`: a distance.
      if (w == "from" && k > clause_.begin && is_distance(t_[k - 1].lower)) return Prep::near;
      if (w == "to" && k > clause_.begin) {
        const std::string& before = t_[k - 1].lower;
        if (before == "next" || before == "close" || before == "adjacent") return Prep::near;
        if (before == "according") return listed ? Prep::none : Prep::report;
      }
      // `across the street from`, `down the road from`, `next door to`.
      if (k >= clause_.begin + 2 && mention_at(k - 1) < 0) {
        const std::string& place = t_[k - 1].lower;
        const std::string& before = t_[k - 2].lower;
        const bool place_word = place == "street" || place == "road" || place == "door" || place == "corner" ||
                                place == "block" || place == "fence";
        if (place_word && (before == "the" || before == "next")) return Prep::near;
      }
      return prep_named(w);
    }
    if (is_verb(k) || (c & kReport) != 0 || is_auxiliary(w)) return Prep::none;
  }
  return Prep::none;
}

bool ClauseReader::is_reporter(std::size_t m) const {
  const EntityMention& e = mentions_[m];
  for (std::size_t k = e.last; k < clause_.end && k < e.last + 3; ++k) {
    const std::string& w = t_[k].lower;
    // `X is said to`, `X reported to be` speak of X, not through it.
    if ((word_classes(w) & kReport) != 0) {
      // `CoreWeave disclosed an order from NVIDIA`: disclosing its own deal, not reporting.
      const bool discloses = (w == "disclosed" || w == "reveals" || w == "revealed") && k + 1 < clause_.end &&
                             is_determiner(t_[k + 1].lower);
      return !discloses && !(k + 1 < clause_.end && t_[k + 1].lower == "to");
    }
    // `Bloomberg named the target of ...`: a name naming something, not named as something.
    if ((w == "named" || w == "identified" || w == "learned" || w == "wrote" || w == "noted") &&
        k + 1 < clause_.end && (is_determiner(t_[k + 1].lower) || t_[k + 1].lower == "that"))
      return true;
    if (w != "also" && w != "now" && w != "first" && w != "has" && w != "had" && w != "earlier" && w != "'s" &&
        w != "is" && w != "was")
      break;
  }
  // `..., says FT`, `told Reuters`: the name closes the clause.
  const bool closes = e.last >= clause_.end || t_[e.last].punct;
  if (e.first > clause_.begin && closes) {
    const std::string& before = t_[e.first - 1].lower;
    if (before == "told" || before == "says" || before == "said" || before == "reports" || before == "via") return true;
  }
  return prep_of(e.first) == Prep::report;
}

bool ClauseReader::quantity_than(std::size_t k) const {
  if (t_[k].lower != "than" || k == clause_.begin) return false;
  const std::string& b = t_[k - 1].lower;
  return b == "more" || b == "less" || b == "fewer" || b == "greater" || b == "rather" || b == "other" ||
         b == "higher" || b == "lower";
}

bool ClauseReader::compared_between(std::size_t from, std::size_t to) const {
  for (std::size_t k = from; k < to; ++k) {
    if (mention_at(k) >= 0 || (classes(k) & (kCompare | kCompareWith)) == 0 || quantity_than(k)) continue;
    // `a deal with rival Google`, `turned to rival cloud provider Oracle`: a description of the
    // name that follows, past the nouns of its descriptor.
    bool describes = false;
    if (t_[k].lower == "rival" || t_[k].lower == "competitor") {
      std::size_t n = k + 1;
      while (n < clause_.end && n < k + 4 && mention_at(n) < 0 && !t_[n].punct && !t_[n].capitalised &&
             !is_verb(n) && (classes(n) & (kPrep | kCompareWith)) == 0)
        ++n;
      describes = n < clause_.end && mention_at(n) >= 0;
    }
    // `a bigger slice of AWS capacity`: an adjective after a determiner, with no `than`.
    if (k > clause_.begin && is_determiner(t_[k - 1].lower) && (classes(k) & kCompareWith) == 0 &&
        !(k + 1 < clause_.end && t_[k + 1].lower == "than"))
      describes = true;
    if (!describes) return true;
  }
  return false;
}

std::size_t ClauseReader::participle_verb(const EntityMention& inner, std::size_t subject) const {
  std::size_t comma = kNoToken;
  for (std::size_t k = inner.last; k < clause_.end && k < inner.last + 12; ++k) {
    if (t_[k].lower == ",") {
      comma = k;
      break;
    }
    if (mention_at(k) >= 0) return kNoToken;
  }
  if (comma == kNoToken) return kNoToken;
  std::size_t first = comma + 1;
  if (first < clause_.end && is_determiner(t_[first].lower)) ++first;
  if (first >= clause_.end || mention_at(first) != static_cast<int>(subject) ||
      mentions_[subject].first != first)
    return kNoToken;
  // Any verb after the subject will do unless the phrase names a role (`By signing X as an adviser`).
  bool role = false;
  for (std::size_t k = inner.last; k < comma; ++k) role = role || t_[k].lower == "as";
  if (!followed_by_verb(first) && (role || !followed_by_open_verb(first))) return kNoToken;
  for (std::size_t k = inner.first; k > clause_.begin;) {
    --k;
    if (mention_at(k) >= 0 || t_[k].lower == ",") return kNoToken;
    const std::string& w = t_[k].lower;
    if (!(w.size() > 4 && w.ends_with("ing") && is_relation_verb(classes(k)))) continue;
    // Before the gerund only a time or a subordinator: `After`, `Four days after`, `Just weeks after`.
    for (std::size_t b = clause_.begin; b < k; ++b) {
      if (t_[b].punct || mention_at(b) >= 0 || is_relation_verb(classes(b)) || is_auxiliary(t_[b].lower))
        return kNoToken;
    }
    return k;
  }
  return kNoToken;
}

std::vector<bool> ClauseReader::anchor_flags(const std::vector<EntityMention>& mentions, const std::vector<TriggerOrganisation>& organisations) {
  std::vector<bool> flags;
  for (const auto& m : mentions) flags.push_back(is_anchor(m, organisations));
  return flags;
}

}  // namespace watchdesk::triggers::clause_reading
