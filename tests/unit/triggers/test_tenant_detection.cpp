// Tests for watchers/triggers/tenant_detection.cpp and organisations.cpp: which sentences name a
// tenant of the subject, with which modality and role, and which organisations a trigger counts.
#include <boost/test/unit_test.hpp>

#include <algorithm>
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
  t.subject = {"Colossus", "Colossus 2", "Memphis supercomputer"};
  t.known = {"Anthropic"};
  return t;
}

// The new tenants `text` would alert on (fact or plan), in order.
std::vector<std::string> alerting(std::string_view text, const config::Trigger& trigger, std::string_view publisher = {}) {
  std::vector<std::string> names;
  for (const auto& m : find_tenants(text, trigger.subject, trigger_organisations(trigger), publisher)) {
    if (m.alerts()) names.push_back(m.name);
  }
  return names;
}

struct Case {
  const char* text;
  std::vector<std::string> expected;
  const char* publisher = "";
};


// A detector for a cloud or host that owns itself (`CoreWeave`, `TeraWulf`).
TenantDetector self_owned(const std::string& name) {
  config::Trigger trigger;
  trigger.subject = {name};
  trigger.owners = {name};
  return TenantDetector(trigger_organisations(trigger), trigger.subject);
}

template <std::size_t N>
void check_all(const Case (&cases)[N]) {
  const config::Trigger trigger = colossus_trigger();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      BOOST_TEST(alerting(c.text, trigger, c.publisher) == c.expected, boost::test_tools::per_element());
    }
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(finds_tenants_with_the_facility_as_object_subject_or_through_its_owner) {
  const Case cases[] = {
      {"OpenAI signs deal to rent Colossus capacity", {"OpenAI"}},
      {"Apple is said to buy capacity on xAI's Colossus supercomputer", {"Apple"}},
      {"Microsoft signed for 20,000 GPUs at Colossus", {"Microsoft"}},
      {"OpenAI and Meta sign up to rent COLOSSUS time", {"OpenAI", "Meta"}},
      {"META TO LEASE GPUS ON COLOSSUS", {"Meta"}},
      {"Mistral becomes a tenant of Colossus", {"Mistral"}},
      {"AWS becomes Colossus's No. 2 customer", {"Amazon"}},
      {"Google DeepMind is a customer of our Colossus cluster.", {"Google"}},
      // The facility as grammatical subject.
      {"Colossus adds OpenAI as a tenant", {"OpenAI"}},
      {"Colossus lands Meta", {"Meta"}},
      {"xAI's Colossus lands Meta as second external customer", {"Meta"}},
      {"Colossus customers now include Cohere, Perplexity and Character.AI", {"Cohere", "Perplexity", "Character.AI"}},
      {"Colossus 2 to be leased by OpenAI", {"OpenAI"}},
      // The owner as subject.
      {"xAI inks a capacity deal with OpenAI", {"OpenAI"}},
      {"xAI leases Colossus capacity to Google DeepMind", {"Google"}},
      {"SpaceX signs Meta as a Colossus customer", {"Meta"}},
      // Verbs beyond rent and lease.
      {"OpenAI taps Colossus for GPT-6 training", {"OpenAI"}},
      {"Meta secures GPUs on Colossus", {"Meta"}},
      {"Apple is now training on Colossus", {"Apple"}},
      {"Mistral moves its training to Colossus", {"Mistral"}},
      {"Cohere runs inference on Colossus under a new deal", {"Cohere"}},
      {"Adobe pays xAI $1 billion for Colossus GPU time", {"Adobe"}},
      // A name the list lacks, in a sentence that is not title case.
      {"Biotech startup Helix Bio rents time on Colossus for protein models", {"Helix Bio"}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(ignores_publishers_suppliers_neighbours_owners_and_comparisons) {
  const Case cases[] = {
      // The publisher after ` - ` is stripped; reporting is not renting.
      {"xAI expands Colossus with 100,000 more GPUs - Bloomberg", {}, "Bloomberg"},
      {"Memphis residents question Colossus turbines - Bloomberg", {}},
      {"Mistral signs on to rent GPU capacity on xAI's Colossus cluster - Bloomberg", {"Mistral"}, "Bloomberg"},
      {"Cohere to lease Colossus capacity, Bloomberg reports", {"Cohere"}},
      {"Oracle CEO says OpenAI will rent Colossus", {"OpenAI"}},
      // Suppliers and neighbours.
      {"NVIDIA signs chip-supply deal for xAI's Colossus cluster", {}},
      {"Caterpillar rents gas turbines to power Colossus", {}},
      {"Dell supplied tens of thousands of GPU-equipped servers powering Colossus.", {}},
      {"xAI leases backup generators from Caterpillar for Colossus", {}},
      {"NVIDIA supplies GPUs to Colossus, which OpenAI now rents", {"OpenAI"}},
      {"Meta leases land next to Colossus for a new data center", {}},
      {"OpenAI rents office space across the street from Colossus", {}},
      {"IBM leases capacity at Colossus, next to its Memphis office", {"IBM"}},
      // Investors.
      {"Nvidia invests $2 billion in xAI's Colossus buildout", {}},
      // Owners and known tenants.
      {"SpaceX signs xAI as Colossus customer", {}},
      {"xAI rents more capacity on Colossus for Grok 5", {}},
      {"Anthropic expands its Colossus lease", {}},
      {"OpenAI joins Anthropic as a Colossus tenant", {"OpenAI"}},
      // Comparisons and unrelated mentions.
      {"Meta's cluster rivals Colossus", {}},
      {"Meta's new cluster rivals Colossus, which Cohere rents", {"Cohere"}},
      {"Unlike Colossus, which Cohere rents, Meta's cluster is private", {"Cohere"}},
      {"Oracle rents capacity to OpenAI, rivalling Colossus", {}},
      {"Google's TPU pod is bigger than Colossus and customers love it", {}},
      {"Like Meta, OpenAI rents Colossus", {"OpenAI"}},
      {"Colossus has a long runway for new customers", {}},
      {"OpenAI rents capacity from Oracle", {}},
      {"Meta rents capacity from Oracle. Colossus stays idle.", {}},
      {"xAI signs deal with NASA", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(keeps_two_clauses_apart) {
  const Case cases[] = {
      {"Meta signs a deal with Oracle as Colossus waits for a customer", {}},
      {"Google rents out its own cluster as Colossus fills up", {}},
      {"Microsoft signs with CoreWeave after Colossus talks stall", {}},
      {"Meta rivals Colossus; OpenAI signs with Oracle", {}},
      {"As Colossus fills up, Mistral signs on as a tenant", {"Mistral"}},
      {"While Stargate is delayed, OpenAI taps Colossus", {"OpenAI"}},
      {"Meta rents Colossus capacity as its own cluster falls behind", {"Meta"}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(classifies_modality) {
  struct ModalityCase {
    const char* text;
    Modality expected;
  };
  const ModalityCase cases[] = {
      {"Meta rents Colossus capacity", Modality::fact},
      {"Meta to rent Colossus capacity", Modality::plan},
      {"Meta will lease GPUs on Colossus", Modality::plan},
      {"Meta plans to lease GPUs on Colossus", Modality::plan},
      {"Could Meta become the next Colossus tenant?", Modality::hedge},
      {"Meta considers renting capacity on Colossus", Modality::hedge},
      {"Meta weighs a compute deal with xAI's Colossus", Modality::hedge},
      {"Meta unlikely to rent Colossus, analysts say", Modality::hedge},
      {"Meta in talks to lease Colossus capacity", Modality::hedge},
      {"Meta reportedly in discussions to rent Colossus time", Modality::hedge},
      {"Meta mulls a Colossus deal", Modality::hedge},
      {"Why Meta rents Colossus", Modality::fact},
      {"Meta denies plan to rent Colossus", Modality::denial},
      {"Meta won't rent Colossus, Zuckerberg says", Modality::denial},
      {"Meta and xAI talks over Colossus capacity collapse", Modality::denial},
      {"Meta's Colossus deal falls through", Modality::denial},
      {"Meta calls off Colossus capacity talks", Modality::denial},
      {"Meta pulls out of Colossus lease talks", Modality::denial},
      {"Meta signed with Colossus in May", Modality::fact},
      {"Meta signs Colossus deal with potential to expand", Modality::fact},
      {"Meta signs Colossus deal that aims to speed up training", Modality::fact},
  };
  const config::Trigger trigger = colossus_trigger();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto found = find_tenants(c.text, trigger.subject, trigger_organisations(trigger));
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST(found[0].name == "Meta");
      BOOST_TEST(modality_name(found[0].modality) == modality_name(c.expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_the_company_as_the_subject_named_before_it) {
  const Case cases[] = {
      {"xAI shares rose after Reuters reported the company had secured a $5 billion GPU capacity deal with Meta", {"Meta"}},
      {"Meta said on Tuesday that the company will rent Colossus capacity", {"Meta"}},
      {"As Meta grows its Llama models, the company has turned to Colossus for capacity", {"Meta"}},
      {"Dell shares rose after Bloomberg reported the company had won a server order for Colossus", {}},
      {"OpenAI, the company behind ChatGPT, praised the Colossus engineers", {}},
      {"Meta said the company has no plans to rent Colossus", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(reads_tenants_listed_in_a_relative_clause_of_the_facility) {
  const Case cases[] = {
      {"xAI leases space on Colossus, whose customers include Meta and Midjourney", {"Meta", "Midjourney"}},
      {"The round values Colossus, whose investors include Nvidia and Google, at $10 billion", {}},
      {"Dell, whose customers include Meta, ships servers to Colossus", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(reads_hardware_deployed_for_a_customer_and_motion_onto_the_facility) {
  const Case cases[] = {
      {"Colossus will deploy 50,000 GPUs for Microsoft", {"Microsoft"}},
      {"Dell deploys liquid-cooled servers for Colossus", {}},
      {"Netflix follows Anthropic onto Colossus", {"Netflix"}},
      {"Netflix follows Anthropic in praising Colossus", {}},
      {"Robotics Startup Nimbus Robotics Rents GPUs On Colossus", {"Nimbus Robotics"}},
      {"Cooling Startup Frostline Systems Supplies Chillers For Colossus", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(a_hedge_on_the_amount_leaves_the_deal_a_fact) {
  const config::Trigger trigger = colossus_trigger();
  const auto fact = find_tenants("Meta signs a Colossus lease potentially worth $5 billion", trigger.subject,
                                 trigger_organisations(trigger));
  BOOST_TEST_REQUIRE(fact.size() == 1u);
  BOOST_TEST(modality_name(fact[0].modality) == "fact");
  const auto hedge = find_tenants("Meta could sign a Colossus lease worth $5 billion", trigger.subject,
                                  trigger_organisations(trigger));
  BOOST_TEST_REQUIRE(hedge.size() == 1u);
  BOOST_TEST(modality_name(hedge[0].modality) == "hedge");
}

BOOST_AUTO_TEST_CASE(says_which_relation_it_found) {
  const config::Trigger trigger = colossus_trigger();
  const auto found = find_tenants("Colossus adds OpenAI as a tenant - Reuters", trigger.subject,
                                  trigger_organisations(trigger), "Reuters");
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].relation() == "OpenAI -[adds]-> Colossus");
  BOOST_TEST(found[0].sentence == "Colossus adds OpenAI as a tenant");
  BOOST_TEST((found[0].role == TenancyRole::tenant));
}

BOOST_AUTO_TEST_CASE(gives_suppliers_neighbours_and_investors_their_role) {
  struct RoleCase {
    const char* text;
    TenancyRole expected;
  };
  const RoleCase cases[] = {
      {"Dell to supply liquid-cooled servers for Colossus 2", TenancyRole::supplier},
      {"Vertiv wins cooling contract for Colossus expansion", TenancyRole::supplier},
      {"Google buys a site near Colossus in South Memphis", TenancyRole::neighbour},
      {"Oracle backstops Colossus 2 debt", TenancyRole::investor},
      // A capacity provider's bare deal with the owner rents to the owner.
      {"xAI signs $10 billion capacity deal with Oracle", TenancyRole::supplier},
      {"xAI rents Colossus capacity to Oracle", TenancyRole::tenant},
  };
  const config::Trigger trigger = colossus_trigger();
  const TenantDetector detector(trigger_organisations(trigger), trigger.subject);
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto found = detector.find(c.text);
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST(role_name(found[0].role) == role_name(c.expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_fragments_participles_deal_nouns_and_roles_named_with_as) {
  const Case cases[] = {
      // A gerund is the verb of a verbless fragment.
      {"Colossus landing $17 billion with Meta", {"Meta"}},
      {"Dell landing a server deal with Colossus", {}},
      // An opening participle phrase takes the subject after its comma.
      {"Four days after signing a deal with Meta, xAI raised $10 billion for Colossus", {"Meta"}},
      {"After renting Colossus for a year, Mistral signs a larger deal", {"Mistral"}},
      {"After shipping servers to Colossus, Dell raises its outlook", {}},
      // An order from a customer; goods from a supplier.
      {"Colossus books a $3 billion order from Meta", {"Meta"}},
      {"xAI places a GPU order with NVIDIA for Colossus", {}},
      // The role an object is signed in.
      {"Colossus signs Meta as its anchor tenant", {"Meta"}},
      {"Colossus signs Tesla as a supplier", {}},
      // `its` and the facility of another sentence or clause.
      {"Colossus fills up; Cohere becomes its newest tenant", {"Cohere"}},
      {"Colossus fills up; Tesla becomes its power supplier", {}},
      {"OpenAI leaves Colossus; Meta takes over the site", {"Meta"}},
      // A denied clause, then the real one.
      {"Meta is not buying GPUs -- it is renting Colossus", {"Meta"}},
      // A rival taken on, a funding round, a gerund in a noun phrase.
      {"Meta takes on Colossus with a cluster of its own", {}},
      {"xAI closes a $6 billion Series C for Colossus", {}},
      {"Meta takes 40 MW of AI hosting at Colossus", {"Meta"}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(a_host_leasing_to_a_cloud_is_its_landlord) {
  const TenantDetector detector = self_owned("CoreWeave");
  const auto landlord = detector.find("Applied Digital's two 15-year leases with CoreWeave");
  BOOST_TEST_REQUIRE(landlord.size() == 1u);
  BOOST_TEST(role_name(landlord[0].role) == "supplier");
  // A host's own site rented by a cloud: the cloud is the tenant.
  const TenantDetector host = self_owned("TeraWulf");
  const auto tenant = host.find("Fluidstack's 10-year lease with TeraWulf");
  BOOST_TEST_REQUIRE(tenant.size() == 1u);
  BOOST_TEST(role_name(tenant[0].role) == "tenant");
}

BOOST_AUTO_TEST_CASE(reports_known_tenants_with_their_standing) {
  const config::Trigger trigger = colossus_trigger();
  const auto found = find_tenants("Anthropic rents Colossus", trigger.subject, trigger_organisations(trigger));
  BOOST_TEST_REQUIRE(found.size() == 1u);
  BOOST_TEST(found[0].name == "Anthropic");
  BOOST_TEST((found[0].standing == Standing::known));
  BOOST_TEST(!found[0].alerts());
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
  BOOST_TEST((standing_of("xAI") == Standing::owner));
  BOOST_TEST((standing_of("SpaceX") == Standing::owner));
  BOOST_TEST(alerting("Zeta Labs rents Colossus", trigger) == std::vector<std::string>{"Zeta Labs"},
             boost::test_tools::per_element());
  BOOST_TEST(alerting("Musk's xAI rents Colossus", trigger).empty());
}

BOOST_AUTO_TEST_CASE(reads_verbs_the_lexicon_lacks_from_structure_and_vetoes_what_flows) {
  const Case cases[] = {
      // The organisation as subject, the facility governed by `on`, `to`, `from`.
      {"Mistral parks its workloads on Colossus", {"Mistral"}},
      {"Cohere offloads inference to Colossus", {"Cohere"}},
      {"Perplexity lines up GPUs from Colossus", {"Perplexity"}},
      // ... and its mirror images: hardware given to it, money, staff, a rival.
      {"Supermicro trucks GB300 racks to Colossus", {}},
      {"Dell lines up servers for Colossus", {}},
      {"Tesla poaches engineers from Colossus", {}},
      {"Cohere raises funding on Colossus hype", {}},
      {"Perplexity lobbies against Colossus", {}},
      // The facility or its owner as subject, the organisation its object or after `to`, `for`.
      {"Colossus will house Meta workloads", {"Meta"}},
      {"xAI opens Colossus compute to Mistral", {"Mistral"}},
      {"xAI carves out Colossus capacity for Cohere", {"Cohere"}},
      {"xAI hands Perplexity 20,000 Colossus GPUs", {"Perplexity"}},
      // ... and its mirror images: power, land and money flowing, a hostile verb, a supplier.
      {"xAI secures Colossus turbines for Memphis from Siemens", {}},
      {"xAI hires Meta's data center chief for Colossus", {}},
      {"xAI sells Colossus stake to Microsoft", {}},
      {"Colossus overtakes Meta's Hyperion cluster", {}},
      // A chip maker buying capacity rents it; selling chips supplies.
      {"Nvidia snaps up unused Colossus capacity", {"NVIDIA"}},
      {"Nvidia funnels Blackwell GPUs to Colossus", {}},
      {"Nvidia reaches a deal with xAI to lease Colossus servers", {"NVIDIA"}},
      {"Nvidia reaches a deal with xAI to supply Colossus servers", {}},
      // Lists after `including` among customers, never among investors or suppliers.
      {"Colossus signs new customers, including Cohere and Perplexity", {"Cohere", "Perplexity"}},
      {"Colossus raises money from investors, including Microsoft and Nvidia", {}},
      {"Colossus buys from suppliers including Dell and Supermicro", {}},
      // A colon after the parties or before a lone name joins the two halves.
      {"Colossus and Mistral: a $3 billion compute partnership", {"Mistral"}},
      {"Colossus gets its first outside customer: Cohere", {"Cohere"}},
      {"Colossus and Memphis: a tale of two grids", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(reads_places_roles_money_possessives_lists_and_joint_subjects) {
  const Case cases[] = {
      // A place is never a party: a name before a place noun, a demonym, a name after `in`.
      {"Colossus hands Cohere the keys to its Norwegian halls", {"Cohere"}},
      {"xAI leases Colossus capacity to a startup called Zeta Robotics at its Riverside campus", {"Zeta Robotics"}},
      {"xAI opens Colossus compute to its Delta Springs site", {}},
      {"Colossus expands with a new hall in Southaven", {}},
      // A role noun after `becomes`, `named`, `as` decides the role.
      {"Micron becomes memory supplier for Colossus", {}},
      {"Cohere becomes anchor customer for Colossus", {"Cohere"}},
      {"Mistral named lender for Colossus expansion", {}},
      // Money taken is investment; capacity taken is tenancy.
      {"Jane Street takes a slice of Colossus round", {}},
      {"SoftBank buys into Colossus", {}},
      {"Jane Street takes a slice of Colossus capacity", {"Jane Street"}},
      // The facility as a possessive before what is rented, models and places between.
      {"Cohere soaks up the rest of xAI's Texas capacity", {"Cohere"}},
      {"Runway spins up video models across Colossus's H200 fleet", {"Runway"}},
      {"Runway spins off its Colossus unit", {}},
      // `like` after customers or labs lists members.
      {"Colossus signs AI labs like Mistral and Cohere", {"Mistral", "Cohere"}},
      {"Colossus hums like Meta's Hyperion", {}},
      // Both parties before the verb with a deal or compute noun after it.
      {"xAI and Cohere have confirmed the Colossus contract", {"Cohere"}},
      {"xAI and Cohere have confirmed the rumours", {}},
      {"xAI and Nvidia announced a chip supply partnership for Colossus", {}},
      // A name shaped like one (letters then digits) even when it opens the headline.
      {"Core42 fills a second Colossus building", {"Core42"}},
      {"H200 fills a second Colossus building", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(reads_cloud_deals_capacity_given_descriptions_and_appositions) {
  const Case cases[] = {
      // A deal for the cloud itself makes a supplier its customer; a supply deal does not.
      {"Colossus signs an AI cloud contract with NVIDIA", {"NVIDIA"}},
      {"Colossus signs a GPU supply contract with NVIDIA", {}},
      // Capacity contracted or leased to a customer, active or passive; work contracted is no capacity.
      {"xAI has contracted all of the Colossus capacity to Cohere", {"Cohere"}},
      {"xAI has contracted the Colossus cooling work to Vertiv", {}},
      {"xAI says the whole Colossus 2 capacity has been leased to Cohere", {"Cohere"}},
      // `the system` stands for the facility another clause names.
      {"Cohere trains on the system, and xAI says Colossus will double next year", {"Cohere"}},
      {"Vertiv cools the system, and xAI says Colossus will double next year", {}},
      // Hardware of the facility's maker deployed in the buyer's own halls is no tenancy.
      {"Meta is deploying Colossus racks in its own data centers", {}},
      {"Meta is deploying Llama on Colossus racks", {"Meta"}},
      // A partner in launching or building the facility is no tenant.
      {"xAI announced a partnership with Siemens Energy for the launch of Colossus 2", {}},
      // Verbs and prepositions of the open reading.
      {"Spotify enlists Colossus GPUs for transcription", {"Spotify"}},
      {"Pinterest spreads its ranking models across Colossus halls", {"Pinterest"}},
      // A tenant after a colon with its own verb; money signed for is none.
      {"Colossus lands a third lab: Reka signs for 80 MW", {"Reka"}},
      {"Colossus lands a third lender: Goldman Sachs signs for $500 million", {}},
      {"Colossus's next tenant is an automaker: Toyota signs on", {"Toyota"}},
      // `its` contract in a second clause belongs to the facility the first one names.
      {"Colossus fills up even though Databricks extended its GPU lease", {"Databricks"}},
      {"Colossus fills up even though Vertiv extended its cooling contract", {}},
      // A name in apposition to a customer; another role names none.
      {"Colossus fills its second hall with a new customer, Stripe", {"Stripe"}},
      {"Colossus fills its second hall with a second contractor, Caterpillar", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(sounding_out_and_the_tech_giant_make_candidates) {
  const config::Trigger trigger = colossus_trigger();
  const auto orgs = trigger_organisations(trigger);
  for (const char* text : {"ByteDance sounds out Colossus over spare capacity",
                           "xAI (NASDAQ: XAI) rose while the tech giant was in talks with Meta over Colossus capacity"}) {
    BOOST_TEST_CONTEXT(text) {
      const auto found = find_tenants(text, trigger.subject, orgs);
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST(modality_name(found[0].modality) == "hedge");
      BOOST_TEST(!found[0].alerts());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_hosts_first_word_names_it_when_the_rest_is_generic) {
  const TenantDetector detector = self_owned("CoreWeave");
  const auto landlord = detector.find("Galaxy to fulfill a 15-year lease agreement with CoreWeave");
  BOOST_TEST_REQUIRE(landlord.size() == 1u);
  BOOST_TEST(landlord[0].name == "Galaxy Digital");
  BOOST_TEST(role_name(landlord[0].role) == "supplier");
  // `Core` and `Applied` are too common or too short to stand for Core Scientific or Applied Digital.
  for (const auto& m : detector.find("Applied AI and Core teams sign a lease with CoreWeave")) {
    BOOST_TEST(m.name != "Applied Digital");
    BOOST_TEST(m.name != "Core Scientific");
  }
}

BOOST_AUTO_TEST_CASE(configured_owners_replace_the_defaults) {
  config::Trigger trigger = colossus_trigger();
  trigger.owners = {"Tesla"};
  BOOST_TEST(alerting("Tesla rents Colossus", trigger).empty());
  BOOST_TEST(alerting("OpenAI rents Colossus", trigger) == std::vector<std::string>{"OpenAI"},
             boost::test_tools::per_element());
  BOOST_TEST(alerting("xAI rents Colossus", trigger) == std::vector<std::string>{"xAI"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ships_the_listed_labs_clouds_and_enterprises) {
  const char* required[] = {"OpenAI", "Google", "Meta", "Microsoft", "Amazon", "Apple", "Mistral",
                            "Cohere", "Perplexity", "Anthropic", "Oracle", "NVIDIA", "Tesla", "IBM",
                            "Salesforce", "ByteDance", "Alibaba", "Baidu", "Tencent", "Samsung",
                            "Character.AI", "Inflection", "Safe Superintelligence",
                            "Thinking Machines", "Reka", "AI21", "Stability AI", "Midjourney",
                            "Runway", "Databricks", "Snowflake", "Adobe", "Uber", "Netflix",
                            "JPMorgan", "Goldman Sachs", "xAI", "Fluidstack", "Dell", "Supermicro"};
  for (const char* name : required) {
    BOOST_TEST_CONTEXT(name) {
      const auto& list = shipped_organisations();
      BOOST_TEST(std::any_of(list.begin(), list.end(),
                             [&](const Organisation& o) { return o.name == name; }));
    }
  }
}

BOOST_AUTO_TEST_CASE(so_does_repeats_the_tenancy_and_a_role_after_a_possessive_decides_becomes) {
  const Case cases[] = {
      {"ElevenLabs rents GPUs from Colossus, and so does Harvey", {"ElevenLabs", "Harvey"}},
      {"Reddit set to become Colossus's second outside tenant", {"Reddit"}},
      // Mirror images: `does not`, and another role after the possessive.
      {"ElevenLabs rents GPUs from Colossus, but Harvey does not", {"ElevenLabs"}},
      {"Reddit set to become Colossus's ad partner", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(quantities_parts_and_adjectives_leave_the_relation_whole) {
  const Case cases[] = {
      {"xAI confirmed that all of Perplexity's latest models are trained on Colossus", {"Perplexity"}},
      {"Five thousand of Colossus's GPUs have been reserved by Runway", {"Runway"}},
      {"Snowflake commits to a bigger slice of Colossus capacity", {"Snowflake"}},
      {"Mistral has turned to rival cloud provider Colossus for training", {"Mistral"}},
      {"OpenAI will begin utilizing Colossus immediately", {"OpenAI"}},
      // Mirror images: a supplier's GPUs assembled, a comparison with `than`, the owner's models used.
      {"Five thousand of Colossus's racks have been assembled by Supermicro", {}},
      {"Snowflake builds a bigger cluster than Colossus", {}},
      {"Cohere plans to leverage xAI's pre-trained LLMs for its chatbot", {}},
  };
  check_all(cases);
}

BOOST_AUTO_TEST_CASE(idioms_conditions_and_evidentials_set_the_modality) {
  const config::Trigger trigger = colossus_trigger();
  const auto orgs = trigger_organisations(trigger);
  struct Expected {
    const char* text;
    const char* modality;
  };
  const Expected cases[] = {
      {"It's no wonder that Zoom tapped Colossus for its video models", "fact"},
      {"Tesla could lean on Colossus if Dojo stalls", "hedge"},
      {"It appears that Zoom chose Colossus for its latest expansion", "hedge"},
      {"Spotify kicks the tyres on Colossus", "hedge"},
      {"Meta said to be sizing up Colossus for Llama inference", "hedge"},
      {"Zoom pulled the plug on a potential deal to rent Colossus", "denial"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto found = find_tenants(c.text, trigger.subject, orgs);
      BOOST_TEST_REQUIRE(found.size() == 1u);
      BOOST_TEST(modality_name(found[0].modality) == c.modality);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
