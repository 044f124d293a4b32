// Tests for watchers/triggers/tenant_detection.cpp and organisations.cpp: which sentences name a
// tenant of the subject, and which organisations a trigger may count.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenant_detection.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_tenant_detection)

namespace {
config::Trigger colossus_trigger() {
  config::Trigger t;
  t.id = "second-tenant";
  t.kind = config::TriggerKind::tenant;
  t.subject = {"Colossus"};
  t.known = {"Anthropic"};
  return t;
}

std::vector<std::string> tenants(std::string_view text, const config::Trigger& trigger) {
  const auto orgs = trigger_organisations(trigger);
  std::vector<std::string> names;
  for (const auto& m : find_tenants(text, trigger.subject, orgs)) {
    names.push_back(orgs[m.organisation].organisation.name);
  }
  return names;
}
}  // namespace

BOOST_AUTO_TEST_CASE(finds_tenancies_and_ignores_comparisons) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      // Tenancies, in the ways headlines put them.
      {"OpenAI signs deal to rent Colossus capacity", {"OpenAI"}},
      {"xAI's Colossus lands Meta as second external customer", {"Meta"}},
      {"Mistral becomes a tenant of Colossus", {"Mistral"}},
      {"Colossus adds OpenAI as a customer - Reuters", {"OpenAI"}},
      {"Apple is said to buy capacity on xAI's Colossus supercomputer", {"Apple"}},
      {"xAI leases Colossus capacity to Google DeepMind", {"Google"}},
      {"Microsoft signed for 20,000 GPUs at Colossus", {"Microsoft"}},
      {"OpenAI and Meta sign up to rent COLOSSUS time", {"OpenAI", "Meta"}},
      {"Colossus customers now include Cohere, Perplexity and Character.AI",
       {"Cohere", "Perplexity", "Character.AI"}},
      {"AWS becomes Colossus's No. 2 customer", {"Amazon"}},
      {"META TO LEASE GPUS ON COLOSSUS", {"Meta"}},
      // Comparisons, denials and unrelated mentions.
      {"Meta's cluster rivals Colossus", {}},
      {"Meta's new cluster rivals Colossus, which Cohere rents", {"Cohere"}},
      {"Unlike Colossus, which Cohere rents, Meta's cluster is private", {"Cohere"}},
      {"Oracle rents capacity to OpenAI, rivalling Colossus", {}},
      {"Google's TPU pod is bigger than Colossus and customers love it", {}},
      {"OpenAI denies plan to rent Colossus", {}},
      {"OpenAI will not rent Colossus", {}},
      {"NVIDIA supplies GPUs to Colossus, which OpenAI now rents", {"OpenAI"}},
      {"Meta rents capacity from Oracle. Colossus stays idle.", {}},
      {"Meta rivals Colossus; OpenAI signs with Oracle", {}},
      {"Like Meta, OpenAI rents Colossus", {"OpenAI"}},
      {"Colossus has a long runway for new customers", {}},
      {"OpenAI rents capacity from Oracle", {}},
      // Owners are the landlord, never a tenant.
      {"SpaceX signs xAI as Colossus customer", {}},
  };
  const config::Trigger trigger = colossus_trigger();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_TEST(tenants(c.text, trigger) == c.expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(reports_known_tenants_with_their_standing) {
  const config::Trigger trigger = colossus_trigger();
  const auto orgs = trigger_organisations(trigger);
  const auto found = find_tenants("Anthropic rents Colossus", trigger.subject, orgs);
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(orgs[found[0].organisation].organisation.name == "Anthropic");
  BOOST_TEST((orgs[found[0].organisation].standing == Standing::known));
  BOOST_TEST(found[0].sentence == "Anthropic rents Colossus");
}

BOOST_AUTO_TEST_CASE(marks_owners_known_and_extra_candidates) {
  config::Trigger trigger = colossus_trigger();
  trigger.known = {"anthropic", "Acme Robotics"};
  trigger.candidates = {"Figure AI", "Zeta Labs"};
  const auto orgs = trigger_organisations(trigger);
  auto standing_of = [&](std::string_view name) -> std::optional<Standing> {
    for (const auto& o : orgs) {
      if (o.organisation.name == name) return o.standing;
    }
    return std::nullopt;
  };
  BOOST_TEST((standing_of("Anthropic") == Standing::known));
  BOOST_TEST((standing_of("Acme Robotics") == Standing::known));
  BOOST_TEST((standing_of("Zeta Labs") == Standing::candidate));
  BOOST_TEST((standing_of("OpenAI") == Standing::candidate));
  for (const auto& owner : default_owners()) {
    BOOST_TEST_CONTEXT(owner) { BOOST_TEST((standing_of(owner) == Standing::owner)); }
  }
  BOOST_TEST(tenants("Zeta Labs rents Colossus", trigger) == std::vector<std::string>{"Zeta Labs"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(configured_owners_replace_the_defaults) {
  config::Trigger trigger = colossus_trigger();
  trigger.owners = {"Tesla"};
  BOOST_TEST(tenants("Tesla rents Colossus", trigger).empty());
  BOOST_TEST(tenants("OpenAI rents Colossus", trigger) == std::vector<std::string>{"OpenAI"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ships_the_listed_labs_clouds_and_enterprises) {
  const char* required[] = {"OpenAI", "Google", "Meta", "Microsoft", "Amazon", "Apple", "Mistral",
                            "Cohere", "Perplexity", "Anthropic", "Oracle", "NVIDIA", "Tesla", "IBM",
                            "Salesforce", "ByteDance", "Alibaba", "Baidu", "Tencent", "Samsung",
                            "Character.AI", "Inflection", "Safe Superintelligence",
                            "Thinking Machines", "Reka", "AI21", "Stability AI", "Midjourney",
                            "Runway", "Databricks", "Snowflake", "Adobe", "Uber", "Netflix",
                            "JPMorgan", "Goldman Sachs"};
  for (const char* name : required) {
    BOOST_TEST_CONTEXT(name) {
      const auto& list = shipped_organisations();
      BOOST_TEST(std::any_of(list.begin(), list.end(),
                             [&](const Organisation& o) { return o.name == name; }));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
