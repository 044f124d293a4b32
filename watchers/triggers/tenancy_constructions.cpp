// Constructions that state or rule out a tenancy by their shape.
#include "watchers/triggers/tenancy_constructions.hpp"

#include <initializer_list>
#include <string_view>

#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {

bool is_one_of(std::string_view w, std::initializer_list<std::string_view> words) {
  for (const std::string_view x : words) {
    if (w == x) return true;
  }
  return false;
}

int clause_mention_at(const ClauseView& v, std::size_t k) {
  for (std::size_t m = 0; m < v.mentions.size(); ++m) {
    if (k >= v.mentions[m].first && k < v.mentions[m].last) return static_cast<int>(m);
  }
  return -1;
}

namespace {

bool is_customer_noun(std::string_view w) {
  return is_one_of(w, {"customer", "customers", "tenant", "tenants", "client", "clients", "renter", "lessee", "buyer",
                    "user", "anchor"});
}

bool is_provider_noun(std::string_view w) {
  return is_one_of(w, {"supplier", "provider", "host", "landlord", "partner"});
}

// Words that make a provider one of compute (`computing supplier`, `cloud provider`).
bool is_compute_modifier(std::string_view w) {
  return is_one_of(w, {"computing", "compute", "cloud", "gpu", "tpu", "infrastructure", "capacity", "ai", "hosting",
                    "data", "training", "inference"});
}

// Nouns a facility is described by (`cluster`, `data center`, `campus`).
bool is_facility_noun(std::string_view w) {
  return is_one_of(w, {"cluster", "clusters", "supercluster", "supercomputer", "center", "centre", "centers", "centres",
                    "campus", "campuses", "site", "facility", "halls", "hall", "capacity", "region", "buildout",
                    "build-out", "pod", "pods", "fleet", "farm", "hub"});
}

bool is_copula(std::string_view w) { return is_one_of(w, {"is", "was", "are", "remains", ":", "-", "--"}); }

bool is_product(std::string_view w) {
  return is_one_of(w, {"claude", "gemini", "gemma", "llama", "chatgpt", "gpt", "copilot", "grok", "sora", "codex"});
}

bool is_signing_participle(std::string_view w) {
  return is_one_of(w, {"signed", "inked", "struck", "agreed", "sealed", "finalised", "finalized", "reached", "penned"});
}

bool is_forming(std::string_view w) {
  return is_one_of(w, {"create", "creates", "created", "creating", "form", "forms", "formed", "forming", "launch",
                    "launches", "launched", "establish", "establishes", "established", "set"});
}

// What a customer sends to a facility to run.
bool is_workload(std::string_view w) {
  return is_one_of(w, {"models", "jobs", "job", "workloads", "workload", "training", "inference", "queries",
                    "requests", "traffic", "runs", "experiments"});
}

// Hardware, whose move to a facility is supply.
bool is_hardware_word(std::string_view w) {
  return is_one_of(w, {"gpu", "gpus", "chip", "chips", "servers", "server", "racks", "rack", "systems", "hardware",
                    "accelerators", "processors", "equipment", "turbines", "cs-3"});
}

// A word that makes a deal one of supply (`chip-supply contract`, `cooling deal`).
bool is_supply_word(std::string_view w) {
  return is_one_of(w, {"supply", "chip", "chips", "gpu", "gpus", "hardware", "server", "servers", "cooling",
                    "construction", "power", "energy", "equipment", "financing", "loan", "land", "investment"});
}

bool is_number(std::string_view w) { return !w.empty() && w[0] >= '0' && w[0] <= '9'; }

// The possessor before the noun phrase ending at `noun`: a mention's index, `-2` for `its` or a
// described one (`the platform's`), `-1` for none.
int possessor_before(const ClauseView& v, std::size_t noun) {
  for (std::size_t k = noun; k > v.clause.begin && noun - k < 6;) {
    --k;
    const std::string& w = v.tokens[k].lower;
    if (w == "its" || w == "their") return -2;
    if (w == "'s") {
      if (k == v.clause.begin) return -1;
      const int m = clause_mention_at(v, k - 1);
      return m >= 0 ? m : -2;
    }
    if (v.tokens[k].punct && w != "-" && w != "$") return -1;
    if (clause_mention_at(v, k) >= 0) return -1;
  }
  return -1;
}

// The first token after `k` that is no determiner.
std::size_t skip_determiners(const ClauseView& v, std::size_t k) {
  while (k < v.clause.end && is_one_of(v.tokens[k].lower, {"a", "an", "the", "now", "none", "other", "than"})) ++k;
  return k;
}

}  // namespace

std::optional<StatedTenancy> copular_role(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  for (std::size_t r = v.clause.begin + 1; r + 1 < v.clause.end; ++r) {
    const std::string& noun = v.tokens[r].lower;
    const bool customer = is_customer_noun(noun);
    const bool provider = !customer && is_provider_noun(noun);
    if ((!customer && !provider) || !is_copula(v.tokens[r + 1].lower)) continue;
    const std::size_t after = skip_determiners(v, r + 2);
    if (after >= v.clause.end) continue;
    const int named = clause_mention_at(v, after);
    const int owner = possessor_before(v, r);
    if (customer && named == static_cast<int>(mention) && o.first == after) {
      if (owner >= 0 && v.anchors[static_cast<std::size_t>(owner)]) {
        return StatedTenancy{static_cast<std::size_t>(owner), r, v.mentions[static_cast<std::size_t>(owner)].first,
                             o.last};
      }
      if (owner == -2 && facility_elsewhere) return StatedTenancy{std::nullopt, r, r, o.last};
    }
    if (provider && owner == static_cast<int>(mention) && named >= 0 && v.anchors[static_cast<std::size_t>(named)]) {
      bool of_compute = false;
      for (std::size_t k = o.last; k < r; ++k) of_compute = of_compute || is_compute_modifier(v.tokens[k].lower);
      if (of_compute) {
        const EntityMention& a = v.mentions[static_cast<std::size_t>(named)];
        return StatedTenancy{static_cast<std::size_t>(named), r, o.first, a.last};
      }
    }
  }
  return std::nullopt;
}

std::optional<StatedTenancy> facility_for(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  if (o.first < v.clause.begin + 2 || v.tokens[o.first - 1].lower != "for") return std::nullopt;
  // `CoreWeave's cluster for Nvidia GPUs`: goods named by their maker, not a customer.
  if (o.last < v.clause.end && (word_classes(v.tokens[o.last].lower) & kCompute) != 0 &&
      !is_facility_noun(v.tokens[o.last].lower))
    return std::nullopt;
  const std::size_t noun = o.first - 2;
  if (!is_facility_noun(v.tokens[noun].lower) && clause_mention_at(v, noun) < 0) return std::nullopt;
  for (std::size_t k = noun + 1; k > v.clause.begin && noun + 1 - k < 8;) {
    --k;
    const int m = clause_mention_at(v, k);
    if (m >= 0) {
      if (!v.anchors[static_cast<std::size_t>(m)]) return std::nullopt;
      // `IBM reserves Colossus capacity for Granite`: a party before the facility took it, and
      // what follows `for` is its own purpose.
      for (std::size_t b = v.clause.begin; b < v.mentions[static_cast<std::size_t>(m)].first; ++b) {
        const int before = clause_mention_at(v, b);
        if (before >= 0 && !v.anchors[static_cast<std::size_t>(before)]) return std::nullopt;
      }
      return StatedTenancy{static_cast<std::size_t>(m), o.first - 1, v.mentions[static_cast<std::size_t>(m)].first,
                           o.last};
    }
    const std::string& w = v.tokens[k].lower;
    if (w == "'s" || w == "-" || is_number(w) || v.tokens[k].capitalised || is_facility_noun(w) ||
        is_compute_modifier(w) || (word_classes(w) & (kModifier | kCompute)) != 0 ||
        is_one_of(w, {"new", "first", "second", "largest", "biggest", "massive", "giant", "dedicated", "custom", "project",
                   "data"}))
      continue;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<StatedTenancy> signed_by(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  // Back over the joined names to `by`.
  std::size_t k = o.first;
  while (k > v.clause.begin) {
    const std::string& w = v.tokens[k - 1].lower;
    if (clause_mention_at(v, k - 1) >= 0 || w == "and" || w == ",") {
      --k;
      continue;
    }
    break;
  }
  if (k < v.clause.begin + 3 || v.tokens[k - 1].lower != "by" || !is_signing_participle(v.tokens[k - 2].lower))
    return std::nullopt;
  std::size_t deal = k;
  for (std::size_t d = k - 2; d > v.clause.begin && k - 2 - d < 6;) {
    --d;
    if ((word_classes(v.tokens[d].lower) & kDealNoun) != 0) {
      deal = d;
      break;
    }
  }
  if (deal == k) return std::nullopt;
  // The other party: an anchor among the names joined after `by`.
  for (std::size_t n = k; n < v.clause.end; ++n) {
    const int m = clause_mention_at(v, n);
    const std::string& w = v.tokens[n].lower;
    if (m >= 0) {
      if (static_cast<std::size_t>(m) != mention && v.anchors[static_cast<std::size_t>(m)]) {
        const std::size_t last = v.mentions[static_cast<std::size_t>(m)].last;
        return StatedTenancy{static_cast<std::size_t>(m), deal, deal, last > o.last ? last : o.last};
      }
      n = v.mentions[static_cast<std::size_t>(m)].last - 1;
      continue;
    }
    if (w != "and" && w != ",") break;
  }
  return std::nullopt;
}

std::optional<StatedTenancy> possessive_deal(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  if (o.last + 2 >= v.clause.end || v.tokens[o.last].lower != "'s") return std::nullopt;
  for (std::size_t k = o.last + 1; k + 2 < v.clause.end && k < o.last + 8; ++k) {
    const std::string& w = v.tokens[k].lower;
    if (clause_mention_at(v, k) >= 0 || (v.tokens[k].punct && w != "$" && w != "-")) return std::nullopt;
    if ((word_classes(w) & kDealNoun) == 0) {
      if (is_supply_word(w)) return std::nullopt;
      continue;
    }
    if (v.tokens[k + 1].lower != "with") return std::nullopt;
    const int m = clause_mention_at(v, k + 2);
    if (m < 0 || !v.anchors[static_cast<std::size_t>(m)] || v.mentions[static_cast<std::size_t>(m)].first != k + 2)
      return std::nullopt;
    return StatedTenancy{static_cast<std::size_t>(m), k, o.first, v.mentions[static_cast<std::size_t>(m)].last};
  }
  return std::nullopt;
}

namespace {

// A noun of taking capacity, whose `of` names what is taken (`choice of`, `reservation of`).
bool is_taking_noun(std::string_view w) {
  return is_one_of(w, {"choice", "selection", "use", "usage", "adoption", "reservation", "reservations", "rental",
                    "rentals", "purchase", "purchases", "booking", "bookings"});
}

// A noun of moving workloads, whose `to` names where (`migration to`, `move to`).
bool is_moving_noun(std::string_view w) { return is_one_of(w, {"migration", "move", "shift", "switch"}); }

}  // namespace

std::optional<StatedTenancy> possessive_choice(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  if (o.last + 3 >= v.clause.end || v.tokens[o.last].lower != "'s") return std::nullopt;
  std::size_t noun = o.last + 1;
  while (noun < v.clause.end && noun < o.last + 4 && !is_taking_noun(v.tokens[noun].lower) &&
         !is_moving_noun(v.tokens[noun].lower) && !v.tokens[noun].punct && clause_mention_at(v, noun) < 0)
    ++noun;
  if (noun + 2 >= v.clause.end) return std::nullopt;
  const std::string& n = v.tokens[noun].lower;
  const std::string& prep = v.tokens[noun + 1].lower;
  if (!((is_taking_noun(n) && prep == "of") || (is_moving_noun(n) && (prep == "to" || prep == "onto"))))
    return std::nullopt;
  // What is taken: the facility, or compute of it (`of 2,000 TPUs`, `of Oracle's cloud`).
  for (std::size_t k = noun + 2; k < v.clause.end && k < noun + 6; ++k) {
    const int m = clause_mention_at(v, k);
    if (m >= 0) {
      if (!v.anchors[static_cast<std::size_t>(m)]) return std::nullopt;
      return StatedTenancy{static_cast<std::size_t>(m), noun, o.first, v.mentions[static_cast<std::size_t>(m)].last};
    }
    const std::string& w = v.tokens[k].lower;
    if (v.tokens[k].punct && w != "," && w != "$") return std::nullopt;
    if ((word_classes(w) & (kModifier | kCompute)) == 0 && !(w[0] >= '0' && w[0] <= '9')) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<StatedTenancy> named_as_customer(const ClauseView& v, std::size_t mention, bool facility_elsewhere) {
  const EntityMention& o = v.mentions[mention];
  if (o.last >= v.clause.end || v.tokens[o.last].lower != "as") return std::nullopt;
  std::size_t noun = 0;
  for (std::size_t k = o.last + 1; k < v.clause.end && k < o.last + 7; ++k) {
    const std::string& w = v.tokens[k].lower;
    if ((v.tokens[k].punct && w != "-") || clause_mention_at(v, k) >= 0) break;
    if (is_customer_noun(w) && w != "user" && w != "anchor") {
      noun = k;
      break;
    }
    if (is_provider_noun(w) || is_one_of(w, {"investor", "backer", "lender", "adviser", "advisor", "builder"})) break;
  }
  if (noun == 0) return std::nullopt;
  for (std::size_t m = 0; m < v.mentions.size(); ++m) {
    if (m != mention && v.anchors[m]) return StatedTenancy{m, o.last, o.first, noun + 1};
  }
  if (facility_elsewhere) return StatedTenancy{std::nullopt, o.last, o.first, noun + 1};
  return std::nullopt;
}

std::optional<StatedTenancy> access_given(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  if (o.last + 2 >= v.clause.end || v.tokens[o.last].lower != "access") return std::nullopt;
  const std::string& prep = v.tokens[o.last + 1].lower;
  if (prep != "to" && prep != "on") return std::nullopt;
  for (std::size_t k = o.last + 2; k < v.clause.end && k < o.last + 6; ++k) {
    const int m = clause_mention_at(v, k);
    if (m >= 0) {
      if (!v.anchors[static_cast<std::size_t>(m)]) return std::nullopt;
      return StatedTenancy{static_cast<std::size_t>(m), o.last, o.first, v.mentions[static_cast<std::size_t>(m)].last};
    }
    if (v.tokens[k].punct) return std::nullopt;
  }
  return std::nullopt;
}

bool moves_own_workload(const ClauseView& v, std::size_t mention, std::size_t anchor) {
  const EntityMention& o = v.mentions[mention];
  const EntityMention& a = v.mentions[anchor];
  // `racks running OpenAI training`: the workload named by its owner.
  if (o.last < v.clause.end && is_workload(v.tokens[o.last].lower)) return true;
  if (a.first < o.last) return false;
  // `Uber is now serving its models from Oracle Cloud`: the workload between the organisation as
  // subject and the facility, with no hardware moving.
  bool workload = false;
  for (std::size_t k = o.last; k < a.first; ++k) {
    const std::string& w = v.tokens[k].lower;
    if (is_hardware_word(w) || clause_mention_at(v, k) >= 0) return false;
    workload = workload || is_workload(w);
  }
  return workload;
}

bool venture_partner(const ClauseView& v, std::size_t mention) {
  bool venture = false;
  bool forming = false;
  for (std::size_t k = v.clause.begin; k < v.clause.end; ++k) {
    const std::string& w = v.tokens[k].lower;
    venture = venture || w == "venture" || w == "jv";
    forming = forming || is_forming(w);
  }
  // `forming a joint cloud venture`, `create a new TPU cloud through a joint venture`: a cloud
  // business owned together, not a data-center venture whose capacity one partner takes.
  bool cloud = false;
  for (std::size_t k = v.clause.begin; k < v.clause.end; ++k) cloud = cloud || v.tokens[k].lower == "cloud";
  if (venture && forming && cloud) return true;
  // `a partnership between OpenAI, Oracle, SoftBank and MGX`: three or more partners listed.
  const EntityMention& o = v.mentions[mention];
  std::size_t k = o.first;
  std::size_t listed = 1;
  while (k > v.clause.begin) {
    const std::string& w = v.tokens[k - 1].lower;
    const int m = clause_mention_at(v, k - 1);
    if (m >= 0) {
      k = v.mentions[static_cast<std::size_t>(m)].first;
      ++listed;
      continue;
    }
    if (w == "and" || w == ",") {
      --k;
      continue;
    }
    break;
  }
  if (k == v.clause.begin || v.tokens[k - 1].lower != "between") return false;
  for (std::size_t n = o.last; n < v.clause.end; ++n) {
    const int m = clause_mention_at(v, n);
    if (m >= 0) {
      ++listed;
      n = v.mentions[static_cast<std::size_t>(m)].last - 1;
      continue;
    }
    if (v.tokens[n].lower != "and" && v.tokens[n].lower != ",") break;
  }
  return listed >= 3;
}

bool product_made_available(const ClauseView& v, std::size_t mention) {
  const EntityMention& o = v.mentions[mention];
  const bool product = is_product(v.tokens[o.first].lower) ||
                       (o.last < v.clause.end && is_one_of(v.tokens[o.last].lower, {"model", "models"}));
  if (!product) return false;
  for (std::size_t k = v.clause.begin; k < v.clause.end; ++k) {
    if (is_one_of(v.tokens[k].lower, {"available", "availability", "accessible", "integrated", "integration"}))
      return true;
  }
  return false;
}

}  // namespace watchdesk::triggers
