// Tests for watchers/triggers/text_match.cpp: whole words, sentence splitting, tokens and markup.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/text_match.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_text_match)

BOOST_AUTO_TEST_CASE(matches_whole_words_only) {
  struct Case {
    const char* text;
    const char* word;
    CaseMatch match;
    bool expected;
  };
  const Case cases[] = {
      {"xAI's Colossus cluster", "Colossus", CaseMatch::any, true},
      {"COLOSSUS goes multi-tenant", "Colossus", CaseMatch::any, true},
      {"colossal build", "Colossus", CaseMatch::any, false},
      {"Colossuses", "Colossus", CaseMatch::any, false},
      {"Meta's cluster", "Meta", CaseMatch::as_written_or_upper, true},
      {"META SIGNS", "Meta", CaseMatch::as_written_or_upper, true},
      {"the meta question", "Meta", CaseMatch::as_written_or_upper, false},
      {"Metaverse", "Meta", CaseMatch::as_written_or_upper, false},
      {"a long runway", "Runway", CaseMatch::as_written_or_upper, false},
      {"Character.AI rents", "Character.AI", CaseMatch::as_written_or_upper, true},
      {"bought by X.AI.", "X.AI", CaseMatch::as_written_or_upper, true},
      {"\xE2\x80\x9CMeta\xE2\x80\x9D signs", "Meta", CaseMatch::as_written_or_upper, true},
      {"\xC3\xA9Meta", "Meta", CaseMatch::as_written_or_upper, false},
      {"AI21 Labs", "AI21", CaseMatch::as_written_or_upper, true},
      {"OpenAI-backed", "OpenAI", CaseMatch::as_written_or_upper, true},
      {"", "Meta", CaseMatch::any, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text << " / " << c.word) {
      BOOST_TEST(contains_whole_word(c.text, c.word, c.match) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(finds_every_occurrence_with_its_span) {
  const auto spans = find_whole_word("Colossus, then colossus", "Colossus", CaseMatch::any);
  BOOST_TEST_REQUIRE(spans.size() == 2u);
  BOOST_TEST(spans[0].begin == 0u);
  BOOST_TEST(spans[1].begin == 15u);
  BOOST_TEST(spans[1].end == 23u);
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

BOOST_AUTO_TEST_CASE(strips_markup_and_common_entities) {
  BOOST_TEST(strip_markup("<p>OpenAI &amp; Meta <b>rent</b> Colossus</p>") ==
             " OpenAI & Meta  rent  Colossus ");
  BOOST_TEST(strip_markup("P/S < 10 and > 5") == "P/S < 10 and > 5");
}

BOOST_AUTO_TEST_CASE(matches_any_listed_word) {
  const std::vector<std::string> words = {"infrastructure", "GPU"};
  BOOST_TEST(contains_any_word("Senior GPU Cluster Engineer", words));
  BOOST_TEST(contains_any_word("Datacenter Infrastructure Lead", words));
  BOOST_TEST(!contains_any_word("GPUs enthusiast", words));
  BOOST_TEST(!contains_any_word("Recruiter", {}));
}

BOOST_AUTO_TEST_SUITE_END()
