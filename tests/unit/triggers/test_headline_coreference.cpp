// Tests for watchers/triggers/headline_coreference.cpp: which name `the company` stands for.
#include <boost/test/unit_test.hpp>

#include <string>
#include <utility>
#include <vector>

#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/headline_coreference.hpp"
#include "watchers/triggers/organisations.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_headline_coreference)

namespace {
// What each `the company`-like description in `sentence` stands for: a canonical name,
// `[facility]`, or nothing when it stands for nothing.
std::vector<std::string> descriptions_in(std::string_view sentence) {
  const auto o = organisations_for({"xAI"}, {}, {});
  const EntityMatcher matcher(o, {"Colossus"});
  const HeadlineSentence s = split_clauses(sentence);
  std::vector<std::vector<EntityMention>> per_clause;
  for (const auto& c : s.clauses) per_clause.push_back(matcher.find(s.text, s.tokens, c.begin, c.end, s.title_case));
  resolve_descriptions(s, per_clause);
  std::vector<std::string> out;
  for (const auto& mentions : per_clause) {
    for (const auto& m : mentions) {
      if (s.tokens[m.first].lower != "the") continue;
      out.push_back(m.kind == EntityKind::facility ? std::string("[facility]") : o[m.organisation].organisation.name);
    }
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(stands_for_the_subject_named_before_it) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"Colossus shares jumped after Bloomberg reported the company had signed Meta", {"[facility]"}},
      {"Uber said on Tuesday that the company will move to Colossus", {"Uber"}},
      {"As Meta grows its models, the firm turns to Colossus", {"Meta"}},
      {"OpenAI, the company behind ChatGPT, praised Colossus", {}},
      {"The company signed a deal with Colossus", {}},
      {"Reuters reported the company signed a deal", {}},
      // An object never stands for its own clause's subject.
      {"As Colossus's backlog grows, Meta signs a deal with the company", {"[facility]"}},
      {"Meta signs a deal with the company", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) { BOOST_TEST(descriptions_in(c.text) == c.expected, boost::test_tools::per_element()); }
  }
}

BOOST_AUTO_TEST_CASE(it_opening_a_later_clause_stands_for_the_subject_before_it) {
  const auto o = organisations_for({"xAI"}, {}, {});
  const EntityMatcher matcher(o, {"Colossus"});
  for (const auto& [text, expected] : std::vector<std::pair<std::string, std::string>>{
           {"Meta is not buying GPUs -- it is renting Colossus", "Meta"},
           {"Meta is not buying GPUs -- it rains in Memphis", ""},
           {"It is renting Colossus", ""}}) {
    BOOST_TEST_CONTEXT(text) {
      const HeadlineSentence s = split_clauses(text);
      std::vector<std::vector<EntityMention>> per_clause;
      for (const auto& c : s.clauses) per_clause.push_back(matcher.find(s.text, s.tokens, c.begin, c.end, s.title_case));
      resolve_descriptions(s, per_clause);
      std::string found;
      for (const auto& mentions : per_clause) {
        for (const auto& m : mentions) {
          if (s.tokens[m.first].lower == "it" && m.kind == EntityKind::organisation) found = o[m.organisation].organisation.name;
        }
      }
      BOOST_TEST(found == expected);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
