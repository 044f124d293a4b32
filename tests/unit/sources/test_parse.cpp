// Tests for watchers/sources/parse.cpp: each source kind reaches its own parser.
#include <boost/test/unit_test.hpp>

#include "unit/sources/edgar_fixture.hpp"
#include "config/source_kinds.hpp"
#include "watchers/sources/parse.hpp"

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
      BOOST_TEST(config::spec_of(c.kind).sec);
      auto out = parse_source(edgar_source(c.kind, "s", "1181412"), edgar_fixture(c.fixture), "");
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(out->observations.size() == c.observations);
      BOOST_TEST(out->points.size() == c.points);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_document_of_another_kind_is_an_error) {
  auto out = parse_source(edgar_source(config::SourceKind::edgar_filings, "spacex-filings"),
                          edgar_fixture("submissions_spacex.json"), "");
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message == "EDGAR Atom feed: expected an Atom feed, got a JSON document");
}

BOOST_AUTO_TEST_CASE(names_what_the_server_sent_when_the_media_type_is_not_the_kinds) {
  auto out = parse_source(edgar_source(config::SourceKind::edgar_facts, "crwv-facts"), "<html><title>Busy</title></html>",
                          "text/html; charset=utf-8");
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message.find("(the server sent Content-Type: text/html; charset=utf-8)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_edgar_kinds_follow_sec_rules) {
  for (auto kind : {config::SourceKind::price, config::SourceKind::jobs, config::SourceKind::feed})
    BOOST_TEST(!config::spec_of(kind).sec);
}

BOOST_AUTO_TEST_SUITE_END()
