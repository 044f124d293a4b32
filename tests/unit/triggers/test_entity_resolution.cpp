// Tests for watchers/triggers/entity_resolution.cpp: one name per organisation and per publisher.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_clauses.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_entity_resolution)

namespace {
std::vector<TriggerOrganisation> orgs() { return organisations_for({}, {"Anthropic"}, {"Zeta Labs"}); }

// The names the matcher finds, canonical for listed organisations, `[facility]` for subject terms.
std::vector<std::string> names_in(std::string_view sentence) {
  const auto o = orgs();
  const EntityMatcher matcher(o, {"Colossus", "Memphis supercomputer"});
  const HeadlineSentence s = split_clauses(sentence);
  std::vector<std::string> out;
  for (const auto& m : matcher.find(s.text, s.tokens, 0, s.tokens.size(), s.title_case)) {
    if (m.kind == EntityKind::facility) {
      out.emplace_back("[facility]");
    } else if (m.kind == EntityKind::organisation) {
      out.push_back(o[m.organisation].organisation.name);
    } else {
      out.emplace_back(s.text.substr(s.tokens[m.first].span.begin, s.tokens[m.last - 1].span.end - s.tokens[m.first].span.begin));
    }
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(gives_every_spelling_one_name) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Google DeepMind and Google rent Colossus", {"Google", "Google", "[facility]"}},
      {"Amazon Web Services, AWS and Amazon", {"Amazon", "Amazon", "Amazon"}},
      {"Claude maker leases COLOSSUS1", {"Anthropic", "[facility]"}},
      {"ChatGPT runs on the Memphis supercomputer", {"OpenAI", "[facility]"}},
      {"Meta, META and meta", {"Meta", "Meta"}},
      {"Colossus has a long runway", {"[facility]"}},
      {"Zeta Labs rents time", {"Zeta Labs"}},
      // Capitalised names the list lacks, only outside title case.
      {"Biotech startup Helix Bio rents time on Colossus", {"Helix Bio", "[facility]"}},
      {"Biotech Startup Helix Bio Rents Time On Colossus", {"Helix Bio", "[facility]"}},
      {"Helix Bio Rents Time On Colossus", {"[facility]"}},
      {"the Redmond-based giant signs a deal", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) { BOOST_TEST(names_in(c.text) == c.expected, boost::test_tools::per_element()); }
  }
}

BOOST_AUTO_TEST_CASE(names_a_lone_opening_word_only_before_its_verb) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Hyundai leases Colossus GPUs for robotics training", {"Hyundai", "[facility]"}},
      {"Lyft will move dispatch models to Colossus next year", {"Lyft", "[facility]"}},
      {"Glean now runs its search models on Colossus", {"Glean", "[facility]"}},
      {"Coupang revives plans to rent Colossus capacity", {"Coupang", "[facility]"}},
      {"Airbus's reservation of Colossus time marks a first", {"Airbus", "[facility]"}},
      {"Duolingo, Canva and Grammarly are among the first tenants of the new Colossus hall",
       {"Duolingo", "Canva", "Grammarly", "[facility]"}},
      {"Exclusive: Hyundai leases thousands of Colossus GPUs for its robots", {"Hyundai", "[facility]"}},
      // Mirror images: a plural, an adverb, a number and a noun before another noun open the sentence.
      {"Developers will flock to Colossus", {"[facility]"}},
      {"Specifically, developers flock to Colossus", {"[facility]"}},
      {"One anchor facility will be Colossus", {"[facility]"}},
      {"Hyundai order books swell as Colossus fills", {"[facility]"}},
      // A capitalised word after a conjunction is a name wherever it stands.
      {"Colossus breaks ground, and Qualcomm signs for 30 MW", {"[facility]", "Qualcomm"}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) { BOOST_TEST(names_in(c.text) == c.expected, boost::test_tools::per_element()); }
  }
}

BOOST_AUTO_TEST_CASE(titles_products_after_its_and_accented_names) {
  using Names = std::vector<std::string>;
  const Names titled{"Oracle", "[facility]"};
  const Names owner{"xAI", "[facility]"};
  const Names accented{"Nestlé", "[facility]"};
  const Names listed{"[facility]", "Anthropic"};
  BOOST_TEST(names_in("Oracle Chairman Ellison stated his company had a deal with Colossus") == titled,
             boost::test_tools::per_element());
  BOOST_TEST(names_in("xAI now trains its Nova models on Colossus") == owner, boost::test_tools::per_element());
  BOOST_TEST(names_in("In March, the food maker Nestlé signed for a block of time on the Colossus cluster") ==
                 accented,
             boost::test_tools::per_element());
  // Mirror image: a name after `its` that the list holds stays a name.
  BOOST_TEST(names_in("Colossus adds Anthropic to its tenants") == listed, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reduces_publishers_to_one_name) {
  const auto o = orgs();
  BOOST_TEST(canonical_publisher("Bloomberg", o) == "Bloomberg");
  BOOST_TEST(canonical_publisher("Bloomberg News", o) == "Bloomberg");
  BOOST_TEST(canonical_publisher("bloomberg.com", o) == "Bloomberg");
  BOOST_TEST(canonical_publisher("The Wall Street Journal", o) == canonical_publisher("Wall Street Journal", o));
  BOOST_TEST(canonical_publisher("Reuters", o) == canonical_publisher("reuters.com", o));
  BOOST_TEST(canonical_publisher("Amazon Web Services", o) == "Amazon");
  BOOST_TEST(canonical_publisher("Reuters", o) != canonical_publisher("Bloomberg", o));
}

BOOST_AUTO_TEST_SUITE_END()
