// The EDGAR parsers over real captured EDGAR answers in tests/fixtures/real/edgar (provenance in
// tests/fixtures/real/PROVENANCE.md); the expected values were read from the files with python3's
// json and zoneinfo modules, not from the parsers.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source apple_submissions(std::vector<std::string> forms = {}) {
  config::Source s;
  s.id = "apple-submissions";
  s.kind = config::SourceKind::edgar_submissions;
  s.cik = "320193";
  s.forms = std::move(forms);
  return s;
}

ParseOutput parse_capture(std::string_view name, const config::Source& source) {
  auto out = sources::parse_source(source, read_fixture("real/edgar", name), "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  return std::move(*out);
}

std::size_t without_acceptance(const ParseOutput& out) {
  return static_cast<std::size_t>(std::count_if(out.observations.begin(), out.observations.end(),
                                                [](const Observation& o) { return o.facts.count("accepted") == 0; }));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_real_edgar_captures)

// data.sec.gov/submissions/CIK0000320193.json: 1000 filings from 2013-02-08 to 2023-08-08, its
// `...Z` times on the Eastern wall clock (80 entries impossible as UTC, 15 as Eastern).
BOOST_AUTO_TEST_CASE(apple_submissions_read_on_the_eastern_clock) {
  const auto out = parse_capture("submissions_apple_recent.json", apple_submissions());
  BOOST_TEST(out.observations.size() == 1000u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0000320193-23-000079");
  BOOST_TEST(out.observations.back().key == "0001305227-13-000340");
  BOOST_TEST(without_acceptance(out) == 0u);

  const auto* ten_q = find_key(out, "0000320193-23-000077");
  BOOST_TEST_REQUIRE(ten_q != nullptr);
  BOOST_TEST(fact(*ten_q, "form") == "10-Q");
  BOOST_TEST(fact(*ten_q, "company") == "Apple Inc.");
  BOOST_TEST(fact(*ten_q, "cik") == "320193");
  // Accepted 18:04:43 EDT on the 3rd, after EDGAR's 17:30 cut-off: filed the 4th.
  BOOST_TEST(fact(*ten_q, "filing_date") == "2023-08-04");
  BOOST_TEST(fact(*ten_q, "accepted") == "2023-08-03T22:04:43Z");
  BOOST_TEST(utc(ten_q->published) == "2023-08-03T22:04:43Z");
  BOOST_TEST(fact(*ten_q, "document_url") ==
             "https://www.sec.gov/Archives/edgar/data/320193/000032019323000077/aapl-20230701.htm");

  // 18:38:12 EST in February.
  const auto* form4 = find_key(out, "0000320193-23-000022");
  BOOST_TEST_REQUIRE(form4 != nullptr);
  BOOST_TEST(fact(*form4, "accepted") == "2023-02-03T23:38:12Z");
}

BOOST_AUTO_TEST_CASE(apple_submissions_filtered_to_annual_reports) {
  const auto out = parse_capture("submissions_apple_recent.json", apple_submissions({"10-K"}));
  BOOST_TEST(out.observations.size() == 10u);
  BOOST_TEST_REQUIRE(!out.observations.empty());
  BOOST_TEST(out.observations.front().key == "0000320193-22-000108");
  BOOST_TEST(fact(out.observations.front(), "accepted") == "2022-10-27T22:01:14Z");
}

// data.sec.gov/submissions/CIK0000320193-submissions-001.json: the 988 older filings (1994-2013), the
// columns at the top and no `cik` or `name`. 130 filings before mid-2002 carry `T00:00:00.000Z`, EDGAR's
// stand-in for "no acceptance time"; counted as evidence they made the file read as UTC (134 entries
// impossible as Eastern against 54 as UTC), which moved every real acceptance 4-5 hours early.
BOOST_AUTO_TEST_CASE(older_apple_filings_keep_the_eastern_clock_despite_midnight_stand_ins) {
  const auto out = parse_capture("submissions_apple_older.json", apple_submissions());
  BOOST_TEST(out.observations.size() == 988u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(without_acceptance(out) == 130u);

  // 06:13:41 EDT, just after EDGAR opens; read as UTC it would be 02:13 Eastern.
  const auto* ten_q = find_key(out, "0001193125-11-104388");
  BOOST_TEST_REQUIRE(ten_q != nullptr);
  BOOST_TEST(fact(*ten_q, "form") == "10-Q");
  BOOST_TEST(fact(*ten_q, "accepted") == "2011-04-21T10:13:41Z");
  BOOST_TEST(fact(*ten_q, "cik") == "320193");
  BOOST_TEST(fact(*ten_q, "company") == "<none>");

  // 3 November 2005 was already standard time under the rules of that year.
  const auto* form4 = find_key(out, "0001181431-05-059563");
  BOOST_TEST_REQUIRE(form4 != nullptr);
  BOOST_TEST(fact(*form4, "accepted") == "2005-11-04T02:10:08Z");

  // A stand-in: no acceptance time, dated by its filing date.
  const auto* ten_k = find_key(out, "0000912057-00-053623");
  BOOST_TEST_REQUIRE(ten_k != nullptr);
  BOOST_TEST(fact(*ten_k, "form") == "10-K");
  BOOST_TEST(fact(*ten_k, "accepted") == "<none>");
  BOOST_TEST(fact(*ten_k, "filing_date") == "2000-12-14");
  BOOST_TEST(utc(ten_k->published) == "2000-12-14T00:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
