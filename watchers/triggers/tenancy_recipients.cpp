// Constructions that name the organisation as the one capacity goes to.
#include "watchers/triggers/tenancy_recipients.hpp"

#include <algorithm>
#include <string_view>

namespace watchdesk::triggers {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// What a facility gives or a customer gets: compute, and the room and power it runs in.
bool is_compute_word(std::string_view w) {
  return is_one_of(
      w,
      {"capacity", "compute",   "computing",      "gpu",          "gpus",       "chips",         "chip",      "tpus",
       "tpu",      "servers",   "infrastructure", "cluster",      "clusters",   "supercomputer", "megawatts", "mw",
       "gw",       "gigawatts", "power",          "accelerators", "processors", "racks",         "instances", "cloud",
       "data"});
}

// Money or equity, whose giving makes an investor, not a tenant.
bool is_money_word(std::string_view w) {
  return is_one_of(w, {"equity", "stake", "shares", "loan", "loans", "financing", "funding", "investment", "cash",
                       "debt", "warrants"});
}

bool is_giving_verb(std::string_view w) {
  return is_one_of(
      w, {"provide", "provides", "provided",  "providing",  "supply",   "supplies",  "supplied",  "supplying",
          "deliver", "delivers", "delivered", "delivering", "give",     "gives",     "gave",      "given",
          "giving",  "offer",    "offers",    "offered",    "allocate", "allocates", "allocated", "available",
          "dedicate", "dedicates", "dedicated", "earmarked", "assigned", "leased", "rented"});
}

// The workload a customer needs served (`computing needs`, `customers`, `training`).
bool is_need_noun(std::string_view w) {
  return is_one_of(w, {"needs", "need", "computing", "compute", "workloads", "workload", "training", "inference",
                       "models", "model", "customers", "users", "demand", "capacity", "ambitions"});
}

bool is_serving_verb(std::string_view w) {
  return is_one_of(w, {"support", "serve", "power", "meet", "fuel", "accommodate", "handle", "run", "host"});
}

bool is_winning_verb(std::string_view w) {
  return is_one_of(w, {"won", "wins", "win", "winning", "land", "lands", "landed", "landing", "secure", "secures",
                       "secured", "securing", "captured", "captures", "capture", "capturing", "bagged", "bags"});
}

bool is_business_noun(std::string_view w) {
  return is_one_of(w, {"business", "workloads", "workload", "contract", "account", "deal", "order", "spending",
                       "compute", "training"});
}

// The first mention in `[from, to)` that stands for the facility, or -1.
int anchor_in(const ClauseView& v, std::size_t from, std::size_t to) {
  for (std::size_t m = 0; m < v.mentions.size(); ++m) {
    if (v.anchors[m] && v.mentions[m].first >= from && v.mentions[m].last <= to) return static_cast<int>(m);
  }
  return -1;
}

std::optional<StatedTenancy> stated(int anchor, std::size_t cue, std::size_t from, std::size_t to) {
  StatedTenancy s;
  if (anchor >= 0) s.anchor = static_cast<std::size_t>(anchor);
  s.cue = cue;
  s.from = from;
  s.to = to;
  return s;
}

// The few words after a possessive mention hold a word of the kind `test` accepts.
template <typename Test>
bool possessed_is(const ClauseView& v, std::size_t mention, Test test) {
  const EntityMention& o = v.mentions[mention];
  std::size_t k = o.last;
  if (k >= v.clause.end || v.tokens[k].lower != "'s") return false;
  for (++k; k < v.clause.end && k < o.last + 6; ++k) {
    // A product's name or a hyphen inside the phrase (`Grok models`, `video-generation customers`).
    if (v.tokens[k].lower == "-" || clause_mention_at(v, k) >= 0) continue;
    if (v.tokens[k].punct) return false;
    if (test(v.tokens[k].lower)) return true;
  }
  return false;
}

}  // namespace

std::optional<StatedTenancy> given_to(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  std::size_t to = o.first;
  while (to > v.clause.begin && is_one_of(v.tokens[to - 1].lower, {"the", "a", "an"})) --to;
  if (to == v.clause.begin || v.tokens[to - 1].lower != "to") return std::nullopt;
  --to;
  // Back from `to` to the giving verb, through what is given.
  bool compute = false;
  for (std::size_t k = to; k > v.clause.begin && to - k < 16;) {
    --k;
    const std::string& w = v.tokens[k].lower;
    const int m = clause_mention_at(v, k);
    if (m >= 0) {
      if (!v.anchors[static_cast<std::size_t>(m)]) return std::nullopt;
      compute = true;
      continue;
    }
    if (w == "," || w == ";" || w == ":") return std::nullopt;
    if (is_money_word(w)) return std::nullopt;
    if (!is_giving_verb(w)) {
      compute = compute || is_compute_word(w);
      continue;
    }
    // `made available to`: the passive needs its participle; `available` alone is an adjective.
    if (w == "available" && !(k > v.clause.begin && v.tokens[k - 1].lower == "made")) return std::nullopt;
    // The passive: what is given is named before the verb (`GPU capacity will be provided to`), or
    // its participle qualifies it (`a million Trainium chips dedicated to Anthropic`).
    bool passive = k > v.clause.begin && is_one_of(v.tokens[k - 1].lower, {"be", "been", "is", "are", "was", "were"});
    if (k > v.clause.begin && w.ends_with("ed")) {
      const int before = clause_mention_at(v, k - 1);
      compute = compute || is_compute_word(v.tokens[k - 1].lower) ||
                (before >= 0 && v.anchors[static_cast<std::size_t>(before)]);
    }
    if (w == "available") passive = true;
    if (passive) {
      for (std::size_t b = v.clause.begin; b < k; ++b) compute = compute || is_compute_word(v.tokens[b].lower);
    }
    if (!compute) return std::nullopt;
    const int anchor = anchor_in(v, v.clause.begin, v.clause.end);
    if (anchor < 0 && !facility_elsewhere) return std::nullopt;
    return stated(anchor, k, std::min(k, anchor >= 0 ? v.mentions[static_cast<std::size_t>(anchor)].first : k), o.last);
  }
  return std::nullopt;
}

std::optional<StatedTenancy> access_to_compute(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  // `O will have access to`, `O gets access to`, `gives O access to`: `access to` within three words after.
  std::size_t access = kNone;
  for (std::size_t k = o.last; k + 1 < v.clause.end && k < o.last + 4; ++k) {
    if (v.tokens[k].lower == "access" && v.tokens[k + 1].lower == "to") {
      access = k;
      break;
    }
    const std::string& w = v.tokens[k].lower;
    if (!is_one_of(w, {"will",   "would",   "to",      "now",     "also",     "have",     "has",
                       "had",    "get",     "gets",    "got",     "gain",     "gains",    "gained",
                       "secure", "secures", "secured", "receive", "receives", "received", "'ll"}))
      return std::nullopt;
  }
  if (access == kNone) return std::nullopt;
  // What is accessed: compute, and the facility in the clause or another one.
  bool compute = false;
  for (std::size_t k = access + 2; k < v.clause.end && k < access + 16; ++k) {
    const int m = clause_mention_at(v, k);
    if (m >= 0 && !v.anchors[static_cast<std::size_t>(m)] && k + 1 < v.clause.end && v.tokens[k + 1].lower == "'s")
      return std::nullopt;
    compute = compute || (m >= 0 && v.anchors[static_cast<std::size_t>(m)]) || is_compute_word(v.tokens[k].lower);
  }
  if (!compute) return std::nullopt;
  const int anchor = anchor_in(v, v.clause.begin, v.clause.end);
  if (anchor < 0 && !facility_elsewhere) return std::nullopt;
  return stated(anchor, access, o.first, o.last);
}

bool owns_what_is_reached(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  std::size_t k = o.first;
  while (k > v.clause.begin && is_one_of(v.tokens[k - 1].lower, {"the", "a", "an"})) --k;
  if (k == v.clause.begin) return false;
  const bool accessed = k >= v.clause.begin + 2 && v.tokens[k - 1].lower == "to" && v.tokens[k - 2].lower == "access";
  if (!accessed) return false;
  if (o.last >= v.clause.end || v.tokens[o.last].lower != "'s") return false;
  return !possessed_is(v, mention, [](std::string_view w) { return is_compute_word(w) || is_need_noun(w); });
}

std::optional<StatedTenancy> serves_needs(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  if (o.first < v.clause.begin + 2) return std::nullopt;
  std::size_t verb = o.first - 1;
  while (verb > v.clause.begin && is_one_of(v.tokens[verb].lower, {"the", "all", "of"})) --verb;
  if (!is_serving_verb(v.tokens[verb].lower) || verb == v.clause.begin || v.tokens[verb - 1].lower != "to")
    return std::nullopt;
  if (!possessed_is(v, mention, is_need_noun)) return std::nullopt;
  // What serves is the facility or its owner, named before the purpose.
  const int anchor = anchor_in(v, v.clause.begin, verb);
  if (anchor < 0 && !facility_elsewhere) return std::nullopt;
  return stated(anchor, verb, anchor >= 0 ? v.mentions[static_cast<std::size_t>(anchor)].first : verb, o.last + 1);
}

std::optional<StatedTenancy> business_won(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  const int anchor = anchor_in(v, v.clause.begin, v.clause.end);
  if (anchor < 0 && !facility_elsewhere) return std::nullopt;
  const std::size_t from =
      anchor >= 0 ? std::min(v.mentions[static_cast<std::size_t>(anchor)].first, o.first) : o.first;
  if (o.first > v.clause.begin) {
    const std::size_t before = o.first - 1;
    // `Landing Meta's business`, `picking up Uber's business`: a winning verb, the organisation's business.
    const bool picked_up = v.tokens[before].lower == "up" && before > v.clause.begin &&
                           is_one_of(v.tokens[before - 1].lower, {"pick", "picks", "picked", "picking", "snap",
                                                                  "snaps", "snapped", "snapping"});
    if ((is_winning_verb(v.tokens[before].lower) || picked_up) && possessed_is(v, mention, is_business_noun))
      return stated(anchor, before, from, o.last + 2);
    // `won business from OpenAI`, `won cloud business from`: the business, then `from` the organisation.
    if (v.tokens[before].lower == "from" && before >= v.clause.begin + 2 &&
        is_business_noun(v.tokens[before - 1].lower)) {
      std::size_t verb = before - 2;
      while (verb > v.clause.begin && is_compute_word(v.tokens[verb].lower)) --verb;
      if (is_winning_verb(v.tokens[verb].lower)) return stated(anchor, verb, from, o.last);
    }
    // `a similar Google deal with OpenAI`: the facility or its owner naming a deal with the organisation.
    if (v.tokens[before].lower == "with" && before >= v.clause.begin + 2 &&
        is_one_of(v.tokens[before - 1].lower, {"deal", "contract", "agreement", "pact"})) {
      std::size_t k = before - 1;
      while (k > v.clause.begin &&
             is_one_of(v.tokens[k - 1].lower, {"cloud", "compute", "computing", "ai", "capacity"}))
        --k;
      if (k > v.clause.begin + 1 && v.tokens[k - 1].lower == "'s") --k;
      const int m = k > v.clause.begin ? clause_mention_at(v, k - 1) : -1;
      if (m >= 0 && v.anchors[static_cast<std::size_t>(m)])
        return stated(m, before - 1, v.mentions[static_cast<std::size_t>(m)].first, o.last);
    }
  }
  return std::nullopt;
}

namespace {

bool is_revenue_noun(std::string_view w) {
  return is_one_of(w, {"revenue", "revenues", "sales", "bookings", "backlog", "income"});
}

}  // namespace

std::optional<StatedTenancy> revenue_source(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  const int anchor = anchor_in(v, v.clause.begin, v.clause.end);
  if (anchor < 0 && !facility_elsewhere) return std::nullopt;
  const std::size_t a_first = anchor >= 0 ? v.mentions[static_cast<std::size_t>(anchor)].first : o.first;
  // `Cerebras revenue came from G42`: revenue, then `came from` or `from` the organisation.
  if (o.first >= v.clause.begin + 2 && v.tokens[o.first - 1].lower == "from") {
    std::size_t k = o.first - 1;
    if (is_one_of(v.tokens[k - 1].lower, {"came", "comes", "come", "coming", "derived", "generated"})) --k;
    if (k > v.clause.begin && is_revenue_noun(v.tokens[k - 1].lower))
      return stated(anchor, k - 1, std::min(a_first, k - 1), o.last);
  }
  // `Microsoft (historically) accounted for 71% of revenue`: the organisation's share of the revenue.
  std::size_t verb = o.last;
  if (verb < v.clause.end && v.tokens[verb].lower.ends_with("ly")) ++verb;
  if (verb + 2 < v.clause.end && is_one_of(v.tokens[verb].lower, {"accounted", "accounts", "represented",
                                                                  "represents", "contributed", "contributes"})) {
    for (std::size_t k = verb + 1; k < v.clause.end && k < verb + 8; ++k) {
      if (is_revenue_noun(v.tokens[k].lower)) return stated(anchor, verb, std::min(a_first, o.first), k + 1);
      if (v.tokens[k].punct && v.tokens[k].lower != "%" && v.tokens[k].lower != "'s") break;
    }
  }
  return std::nullopt;
}

bool taken_on_for_equipment(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  if (o.last + 2 >= v.clause.end || v.tokens[o.last].lower != "for") return false;
  if (!is_one_of(v.tokens[o.last + 1].lower, {"its", "their"})) return false;
  for (std::size_t k = o.last + 2; k < v.clause.end && k < o.last + 6; ++k) {
    const std::string& w = v.tokens[k].lower;
    if (is_one_of(w, {"switches", "switch", "cooling", "chillers", "turbines", "transformers", "networking", "cables",
                      "cabling", "generators", "security", "construction", "racks", "servers", "storage", "audit",
                      "accounts", "legal"}))
      return true;
    if (v.tokens[k].punct) return false;
  }
  return false;
}

}  // namespace watchdesk::triggers
