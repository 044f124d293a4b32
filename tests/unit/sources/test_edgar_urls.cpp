// Tests for watchers/sources/edgar_urls.cpp: the default URLs of the EDGAR source kinds.
#include <boost/test/unit_test.hpp>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_urls.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_source;

BOOST_AUTO_TEST_SUITE(edgar_urls)

BOOST_AUTO_TEST_CASE(common_form_prefix_narrows_only_as_far_as_every_form_allows) {
  struct Case {
    std::vector<std::string> forms;
    const char* prefix;
  };
  const Case cases[] = {
      {{}, ""},
      {{"S-1"}, "S-1"},
      {{"S-1", "S-1/A"}, "S-1"},
      {{"s-1/a", "S-1"}, "S-1"},
      {{"S-1", "S-1/A", "F-1", "424B4"}, ""},
      {{"10-K", "10-Q"}, "10-"},
      {{"SC 13G", "SC 13D"}, "SC 13"},
      {{" 8-K ", "8-K/A"}, "8-K"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("forms " << c.forms.size()) { BOOST_TEST(common_form_prefix(c.forms) == c.prefix); }
  }
}

BOOST_AUTO_TEST_CASE(filings_url_pads_the_cik_and_filters_by_prefix) {
  struct Case {
    const char* cik;
    std::vector<std::string> forms;
    const char* url;
  };
  const Case cases[] = {
      {"1181412", {"S-1", "S-1/A"},
       "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001181412&type=S-1&dateb=&owner=include"
       "&count=40&output=atom"},
      {"1181412", {"S-1", "S-1/A", "F-1", "424B4"},
       "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001181412&dateb=&owner=include&count=100"
       "&output=atom"},
      {"0001769628", {"SC 13G/A"},
       "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001769628&type=SC%2013G%2FA&dateb="
       "&owner=include&count=40&output=atom"},
      {"1769628", {},
       "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001769628&dateb=&owner=include&count=100"
       "&output=atom"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("cik " << c.cik << ", " << c.forms.size() << " forms") {
      auto source = edgar_source(config::SourceKind::edgar_filings, "s", c.cik);
      source.forms = c.forms;
      BOOST_TEST(edgar_filings_url(source) == c.url);
    }
  }
}

BOOST_AUTO_TEST_CASE(current_url_asks_for_the_latest_hundred) {
  auto source = edgar_source(config::SourceKind::edgar_current, "latest");
  source.forms = {"S-1", "S-1/A"};
  BOOST_TEST(edgar_current_url(source) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=S-1&company=&dateb=&owner=include"
             "&start=0&count=100&output=atom");
  source.forms.clear();
  BOOST_TEST(edgar_current_url(source) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=&company=&dateb=&owner=include"
             "&start=0&count=100&output=atom");
}

BOOST_AUTO_TEST_CASE(data_api_urls_pad_the_cik_to_ten_digits) {
  auto submissions = edgar_source(config::SourceKind::edgar_submissions, "s", "1181412");
  BOOST_TEST(edgar_submissions_url(submissions) == "https://data.sec.gov/submissions/CIK0001181412.json");
  auto facts = edgar_source(config::SourceKind::edgar_facts, "f", "1769628");
  BOOST_TEST(edgar_facts_url(facts) == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001769628.json");
}

BOOST_AUTO_TEST_CASE(search_url_quotes_the_query_and_spans_the_dates) {
  const TimePoint now = *parse_rfc3339("2026-11-23T15:00:00Z");
  struct Case {
    const char* label;
    std::string query;
    std::vector<std::string> forms;
    std::string cik;
    std::vector<std::string> ciks;
    std::optional<TimePoint> since;
    const char* url;
  };
  const Case cases[] = {
      {"defaults", "Colossus", {"10-Q", "8-K", "S-1"}, "1181412", {}, std::nullopt,
       "https://efts.sec.gov/LATEST/search-index?q=%22Colossus%22&forms=10-Q,8-K,S-1&ciks=0001181412"
       "&dateRange=custom&startdt=2025-11-23&enddt=2026-11-23"},
      {"phrase with spaces, since", "Colossus 2", {}, "", {"1181412", "2012345", "0001181412"},
       parse_rfc3339("2026-01-01"),
       "https://efts.sec.gov/LATEST/search-index?q=%22Colossus%202%22&ciks=0001181412,0002012345"
       "&dateRange=custom&startdt=2026-01-01&enddt=2026-11-23"},
      {"query with its own quotes and an ampersand", R"("Colossus" AND "Memphis & Co")", {"S-1/A"}, "", {},
       std::nullopt,
       "https://efts.sec.gov/LATEST/search-index?q=%22Colossus%22%20AND%20%22Memphis%20%26%20Co%22&forms=S-1%2FA"
       "&dateRange=custom&startdt=2025-11-23&enddt=2026-11-23"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.label) {
      auto source = edgar_source(config::SourceKind::edgar_search, "q", c.cik);
      source.query = c.query;
      source.forms = c.forms;
      source.ciks = c.ciks;
      source.since = c.since;
      BOOST_TEST(edgar_search_url(source, now) == c.url);
    }
  }
}

BOOST_AUTO_TEST_CASE(default_url_exists_only_for_edgar_kinds) {
  const TimePoint now = *parse_rfc3339("2026-11-23T15:00:00Z");
  auto facts = edgar_source(config::SourceKind::edgar_facts, "f", "1769628");
  BOOST_TEST(edgar_default_url(facts, now).value_or("") == edgar_facts_url(facts));
  for (auto kind : {config::SourceKind::price, config::SourceKind::jobs, config::SourceKind::feed})
    BOOST_TEST(!edgar_default_url(edgar_source(kind), now).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
