// The submissions parser over real captured submissions files in tests/fixtures/real/edgar
// (provenance in tests/fixtures/real/README.md), and the same filings read from the company's Atom
// feed; the expected values were read from the files with python3's json, xml.etree and zoneinfo
// modules, not from the parsers.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source submissions_capture_source(config::SourceKind kind, std::string cik,
                                          std::vector<std::string> forms = {}) {
  config::Source s;
  s.id = "real";
  s.kind = kind;
  s.cik = std::move(cik);
  s.forms = std::move(forms);
  return s;
}

ParseOutput parse_submissions_capture(std::string_view name, const config::Source& source,
                                      std::string_view content_type) {
  auto out = sources::parse_source(source, read_fixture("real/edgar", name), content_type);
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  return std::move(*out);
}

ParseOutput keen_vision_submissions() {
  return parse_submissions_capture("submissions_keen_vision.json",
                                   submissions_capture_source(config::SourceKind::edgar_submissions, "1889983"),
                                   "application/json");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_real_submissions_captures)

// data.sec.gov/submissions/CIK0001889983.json: 60 filings, its `...Z` times on the Eastern wall
// clock (22 entries impossible as UTC, 1 as Eastern: an EFFECT notice at 00:15:11).
BOOST_AUTO_TEST_CASE(keen_vision_submissions_read_on_the_eastern_clock) {
  const auto out = keen_vision_submissions();
  BOOST_TEST(out.observations.size() == 60u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001213900-24-112698");
  BOOST_TEST(out.observations.back().key == "0001213900-23-009668");

  // 21:19:18 EDT on Friday 1 November 2024 (daylight time ended on the 3rd): filed Monday the 4th.
  const auto* ten_q = find_key(out, "0001213900-24-093690");
  BOOST_TEST_REQUIRE(ten_q != nullptr);
  BOOST_TEST(fact(*ten_q, "form") == "10-Q");
  BOOST_TEST(fact(*ten_q, "company") == "Keen Vision Acquisition Corp.");
  BOOST_TEST(fact(*ten_q, "filing_date") == "2024-11-04");
  BOOST_TEST(fact(*ten_q, "accepted") == "2024-11-02T01:19:18Z");
  BOOST_TEST(fact(*ten_q, "document_url") ==
             "https://www.sec.gov/Archives/edgar/data/1889983/000121390024093690/ea0218932-10q_keenvision.htm");

  // 06:10:44 EST: read as UTC it would be 01:10 Eastern, before EDGAR opens.
  const auto* early = find_key(out, "0001213900-24-100342");
  BOOST_TEST_REQUIRE(early != nullptr);
  BOOST_TEST(fact(*early, "accepted") == "2024-11-20T11:10:44Z");

  const auto* effect = find_key(out, "9999999995-23-002171");
  BOOST_TEST_REQUIRE(effect != nullptr);
  BOOST_TEST(fact(*effect, "accepted") == "2023-07-25T04:15:11Z");
}

// The same filing seen through the company's Atom feed (an explicit offset) and through the
// submissions file (a `Z` on the Eastern wall clock) has one acceptance instant: 54 filings are in both.
BOOST_AUTO_TEST_CASE(atom_feed_and_submissions_give_the_same_acceptance_instants) {
  const auto submissions = keen_vision_submissions();
  const auto feed = parse_submissions_capture("company_keen_vision.xml",
                                              submissions_capture_source(config::SourceKind::edgar_filings, "1889983"),
                                              "application/atom+xml");
  std::size_t shared = 0;
  for (const auto& filing : feed.observations) {
    const auto* same = find_key(submissions, filing.key);
    if (same == nullptr) continue;
    ++shared;
    BOOST_TEST(fact(*same, "accepted") == fact(filing, "accepted"), filing.key);
    BOOST_TEST(utc(same->published) == utc(filing.published), filing.key);
    BOOST_TEST(fact(*same, "filing_date") == fact(filing, "filing_date"), filing.key);
    BOOST_TEST(fact(*same, "form") == fact(filing, "form"), filing.key);
  }
  BOOST_TEST(shared == 54u);

  // Spot checks read from the feed's offsets.
  const auto* s1 = find_key(submissions, "0001213900-23-009668");
  BOOST_TEST_REQUIRE(s1 != nullptr);
  BOOST_TEST(fact(*s1, "accepted") == "2023-02-09T19:05:53Z");
  const auto* amended13g = find_key(submissions, "0001193125-24-255939");
  BOOST_TEST_REQUIRE(amended13g != nullptr);
  BOOST_TEST(fact(*amended13g, "form") == "SC 13G/A");
  BOOST_TEST(fact(*amended13g, "accepted") == "2024-11-12T21:07:50Z");
}

// EQV Ventures Acquisition Corp. II, 36 filings 2024-12-09 to 2026-03-27: Eastern wall clock (8
// entries impossible as UTC, 1 as Eastern), Schedule 13G filed under its new long name.
BOOST_AUTO_TEST_CASE(eqv_submissions_read_on_the_eastern_clock_with_long_form_names) {
  const auto out = parse_submissions_capture(
      "submissions_eqv_ventures_ii.json", submissions_capture_source(config::SourceKind::edgar_submissions, "2042902"),
      "application/json");
  BOOST_TEST(out.observations.size() == 36u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001213900-26-035526");
  BOOST_TEST(out.observations.back().key == "0001213900-24-106623");

  // 08:26:58 EST; as UTC it would be 03:26 Eastern.
  const auto* holder = find_key(out, "0001104659-25-109846");
  BOOST_TEST_REQUIRE(holder != nullptr);
  BOOST_TEST(fact(*holder, "form") == "SCHEDULE 13G");
  BOOST_TEST(fact(*holder, "accepted") == "2025-11-12T13:26:58Z");
  BOOST_TEST(fact(*holder, "company") == "EQV Ventures Acquisition Corp. II");

  const auto* s1 = find_key(out, "0001213900-25-053146");
  BOOST_TEST_REQUIRE(s1 != nullptr);
  BOOST_TEST(fact(*s1, "form") == "S-1");
  BOOST_TEST(fact(*s1, "accepted") == "2025-06-10T21:20:20Z");

  // `SC 13G` in the configuration keeps the filings EDGAR now names `SCHEDULE 13G`.
  const auto schedules = parse_submissions_capture(
      "submissions_eqv_ventures_ii.json",
      submissions_capture_source(config::SourceKind::edgar_submissions, "2042902", {"SC 13G"}), "application/json");
  BOOST_TEST(keys_of(schedules) ==
             (std::vector<std::string>{"0001140361-26-003234", "0001213900-25-109383", "0001104659-25-109846"}));
}

// Twelve Seas Investment Co III, 27 filings 2025-01-31 to 2026-05-15, committed in the same change as
// EQV Ventures II's file: its `Z` is true UTC (1 entry impossible as UTC, the SEC's EFFECT notice
// stamped 00:15:10 Eastern; 9 impossible as Eastern, such as Forms 3 at 02:01 the day after their
// filing date).
BOOST_AUTO_TEST_CASE(twelve_seas_submissions_read_as_true_utc) {
  const auto out = parse_submissions_capture(
      "submissions_twelve_seas_iii.json", submissions_capture_source(config::SourceKind::edgar_submissions, "2052243"),
      "application/json");
  BOOST_TEST(out.observations.size() == 27u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001213900-26-057739");
  BOOST_TEST(out.observations.back().key == "0001213900-25-008820");

  // 20:52:50 EDT on the 30th, filed the 31st; read as Eastern it would be 00:52 on the filing day.
  const auto* annual = find_key(out, "0001213900-26-036676");
  BOOST_TEST_REQUIRE(annual != nullptr);
  BOOST_TEST(fact(*annual, "form") == "10-K");
  BOOST_TEST(fact(*annual, "company") == "Twelve Seas Investment Co III/Cayman");
  BOOST_TEST(fact(*annual, "filing_date") == "2026-03-31");
  BOOST_TEST(fact(*annual, "accepted") == "2026-03-31T00:52:50Z");

  // A Form 3 accepted 21:01:49 EST on its filing date, and an 8-K of Friday evening filed on Monday.
  const auto* insider = find_key(out, "0001213900-25-120885");
  BOOST_TEST_REQUIRE(insider != nullptr);
  BOOST_TEST(fact(*insider, "accepted") == "2025-12-12T02:01:49Z");
  const auto* friday = find_key(out, "0001213900-25-124053");
  BOOST_TEST_REQUIRE(friday != nullptr);
  BOOST_TEST(fact(*friday, "filing_date") == "2025-12-22");
  BOOST_TEST(fact(*friday, "accepted") == "2025-12-20T01:55:23Z");
}

// The SEC stamps its EFFECT notices 00:15 Eastern the day after the filing date: the Eastern-clock
// file (EQV Ventures II) and the UTC file (Twelve Seas III) write that moment differently, and both
// are read as 00:15 Eastern.
BOOST_AUTO_TEST_CASE(effect_notices_land_at_the_same_eastern_time_under_either_clock) {
  const auto eastern = parse_submissions_capture(
      "submissions_eqv_ventures_ii.json", submissions_capture_source(config::SourceKind::edgar_submissions, "2042902"),
      "application/json");
  const auto* eqv = find_key(eastern, "9999999995-25-002134");
  BOOST_TEST_REQUIRE(eqv != nullptr);
  BOOST_TEST(fact(*eqv, "form") == "EFFECT");
  BOOST_TEST(fact(*eqv, "accepted") == "2025-07-02T04:15:11Z");  // 00:15:11 EDT

  const auto utc_file = parse_submissions_capture(
      "submissions_twelve_seas_iii.json", submissions_capture_source(config::SourceKind::edgar_submissions, "2052243"),
      "application/json");
  const auto* twelve = find_key(utc_file, "9999999995-25-003654");
  BOOST_TEST_REQUIRE(twelve != nullptr);
  BOOST_TEST(fact(*twelve, "form") == "EFFECT");
  BOOST_TEST(fact(*twelve, "accepted") == "2025-12-12T05:15:10Z");  // 00:15:10 EST
}

BOOST_AUTO_TEST_SUITE_END()
