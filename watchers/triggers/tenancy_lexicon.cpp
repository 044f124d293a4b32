// The tenancy detector's word list, one table built once.
#include "watchers/triggers/tenancy_lexicon.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <initializer_list>

namespace watchdesk::triggers {
namespace {

using Table = boost::unordered_flat_map<std::string_view, std::uint32_t>;

void add(Table& table, std::uint32_t classes, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words) table[word] |= classes;
}

Table build() {
  Table t;
  add(t, kTake,
      {"rent", "rents", "rented", "renting", "lease", "leases", "leased", "leasing", "sublease", "subleases",
       "subleased", "book", "books", "booked", "booking", "reserve", "reserves", "reserved", "reserving", "buy",
       "buys", "bought", "buying", "purchase", "purchases", "purchased", "purchasing", "procure", "procures",
       "procured", "use", "uses", "used", "using", "utilize", "utilizes", "utilized", "utilise", "utilises",
       "utilised", "tap", "taps", "tapped", "tapping", "secure", "secures", "secured", "securing", "train",
       "trains", "trained", "training", "run", "runs", "running", "ran", "move", "moves", "moved", "moving",
       "shift", "shifts", "shifted", "shifting", "turn", "turns", "turned", "turning", "choose", "chooses",
       "chose", "chosen", "select", "selects", "selected", "selecting", "pick", "picks", "picked", "access",
       "accesses", "accessed", "commit", "commits", "committed", "committing", "spend", "spends", "spent",
       "spending", "pay", "pays", "paid", "paying", "hand", "hands", "handed", "anchor", "anchors", "anchored",
       "migrate", "migrates", "migrated", "deploy", "deploys", "deployed", "deploying", "gain", "gains", "gained",
       "order", "orders", "ordered", "contract", "contracts", "contracted", "contracting", "rely", "relies",
       "relied", "join", "joins", "joined", "joining", "become", "becomes", "became", "becoming", "lock", "locks",
       "locked", "locking", "expand", "expands", "expanded", "expanding", "sign", "signs", "signed", "signing",
       "absorb", "absorbs", "absorbed", "adopt", "adopts", "adopted", "add", "adds", "added", "adding", "eyes",
       "eyeing", "eyed", "weighs", "weighing", "weighed", "mulls", "mulling", "mulled", "considers", "considering",
       "considered", "explores", "exploring", "explored", "courts", "courting", "woos", "wooed", "wooing", "take", "takes", "took", "taking",
       "carve", "carves", "carved", "carving", "occupy", "occupies", "occupied", "occupying", "enlist", "enlists", "enlisted", "enlisting",
       "absorbing", "accessing", "adopting", "anchoring", "choosing", "gaining", "handing", "migrating", "ordering",
       "picking", "procuring", "relying", "subleasing", "utilising", "utilizing", "sound", "sounds", "sounded",
       "sounding", "sizes", "sized", "sizing"});
  add(t, kGive,
      {"lease", "leases", "leased", "leasing", "rent", "rents", "rented", "renting", "sell", "sells", "sold",
       "selling", "provide", "provides", "provided", "providing", "supply", "supplies", "supplied", "supplying",
       "deliver", "delivers", "delivered", "delivering", "host", "hosts", "hosted", "hosting", "land", "lands",
       "landed", "landing", "add", "adds", "added", "adding", "sign", "signs", "signed", "win", "wins", "won",
       "serve", "serves", "served", "serving", "power", "powers", "powered", "powering", "offer", "offers",
       "offered", "offering", "allocate", "allocates", "allocated", "give", "gives", "gave", "giving", "grant",
       "grants", "granted", "hand", "hands", "handed", "dedicate", "dedicates", "dedicated", "build", "builds", "built", "building",
       "score", "scores", "scored", "lend", "lends", "lent", "welcome", "welcomes", "welcomed", "onboard",
       "onboards", "onboarded"});
  add(t, kDealVerb,
      {"sign", "signs", "signed", "signing", "ink", "inks", "inked", "inking", "strike", "strikes", "struck",
       "striking", "seal", "seals", "sealed", "agree", "agrees", "agreed", "enter", "enters", "entered",
       "entering", "forge", "forges", "forged", "clinch", "clinches", "clinched", "expand", "expands", "expanded",
       "extend", "extends", "extended", "renew", "renews", "renewed", "finalize", "finalizes", "finalized",
       "finalise", "finalises", "finalised", "reach", "reaches", "reached", "announce", "announces", "announced",
       "unveil", "unveils", "unveiled", "score", "scores", "scored", "secure", "secures", "secured", "securing",
       "partner", "partners", "partnered", "partnering", "team", "teams", "teamed",
       "close", "closes", "closed", "land", "lands", "landed", "win", "wins", "won", "deepen", "deepens",
       "deepened", "sealing", "agreeing", "forging", "clinching", "extending", "renewing", "finalizing",
       "finalising", "reaching", "announcing", "unveiling", "scoring", "landing",
       "winning", "deepening"});
  add(t, kSupply,
      {"supply", "supplies", "supplied", "supplying", "provide", "provides", "provided", "providing", "deliver",
       "delivers", "delivered", "delivering", "ship", "ships", "shipped", "shipping", "sell", "sells", "sold",
       "build", "builds", "built", "building", "construct", "constructs", "constructed", "power", "powers",
       "powered", "powering", "cool", "cools", "cooled", "cooling", "equip", "equips", "equipped", "install",
       "installs", "installed", "assemble", "assembles", "assembled", "manufacture", "manufactures", "fuel",
       "fuels", "fueled", "fuelled", "connect", "connects", "connected", "funnel", "funnels", "funneled",
       "funnelled", "furnish", "furnishes", "furnished", "design", "designs", "designed"});
  add(t, kInvest,
      {"invest", "invests", "invested", "investing", "investment", "investments", "investor", "investors", "back",
       "backs", "backed", "backing", "backer", "backstop", "backstops", "backstopped", "backstopping", "fund",
       "funds", "funded", "funding", "finance", "finances", "financed", "financing", "pour", "pours", "poured",
       "guarantee", "guarantees", "guaranteed", "guaranteeing", "stake", "stakes", "shareholder", "shareholders",
       "warrants", "equity", "raise", "raises", "raised", "raising", "acquire", "acquires", "acquired",
       "acquisition", "seeded", "seeds", "lender", "lenders", "loan", "loans", "debt", "pledge", "pledges", "pledged",
       "pledging"});
  add(t, kDealNoun,
      {"deal", "deals", "agreement", "agreements", "contract", "contracts", "pact", "pacts", "partnership",
       "partnerships", "tie-up", "accord", "arrangement", "arrangements", "lease", "leases", "commitment",
       "commitments", "order", "alliance", "collaboration", "transaction", "rental", "tenancy", "expansion",
       "cooperation", "capacity", "venture", "jv", "pledge", "talks", "discussions", "negotiations", "tie-up", "relationship", "bet",
       "bets", "wager"});
  add(t, kRoleNoun,
      {"tenant", "tenants", "customer", "customers", "client", "clients", "lessee", "lessees", "renter", "renters",
       "anchor", "user", "users", "tenancy"});
  add(t, kCompute,
      {"capacity", "compute", "computing", "gpu", "gpus", "chip", "chips", "processors", "accelerators", "cloud",
       "clouds", "server", "servers", "cluster", "clusters", "supercomputer", "supercomputers", "supercluster",
       "datacenter", "datacenters", "datacentre", "datacentres", "center", "centers", "centre", "centres", "tpu",
       "tpus", "trainium", "trainium2", "training", "inference", "infrastructure", "units", "processors", "megawatts", "megawatt", "mw",
       "gigawatt", "gigawatts", "gw", "racks", "time", "hours", "workloads", "ai", "h100", "h100s", "h200",
       "gb200", "gb300", "blackwell", "hosting", "colocation", "campus", "facility", "site"});
  add(t, kPrep,
      {"on", "at", "in", "from", "with", "to", "for", "of", "into", "via", "through", "onto", "inside", "under",
       "by", "between", "across", "within", "atop"});
  add(t, kNear,
      {"near", "nearby", "beside", "besides", "next", "adjacent", "neighbouring", "neighboring", "neighbour",
       "neighbor", "neighbours", "neighbors", "alongside", "outside", "opposite", "around", "close", "abutting",
       "bordering", "downstream"});
  add(t, kCompare,
      {"rival", "rivals", "rivaled", "rivalled", "rivaling", "rivalling", "compete", "competes", "competed",
       "competing", "competitor", "competitors", "compared", "compare", "compares", "comparison", "comparable",
       "outpace", "outpaces", "outpaced", "outperform", "outperforms", "dwarf", "dwarfs", "dwarfed", "surpass",
       "surpasses", "surpassed", "beat", "beats", "exceed", "exceeds", "exceeded", "eclipse", "eclipses",
       "eclipsed", "match", "matches", "matched", "challenger", "challenges", "bigger", "larger", "smaller",
       "faster", "alternative", "rivalry", "mimics", "copies", "emulate", "emulates"});
  add(t, kCompareWith, {"like", "unlike", "than", "versus", "vs", "against"});
  add(t, kDenial, {"rules", "ruled", "rule", "ruling"});
  add(t, kReport,
      {"report", "reports", "reported", "reporting", "say", "says", "said", "tell", "tells", "told", "according",
       "cite", "cites", "cited", "citing", "claim", "claims", "claimed", "writes", "wrote", "reveals",
       "revealed", "disclosed", "notes", "noted", "learned", "scoop", "exclusive"});
  add(t, kHedge,
      {"could", "may", "might", "would", "considers", "considered", "considering", "consider", "weighs",
       "weighed", "weighing", "weigh", "explores", "exploring", "explore", "explored", "eyes", "eyeing", "eyed",
       "mulls", "mulling", "mulled", "talks", "discussions", "discussion", "discussing", "discuss", "discusses",
       "discussed", "negotiating", "negotiate", "negotiates", "negotiated", "negotiation", "negotiations",
       "potential", "potentially", "possible", "possibly", "rumored", "rumoured", "rumor", "rumour", "rumors",
       "rumours", "speculation", "speculate", "unlikely", "seeks", "seeking", "seek", "sought", "hopes",
       "hoped", "hoping", "wants", "wanted", "courting", "courts", "courted", "pitches", "pitched", "pitching",
       "wooing", "woos", "wooed", "believed", "mooted", "nears", "nearing", "approached", "approaches",
       "proposal", "proposed", "proposes", "tentative", "preliminary", "whether", "if", "perhaps", "maybe",
       "probing", "interested", "looking", "looks", "angling", "lobbying",
       "bid", "bids", "hypothetical", "seems", "seem", "seemingly", "appears", "appear", "apparently", "tyres",
       "tires"});
  add(t, kPlan,
      {"will", "plans", "planned", "planning", "plan", "set", "expected", "expects", "poised", "scheduled",
       "slated", "intends", "intend", "intended", "prepares", "preparing", "going", "shall", "soon",
       "upcoming", "future"});
  add(t, kNegation,
      {"not", "no", "never", "won't", "isn't", "wasn't", "aren't", "doesn't", "didn't", "hasn't", "haven't",
       "hadn't", "can't", "cannot", "couldn't", "wouldn't", "shouldn't", "without", "nor", "neither", "none"});
  add(t, kDenial,
      {"denies", "denied", "deny", "denying", "denial", "rejects", "rejected", "reject", "rejecting", "scraps",
       "scrapped", "scrap", "scrapping", "collapse", "collapses", "collapsed", "collapsing", "ends", "ended",
       "end", "ending", "off", "abandons", "abandoned", "abandon", "terminates", "terminated", "terminate",
       "termination", "cancels", "cancelled", "canceled", "cancel", "halts", "halted", "halt", "dropped",
       "drops", "declines", "declined", "fails", "failed", "stalled", "stalls", "stall", "breakdown", "shelves",
       "shelved", "shelve", "exits", "exited", "quits", "quit", "fall", "falls", "fell", "fallen", "falling", "walks", "walked",
       "pulls", "pulled", "pull", "ditch", "ditches", "ditched", "nixes", "nixed", "axes", "axed", "refuses",
       "refused", "dismisses", "dismissed", "disputes", "disputed", "false", "untrue", "pause", "paused",
       "pauses", "retreats", "retreat", "unwinds", "unwound", "kills", "killed", "sinks", "sank", "away"});
  add(t, kModifier,
      {"a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "new", "more",
       "additional", "extra", "some", "all", "any", "up", "about", "around", "roughly", "nearly", "almost",
       "approximately", "over", "billion", "million", "trillion", "bn", "b", "m", "tn", "thousand", "thousands",
       "hundreds", "tens", "multi", "multibillion", "multi-billion", "$", "us", "usd", "%", "percent", "-", "'s",
       "own", "first", "second", "third", "fourth", "fifth", "next", "latest", "major", "massive", "big",
       "huge", "large", "record", "historic", "landmark", "long-term", "multiyear", "year", "years", "five-year",
       "six-year", "seven-year", "ten-year", "of", "worth", "valued", "external", "named", "cloud", "ai", "gpu",
       "dedicated", "exclusive", "full", "entire", "spare", "unsold", "excess", "idle", "surplus", "residual",
       "computing", "compute", "capacity"});
  add(t, kRelative, {"which", "that", "whose", "who"});
  add(t, kAsComplement,
      {"a", "an", "its", "their", "first", "second", "third", "fourth", "fifth", "next", "another", "anchor",
       "tenant", "tenants", "customer", "customers", "client", "clients", "part", "much", "many", "well",
       "early", "soon", "long", "far", "of", "such", "lessee", "renter", "partner", "partners", "user", "users",
       "lead", "primary", "main", "sole", "only", "one", "two", "three", "largest", "biggest", "key", "named",
       "new", "external", "high", "low", "little", "few", "expected", "planned", "previously", "reported",
       "announced", "the"});
  add(t, kCommon,
      {"why", "how", "what", "when", "where", "who", "inside", "exclusive", "update", "breaking", "report",
       "analysis", "opinion", "watch", "the", "a", "an", "and", "or", "but", "as", "while", "after", "amid",
       "new", "deal", "deals", "billion", "million", "trillion", "cloud", "computing", "compute", "capacity",
       "data", "center", "centre", "centers", "stock", "stocks", "shares", "share", "power", "record",
       "massive", "major", "historic", "landmark", "big", "huge", "multi-year", "year", "years", "ai",
       "artificial", "intelligence", "infrastructure", "partnership", "agreement", "contract", "pact",
       "chips", "chip", "gpus", "gpu", "supercomputer", "cluster", "servers", "server", "tech", "technology",
       "giant", "giants", "startup", "firm", "company", "lab", "labs", "maker", "race", "arms", "boom",
       "bubble", "market", "markets", "wall", "street", "monday", "tuesday", "wednesday", "thursday",
       "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
       "august", "september", "october", "november", "december", "key", "points", "first", "second", "third",
       "next", "gen", "era", "move", "bet", "plan", "plans", "push", "win", "loss", "surge", "surges", "jumps",
       "soars", "rises", "falls", "ceo", "cfo", "chief", "president", "founder", "elon", "sam", "mark",
       "jensen", "satya", "sundar", "larry", "says", "said", "reports", "sources", "source", "people", "familiar",
       "u.s", "us", "uk", "u.k", "eu", "europe", "european", "america", "american", "china", "chinese", "india",
       "japan", "texas", "memphis", "tennessee", "norway", "ohio", "virginia", "new", "york", "jersey",
       "california", "washington", "london", "abilene", "mississippi", "indiana", "pennsylvania", "australia",
       "australian", "canada", "saudi", "arabia", "uae", "dubai", "abu", "dhabi", "gulf", "nasdaq", "nyse",
       "sec", "ipo", "s-1", "q1", "q2", "q3", "q4", "fy", "gigawatt", "gigawatts", "megawatts", "project",
       "projects", "site", "sites", "campus", "facility", "facilities", "region", "regions", "this", "that",
       "it", "its", "their", "they", "we", "our", "you", "your", "he", "she", "his", "her", "here", "there",
       "now", "just", "also", "still", "even", "more", "most", "less", "than", "then", "with", "without",
       "for", "from", "to", "on", "in", "at", "of", "by", "into", "over", "under", "up", "down", "out", "off",
       "about", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did",
       "will", "would", "could", "should", "can", "may", "might", "must", "not", "no", "yes", "all", "any",
       "some", "every", "each", "other", "another", "such", "only", "own", "same", "so", "very", "too",
       "most", "many", "much", "few", "several", "dollar", "dollars", "percent", "gigafactory", "grok",
       "claude", "chatgpt", "gemini", "llama", "copilot", "blackwell", "hopper", "rubin", "vera", "h100",
       "gb200", "gb300", "nvl72", "tpu", "tpus", "trainium", "trainium2", "stargate", "rainier", "colossus",
       "memphis", "supercluster", "neocloud", "neoclouds", "hyperscaler", "hyperscalers", "frontier", "model",
       "models", "agentic", "generative", "llm", "llms", "inference", "training", "workloads", "global",
       "national", "federal", "state", "city", "county", "board", "government", "department", "ministry",
       "office", "commission", "agency", "council", "authority", "exchange", "index", "fund", "funds",
       "capital", "partners", "group", "holdings", "inc", "corp", "co", "ltd", "llc", "plc", "sa", "ag",
       "nv", "gmbh", "systems", "technologies", "labs", "networks", "platforms", "energy", "utility", "one", "two",
       "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "since", "once", "until", "unless",
       "despite", "though", "if", "guess", "meanwhile", "separately", "today", "yesterday", "memorandum",
       "utilities", "grid", "mr", "ms", "dr", "st", "series", "round", "tranche", "seed"});
  return t;
}

}  // namespace

std::uint32_t word_classes(std::string_view lower) {
  static const Table table = build();
  const auto it = table.find(lower);
  return it == table.end() ? 0u : it->second;
}

}  // namespace watchdesk::triggers
