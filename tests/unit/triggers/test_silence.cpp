// Tests for silence matching: trigger ids, text and cited sources, health alerts per source, time.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "watchers/triggers/silence.hpp"

BOOST_AUTO_TEST_SUITE(triggers_silence)

namespace {

using namespace watchdesk;
using namespace watchdesk::triggers;

const TimePoint kT0{Seconds{1780272000}};

Alert filing_alert() {
  Alert alert;
  alert.id = "s1-public/0001628280-26-036936";
  alert.trigger = "s1-public";
  alert.kind = "filing";
  alert.title = "SpaceX filed S-1/A publicly";
  alert.summary = "Amendment No. 1 to the registration statement.";
  alert.evidence.push_back({"12ab0b67", "spacex-filings", "https://www.sec.gov/x", "S-1/A", std::nullopt});
  return alert;
}

Alert health_alert(const std::string& source) {
  Alert alert;
  alert.id = "health/" + source + "/unhealthy/2026-06-01T00:00:00Z";
  alert.trigger = "health";
  alert.kind = "health";
  alert.title = "source " + source + " is failing";
  alert.facts.push_back({"source", source});
  return alert;
}

Silence silence(std::string trigger, std::string match) {
  return Silence{"abc", std::move(trigger), std::move(match), "maintenance", kT0, kT0 + Seconds{3600}};
}

struct MatchCase {
  const char* trigger;
  const char* match;
  bool expected;
};

}  // namespace

BOOST_AUTO_TEST_CASE(matches_its_trigger_by_text_or_cited_source) {
  const std::vector<MatchCase> cases{
      {"s1-public", "", true},
      {"coreweave-move", "", false},
      {"s1-public", "s-1/a", true},             // title, ignoring case
      {"s1-public", "registration", true},      // summary
      {"s1-public", "036936", true},            // id
      {"s1-public", "SPACEX-FILINGS", true},    // evidence source
      {"s1-public", "spacex-fil", false},       // a source is named whole
      {"s1-public", "10-K", false},
      {"health", "spacex-filings", false},      // another trigger
  };
  const auto alert = filing_alert();
  for (const auto& c : cases)
    BOOST_TEST(matches(silence(c.trigger, c.match), alert) == c.expected, c.trigger << " ~ '" << c.match << "'");
}

BOOST_AUTO_TEST_CASE(health_silence_names_one_source_exactly) {
  BOOST_TEST(matches(silence("health", "crwv-price"), health_alert("crwv-price")));
  BOOST_TEST(!matches(silence("health", "crwv-price"), health_alert("crwv-price-backup")));
  BOOST_TEST(!matches(silence("health", "crwv"), health_alert("crwv-price")));
  BOOST_TEST(matches(silence("health", ""), health_alert("crwv-price")));
}

BOOST_AUTO_TEST_CASE(holds_from_creation_until_its_end_only) {
  const auto s = silence("s1-public", "");
  BOOST_TEST(!is_active(s, kT0 - Seconds{1}));
  BOOST_TEST(is_active(s, kT0));
  BOOST_TEST(is_active(s, kT0 + Seconds{3599}));
  BOOST_TEST(!is_active(s, kT0 + Seconds{3600}));
  const std::vector<Silence> silences{s};
  BOOST_TEST(silencing(silences, filing_alert(), kT0 + Seconds{10}) == &silences[0]);
  BOOST_TEST((silencing(silences, filing_alert(), kT0 + Seconds{3600}) == nullptr));
}

BOOST_AUTO_TEST_SUITE_END()
