// Tests for watchers/triggers/tenancy_constructions.cpp through the detector: each construction
// with its mirror image, which must not alert.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/place_names.hpp"
#include "watchers/triggers/tenant_detection.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_tenancy_constructions)

namespace {
// The new tenants a facility's detector alerts on (fact or plan), in order.
std::vector<std::string> alerting(std::string_view text, std::vector<std::string> subject,
                                  std::vector<std::string> owners) {
  const TenantDetector detector(organisations_for(owners, {}, {}), subject);
  std::vector<std::string> names;
  for (const auto& m : detector.find(text)) {
    if (m.alerts()) names.push_back(m.name);
  }
  return names;
}

std::vector<std::string> coreweave(std::string_view text) { return alerting(text, {"CoreWeave"}, {"CoreWeave"}); }

std::vector<std::string> google(std::string_view text) {
  return alerting(text, {"Google Cloud", "TPU", "TPUs"}, {"Google", "Alphabet"});
}

std::vector<std::string> aws(std::string_view text) {
  return alerting(text, {"AWS", "Amazon Web Services", "Project Rainier", "Rainier"}, {"Amazon"});
}

using Names = std::vector<std::string>;
}  // namespace

BOOST_AUTO_TEST_CASE(a_role_after_a_copula_names_the_customer_or_the_customer_of_a_supplier) {
  BOOST_TEST(coreweave("CoreWeave's largest new customer is Spotify") == Names{"Spotify"},
             boost::test_tools::per_element());
  BOOST_TEST(google("Apple's newest computing supplier is Google") == Names{"Apple"},
             boost::test_tools::per_element());
  // Mirror images: a supplier of the facility, and a supplier of something other than compute.
  BOOST_TEST(coreweave("CoreWeave's largest new supplier is Dell").empty());
  BOOST_TEST(google("Apple's newest modem supplier is Google").empty());
}

BOOST_AUTO_TEST_CASE(a_facility_described_for_an_organisation_names_its_customer) {
  BOOST_TEST(aws("Inside Amazon's new Ohio cluster for Perplexity") == Names{"Perplexity"},
             boost::test_tools::per_element());
  // Mirror images: a party before the facility took it for its own product; goods after `for`.
  BOOST_TEST(coreweave("IBM reserves CoreWeave capacity for Granite") == Names{"IBM"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("Inside CoreWeave's new Ohio cluster for Nvidia GPUs").empty());
}

BOOST_AUTO_TEST_CASE(a_deal_signed_by_both_parties_relates_them) {
  BOOST_TEST(coreweave("The five-year GPU cloud contract signed by CoreWeave and Pinterest starts in June") ==
                 Names{"Pinterest"},
             boost::test_tools::per_element());
  // Mirror image: a supply deal signed by both is supply.
  BOOST_TEST(coreweave("The chip-supply contract signed by CoreWeave and Dell starts in June").empty());
}

BOOST_AUTO_TEST_CASE(a_possessors_deal_with_the_facility_makes_it_a_party) {
  BOOST_TEST(coreweave("Recent deals include Nvidia's stake in Mistral and Mistral's $2 billion contract with CoreWeave") ==
                 Names{"Mistral"},
             boost::test_tools::per_element());
  // Mirror image: the possessor's supply deal with the facility.
  BOOST_TEST(coreweave("Analysts note Dell's $2 billion server contract with CoreWeave").empty());
}

BOOST_AUTO_TEST_CASE(an_organisation_secured_as_a_customer_is_a_tenant) {
  BOOST_TEST(coreweave("By securing Adobe as a long-term cloud customer, CoreWeave widens its base") ==
                 Names{"Adobe"},
             boost::test_tools::per_element());
  // Mirror image: secured as a supplier.
  BOOST_TEST(coreweave("By securing Vertiv as a long-term cooling supplier, CoreWeave cuts its costs").empty());
}

BOOST_AUTO_TEST_CASE(access_given_to_the_facility_makes_a_tenant) {
  BOOST_TEST(coreweave("The agreement gives Databricks access to CoreWeave's GPU clusters") == Names{"Databricks"},
             boost::test_tools::per_element());
  // Mirror image: access given to something other than the facility.
  BOOST_TEST(coreweave("CoreWeave says the agreement gives Databricks access to Nvidia's research team").empty());
}

BOOST_AUTO_TEST_CASE(the_organisations_own_workload_moving_onto_the_facility_makes_a_tenant) {
  BOOST_TEST(coreweave("Pinterest funnels its ranking jobs into CoreWeave's Plano cluster") == Names{"Pinterest"},
             boost::test_tools::per_element());
  // Mirror image: hardware moving onto the facility is supply.
  BOOST_TEST(coreweave("Dell funnels its newest servers into CoreWeave's Plano cluster").empty());
}

BOOST_AUTO_TEST_CASE(a_cloud_venture_formed_and_a_partnership_of_many_make_partners) {
  BOOST_TEST(google("KKR and Google are forming a joint cloud venture to rent Google's TPUs to startups").empty());
  BOOST_TEST(google("The site is part of a partnership between Google, KKR, Meta and Uber").empty());
  // Mirror image: a data-center venture whose capacity the partner takes stays a tenancy.
  BOOST_TEST(coreweave("CoreWeave and Cohere form a $2 billion AI data center joint venture") == Names{"Cohere"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_product_made_available_is_distributed_not_renting) {
  BOOST_TEST(aws("Gemini is now accessible through a console integrated within AWS").empty());
  // Mirror image: the maker itself renting the facility for the product.
  BOOST_TEST(aws("Google rents AWS capacity to train Gemini") == Names{"Google"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cities_and_sites_are_never_parties) {
  for (const char* place : {"sweetwater", "francisco", "childress", "johor", "lake"}) {
    BOOST_TEST_CONTEXT(place) {
      const auto tokens = tokenize_headline(place);
      BOOST_TEST(is_place_phrase(tokens, 0, 1, 0, 1));
    }
  }
  BOOST_TEST(coreweave("CoreWeave signs a GPU supply deal with Dell for Sweetwater").empty());
  // Mirror image: a listed customer after the place stays one.
  BOOST_TEST(coreweave("In Sweetwater, CoreWeave signs a capacity deal with Cohere") == Names{"Cohere"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_reported_would_is_a_plan_and_a_conditional_one_a_hedge) {
  const TenantDetector detector(organisations_for({"CoreWeave"}, {}, {}), {"CoreWeave"});
  const auto reported = detector.find("CoreWeave said on Monday that Cohere would rent 70 MW at its Plano site");
  BOOST_TEST_REQUIRE(reported.size() == 1u);
  BOOST_TEST(modality_name(reported[0].modality) == "plan");
  const auto conditional = detector.find("Cohere would rent 70 MW of CoreWeave capacity if the price falls");
  BOOST_TEST_REQUIRE(conditional.size() == 1u);
  BOOST_TEST(modality_name(conditional[0].modality) == "hedge");
}

BOOST_AUTO_TEST_CASE(capacity_given_to_an_organisation_names_it_unless_money_is_given) {
  BOOST_TEST(coreweave("CoreWeave said GPU capacity will be provided to Cohere from its Plano site") == Names{"Cohere"},
             boost::test_tools::per_element());
  BOOST_TEST(google("The company will provide up to 400,000 TPUs to Cohere over five years") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: equity given is an investment.
  BOOST_TEST(coreweave("CoreWeave said $2 billion in equity will be provided to Cohere").empty());
}

BOOST_AUTO_TEST_CASE(access_to_compute_names_who_has_it_not_whose_tools_are_accessed) {
  BOOST_TEST(coreweave("As part of its CoreWeave deal, Cohere will have access to 20,000 GB300 chips") ==
                 Names{"Cohere"},
             boost::test_tools::per_element());
  BOOST_TEST(aws("The deal gives Cohere access to Nvidia GPUs in AWS's data centers") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: the facility gets access to the organisation's tools.
  BOOST_TEST(coreweave("The contract grants CoreWeave access to Salesforce's sales tools").empty());
}

BOOST_AUTO_TEST_CASE(a_purpose_of_serving_an_organisations_workload_names_it) {
  BOOST_TEST(aws("Amazon will deploy Trainium clusters to support Cohere's training needs") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: what is supported is no workload.
  BOOST_TEST(aws("Amazon will deploy Trainium clusters to support Cohere's sales team").empty());
}

BOOST_AUTO_TEST_CASE(business_won_from_an_organisation_names_it) {
  BOOST_TEST(google("In June, Google won cloud business from Cohere for TPU capacity") == Names{"Cohere"},
             boost::test_tools::per_element());
  BOOST_TEST(google("Landing Cohere's business lifts Google Cloud's TPU capacity sales") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: praise won is no business.
  BOOST_TEST(google("Google won praise from Cohere for its TPU capacity").empty());
}

BOOST_AUTO_TEST_CASE(an_opening_gerund_phrase_relates_the_subject_after_it_whatever_its_verb) {
  BOOST_TEST(google("By securing extra capacity from Google Cloud, Cohere ensures it can scale") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: a role named in the phrase.
  BOOST_TEST(coreweave("By signing Cohere's former CFO as an adviser, CoreWeave broadens its board").empty());
}

BOOST_AUTO_TEST_CASE(compute_secured_in_a_clause_is_the_other_clauses_facility) {
  BOOST_TEST(coreweave("Cohere secures committed GPU capacity while CoreWeave builds the halls") == Names{"Cohere"},
             boost::test_tools::per_element());
  // Mirror image: a loan secured.
  BOOST_TEST(coreweave("Cohere secures a $500 million loan while CoreWeave builds the halls").empty());
}

BOOST_AUTO_TEST_CASE(model_numbers_publishers_naming_and_offices_streets_away_are_no_tenants) {
  BOOST_TEST(coreweave("CoreWeave and Cohere announced a Texas site with 40,000 Nvidia GB300s") == Names{"Cohere"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("Bloomberg named the target of the latest CoreWeave capacity deal").empty());
  BOOST_TEST(coreweave("Cohere books office space two streets from CoreWeave's Plano hub").empty());
  // Mirror images: a publisher renting, and GPU hours booked at the hub.
  BOOST_TEST(coreweave("Bloomberg rents CoreWeave GPUs for its terminal models") == Names{"Bloomberg"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("Cohere books a block of GPU hours at CoreWeave's Plano hub") == Names{"Cohere"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_organisation_taken_on_for_the_facilitys_equipment_supplies_it) {
  BOOST_TEST(coreweave("CoreWeave onboards Arista for its spine switches").empty());
  // Mirror image: taken on for its own research clusters.
  BOOST_TEST(coreweave("CoreWeave onboards Cohere for its research clusters") == Names{"Cohere"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sourced_facts_stay_facts_and_unnamed_sources_would_is_talks) {
  const TenantDetector detector(organisations_for({"CoreWeave"}, {}, {}), {"CoreWeave"});
  const auto done = detector.find(
      "Cohere has negotiated a cloud agreement with CoreWeave, according to sources familiar with the deal");
  BOOST_TEST_REQUIRE(done.size() == 1u);
  BOOST_TEST(modality_name(done[0].modality) == "fact");
  const auto talks =
      detector.find("People with knowledge of the matter said the deal would see CoreWeave provide Cohere with GPUs");
  BOOST_TEST_REQUIRE(talks.size() == 1u);
  BOOST_TEST(modality_name(talks[0].modality) == "hedge");
  const auto apart = detector.find("Talks between Cohere and CoreWeave over GPU capacity fall apart");
  BOOST_TEST_REQUIRE(apart.size() == 1u);
  BOOST_TEST(modality_name(apart[0].modality) == "denial");
}

BOOST_AUTO_TEST_CASE(a_possessive_choice_or_use_of_the_facility_names_its_tenant) {
  BOOST_TEST(google("Airbus's reservation of 2,000 TPUs marks a European win") == Names{"Airbus"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("Spotify's choice of CoreWeave as a GPU vendor surprised rivals") == Names{"Spotify"},
             boost::test_tools::per_element());
  BOOST_TEST(aws("Spotify's migration to AWS is complete") == Names{"Spotify"}, boost::test_tools::per_element());
  // Mirror images: a rejection, and a choice of something else.
  BOOST_TEST(google("Airbus's rejection of a TPU offer marks a setback").empty());
  BOOST_TEST(coreweave("Spotify's choice of a new CFO surprised CoreWeave").empty());
}

BOOST_AUTO_TEST_CASE(revenue_from_an_organisation_makes_it_a_customer) {
  BOOST_TEST(coreweave("In 2024, 60% of CoreWeave revenue came from Spotify") == Names{"Spotify"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("CoreWeave admits concentration - Spotify historically accounted for 71% of revenue") ==
                 Names{"Spotify"},
             boost::test_tools::per_element());
  // Mirror images: funding from an organisation, and its share of the market.
  BOOST_TEST(coreweave("In 2024, 60% of CoreWeave funding came from Magnetar").empty());
  BOOST_TEST(coreweave("CoreWeave admits it - Spotify historically accounted for 71% of streams").empty());
}

BOOST_AUTO_TEST_CASE(compute_leased_or_dedicated_to_an_organisation_names_its_tenant) {
  BOOST_TEST(aws("Project Rainier, a super-cluster with a million Trainium chips dedicated to Adobe") ==
                 Names{"Adobe"},
             boost::test_tools::per_element());
  BOOST_TEST(coreweave("CoreWeave has reported $10B+ in committed capacity leased to Spotify") == Names{"Spotify"},
             boost::test_tools::per_element());
  // Mirror images: an office dedicated to a city, and a stake leased out as collateral.
  BOOST_TEST(coreweave("CoreWeave opened an office dedicated to Spotify's hometown").empty());
  BOOST_TEST(coreweave("CoreWeave has reported a $1B equity stake leased to Spotify").empty());
}

BOOST_AUTO_TEST_SUITE_END()
