// Tests for watchers/triggers/text_match.cpp: organisation names, sentence splitting and tokens.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/words.hpp"
#include "watchers/triggers/text_match.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_text_match)

BOOST_AUTO_TEST_CASE(matches_organisation_names_as_written_or_in_capitals) {
  struct Case {
    const char* text;
    const char* word;
    bool expected;
  };
  const Case cases[] = {
      {"Meta's cluster", "Meta", true},
      {"META SIGNS", "Meta", true},
      {"the meta question", "Meta", false},
      {"Metaverse", "Meta", false},
      {"a long runway", "Runway", false},
      {"Character.AI rents", "Character.AI", true},
      {"bought by X.AI.", "X.AI", true},
      {"\xE2\x80\x9CMeta\xE2\x80\x9D signs", "Meta", true},
      {"\xC3\xA9Meta", "Meta", false},
      {"AI21 Labs", "AI21", true},
      {"OpenAI-backed", "OpenAI", true},
      {"", "Meta", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text << " / " << c.word) {
      BOOST_TEST(!find_whole_word(c.text, c.word, CaseMatch::as_written_or_upper).empty() == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(finds_every_occurrence_with_its_span) {
  const auto spans = find_whole_word("Meta, then meta, then META", "Meta", CaseMatch::as_written_or_upper);
  BOOST_TEST_REQUIRE(spans.size() == 2u);
  BOOST_TEST(spans[0].begin == 0u);
  BOOST_TEST(spans[0].end == 4u);
  BOOST_TEST(spans[1].begin == 22u);
  BOOST_TEST(spans[1].end == 26u);
}

BOOST_AUTO_TEST_CASE(any_case_matching_is_the_text_utilities_whole_word_matching) {
  for (const char* text : {"xAI's Colossus cluster", "COLOSSUS goes multi-tenant", "Colossuses", "colossal build"}) {
    BOOST_TEST_CONTEXT(text) {
      const auto mine = find_whole_word(text, "Colossus", CaseMatch::any);
      const auto shared = watchdesk::text::find_words(text, "Colossus");
      BOOST_TEST_REQUIRE(mine.size() == shared.size());
      for (std::size_t i = 0; i < mine.size(); ++i) {
        BOOST_TEST(mine[i].begin == shared[i].begin);
        BOOST_TEST(mine[i].end == shared[i].end);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(splits_sentences_sensibly) {
  struct Case {
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"OpenAI rents Colossus. Meta's cluster rivals it.",
       {"OpenAI rents Colossus.", "Meta's cluster rivals it."}},
      {"Space Exploration Technologies Corp. filed. Then more.",
       {"Space Exploration Technologies Corp. filed.", "Then more."}},
      {"The U.S. Army and J.P. Morgan signed on.", {"The U.S. Army and J.P. Morgan signed on."}},
      {"Character.AI and X.AI met. Revenue grew 1.5 times!", {"Character.AI and X.AI met.", "Revenue grew 1.5 times!"}},
      {"Meta rivals Colossus; Anthropic rents it", {"Meta rivals Colossus", "Anthropic rents it"}},
      {"Headline one\nHeadline two", {"Headline one", "Headline two"}},
      {"Colossus gets a tenant | Reuters", {"Colossus gets a tenant", "Reuters"}},
      {"Is it real? \"Yes,\" he said.", {"Is it real?", "\"Yes,\" he said."}},
      {"version 2.0 is out. next thing", {"version 2.0 is out. next thing"}},
      {"  ", {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto got = split_sentences(c.text);
      std::vector<std::string> as_strings(got.begin(), got.end());
      BOOST_TEST(as_strings == c.expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(tokenizes_lowercase_with_inner_apostrophes) {
  const auto tokens = tokenize("Meta\xE2\x80\x99s cluster won't RENT it, 'quoted'");
  std::vector<std::string> words;
  for (const auto& t : tokens) words.push_back(t.word);
  const std::vector<std::string> expected = {"meta's", "cluster", "won't", "rent", "it", "quoted"};
  BOOST_TEST(words == expected, boost::test_tools::per_element());
  BOOST_TEST(tokens[0].span.begin == 0u);
  BOOST_TEST(tokens[0].span.end == 8u);
}

BOOST_AUTO_TEST_SUITE_END()
