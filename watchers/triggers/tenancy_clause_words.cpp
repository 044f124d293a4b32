// Word tests of the clause reader.
#include "watchers/triggers/tenancy_clause_words.hpp"

namespace watchdesk::triggers::clause_reading {

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

bool is_quantifier(std::string_view w) {
  return w == "all" || w == "some" || w == "most" || w == "much" || w == "many" || w == "part" || w == "half" ||
         w == "each" || w == "thousand" || w == "thousands" || w == "hundred" || w == "hundreds" || w == "million" ||
         w == "millions" || w == "bulk";
}

bool is_partitive(std::string_view w) {
  return w == "slice" || w == "chunk" || w == "block" || w == "piece" || w == "sliver" || w == "fraction" ||
         w == "portion" || w == "share";
}

bool is_auxiliary(std::string_view w) {
  return w == "is" || w == "are" || w == "was" || w == "were" || w == "be" || w == "been" || w == "has" ||
         w == "have" || w == "had" || w == "will" || w == "would" || w == "could" || w == "may" || w == "might" ||
         w == "can" || w == "should" || w == "to" || w == "just" || w == "now" || w == "also";
}

bool is_goods(std::string_view w) {
  for (const std::string_view g : {"gpu", "gpus", "chip", "chips", "processors", "processor", "accelerators", "servers",
                                   "server", "racks", "h100", "h100s", "h200", "h200s", "gb200", "gb300", "b200",
                                   "blackwell", "hopper", "rubin", "vera", "hardware", "systems", "superchips",
                                   "turbines", "batteries", "megapacks", "equipment", "switches", "platform", "platforms", "software"}) {
    if (w == g) return true;
  }
  return false;
}

bool is_supply_qualifier(std::string_view w) {
  for (const std::string_view q : {"supply", "cooling", "construction", "equipment", "hardware", "turbine", "turbines",
                                   "power", "networking", "chip", "chips", "server", "servers", "building", "engineering",
                                   "maintenance", "fiber", "electricity", "energy", "generator", "generators", "water",
                                   "land", "financing", "loan", "debt"}) {
    if (w == q) return true;
  }
  return false;
}

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

bool is_purchase(std::string_view w) {
  for (const std::string_view v : {"buy", "bought", "purchas", "order", "procur", "rent", "leas", "book"}) {
    if (w.starts_with(v)) return true;
  }
  return false;
}

bool is_deploy(std::string_view w) {
  return w.starts_with("deploy") || w.starts_with("install") || w == "bring" || w == "brings" || w == "brought";
}

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

bool is_listing(std::string_view w) {
  return w == "include" || w == "includes" || w == "included" || w == "including" || w == "are" || w == "were" ||
         w == "count" || w == "counts" || w == "span" || w == "spans";
}

bool is_cooperation(std::string_view w) { return w.starts_with("partner") || w.starts_with("team"); }

bool is_wooing(std::string_view w) {
  return w == "courts" || w == "courted" || w == "courting" || w == "woos" || w == "wooed" || w == "wooing" ||
         w == "pitches" || w == "pitched";
}

bool is_take_form(std::string_view w) { return w == "take" || w == "takes" || w == "took" || w == "taking"; }

bool is_other_role(std::string_view w) {
  for (const std::string_view r : {"supplier", "suppliers", "builder", "contractor", "investor", "backer", "lender",
                                   "vendor", "provider", "advisor", "adviser", "developer", "operator", "landlord",
                                   "host", "financier", "integrator"}) {
    if (w == r) return true;
  }
  return false;
}

bool is_money_role(std::string_view w) {
  return w == "investor" || w == "investors" || w == "backer" || w == "backers" || w == "lender" ||
         w == "lenders" || w == "financier" || w == "shareholder" || w == "shareholders";
}

bool is_equity_share(std::string_view w) {
  return w == "slice" || w == "stake" || w == "piece" || w == "chunk" || w == "share" || w == "shares" ||
         w == "equity" || w == "portion";
}

bool is_build_purpose(std::string_view w) {
  return w == "build" || w == "construct" || w == "develop" || w == "design" || w == "operate" || w == "run" ||
         w == "launch";
}

bool is_lease_or_rent(std::string_view w) { return w.starts_with("leas") || w.starts_with("rent") || w.starts_with("sublease"); }

bool is_supply_purpose(std::string_view w) {
  return w == "supply" || w == "provide" || w == "deliver" || w == "power" || w == "ship" || w == "sell";
}

}  // namespace watchdesk::triggers::clause_reading
