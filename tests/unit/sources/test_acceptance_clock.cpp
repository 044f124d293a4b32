// Tests for watchers/sources/acceptance_clock.cpp: one clock per submissions file, agreeing with Atom.
#include <boost/test/unit_test.hpp>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/acceptance_clock.hpp"
#include "watchers/sources/edgar_atom.hpp"
#include "watchers/sources/edgar_submissions.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

BOOST_AUTO_TEST_SUITE(acceptance_clock)

BOOST_AUTO_TEST_CASE(decides_the_clock_from_the_whole_file) {
  struct Case {
    const char* name;
    std::vector<AcceptanceEntry> entries;
    AcceptanceClock expected;
  };
  const std::vector<Case> cases = {
      // 06:01 and 18:03 as UTC would be 02:01 and 14:03 Eastern: the first is impossible.
      {"eastern wall clock", {{"2024-11-01T06:01:36.000Z", "2024-11-01"}, {"2024-10-31T18:03:00.000Z", "2024-10-31"}},
       AcceptanceClock::us_eastern},
      // 01:14 as Eastern is outside the hours and after the filing date; as UTC it is 21:14 the day before.
      {"true utc", {{"2026-06-12T01:14:09.000Z", "2026-06-11"}, {"2026-06-03T21:02:11.000Z", "2026-06-03"}},
       AcceptanceClock::utc},
      // Nothing tells the readings apart: EDGAR's own clock.
      {"no evidence", {{"2026-06-03T15:02:11.000Z", "2026-06-03"}}, AcceptanceClock::us_eastern},
      {"empty file", {}, AcceptanceClock::us_eastern},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      BOOST_TEST((decide_acceptance_clock(weigh_acceptance_clock(c.entries)) == c.expected));
    }
  }
}

BOOST_AUTO_TEST_CASE(weighs_only_values_ending_in_z) {
  const std::vector<AcceptanceEntry> entries{{"2026-06-15T04:00:00-04:00", "2026-06-15"},
                                             {"20260615040000", "2026-06-15"},
                                             {"2026-06-15T08:01:32.000Z", "2026-06-15"}};
  auto evidence = weigh_acceptance_clock(entries);
  BOOST_TEST(evidence.weighed == 1u);
  BOOST_TEST(evidence.implausible_as_utc == 1u);
  BOOST_TEST(evidence.implausible_as_eastern == 0u);
}

BOOST_AUTO_TEST_CASE(explicit_offsets_keep_their_meaning_under_either_clock) {
  for (auto clock : {AcceptanceClock::utc, AcceptanceClock::us_eastern}) {
    auto t = read_acceptance("2026-06-15T08:01:32-04:00", clock);
    BOOST_TEST_REQUIRE(t.has_value());
    BOOST_TEST(format_rfc3339(*t) == "2026-06-15T12:01:32Z");
  }
  auto eastern = read_acceptance("2006-03-20T16:00:00.000Z", AcceptanceClock::us_eastern);
  BOOST_TEST_REQUIRE(eastern.has_value());
  BOOST_TEST(format_rfc3339(*eastern) == "2006-03-20T21:00:00Z");  // EST under the 2006 rules
}

// The same filings written in both clocks, and as the company's Atom feed shows them with offsets:
// every filing gets one acceptance instant whichever document it was read from. Per-entry guessing
// would read the UTC file's 01:14 (21:14 Eastern the day before) right but its 10:12 wrong.
BOOST_AUTO_TEST_CASE(submissions_in_either_clock_agree_with_the_atom_feed) {
  const auto atom = parse_edgar_filings(edgar_fixture("filings_spacex.atom"),
                                     edgar_source(config::SourceKind::edgar_filings, "spacex-filings", "1181412"));
  BOOST_TEST_REQUIRE(atom.ok());
  const auto source = edgar_source(config::SourceKind::edgar_submissions, "spacex-submissions", "1181412");
  for (const char* file : {"submissions_spacex.json", "submissions_spacex_eastern.json"}) {
    BOOST_TEST_CONTEXT(file) {
      const auto submissions = parse_edgar_submissions(edgar_fixture(file), source);
      BOOST_TEST_REQUIRE(submissions.ok());
      std::size_t shared = 0;
      for (const auto& from_atom : atom->observations) {
        for (const auto& from_json : submissions->observations) {
          if (from_json.key != from_atom.key) continue;
          ++shared;
          BOOST_TEST_CONTEXT(from_json.key) { BOOST_TEST(from_json.facts.at("accepted") == from_atom.facts.at("accepted")); }
        }
      }
      BOOST_TEST(shared >= 5u);
    }
  }
}

BOOST_AUTO_TEST_CASE(midnight_stand_ins_are_neither_evidence_nor_acceptance_times) {
  // One 06:13 acceptance (02:13 Eastern if it were UTC) against three date-only stand-ins, which
  // as UTC would read as plausible evenings before the filing date and outvote it.
  const std::vector<AcceptanceEntry> entries = {{"2011-04-21T06:13:41.000Z", "2011-04-21"},
                                                {"2001-12-21T00:00:00.000Z", "2001-12-21"},
                                                {"2000-12-14T00:00:00.000Z", "2000-12-14"},
                                                {"1999-12-22T00:00:00.000Z", "1999-12-22"}};
  const auto evidence = weigh_acceptance_clock(entries);
  BOOST_TEST(evidence.weighed == 1u);
  BOOST_TEST(evidence.implausible_as_utc == 1u);
  BOOST_TEST(evidence.implausible_as_eastern == 0u);
  BOOST_TEST((decide_acceptance_clock(evidence) == AcceptanceClock::us_eastern));
  BOOST_TEST(!read_acceptance("2001-12-21T00:00:00.000Z", AcceptanceClock::us_eastern).has_value());
  BOOST_TEST(!read_acceptance("2001-12-21T00:00:00.000Z", AcceptanceClock::utc).has_value());
  // A midnight with an explicit offset is a real instant.
  BOOST_TEST(format_rfc3339(*read_acceptance("2001-12-21T00:00:00-05:00", AcceptanceClock::us_eastern)) ==
             "2001-12-21T05:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
