// Tests for watchers/sources/edgar.cpp: each EDGAR kind reaches its own parser.
#include <boost/test/unit_test.hpp>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

BOOST_AUTO_TEST_SUITE(edgar_dispatch)

BOOST_AUTO_TEST_CASE(each_edgar_kind_reads_its_own_document) {
  struct Case {
    config::SourceKind kind;
    const char* fixture;
    std::size_t observations;
    std::size_t points;
  };
  const Case cases[] = {
      {config::SourceKind::edgar_filings, "filings_spacex.atom", 6, 0},
      {config::SourceKind::edgar_current, "current_mixed.atom", 5, 0},
      {config::SourceKind::edgar_submissions, "submissions_spacex.json", 8, 0},
      {config::SourceKind::edgar_facts, "companyfacts_crwv.json", 0, 2},
      {config::SourceKind::edgar_search, "search_colossus.json", 4, 0},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      BOOST_TEST(is_edgar_kind(c.kind));
      auto out = parse_edgar(edgar_fixture(c.fixture), edgar_source(c.kind, "s", "1181412"));
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(out->observations.size() == c.observations);
      BOOST_TEST(out->points.size() == c.points);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_document_of_another_kind_is_an_error) {
  auto out = parse_edgar(edgar_fixture("submissions_spacex.json"),
                         edgar_source(config::SourceKind::edgar_filings, "spacex-filings"));
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message == "EDGAR Atom feed: expected an Atom feed, got a JSON document");
}

BOOST_AUTO_TEST_CASE(other_kinds_are_refused) {
  for (auto kind : {config::SourceKind::price, config::SourceKind::jobs, config::SourceKind::feed}) {
    BOOST_TEST(!is_edgar_kind(kind));
    auto out = parse_edgar("{}", edgar_source(kind, "crwv-price"));
    BOOST_TEST_REQUIRE(!out.ok());
    BOOST_TEST(out.error().message == "source crwv-price: its kind is not an EDGAR kind");
  }
}

BOOST_AUTO_TEST_SUITE_END()
