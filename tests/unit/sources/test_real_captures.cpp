// Every parser over the real captured responses in tests/fixtures/real/ (provenance in its README);
// the expected values were read from the files with python3's json and xml modules, not from the
// parsers.
#include <boost/test/unit_test.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source source_of(config::SourceKind kind, std::string symbol = {}) {
  config::Source s;
  s.id = "real";
  s.kind = kind;
  s.symbol = std::move(symbol);
  s.cik = "320193";
  return s;
}

config::Source board_of(config::JobsProvider provider, std::vector<std::string> match = {}) {
  config::Source s = source_of(config::SourceKind::jobs);
  s.jobs_provider = provider;
  s.board = "real";
  s.match = std::move(match);
  return s;
}

// The `open_roles` reading of a parsed board.
double open_roles(const ParseOutput& out) {
  const auto points = points_of(out, "open_roles");
  BOOST_TEST_REQUIRE(points.size() == 1u);
  return points.front().value;
}

// The body of a recorded response: yfinance keeps each capture as
// `[{"request": ..., "response": {"json": BODY}}]`; the parser gets BODY as JSON text.
std::string recorded_body(std::string_view capture) {
  const boost::json::value recording = boost::json::parse(capture);
  return boost::json::serialize(recording.at(0).at("response").at("json"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_real_captures)

BOOST_AUTO_TEST_CASE(yahoo_daily_chart_of_one_session_gives_the_bar_and_the_market_quote) {
  const std::string body = recorded_body(read_fixture("real/price", "yahoo_chart_msft_1d.json"));
  auto out = sources::parse_source(source_of(config::SourceKind::price, "MSFT"), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  // One bar (open, high, low, close, volume) and meta.regularMarketPrice, later than the bar.
  BOOST_TEST(out->points.size() == 6u);
  const auto closes = points_of(*out, "close");
  BOOST_TEST_REQUIRE(closes.size() == 2u);
  BOOST_TEST(utc(closes[0].at) == "2026-09-25T13:30:00Z");  // the session open, as Yahoo stamps bars
  BOOST_TEST(closes[0].value == 516.1699829101562);
  BOOST_TEST(utc(closes[1].at) == "2026-09-25T20:00:01Z");
  BOOST_TEST(closes[1].value == 516.17);
  BOOST_TEST(points_of(*out, "volume").at(0).value == 38154200.0);
  for (const auto& p : out->points) BOOST_TEST(p.ref == "yahoo");
}

BOOST_AUTO_TEST_CASE(yahoo_daily_chart_of_two_sessions_gives_each_close) {
  const std::string body = recorded_body(read_fixture("real/price", "yahoo_chart_ibm_2d.json"));
  auto out = sources::parse_source(source_of(config::SourceKind::price, "IBM"), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->points.size() == 11u);
  const auto closes = points_of(*out, "close");
  BOOST_TEST_REQUIRE(closes.size() == 3u);
  BOOST_TEST(utc(closes[0].at) == "2026-09-24T13:30:00Z");
  BOOST_TEST(closes[0].value == 227.05999755859375);
  BOOST_TEST(utc(closes[1].at) == "2026-09-25T13:30:00Z");
  // Boost.JSON 1.81 reads decimals to within one unit in the last place, not always the nearest
  // double: this one comes out as 225.50999450683591.
  BOOST_TEST(closes[1].value == 225.50999450683594, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(utc(closes[2].at) == "2026-09-25T20:00:03Z");
  BOOST_TEST(closes[2].value == 225.51);
}

BOOST_AUTO_TEST_CASE(legacy_browse_edgar_xml_is_refused_as_not_atom) {
  // EDGAR's older `output=xml` company listing: a real answer, but not the Atom feed the source reads.
  const std::string body = read_fixture("real/edgar", "browse_edgar_xml_aapl_10q.xml");
  auto out = sources::parse_source(source_of(config::SourceKind::edgar_filings), body, "application/xml");
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message == "EDGAR Atom feed: expected an Atom feed, got an HTML page");
}

BOOST_AUTO_TEST_CASE(rss_specification_sample_gives_every_item_with_its_guid) {
  const std::string body = read_fixture("real/feed", "rss2_spec_sample.xml");
  auto out = sources::parse_source(source_of(config::SourceKind::feed), body, "application/rss+xml");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> expected{"http://liftoff.msfc.nasa.gov/2003/06/03.html#item573",
                                          "http://liftoff.msfc.nasa.gov/2003/05/30.html#item572",
                                          "http://liftoff.msfc.nasa.gov/2003/05/27.html#item571",
                                          "http://liftoff.msfc.nasa.gov/2003/05/20.html#item570"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());
  BOOST_TEST(out->dropped.empty());
  BOOST_TEST(out->observations[0].title == "Star City");
  BOOST_TEST(utc(out->observations[0].published) == "2003-06-03T09:39:21Z");
  // The second item has no title (RSS 2.0 allows a description alone); it keeps its guid and date.
  BOOST_TEST(utc(out->observations[1].published) == "2003-05-30T11:06:42Z");
  BOOST_TEST(fact(out->observations[1], "publisher") == "Liftoff News");
}

BOOST_AUTO_TEST_CASE(greenhouse_board_gives_each_posting_and_counts_the_listed_ones) {
  const std::string body = read_fixture("real/jobs", "greenhouse_smarterdx.json");
  auto out = sources::parse_source(board_of(config::JobsProvider::greenhouse), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> keys{"5193736007", "5099964007"};
  BOOST_TEST(keys_of(*out) == keys, boost::test_tools::per_element());
  BOOST_TEST(out->observations[0].title == "Client Support Analyst I");
  BOOST_TEST(out->observations[0].url == "https://job-boards.greenhouse.io/smarterdx/jobs/5193736007");
  BOOST_TEST(utc(out->observations[0].published) == "2026-07-27T17:48:30Z");
  BOOST_TEST(fact(out->observations[1], "location") == "Remote (United States)");
  // The file keeps 2 of the board's postings while `meta.total` says 11: the count is of the
  // postings the answer lists.
  BOOST_TEST(open_roles(*out) == 2.0);
  auto clinical = sources::parse_source(board_of(config::JobsProvider::greenhouse, {"clinical"}), body,
                                        "application/json");
  BOOST_TEST_REQUIRE(clinical.ok());
  BOOST_TEST(open_roles(*clinical) == 1.0);  // "Clinical Coding Specialist", Clinical Operations
}

BOOST_AUTO_TEST_CASE(a_shrinking_and_an_empty_greenhouse_board_read_one_and_zero) {
  struct Case {
    const char* fixture;
    std::vector<std::string> keys;
  };
  const std::vector<Case> cases{{"greenhouse_smarterdx_one_withdrawn.json", {"5193736007"}},
                                {"greenhouse_smarterdx_empty.json", {}}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      auto out = sources::parse_source(board_of(config::JobsProvider::greenhouse),
                                       read_fixture("real/jobs", c.fixture), "application/json");
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(keys_of(*out) == c.keys, boost::test_tools::per_element());
      BOOST_TEST(open_roles(*out) == static_cast<double>(c.keys.size()));
    }
  }
}

BOOST_AUTO_TEST_CASE(ashby_board_gives_each_posting_with_its_publication_time) {
  const std::string body = read_fixture("real/jobs", "ashby_openevidence.json");
  auto out = sources::parse_source(board_of(config::JobsProvider::ashby), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> keys{"4c577aae-1ad0-444b-9e15-2ad994333de4", "db203104-7408-48ee-8e11-25340e11b739"};
  BOOST_TEST(keys_of(*out) == keys, boost::test_tools::per_element());
  BOOST_TEST(out->observations[1].title == "Software Engineer, Data Platform");
  BOOST_TEST(out->observations[1].url ==
             "https://jobs.ashbyhq.com/openevidence/db203104-7408-48ee-8e11-25340e11b739");
  BOOST_TEST(utc(out->observations[0].published) == "2026-01-22T21:44:44Z");
  BOOST_TEST(fact(out->observations[0], "department") == "Engineering");
  BOOST_TEST(fact(out->observations[0], "location") == "San Francisco");
  BOOST_TEST(open_roles(*out) == 2.0);
  auto data = sources::parse_source(board_of(config::JobsProvider::ashby, {"data"}), body, "application/json");
  BOOST_TEST_REQUIRE(data.ok());
  BOOST_TEST(open_roles(*data) == 1.0);
}

BOOST_AUTO_TEST_CASE(lever_board_gives_each_posting_with_its_team_and_creation_time) {
  const std::string body = read_fixture("real/jobs", "lever_palantir.json");
  auto out = sources::parse_source(board_of(config::JobsProvider::lever), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> keys{"ac978161-6f46-4f6b-ad9e-a258e642751c", "0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3"};
  BOOST_TEST(keys_of(*out) == keys, boost::test_tools::per_element());
  BOOST_TEST(out->observations[1].title == "Administrative Business Partner - Security");
  BOOST_TEST(out->observations[0].url == "https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c");
  BOOST_TEST(utc(out->observations[0].published) == "2024-03-25T21:50:16Z");  // createdAt 1711403416463
  BOOST_TEST(utc(out->observations[1].published) == "2026-05-12T21:48:44Z");  // createdAt 1778622524938
  BOOST_TEST(fact(out->observations[0], "department") == "Administrative");  // no department: the team
  BOOST_TEST(fact(out->observations[1], "location") == "Palo Alto, CA");
  BOOST_TEST(open_roles(*out) == 2.0);
  auto security = sources::parse_source(board_of(config::JobsProvider::lever, {"security"}), body, "application/json");
  BOOST_TEST_REQUIRE(security.ok());
  BOOST_TEST(open_roles(*security) == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
