// Tests for core/text/words.cpp: case folding and whole-word matching.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/words.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(text_words)

struct WordsCase {
  std::string input;
  std::string expected;
};

BOOST_AUTO_TEST_CASE(folds_case_keeping_length) {
  const WordsCase cases[] = {
      {"GPU Cluster", "gpu cluster"},
      {"\u00C9COLE Stra\u00DFe", "\u00E9cole stra\u00DFe"},
      {"\u0178\u0100\u0139\u017D", "\u00FF\u0101\u013A\u017E"},
      {"\u03A3\u03A9\u0386\u038F", "\u03C3\u03C9\u03AC\u03CE"},
      {"\u0416\u0401", "\u0436\u0451"},
      {"\u0130", "\u0130"},  // dotted capital I would change length: kept
      {"a\xFF" "B", "a\xFF" "b"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      const std::string out = text::fold_case(c.input);
      BOOST_TEST(out == c.expected);
      BOOST_TEST(out.size() == c.input.size());
      std::string reused = "a longer text held before, to be replaced whole";
      text::fold_case_into(reused, c.input);
      BOOST_TEST(reused == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(matches_whole_words_ignoring_case) {
  struct Case {
    std::string text;
    std::string word;
    bool match;
  };
  const Case cases[] = {
      {"GPU Cluster Engineer", "gpu", true},
      {"GPUs Procurement Lead", "GPU", false},
      {"eGPU tester", "gpu", false},
      {"AI infra (GPU)", "GPU", true},
      {"GPU-rich neoclouds", "gpu", true},
      {"xAI\u2019s Colossus", "xai", true},
      {"xAI's Colossus", "xAI", true},
      {"GPU\u2014cluster", "gpu", true},
      {"GPU\u00A0cluster", "gpu", true},
      {"Colossus 2 expansion", "colossus 2", true},
      {"Colossus 25 expansion", "colossus 2", false},
      {"a second tenant arrives", "Second Tenant", true},
      {"seconds tenant", "second tenant", false},
      {"Z\u00FCrich office", "z\u00FCrich", true},
      {"Z\u00DCRICH office", "z\u00FCrich", true},
      {"Z\u00FCrichsee", "z\u00FCrich", false},
      {"\u00FCber", "ber", false},  // a non-ASCII letter is a letter
      {"C++ developer", "C++", true},
      {"datacenter/networking", "datacenter", true},
      {"gpus then gpu", "gpu", true},  // a later occurrence counts
      {"\u0394\u03B5\u03BB\u03C4\u03B1 team", "\u03B4\u03B5\u03BB\u03C4\u03B1", true},
      {"xAI's Colossus cluster", "Colossus", true},
      {"COLOSSUS goes multi-tenant", "Colossus", true},
      {"colossal build", "Colossus", false},
      {"Colossuses", "Colossus", false},
      {"anything", "  ", false},
      {"anything", "", false},
      {"", "gpu", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text '" << c.text << "' word '" << c.word << "'") {
      BOOST_TEST(text::contains_word(c.text, c.word) == c.match);
      BOOST_TEST(text::find_words(c.text, c.word).empty() == !c.match);
      BOOST_TEST(text::contains_any_word(c.text, {"no-such-word", c.word}) == c.match);
    }
  }
}

BOOST_AUTO_TEST_CASE(finds_every_whole_word_occurrence_with_its_span) {
  const auto spans = text::find_words("Colossus, then colossus, Colossuses, Z\u00DCRICH", "Colossus");
  BOOST_TEST_REQUIRE(spans.size() == 2u);
  BOOST_TEST(spans[0].begin == 0u);
  BOOST_TEST(spans[0].end == 8u);
  BOOST_TEST(spans[1].begin == 15u);
  BOOST_TEST(spans[1].end == 23u);
  const std::string zurich = "in Z\u00DCRICH";
  const auto folded = text::find_words(zurich, " z\u00FCrich ");
  BOOST_TEST_REQUIRE(folded.size() == 1u);
  BOOST_TEST(folded[0].begin == 3u);
  BOOST_TEST(folded[0].end == zurich.size());
}

BOOST_AUTO_TEST_CASE(tells_whether_a_span_stands_as_whole_words) {
  const std::string t = "(GPU) eGPU C++ dev";
  BOOST_TEST(text::is_whole_word(t, {1, 4}));      // GPU inside brackets
  BOOST_TEST(!text::is_whole_word(t, {7, 10}));    // the GPU of eGPU
  BOOST_TEST(!text::is_whole_word(t, {6, 9}));     // eGP, glued to U
  BOOST_TEST(text::is_whole_word(t, {11, 14}));    // C++ ends with punctuation
  BOOST_TEST(!text::is_whole_word(t, {3, 3}));     // empty
  BOOST_TEST(!text::is_whole_word(t, {15, 99}));   // past the end
}

BOOST_AUTO_TEST_CASE(matches_any_listed_word) {
  const std::vector<std::string> words = {"infrastructure", "GPU"};
  BOOST_TEST(text::contains_any_word("Senior GPU Cluster Engineer", words));
  BOOST_TEST(text::contains_any_word("Datacenter Infrastructure Lead", words));
  BOOST_TEST(!text::contains_any_word("GPUs enthusiast", words));
  BOOST_TEST(!text::contains_any_word("Recruiter", {}));
}

BOOST_AUTO_TEST_CASE(folded_word_matching_agrees_with_contains_word) {
  const std::string folded = text::fold_case("Z\u00DCRICH GPU Cluster \u2014 Datacenter/Networking");
  BOOST_TEST(text::contains_folded_word(folded, text::fold_case("Z\u00FCrich")));
  BOOST_TEST(text::contains_folded_word(folded, text::fold_case("datacenter")));
  BOOST_TEST(text::contains_folded_word(folded, " gpu "));
  BOOST_TEST(!text::contains_folded_word(folded, "GPU"));  // not folded: no match by contract
  BOOST_TEST(!text::contains_folded_word(folded, "cluste"));
  BOOST_TEST(!text::contains_folded_word(folded, ""));
}

BOOST_AUTO_TEST_SUITE_END()
