// Tests for core/suggest.cpp: edit distance and the did-you-mean choice.
#include <boost/test/unit_test.hpp>

#include "core/suggest.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(core_suggest)

BOOST_AUTO_TEST_CASE(computes_levenshtein_distance) {
  struct Case {
    const char* a;
    const char* b;
    std::size_t distance;
  };
  const Case cases[] = {{"", "", 0},          {"every", "every", 0}, {"evry", "every", 1},  {"every", "evry", 1},
                        {"kitten", "sitting", 3}, {"", "abc", 3},     {"abc", "", 3},       {"chanels", "channels", 1},
                        {"thresold", "threshold", 1}, {"ab", "ba", 2}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.a << " / " << c.b) { BOOST_TEST(edit_distance(c.a, c.b) == c.distance); }
  }
}

BOOST_AUTO_TEST_CASE(suggests_the_closest_key_only_when_it_is_a_likely_typo) {
  const std::vector<std::string> keys{"kind", "every", "url", "jitter", "max_body", "cik", "forms"};
  struct Case {
    const char* word;
    const char* expected;  // nullptr: no suggestion
  };
  const Case cases[] = {{"evry", "every"}, {"Every", "every"}, {"form", "forms"},   {"kinds", "kind"},
                        {"maxbody", "max_body"}, {"urls", "url"}, {"ck", "cik"},   {"symbol", nullptr},
                        {"x", nullptr},     {"provider", nullptr}, {"zzzzzz", nullptr}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.word) {
      auto guess = closest_match(c.word, keys);
      if (c.expected == nullptr) {
        BOOST_TEST(!guess.has_value());
      } else {
        BOOST_TEST_REQUIRE(guess.has_value());
        BOOST_TEST(*guess == c.expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(prefers_the_nearest_candidate) {
  BOOST_TEST(closest_match("edgar-filing", {"edgar-current", "edgar-filings", "feed"}).value_or("") == "edgar-filings");
  BOOST_TEST(closest_match("spacex-filing", {"spacex-filings", "spacex-submissions"}).value_or("") ==
             "spacex-filings");
  BOOST_TEST(!closest_match("anything", {}).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
