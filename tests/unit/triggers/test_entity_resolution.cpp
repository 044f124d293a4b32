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
