// Subject, verb and governed object between an organisation and a facility in one clause.
#include "watchers/triggers/tenancy_relation.hpp"

#include <optional>
#include <string>
#include <utility>

#include "watchers/triggers/place_names.hpp"
#include "watchers/triggers/tenancy_constructions.hpp"
#include "watchers/triggers/tenancy_recipients.hpp"
#include "watchers/triggers/tenancy_flow.hpp"
#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {
namespace {

// The preposition that governs a mention.
enum class Prep { none, with, to, for_, from, on, of, by, between, other, near, compare, report };

Prep prep_named(std::string_view w) {
  if (w == "with") return Prep::with;
  if (w == "to" || w == "into" || w == "onto") return Prep::to;
  if (w == "for") return Prep::for_;
  if (w == "from") return Prep::from;
  if (w == "on" || w == "at" || w == "in" || w == "inside" || w == "atop" || w == "within" || w == "via" ||
      w == "through" || w == "under" || w == "across")
    return Prep::on;
  if (w == "of") return Prep::of;
  if (w == "by") return Prep::by;
  if (w == "between") return Prep::between;
  return Prep::other;
}

bool is_near_word(std::string_view w) {
  return w == "near" || w == "nearby" || w == "beside" || w == "alongside" || w == "adjacent" ||
         w == "neighbouring" || w == "neighboring" || w == "opposite" || w == "abutting" || w == "bordering";
}

bool is_distance(std::string_view w) {
  for (const std::string_view d : {"mile", "miles", "km", "kilometre", "kilometres", "kilometer", "kilometers", "feet",
                                   "yards", "meters", "metres", "blocks", "minutes", "drive", "streets", "doors"}) {
    if (w == d) return true;
  }
  return false;
}

bool is_determiner(std::string_view w) {
  return w == "a" || w == "an" || w == "the" || w == "its" || w == "their" || w == "his" || w == "her" ||
         w == "our" || w == "this" || w == "these" || w == "those" || w == "'s" || w == "$" || w == "-";
}

// A quantity that opens a noun phrase with `of` (`all of`, `thousands of`).
bool is_quantifier(std::string_view w) {
  return w == "all" || w == "some" || w == "most" || w == "much" || w == "many" || w == "part" || w == "half" ||
         w == "each" || w == "thousand" || w == "thousands" || w == "hundred" || w == "hundreds" || w == "million" ||
         w == "millions" || w == "bulk";
}

// A part of what is rented, whose `of` names the whole (`a slice of`, `a block of`).
bool is_partitive(std::string_view w) {
  return w == "slice" || w == "chunk" || w == "block" || w == "piece" || w == "sliver" || w == "fraction" ||
         w == "portion" || w == "share";
}

bool is_auxiliary(std::string_view w) {
  return w == "is" || w == "are" || w == "was" || w == "were" || w == "be" || w == "been" || w == "has" ||
         w == "have" || w == "had" || w == "will" || w == "would" || w == "could" || w == "may" || w == "might" ||
         w == "can" || w == "should" || w == "to" || w == "just" || w == "now" || w == "also";
}

// Hardware a supplier's name qualifies (`Nvidia GPUs`, `Dell servers`).
bool is_goods(std::string_view w) {
  for (const std::string_view g : {"gpu", "gpus", "chip", "chips", "processors", "processor", "accelerators", "servers",
                                   "server", "racks", "h100", "h100s", "h200", "h200s", "gb200", "gb300", "b200",
                                   "blackwell", "hopper", "rubin", "vera", "hardware", "systems", "superchips",
                                   "turbines", "batteries", "megapacks", "equipment", "switches", "platform", "platforms", "software"}) {
    if (w == g) return true;
  }
  return false;
}

// A deal described as supplying the facility (`chip-supply deal`, `cooling contract`).
bool is_supply_qualifier(std::string_view w) {
  for (const std::string_view q : {"supply", "cooling", "construction", "equipment", "hardware", "turbine", "turbines",
                                   "power", "networking", "chip", "chips", "server", "servers", "building", "engineering",
                                   "maintenance", "fiber", "electricity", "energy", "generator", "generators", "water",
                                   "land", "financing", "loan", "debt"}) {
    if (w == q) return true;
  }
  return false;
}

// A verb of renting or using capacity outright, as opposed to signing or securing a deal.
bool is_outright_take(std::string_view w) {
  for (const std::string_view v : {"rent", "leas", "sublease", "buy", "bought", "purchas", "book", "reserv", "use",
                                   "using", "utili", "tap", "train", "run", "ran", "move", "moving", "shift", "turn",
                                   "cho", "select", "pick", "access", "deploy", "migrat", "spen", "pay", "paid", "hand",
                                   "order", "rel", "join", "becom", "became", "lock", "absorb", "adopt",
                                   "gain", "anchor", "procur"}) {
    if (w.starts_with(v)) return true;
  }
  return false;
}

// Verbs of buying goods or space outright.
bool is_purchase(std::string_view w) {
  for (const std::string_view v : {"buy", "bought", "purchas", "order", "procur", "rent", "leas", "book"}) {
    if (w.starts_with(v)) return true;
  }
  return false;
}

// Verbs of putting hardware to work, whose `for` names whom it serves (`deploys GPUs for Microsoft`).
bool is_deploy(std::string_view w) {
  return w.starts_with("deploy") || w.starts_with("install") || w == "bring" || w == "brings" || w == "brought";
}

// Verbs of coming over to a place, whose `onto`/`to` names where (`follows Anthropic onto Colossus`).
bool is_motion(std::string_view w) {
  for (const std::string_view v : {"follow", "follows", "followed", "following", "head", "heads", "headed", "jump",
                                   "jumps", "jumped", "hop", "hops", "hopped", "switch", "switches", "switched", "flock",
                                   "flocks", "flocked", "come", "comes", "came", "return", "returns", "returned",
                                   "migrate", "migrates", "migrated", "decamp", "decamps", "decamped", "defect",
                                   "defects", "defected"}) {
    if (w == v) return true;
  }
  return false;
}

// Verbs that list a role's members: `whose clients include Meta`.
bool is_listing(std::string_view w) {
  return w == "include" || w == "includes" || w == "included" || w == "including" || w == "are" || w == "were" ||
         w == "count" || w == "counts" || w == "span" || w == "spans";
}

// Verbs of working together rather than trading (`partners with`, `teams up with`).
bool is_cooperation(std::string_view w) { return w.starts_with("partner") || w.starts_with("team"); }

bool is_wooing(std::string_view w) {
  return w == "courts" || w == "courted" || w == "courting" || w == "woos" || w == "wooed" || w == "wooing" ||
         w == "pitches" || w == "pitched";
}

bool is_take_form(std::string_view w) { return w == "take" || w == "takes" || w == "took" || w == "taking"; }

// Roles other than a tenant's that an organisation is signed or named `as`.
bool is_other_role(std::string_view w) {
  for (const std::string_view r : {"supplier", "suppliers", "builder", "contractor", "investor", "backer", "lender",
                                   "vendor", "provider", "advisor", "adviser", "developer", "operator", "landlord",
                                   "host", "financier", "integrator"}) {
    if (w == r) return true;
  }
  return false;
}

// Roles of money among the other roles (`lender`, `investor`).
bool is_money_role(std::string_view w) {
  return w == "investor" || w == "investors" || w == "backer" || w == "backers" || w == "lender" ||
         w == "lenders" || w == "financier" || w == "shareholder" || w == "shareholders";
}

// A part of a company or its round that is bought (`a slice of`, `a stake in`).
bool is_equity_share(std::string_view w) {
  return w == "slice" || w == "stake" || w == "piece" || w == "chunk" || w == "share" || w == "shares" ||
         w == "equity" || w == "portion";
}

bool is_build_purpose(std::string_view w) {
  return w == "build" || w == "construct" || w == "develop" || w == "design" || w == "operate" || w == "run" ||
         w == "launch";
}

bool is_lease_or_rent(std::string_view w) { return w.starts_with("leas") || w.starts_with("rent") || w.starts_with("sublease"); }

// Supply verbs whose object is the thing supplied, used after `to` for a deal's purpose.
bool is_supply_purpose(std::string_view w) {
  return w == "supply" || w == "provide" || w == "deliver" || w == "power" || w == "ship" || w == "sell";
}

class ClauseReader {
 public:
  ClauseReader(const HeadlineSentence& sentence, const Clause& clause, const std::vector<EntityMention>& mentions,
               const std::vector<TriggerOrganisation>& organisations, bool owner_context, bool facility_elsewhere)
      : t_(sentence.tokens), title_case_(sentence.title_case), clause_(clause), mentions_(mentions), orgs_(organisations), owner_context_(owner_context),
        facility_elsewhere_(facility_elsewhere), mention_at_(clause.end - clause.begin, -1),
        anchors_(anchor_flags(mentions, organisations)), view_{sentence.tokens, clause, mentions, anchors_} {
    for (std::size_t m = 0; m < mentions.size(); ++m) {
      for (std::size_t k = mentions[m].first; k < mentions[m].last; ++k) mention_at_[k - clause.begin] = static_cast<int>(m);
    }
  }

  std::vector<TenancyRelation> relations() const {
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

 private:
  const std::vector<HeadlineToken>& t_;
  bool title_case_;
  const Clause& clause_;
  const std::vector<EntityMention>& mentions_;
  const std::vector<TriggerOrganisation>& orgs_;
  bool owner_context_;
  bool facility_elsewhere_;
  std::vector<int> mention_at_;
  std::vector<bool> anchors_;
  ClauseView view_;

  int mention_at(std::size_t i) const { return mention_at_[i - clause_.begin]; }
  std::uint32_t classes(std::size_t i) const { return word_classes(t_[i].lower); }

  // A relation word used as a verb here (not `a lease`, `AI hosting`, `Nvidia-powered`).
  bool is_verb(std::size_t i) const {
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

  // The modifiers before the gerund at `i` go back to a preposition or a determiner.
  bool gerund_in_noun_phrase(std::size_t i) const {
    for (std::size_t k = i; k > clause_.begin && i - k < 4;) {
      --k;
      const std::string& w = t_[k].lower;
      if (t_[k].punct || mention_at(k) >= 0) return false;
      if (is_determiner(w) || ((word_classes(w) & kPrep) != 0 && w != "to")) return k + 1 < i;
      if ((word_classes(w) & (kModifier | kCompute)) == 0) return false;
    }
    return false;
  }

  // A word that links a subject to its object: a verb, or an investment word in any use.
  bool is_link(std::size_t i) const {
    // `Saudi-backed`, `Google-Backed Financing`: a compound adjective, no verb.
    if (i > clause_.begin && t_[i - 1].lower == "-" && t_[i].lower.ends_with("ed")) return false;
    if (is_verb(i)) return true;
    return mention_at(i) < 0 && !t_[i].punct && (classes(i) & kInvest) != 0 &&
           !(t_[i].lower == "back" && i > clause_.begin && is_relation_verb(word_classes(t_[i - 1].lower)));
  }

  // The mention starting at `first` is followed by its verb: a subject (`Like Meta, OpenAI rents`).
  bool followed_by_verb(std::size_t first) const {
    const int m = mention_at(first);
    std::size_t k = m >= 0 ? mentions_[static_cast<std::size_t>(m)].last : first + 1;
    while (k < clause_.end && (t_[k].lower == "also" || t_[k].lower == "now" || t_[k].lower == "just" ||
                               t_[k].lower == "reportedly" || t_[k].lower == "'s"))
      ++k;
    return k < clause_.end && (is_verb(k) || is_auxiliary(t_[k].lower));
  }

  // `By securing capacity from Google Cloud, Meta ensures ...`: the subject after an opening phrase
  // followed by a verb of any kind (a lower-case word in the third person or the past).
  bool followed_by_open_verb(std::size_t first) const {
    const std::size_t k = mentions_[static_cast<std::size_t>(mention_at(first))].last;
    if (k >= clause_.end || t_[k].punct || mention_at(k) >= 0 || t_[k].capitalised) return false;
    const std::string& w = t_[k].lower;
    if ((classes(k) & (kModifier | kPrep | kCompute | kDealNoun | kCommon)) != 0) return false;
    return w.size() > 3 && (w.ends_with("s") || w.ends_with("ed")) && !w.ends_with("ss");
  }

  Prep prep_of(std::size_t first) const {
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

  // The organisation only reports the news (`Bloomberg reported`, `according to Reuters`, `told FT`).
  bool is_reporter(std::size_t m) const {
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

  // `than` in a quantity (`more than $10 billion`) compares nothing.
  bool quantity_than(std::size_t k) const {
    if (t_[k].lower != "than" || k == clause_.begin) return false;
    const std::string& b = t_[k - 1].lower;
    return b == "more" || b == "less" || b == "fewer" || b == "greater" || b == "rather" || b == "other" ||
           b == "higher" || b == "lower";
  }

  bool compared_between(std::size_t from, std::size_t to) const {
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

  // The gerund of a subjectless phrase opening the clause (`Four days after signing a deal with
  // X,`) that holds `inner`, when the mention `subject` right after its comma is the clause's
  // subject; kNoToken otherwise.
  std::size_t participle_verb(const EntityMention& inner, std::size_t subject) const {
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

  // The role a bare deal gives the organisation: a supplier's deal supplies; a capacity provider's
  // deal with the facility's owner (`Microsoft signs AI cloud deal with IREN`) rents to the owner.
  TenancyRole deal_role(std::size_t o, std::size_t a = kNoToken) const {
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

  // For each mention, whether it stands for the facility.
  static std::vector<bool> anchor_flags(const std::vector<EntityMention>& mentions,
                                        const std::vector<TriggerOrganisation>& organisations) {
    std::vector<bool> flags;
    for (const auto& m : mentions) flags.push_back(is_anchor(m, organisations));
    return flags;
  }

  // A tenancy stated by a construction rather than a verb: a role after a copula, a facility
  // described `for` the organisation, a deal signed by both parties or the organisation's own deal
  // with the facility (whose role the deal decides), a customer named `as` such, access given,
  // revenue received from it.
  std::optional<TenancyRelation> constructed(std::size_t o) const {
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

  // The facility's owner is itself a host (`TeraWulf` for Lake Mariner).
  bool owned_by_host() const {
    for (const auto& o : orgs_) {
      if (o.standing == Standing::owner && o.organisation.kind == OrganisationKind::host) return true;
    }
    return false;
  }

  // A deal described as supplying the facility: `chip-supply deal`, `cooling contract`.
  bool supply_deal(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k + 1 < to; ++k) {
      if (is_supply_qualifier(t_[k].lower)) {
        for (std::size_t n = k + 1; n < to && n < k + 3; ++n) {
          if ((classes(n) & kDealNoun) != 0) return true;
        }
      }
    }
    return false;
  }

  // A partnership whose purpose is to build (`partners with Humain to build data centers`).
  bool builds_by_purpose(std::size_t after) const {
    for (std::size_t k = after; k + 1 < clause_.end; ++k) {
      if (t_[k].lower == "to" && is_build_purpose(t_[k + 1].lower)) return true;
    }
    return false;
  }

  // A purpose of building right after the partner, before any comma (`partnership with G42 and
  // others for the launch of Stargate`; not `..., committing $50 billion to build facilities`).
  bool builds_right_after(std::size_t after) const {
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

  // A partnership or venture named between two tokens (`announced its partnership with`).
  bool cooperation_between(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k < to; ++k) {
      if (mention_at(k) < 0 && (is_cooperation(t_[k].lower) || t_[k].lower == "venture")) return true;
    }
    return false;
  }

  // A partner in building or launching the facility, not a tenant: a cooperation verb with a
  // purpose of building (`partners with Siemens to build Colossus`), or a partnership named between
  // the verb and the partner with the purpose right after it (`announced its partnership with G42
  // for the launch of Stargate`).
  bool builds_with(std::string_view v, std::size_t verb, const EntityMention& partner) const {
    return (is_cooperation(v) && builds_by_purpose(partner.last)) ||
           (cooperation_between(verb, partner.first) && builds_right_after(partner.last));
  }

  // A deal for the cloud itself (`AI cloud deal`, `cloud AI services contract`, `compute contract`):
  // whoever signs it with the facility buys the cloud, even a company that usually supplies it.
  bool cloud_deal() const {
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

  bool supplier_kind(std::size_t o) const {
    const EntityMention& e = mentions_[o];
    return e.kind == EntityKind::organisation && orgs_[e.organisation].organisation.kind == OrganisationKind::supplier;
  }

  // `has been contracted to Luma AI`, `is leased to G42`: capacity given to the organisation in the
  // passive, the facility named elsewhere in the sentence.
  std::optional<TenancyRelation> given_passive(std::size_t o) const {
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

  // A deal whose purpose is renting (`... to lease 8,000 servers`, `to rent capacity`).
  bool rents_by_purpose(std::size_t after) const {
    for (std::size_t k = after; k + 1 < clause_.end; ++k) {
      if (t_[k].lower == "to") return is_lease_or_rent(t_[k + 1].lower) || t_[k + 1].lower == "use";
    }
    return false;
  }

  // A deal whose purpose is that the organisation supplies something (`... to supply chips`).
  bool supplies_by_purpose(std::size_t after) const {
    for (std::size_t k = after; k + 1 < clause_.end; ++k) {
      if (t_[k].lower == "to" && is_supply_purpose(t_[k + 1].lower)) return true;
    }
    return false;
  }

  TenancyRelation make(std::size_t o, std::size_t a, TenancyRole role, std::size_t verb, std::size_t from,
                       std::size_t to) const {
    TenancyRelation r;
    r.mention = o;
    r.anchor = a;
    r.role = role;
    r.verb = verb;
    r.from = from;
    r.to = to;
    return r;
  }

  // Only determiners, numbers and modifiers between a verb and a mention: a direct object. When
  // the mention qualifies what is rented (`buy any unused CoreWeave capacity`), any adjectives.
  bool directly_after(std::size_t verb, std::size_t first) const {
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

  // The mention names goods, not a party: `Nvidia GPUs`, `Nvidia's chips`, `NVIDIA GB300`; or an
  // unlisted name qualifies a place (`a Kansas City data center`).
  bool names_goods(const EntityMention& m) const {
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

  // Capacity, compute or time named between a verb and the facility (`buys time on`).
  bool capacity_between(std::size_t verb, std::size_t first) const {
    for (std::size_t k = verb + 1; k < first; ++k) {
      const std::string& w = t_[k].lower;
      if (w == "capacity" || w == "compute" || w == "time" || w == "hours" || w == "computing") return true;
    }
    return false;
  }

  // A joint venture named in `[from, to)`.
  bool venture_between(std::size_t from, std::size_t to) const {
    for (std::size_t k = from; k < to; ++k) {
      if (t_[k].lower == "venture" || t_[k].lower == "jv") return true;
    }
    return false;
  }

  // Money named just after the facility (`Lambda's latest funding round`, `CoreWeave shares`).
  bool money_after(const EntityMention& m) const {
    for (std::size_t k = m.last; k < clause_.end && k < m.last + 4; ++k) {
      if (t_[k].punct && t_[k].lower != "'s") return false;
      if (mention_at(k) >= 0) return false;
      if (flow_of(t_[k].lower) == Flow::money) return true;
    }
    return false;
  }

  // Money between a giving verb and the organisation makes it an investor (`sells a stake to`);
  // space and power the facility gives are a colocation tenant's.
  std::optional<TenancyRole> money_between(std::size_t verb, std::size_t first) const {
    for (std::size_t k = verb + 1; k < first; ++k) {
      if (mention_at(k) < 0 && flow_of(t_[k].lower) == Flow::money) return TenancyRole::investor;
    }
    return std::nullopt;
  }

  // Capacity or hardware, and no goods or money, between a verb and the organisation.
  bool rented_between(std::size_t verb, std::size_t first) const {
    bool rented = false;
    for (std::size_t k = verb + 1; k < first; ++k) {
      const Flow f = flow_of(t_[k].lower);
      if (f == Flow::goods || f == Flow::money) return false;
      rented = rented || f == Flow::hardware || t_[k].lower == "capacity" || t_[k].lower == "compute";
    }
    return rented;
  }

  // An investment just after the mention: `With Google Taking 8% Stake`.
  bool invests_after(const EntityMention& m) const {
    for (std::size_t k = m.last; k < clause_.end && k < m.last + 5; ++k) {
      if (t_[k].punct && t_[k].lower != "%" && t_[k].lower != "$") return false;
      if ((classes(k) & kInvest) != 0) return true;
    }
    return false;
  }

  // The word that makes names joined before it parties to a deal: a deal noun or investment
  // word, a verb of renting outright, or a deal verb with a deal noun after it (`Google and Meta
  // have signed a cloud agreement`; not `SoftBank, Oracle and OpenAI unveil sites`).
  std::size_t deal_word_after(std::size_t from) const {
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

  std::optional<TenancyRelation> pair(std::size_t o, std::size_t a) const {
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

  // Subject `[s_first, s_last)` linked by a verb to the object mention `T`.
  std::optional<TenancyRelation> linked(std::size_t o, std::size_t a, std::size_t s, std::size_t x,
                                        std::size_t s_first, std::size_t s_last, const EntityMention& T,
                                        Prep t_prep) const {
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

  // The role a verb gives the organisation, subject (`org_subject`) or object of it, with the
  // other party `T` governed by `t_prep`.
  std::optional<TenancyRelation> verb_role(std::size_t o, std::size_t a, std::size_t verb, bool org_subject,
                                           const EntityMention& T, Prep t_prep, bool role_noun, std::size_t from,
                                           std::size_t to) const {
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

  // `Google's pre-trained LLMs`, `Microsoft's Copilot models`: models or software of the mention's own.
  bool owns_models(const EntityMention& T) const {
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

  // After `T's`: true when a tenant's role noun follows (`Stargate's second outside tenant`), false
  // for another noun (`Stargate's ad partner`), nothing without a possessive.
  std::optional<bool> role_of_possessed(const EntityMention& T) const {
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

  // What flows in `[from, to)` and in the few words after it, up to a mark or another name.
  struct FlowSeen {
    bool compute = false;
    bool hardware = false;
    bool veto = false;
    bool deal = false;
    /// A deal or compute noun between the parties themselves (not talks).
    bool between = false;
  };
  FlowSeen flows(std::size_t from, std::size_t to) const {
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

  // A word that can only be the verb of an open relation: not a name, mark, determiner,
  // preposition, number, modifier or auxiliary.
  bool verb_like(std::size_t k) const {
    if (mention_at(k) >= 0 || t_[k].punct) return false;
    const std::string& w = t_[k].lower;
    if (is_determiner(w) || is_auxiliary(w) || (classes(k) & (kPrep | kModifier)) != 0) return false;
    // Nouns of what is rented and names that are not organisations (`Saudi`, `Memphis`).
    if ((classes(k) & (kCompute | kDealNoun | kRoleNoun)) != 0 && (classes(k) & kTake) == 0) return false;
    if (t_[k].capitalised && !title_case_) return false;
    return !(w[0] >= '0' && w[0] <= '9');
  }

  // The first verb-like word of `[from, to)`, or kNoToken; any mark or name in between other than a
  // list of names (`Meta and Mistral park ...`), the facility or the `subject` mention's own
  // organisation makes it kNoToken.
  std::size_t open_verb(std::size_t from, std::size_t to, std::size_t subject) const {
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

  // What is rented right after the facility at `from`, past a possessive, place adjectives,
  // model names and modifiers: `capacity`, `compute`, `time`, `cloud`, `fleet`, `GPUs`, `cluster`.
  bool rented_after_facility(std::size_t from) const {
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

  // The open reading of a clause naming the facility (`a`) and an organisation (`o`) whose verb the
  // lexicon does not know. The organisation as subject is a tenant when the facility is governed
  // by `on`, `to`, `from` (or `with`, `in`, `at` with compute or a deal between them); the facility
  // as subject makes a tenant of its direct object, indirect object, or the organisation after
  // `to`, `for` (or `with`, `from` with compute or a deal). What flows vetoes it: goods, money,
  // a hostile verb, hardware given to the facility, or a supplier with nothing rented.
  std::optional<TenancyRelation> open_relation(std::size_t o, std::size_t a) const {
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

  // Both parties before the verb, joined by `and` or commas, with a deal or compute noun after it:
  // `Oracle and OpenAI have confirmed the contract`, `Microsoft, Nvidia and Anthropic announced a
  // compute partnership`. What flows vetoes it as in the open reading; the kinds decide the role.
  std::optional<TenancyRelation> joint_relation(std::size_t o, std::size_t a) const {
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

  // `fills CB-6 with a second AI cloud, Crusoe`, `signs a new customer, Cohere`: a name after a comma
  // in apposition to a customer the facility (the clause's subject) takes on. Another role
  // (`a second contractor, Bechtel`) names none.
  std::optional<TenancyRelation> apposed(std::size_t o) const {
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

  // `customers including OpenAI and Meta`, `order book now includes OpenAI`: a name listed among
  // the facility's customers or deals (not its investors or suppliers).
  std::optional<TenancyRelation> included(std::size_t o) const {
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

  // The role the words right after an organisation give it, whatever reading related it: a role
  // noun after `becomes`, `named`, `as` (`Micron becomes memory supplier for ...`: a supplier;
  // `becomes its anchor customer`: a tenant), and money taken (`takes a slice of ... round`,
  // `buys into`, `invests`: an investor).
  // Gives the role and the token of the verb that states it.
  std::optional<std::pair<TenancyRole, std::size_t>> stated_role(std::size_t o) const {
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

  // Compute among the few words from `from` (`a slice of Colossus capacity`, not of its round).
  bool compute_after(std::size_t from) const {
    for (std::size_t n = from; n < clause_.end && n < from + 5; ++n) {
      if (t_[n].punct && t_[n].lower != "'s") return false;
      if (flow_of(t_[n].lower) == Flow::compute || (classes(n) & kCompute) != 0) return true;
    }
    return false;
  }

  // After `as` just after `after`: true for a tenant's role noun (`as the anchor tenant`), false for
  // another role (`as a supplier`), nothing when no `as` follows.
  std::optional<bool> role_after_as(std::size_t after) const {
    if (after >= clause_.end || t_[after].lower != "as") return std::nullopt;
    for (std::size_t n = after + 1; n < clause_.end && n < after + 5; ++n) {
      if ((classes(n) & kRoleNoun) != 0) return true;
      if (is_other_role(t_[n].lower)) return false;
      if (t_[n].punct || mention_at(n) >= 0) break;
    }
    return std::nullopt;
  }

  // `as` then a tenant's role noun between two tokens: `as the anchor`, `as its newest tenant`.
  bool role_noun_after_as(std::size_t from, std::size_t to) const {
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

  bool has_anchor() const {
    for (const auto& m : mentions_) {
      if (is_anchor(m, orgs_)) return true;
    }
    return false;
  }

  // `Fluidstack, whose clients include Meta and Midjourney`, `Fluidstack -- a cloud whose
  // customers are Meta`: a relative clause listing the facility's tenants. The antecedent is the
  // nearest mention before `whose`, across an apposition; only a tenant's role noun lists tenants.
  std::optional<TenancyRelation> listed_role(std::size_t o) const {
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

  // `Mistral signs on as a tenant`, `Meta joins as a customer`: the facility named in another clause.
  // With `its_only`, only `becomes its ...` counts (the facility is named in the same clause).
  std::optional<TenancyRelation> signs_on(std::size_t o, bool its_only) const {
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

  // `signs for 150 MW`, `signs for more capacity`: a sign verb, `for`, then an amount of capacity.
  bool signs_for_amount(std::size_t verb) const {
    if (!t_[verb].lower.starts_with("sign") || verb + 2 >= clause_.end || t_[verb + 1].lower != "for") return false;
    for (std::size_t n = verb + 2; n < clause_.end && n < verb + 5; ++n) {
      const std::string& w = t_[n].lower;
      if (w == "mw" || w == "gw" || w == "megawatts" || w == "gigawatts" || w == "capacity" || w == "gpus") return true;
      if (t_[n].punct || mention_at(n) >= 0) return false;
    }
    return false;
  }

  // `JPMorgan signs on` with nothing after it in the clause.
  bool signs_on_bare(std::size_t verb) const {
    return t_[verb].lower.starts_with("sign") && verb + 1 < clause_.end && t_[verb + 1].lower == "on" &&
           (verb + 2 == clause_.end || t_[verb + 2].punct);
  }

  // A renewing or taking verb, `its`, and a capacity deal: `expands its GPU reservation`.
  bool its_contract(std::size_t verb) const {
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

  // `signed on for more GPUs`, `signs on to extra capacity`: the phrasal verb with compute after it.
  bool signs_on_for_compute(std::size_t verb) const {
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

  // `secures ... GPU capacity`, `reserved more compute`: a verb of securing with compute as its
  // object, no goods or money in it.
  bool secures_compute(std::size_t verb) const {
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

  // A verb of taking whose object points back at the facility: `takes over`, `absorbs the
  // capacity`, `picks up the lease`.
  bool takes_it_up(std::size_t verb) const {
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

  // `which`/`that` standing for an anchor just before it (`Colossus, which ...`, `Rainier project, which`).
  std::vector<std::size_t> relative_pronouns() const {
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

  std::optional<TenancyRelation> relative(std::size_t o, std::size_t pronoun) const {
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
};

}  // namespace

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
  return ClauseReader(sentence, clause, mentions, organisations, owner_context, facility_elsewhere).relations();
}

}  // namespace watchdesk::triggers
