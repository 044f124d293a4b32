// The closed word sets of the open relation reading.
#include "watchers/triggers/tenancy_flow.hpp"

#include <boost/unordered/unordered_flat_map.hpp>

#include <initializer_list>

namespace watchdesk::triggers {
namespace {

using FlowTable = boost::unordered_flat_map<std::string_view, Flow>;

void add(FlowTable& table, Flow flow, std::initializer_list<std::string_view> words) {
  for (const std::string_view word : words) table[word] = flow;
}

FlowTable build_flow_table() {
  FlowTable t;
  add(t, Flow::compute,
      {"capacity", "compute", "computing", "time", "hours", "workload", "workloads", "training", "inference",
       "cluster", "clusters", "supercluster", "instances", "cloud", "business", "contract", "contracts", "order",
       "orders", "deal", "deals", "customer", "customers", "tenant", "tenants", "anchor", "access", "agreement",
       "agreements", "commitment", "commitments", "lease", "leases", "tokens", "models", "model"});
  add(t, Flow::hardware,
      {"gpu", "gpus", "chip", "chips", "processors", "processor", "accelerators", "accelerator", "servers", "server",
       "racks", "rack", "h100", "h100s", "h200", "h200s", "gb200", "gb300", "b200", "b300", "blackwell", "hopper",
       "rubin", "superchips", "hardware", "systems", "nodes", "networking", "switches", "optics", "memory", "hbm",
       "wafers"});
  add(t, Flow::goods,
      {"power", "electricity", "energy", "turbine", "turbines", "generator", "generators", "batteries", "megapacks",
       "land", "acres", "property", "real", "building", "buildings", "shell", "water", "fiber", "cooling",
       "transformers", "steel", "concrete", "equipment", "construction", "talent", "engineers", "executive",
       "executives", "exec", "execs", "staff", "employees", "team", "ceo", "cto", "cfo", "researchers", "patent",
       "patents", "lawsuit", "office", "offices", "headquarters", "gas", "nuclear", "solar", "grid"});
  add(t, Flow::money,
      {"financing", "finance", "loan", "loans", "debt", "bonds", "bond", "notes", "credit", "stake", "stakes",
       "shares", "share", "stock", "equity", "funding", "round", "investment", "investments", "valuation", "ipo",
       "capital", "cash", "dividend", "warrants", "backstop", "guarantee", "price", "target", "rating", "upgrade",
       "downgrade", "upgrades", "downgrades", "buyout", "acquisition", "merger", "takeover"});
  add(t, Flow::hostile,
      {"sue", "sues", "sued", "suing", "lose", "loses", "lost", "losing", "poach", "poaches", "poached", "poaching",
       "hire", "hires", "hired", "hiring", "overtake", "overtakes", "overtook", "replace", "replaces", "replaced",
       "replacing", "leave", "leaves", "left", "leaving", "quit", "quits", "exit", "exits", "exited", "drop", "drops",
       "dropped", "dump", "dumps", "dumped", "ditch", "ditches", "ditched", "snub", "snubs", "snubbed", "spurn",
       "spurns", "spurned", "shun", "shuns", "shunned", "bypass", "bypasses", "bypassed", "trail", "trails",
       "trailed", "pass", "passes", "passed", "acquire", "acquires", "acquired", "acquiring", "buys", "merge",
       "merges", "merged", "blame", "blames", "blamed", "accuse", "accuses", "accused", "slam", "slams", "slammed",
       "warn", "warns", "warned", "praise", "praises", "praised", "mock", "mocks", "criticize", "criticizes",
       "criticises", "rate", "rates", "rated", "value", "values", "valued", "initiate", "initiates", "cover",
       "covers", "spin", "spins", "spun", "split", "splits", "separate", "separates", "depart", "departs",
       "departed", "appoint", "appoints", "appointed", "name", "names", "named", "join", "joins", "joined", "sell",
       "sells", "sold", "outbid", "outbids", "undercut", "undercuts", "challenge", "challenges", "challenged",
       "fight", "fights", "battle", "battles", "clash", "clashes", "probe", "probes", "investigate",
       "investigates", "ban", "bans", "banned", "block", "blocks", "blocked", "fine", "fines", "fined", "cut",
       "cuts", "fire", "fires", "fired", "learn", "learns", "learned", "copy", "copies", "copied", "follow",
       "follows", "followed", "mirror", "mirrors", "mirrored", "emulate", "emulates", "joining"});
  return t;
}

}  // namespace

Flow flow_of(std::string_view w) {
  static const FlowTable table = build_flow_table();
  const auto it = table.find(w);
  return it == table.end() ? Flow::none : it->second;
}

}  // namespace watchdesk::triggers
