// Tests for watchers/triggers/place_names.cpp: which capitalised runs are places.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "watchers/triggers/headline_tokens.hpp"
#include "watchers/triggers/place_names.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_place_names)

namespace {
// Whether the capitalised run `[first, last)` (token indexes) of `text` is a place.
bool place_at(std::string_view text, std::size_t first, std::size_t last) {
  const auto tokens = tokenize_headline(text);
  return is_place_phrase(tokens, first, last, 0, tokens.size());
}
}  // namespace

BOOST_AUTO_TEST_CASE(knows_demonyms_place_adjectives_and_place_nouns) {
  for (const char* w : {"norwegian", "texas", "nordic", "saudi", "memphis"}) {
    BOOST_TEST_CONTEXT(w) { BOOST_TEST(is_place_adjective(w)); }
  }
  for (const char* w : {"zeta", "cohere", "halls"}) {
    BOOST_TEST_CONTEXT(w) { BOOST_TEST(!is_place_adjective(w)); }
  }
  for (const char* w : {"site", "campus", "halls", "building", "county", "park"}) {
    BOOST_TEST_CONTEXT(w) { BOOST_TEST(is_place_noun(w)); }
  }
  for (const char* w : {"capacity", "deal", "robotics"}) {
    BOOST_TEST_CONTEXT(w) { BOOST_TEST(!is_place_noun(w)); }
  }
}

BOOST_AUTO_TEST_CASE(a_run_before_a_place_noun_or_after_in_is_a_place) {
  // `Nscale opens River Bend campus`: tokens 2-3 before `campus`.
  BOOST_TEST(place_at("Nscale opens River Bend campus", 2, 4));
  BOOST_TEST(place_at("Nscale opens River Bend data center", 2, 4));
  BOOST_TEST(place_at("Nscale builds in Southaven", 3, 4));
  BOOST_TEST(place_at("Nscale fills its Norwegian halls", 3, 4));
  // ... and its mirror images: a name before a deal noun or after `with` is no place.
  BOOST_TEST(!place_at("Nscale signs Zeta Robotics deal", 2, 4));
  BOOST_TEST(!place_at("Nscale signs with Zeta Robotics", 3, 5));
}

BOOST_AUTO_TEST_SUITE_END()
