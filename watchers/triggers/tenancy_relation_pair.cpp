// An organisation and an anchor (the facility or its owner) in one clause: subject, verb and object.
#include "watchers/triggers/tenancy_clause_reader.hpp"

namespace watchdesk::triggers::clause_reading {

std::optional<TenancyRelation> ClauseReader::pair(std::size_t o, std::size_t a) const {
  const bool org_first = mentions_[o].first < mentions_[a].first;
  const std::size_t s = org_first ? o : a;
  const std::size_t x = org_first ? a : o;
  const EntityMention& S = mentions_[s];
  const EntityMention& T = mentions_[x];
  if (is_reporter(o)) return std::nullopt;
  if (prep_of(mentions_[o].first) == Prep::compare) return std::nullopt;
  if (names_goods(mentions_[o])) return std::nullopt;
  if (!org_first && invests_after(mentions_[o])) return make(o, a, TenancyRole::investor, kNoToken, S.first, T.last);
  if (compared_between(S.last, T.first)) return std::nullopt;
  const Prep s_prep = prep_of(S.first);
  const Prep t_prep = prep_of(T.first);
  // `Meta takes on CoreWeave`, `Unlike Colossus, ...`: a party compared is no party to a deal.
  if (s_prep == Prep::compare || t_prep == Prep::compare) return std::nullopt;

  // Neighbours: `X leases land next to Colossus`.
  if (org_first && t_prep == Prep::near) return make(o, a, TenancyRole::neighbour, kNoToken, S.first, T.last);

  // `After signing a deal with OpenAI, Cerebras raised ...`: the party in the opening participle
  // phrase is the object of its gerund, whose subject follows the comma.
  if (const std::size_t g = participle_verb(S, x); g != kNoToken) {
    const EntityMention& subject = mentions_[x];
    return verb_role(o, a, g, x == o, S, s_prep, false, g, subject.last);
  }

  // Joined: `OpenAI-Cerebras deal`, `Google and Meta have signed`, `between TeraWulf and Fluidstack`.
  bool joined = true;
  for (std::size_t k = S.last; k < T.first; ++k) {
    const std::string& w = t_[k].lower;
    if (mention_at(k) >= 0) continue;
    if (!(w == "and" || w == "&" || w == "," || w == "/" || w == "-" || w == "'s")) {
      joined = false;
      break;
    }
  }
  if (joined && (s_prep == Prep::none || s_prep == Prep::between)) {
    const std::size_t w = s_prep == Prep::between ? T.first : deal_word_after(T.last);
    if (w != kNoToken) {
      const TenancyRole role = (w < clause_.end && (classes(w) & kInvest) != 0 && (classes(w) & kDealNoun) == 0)
                                   ? TenancyRole::investor
                                   : deal_role(o, a);
      return make(o, a, role, w == T.first ? kNoToken : w, S.first, std::max(T.last, w == kNoToken ? T.last : w + 1));
    }
  }

  // A possessive noun phrase: `OpenAI's $38 Billion AWS Deal`, `Microsoft's deal with IREN`.
  if (S.last < clause_.end && t_[S.last].lower == "'s") {
    for (std::size_t k = S.last + 1; k < clause_.end && k < S.last + 10; ++k) {
      if (mention_at(k) >= 0 || t_[k].punct) continue;
      if ((classes(k) & kDealNoun) != 0 && !is_verb(k)) {
        const bool object_before = T.first < k;
        const bool object_after =
            T.first > k && T.first - k <= 6 &&
            (t_prep == Prep::with || t_prep == Prep::on || t_prep == Prep::from || t_prep == Prep::to ||
             t_prep == Prep::for_);
        if (object_before || object_after) return make(o, a, deal_role(o, a), k, S.first, std::max(T.last, k + 1));
        break;
      }
      if (is_verb(k)) break;
    }
  }

  // `an order from NVIDIA for CoreWeave's capacity`: the customer of a deal named before the facility.
  if (org_first && s_prep == Prep::from && (t_prep == Prep::for_ || t_prep == Prep::on) && S.first >= clause_.begin + 2 &&
      (classes(S.first - 2) & kDealNoun) != 0 && (classes(S.first - 2) & kCompute) == 0 &&
      t_[S.first - 1].lower == "from")
    if (!supply_deal(S.first >= clause_.begin + 4 ? S.first - 4 : clause_.begin, S.first - 1))
      return make(o, a, TenancyRole::tenant, S.first - 2, S.first - 2, T.last);
  if (s_prep != Prep::none || is_reporter(s)) return std::nullopt;
  return linked(o, a, s, x, S.first, S.last, T, t_prep);
}

std::optional<TenancyRelation> ClauseReader::linked(std::size_t o, std::size_t a, std::size_t s, std::size_t x, std::size_t s_first, std::size_t s_last, const EntityMention& T, Prep t_prep) const {
  const bool org_subject = s == o;
  std::size_t verb = kNoToken;
  bool role_noun = false;
  std::size_t deal_noun = kNoToken;
  for (std::size_t k = s_last; k < T.first; ++k) {
    if (mention_at(k) >= 0) continue;
    if (is_link(k)) verb = k;
    const std::uint32_t c = classes(k);
    if ((c & kRoleNoun) != 0) role_noun = true;
    if ((c & kDealNoun) != 0 && !is_verb(k)) deal_noun = k;
  }
  // A role noun right after the object: `OpenAI becomes a Colossus customer`.
  if (!role_noun && T.last < clause_.end && (classes(T.last) & kRoleNoun) != 0) role_noun = true;
  // `CoreWeave's largest customer`.
  if (T.last + 1 < clause_.end && t_[T.last].lower == "'s") {
    for (std::size_t k = T.last + 1; k < clause_.end && k < T.last + 4; ++k) {
      if ((classes(k) & kRoleNoun) != 0) {
        role_noun = true;
        break;
      }
      if (t_[k].punct || is_verb(k) || (classes(k) & kPrep) != 0) break;
    }
  }
  const std::size_t from = s_first;
  const std::size_t to = T.last;
  (void)x;
  // A comma between the deal and the name (`... Deal, With Google Taking 8% Stake`).
  auto comma_between = [&](std::size_t from_token) {
    for (std::size_t k = from_token; k < T.first; ++k) {
      if (t_[k].lower == "," && !(k > 0 && mention_at(k - 1) >= 0)) return true;
    }
    return false;
  };
  // The subject is itself the object of an earlier verb (`selects OCI to extend Azure`).
  bool object_of_verb = false;
  for (std::size_t k = s_first; k > clause_.begin && s_first - k < 4;) {
    --k;
    if (is_verb(k)) {
      object_of_verb = true;
      break;
    }
    if (!is_determiner(t_[k].lower) && (word_classes(t_[k].lower) & kModifier) == 0) break;
  }
  if (object_of_verb) verb = kNoToken;
  // `Oracle CEO says OpenAI will rent Colossus`: the subject only reports, or another subject
  // stands nearer the verb.
  if (org_subject && verb != kNoToken) {
    for (std::size_t k = s_last; k < verb; ++k) {
      const int m = mention_at(k);
      if ((classes(k) & kReport) != 0 && m < 0 && !(k + 1 < clause_.end && t_[k + 1].lower == "to"))
        return std::nullopt;
      if (m >= 0 && static_cast<std::size_t>(m) != s && mentions_[static_cast<std::size_t>(m)].first == k &&
          prep_of(k) == Prep::none && !(k > 0 && (t_[k - 1].lower == "," || t_[k - 1].lower == "and" ||
                                                  t_[k - 1].lower == "&" || t_[k - 1].lower == "'s")))
        return std::nullopt;
    }
  }
  // A deal named after the facility: `mulls a Colossus deal`, `weighs Oracle cloud deal`.
  if (verb == kNoToken && deal_noun == kNoToken && org_subject && !object_of_verb) {
    for (std::size_t k = T.last; k < clause_.end && k < T.last + 3; ++k) {
      if ((classes(k) & kDealNoun) != 0) {
        deal_noun = k;
        // `Nvidia snaps up Colossus capacity`: a supplier taking capacity rents it.
        const bool capacity = (classes(k) & kCompute) != 0;
        return make(o, a, capacity ? TenancyRole::tenant : deal_role(o, a), k, from, k + 1);
      }
      if (t_[k].punct || (classes(k) & (kModifier | kCompute)) == 0) break;
    }
  }
  if (verb == kNoToken) {
    if (role_noun && !object_of_verb) return make(o, a, TenancyRole::tenant, kNoToken, from, to);
    // `Netflix follows Anthropic onto Colossus`: the organisation comes over to the facility.
    if (org_subject && t_prep == Prep::to && !object_of_verb) {
      for (std::size_t k = s_last; k < T.first && k < s_last + 3; ++k) {
        if (mention_at(k) < 0 && !t_[k].punct && is_motion(t_[k].lower))
          return make(o, a, TenancyRole::tenant, k, from, to);
      }
    }
    if (deal_noun != kNoToken && !comma_between(deal_noun) && !object_of_verb &&
        (t_prep == Prep::with || t_prep == Prep::on))
      return make(o, a, deal_role(o, a), deal_noun, from, to);
    // `CoreWeave disclosed an order from NVIDIA`: a deal the facility receives from a customer.
    if (!org_subject && t_prep == Prep::from && deal_noun != kNoToken && (classes(deal_noun) & kCompute) == 0 &&
        deal_noun + 1 < clause_.end &&
        t_[deal_noun + 1].lower == "from" && !supply_deal(s_last, deal_noun + 1) && !names_goods(T))
      return make(o, a, TenancyRole::tenant, deal_noun, from, to);
    // `locks OpenAI as the anchor for its build`: the verb's object named in a tenant's role.
    if (org_subject && object_of_verb && role_noun_after_as(s_last, T.first))
      return make(o, a, TenancyRole::tenant, kNoToken, from, to);
    // The facility as object of a giving verb just before it: `leasing Colossus capacity to Anthropic`.
    if (!org_subject && (t_prep == Prep::to || t_prep == Prep::for_) && s_first > clause_.begin) {
      for (std::size_t k = s_first; k > clause_.begin && s_first - k < 3;) {
        --k;
        if (is_verb(k) && (classes(k) & kGive) != 0) {
          if (const auto given = money_between(k, T.first)) return make(o, a, *given, k, k, to);
          return make(o, a, TenancyRole::tenant, k, k, to);
        }
        if (!is_determiner(t_[k].lower)) break;
      }
    }
    return std::nullopt;
  }
  if (t_prep == Prep::none && !directly_after(verb, T.first) && !role_noun) return std::nullopt;
  if (!org_subject) {
    // `signs Microsoft as the anchor tenant`, `signs NVIDIA as a supplier`: the role it is signed in.
    if (const auto as_role = role_after_as(T.last)) {
      if (*as_role) return make(o, a, TenancyRole::tenant, verb, from, to);
      return std::nullopt;
    }
    // `led by Accel`, `run by Crusoe`: `by` belongs to a participle of its own, not to the verb.
    if (t_prep == Prep::by && T.first >= 2 && T.first - 2 > verb && t_[T.first - 1].lower == "by" &&
        t_[T.first - 2].lower.ends_with("ed"))
      return std::nullopt;
    // `books a $3 billion order from Meta`: the deal's customer.
    if (t_prep == Prep::from && deal_noun != kNoToken && deal_noun > verb && (classes(deal_noun) & kCompute) == 0 &&
        deal_noun + 1 < clause_.end &&
        t_[deal_noun + 1].lower == "from" && !supply_deal(verb, deal_noun + 1))
      return make(o, a, TenancyRole::tenant, verb, from, to);
    // `Lambda courts Adobe`: the facility woos a customer (a supplier stays one).
    if (is_wooing(t_[verb].lower)) return make(o, a, deal_role(o, a), verb, from, to);
  }
  return verb_role(o, a, verb, org_subject, T, t_prep, role_noun, from, to);
}

std::optional<TenancyRelation> ClauseReader::verb_role(std::size_t o, std::size_t a, std::size_t verb, bool org_subject, const EntityMention& T, Prep t_prep, bool role_noun, std::size_t from, std::size_t to) const {
  const std::uint32_t c = classes(verb);
  const std::string& v = t_[verb].lower;
  if (org_subject) {
    if ((c & kInvest) != 0 && (c & kTake) == 0) return make(o, a, TenancyRole::investor, verb, from, to);
    // `joins Lambda's latest funding round`: what is joined or taken is money.
    if (money_after(T)) return make(o, a, TenancyRole::investor, verb, from, to);
    if (supply_deal(verb, T.first)) return make(o, a, TenancyRole::supplier, verb, from, to);
    if (builds_with(v, verb, T)) return make(o, a, TenancyRole::supplier, verb, from, to);
    // `AWS is deploying Cerebras hardware in its own data centers`: the facility's maker sells it
    // hardware that it puts to work itself; no capacity is rented.
    if (is_deploy(v) && t_prep == Prep::none && names_goods(T)) return make(o, a, TenancyRole::supplier, verb, from, to);
    // A supplier signing or securing a deal supplies; renting outright makes it a tenant.
    if (deal_role(o, a) == TenancyRole::supplier && !is_outright_take(v) && (c & kTake) != 0)
      return make(o, a, TenancyRole::supplier, verb, from, to);
    // `serves ChatGPT on Cerebras`: giving its own product on the facility is using it.
    if ((c & (kSupply | kGive)) != 0 && (c & kTake) == 0 && t_prep == Prep::on)
      return make(o, a, TenancyRole::tenant, verb, from, to);
    // `buys Megapacks for Colossus`, `deploys servers for CoreWeave`: goods bought or put to
    // work for the facility, not capacity on it.
    if (t_prep == Prep::for_ && (is_purchase(v) || is_deploy(v)) && !capacity_between(verb, T.first))
      return make(o, a, TenancyRole::supplier, verb, from, to);
    // `plans to leverage Google's pre-trained LLMs`: the owner's models used, not its compute.
    if (T.kind == EntityKind::organisation && owns_models(T)) return std::nullopt;
    // `Reddit set to become Stargate's ad partner`: the role noun after the facility's possessive
    // decides what the organisation becomes.
    if (v.starts_with("becom") || v == "became") {
      if (const auto role = role_of_possessed(T)) {
        if (!*role) return std::nullopt;
      }
    }
    if ((c & kTake) != 0) {
      const bool gives = (c & kGive) != 0 && is_lease_or_rent(v) && t_prep == Prep::to;
      if (gives) return make(o, a, TenancyRole::supplier, verb, from, to);
      return make(o, a, TenancyRole::tenant, verb, from, to);
    }
    if ((c & kDealVerb) != 0) {
      // `Nvidia reached a deal with Lambda to lease 8,000 servers`: a deal whose purpose is renting.
      const TenancyRole role = supplies_by_purpose(T.last) ? TenancyRole::supplier
                               : rents_by_purpose(T.last)  ? TenancyRole::tenant
                                                           : deal_role(o, a);
      return make(o, a, role, verb, from, to);
    }
    if ((c & (kSupply | kGive)) != 0) return make(o, a, TenancyRole::supplier, verb, from, to);
    return std::nullopt;
  }
  if ((c & kInvest) != 0 && (c & (kTake | kGive)) == 0) return make(o, a, TenancyRole::investor, verb, from, to);
  // `xAI sells a Colossus stake to Microsoft`, `sells power to`: money or goods, not capacity, given.
  if (const auto given = money_between(verb, T.first)) return make(o, a, *given, verb, from, to);
  if (builds_with(v, verb, T)) return make(o, a, TenancyRole::supplier, verb, from, to);
  // `Humain has contracted all of the capacity to Luma AI`: capacity given to a customer.
  if (v.starts_with("contract") && t_prep == Prep::to && rented_between(verb, T.first))
    return make(o, a, TenancyRole::tenant, verb, from, to);
  // `Nscale will deploy 104,000 GPUs for Microsoft`: the facility puts hardware to work for a customer.
  if (is_deploy(v) && t_prep == Prep::for_) return make(o, a, TenancyRole::tenant, verb, from, to);
  const bool from_like = t_prep == Prep::from || t_prep == Prep::on;
  if ((c & kGive) != 0 && !(is_lease_or_rent(v) && from_like) &&
      (t_prep == Prep::to || t_prep == Prep::for_ || t_prep == Prep::none || t_prep == Prep::by))
    return make(o, a, TenancyRole::tenant, verb, from, to);
  if ((c & kDealVerb) != 0 && (t_prep == Prep::with || t_prep == Prep::none || t_prep == Prep::to ||
                               t_prep == Prep::for_ || t_prep == Prep::by)) {
    // `announces a joint venture with HUMAIN to build a data centre`: a partner that builds.
    if (venture_between(verb, T.first) && builds_by_purpose(T.last))
      return make(o, a, TenancyRole::supplier, verb, from, to);
    return make(o, a, deal_role(o, a), verb, from, to);
  }
  if ((c & kTake) != 0 && t_prep == Prep::by) return make(o, a, TenancyRole::tenant, verb, from, to);
  // `Microsoft carves out Azure capacity for Mistral`, `reserves GPUs for OpenAI`: taken for a customer.
  if ((c & kTake) != 0 && t_prep == Prep::for_ && rented_between(verb, T.first))
    return make(o, a, TenancyRole::tenant, verb, from, to);
  if ((c & kTake) != 0) return make(o, a, TenancyRole::supplier, verb, from, to);
  if (role_noun) return make(o, a, TenancyRole::tenant, verb, from, to);
  return std::nullopt;
}

bool ClauseReader::owns_models(const EntityMention& T) const {
  if (T.last + 1 >= clause_.end || t_[T.last].lower != "'s") return false;
  for (std::size_t k = T.last + 1; k < clause_.end && k < T.last + 5; ++k) {
    const std::string& w = t_[k].lower;
    if (w == "models" || w == "model" || w == "llms" || w == "llm" || w == "software" || w == "apis" || w == "api")
      return true;
    if (t_[k].punct && w != "-") return false;
    if ((classes(k) & (kCompute | kPrep)) != 0) return false;
  }
  return false;
}

std::optional<bool> ClauseReader::role_of_possessed(const EntityMention& T) const {
  if (T.last + 1 >= clause_.end || t_[T.last].lower != "'s") return std::nullopt;
  for (std::size_t k = T.last + 1; k < clause_.end && k < T.last + 6; ++k) {
    const std::string& w = t_[k].lower;
    if ((classes(k) & kRoleNoun) != 0) return true;
    if (t_[k].punct || (classes(k) & kPrep) != 0) return std::nullopt;
    if (w == "partner" || w == "partners" || w == "supplier" || w == "provider" || w == "vendor" ||
        w == "adviser" || w == "advisor" || w == "investor" || w == "landlord" || w == "builder" ||
        w == "contractor" || w == "sponsor")
      return false;
  }
  return std::nullopt;
}

ClauseReader::FlowSeen ClauseReader::flows(std::size_t from, std::size_t to) const {
  FlowSeen seen;
  for (std::size_t k = from; k < to; ++k) {
    const std::uint32_t c = classes(k);
    if (mention_at(k) < 0 && (c & (kDealNoun | kCompute)) != 0 && (c & kHedge) == 0) seen.between = true;
  }
  auto read = [&](std::size_t k) {
    const Flow f = flow_of(t_[k].lower);
    if (f == Flow::compute) seen.compute = true;
    if (f == Flow::hardware) seen.hardware = true;
    // `spins up` models on a cloud: a start, not a split.
    const bool started = f == Flow::hostile && k + 1 < clause_.end && t_[k + 1].lower == "up";
    if (f == Flow::goods || f == Flow::money || (f == Flow::hostile && !started)) seen.veto = true;
    if ((classes(k) & (kInvest | kCompare | kReport | kNear)) != 0) seen.veto = true;
    if ((classes(k) & kDealNoun) != 0 || (classes(k) & kRoleNoun) != 0) seen.deal = true;
  };
  for (std::size_t k = from; k < to; ++k) {
    if (mention_at(k) < 0 && !t_[k].punct) read(k);
  }
  for (std::size_t k = to; k < clause_.end && k < to + 4; ++k) {
    if (t_[k].punct || mention_at(k) >= 0) break;
    read(k);
  }
  return seen;
}

}  // namespace watchdesk::triggers::clause_reading
