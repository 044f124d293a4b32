// Tests for config/default_urls.cpp: the URL of every source kind and provider, as SOURCES.md gives it.
#include <boost/test/unit_test.hpp>

#include "config/default_urls.hpp"
#include "core/units.hpp"

using namespace watchdesk;
using namespace watchdesk::config;

BOOST_AUTO_TEST_SUITE(config_default_urls)

namespace {
Source make(SourceKind kind) {
  Source s;
  s.id = "x";
  s.kind = kind;
  return s;
}
const TimePoint today = *parse_date("2026-11-23");
}  // namespace

BOOST_AUTO_TEST_CASE(pads_ciks_to_ten_digits) {
  BOOST_TEST(cik10("1181412") == "0001181412");
  BOOST_TEST(cik10("1769628") == "0001769628");
  BOOST_TEST(cik10("1") == "0000000001");
  BOOST_TEST(cik10("1234567890") == "1234567890");
}

BOOST_AUTO_TEST_CASE(uses_a_form_as_type_filter_only_when_it_prefixes_all_forms) {
  struct Case {
    std::vector<std::string> forms;
    const char* prefix;
  };
  const Case cases[] = {{{"S-1"}, "S-1"},
                        {{"S-1", "S-1/A"}, "S-1"},
                        {{"S-1/A", "S-1"}, "S-1"},
                        {{"S-1", "S-1/A", "F-1", "424B4"}, ""},
                        {{"10-Q", "10-K"}, ""},
                        {{}, ""}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.forms.size() << " forms, expecting '" << c.prefix << "'") {
      BOOST_TEST(form_prefix(c.forms) == c.prefix);
    }
  }
}

BOOST_AUTO_TEST_CASE(builds_edgar_urls) {
  auto filings = make(SourceKind::edgar_filings);
  filings.cik = "1181412";
  filings.forms = {"S-1", "S-1/A"};
  BOOST_TEST(default_url(filings, today) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1181412&type=S-1&dateb=&owner=include"
             "&count=40&output=atom");
  filings.forms = {"S-1", "424B4"};
  BOOST_TEST(default_url(filings, today) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1181412&type=&dateb=&owner=include"
             "&count=40&output=atom");

  auto current = make(SourceKind::edgar_current);
  current.forms = {"S-1"};
  BOOST_TEST(default_url(current, today) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=S-1&company=&dateb=&owner=include"
             "&start=0&count=100&output=atom");
  current.forms.clear();
  BOOST_TEST(default_url(current, today) ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=&company=&dateb=&owner=include"
             "&start=0&count=100&output=atom");

  auto submissions = make(SourceKind::edgar_submissions);
  submissions.cik = "1181412";
  BOOST_TEST(default_url(submissions, today) == "https://data.sec.gov/submissions/CIK0001181412.json");

  auto facts = make(SourceKind::edgar_facts);
  facts.cik = "1769628";
  BOOST_TEST(default_url(facts, today) == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001769628.json");
}

BOOST_AUTO_TEST_CASE(builds_full_text_search_urls_with_a_date_range_ending_today) {
  auto search = make(SourceKind::edgar_search);
  search.query = "\"Colossus\"";
  search.forms = {"10-Q", "8-K"};
  search.ciks = {"1181412"};
  search.since = parse_date("2026-01-01");
  BOOST_TEST(default_url(search, today) ==
             "https://efts.sec.gov/LATEST/search-index?q=%22Colossus%22&forms=10-Q,8-K&ciks=0001181412"
             "&dateRange=custom&startdt=2026-01-01&enddt=2026-11-23");
  // Without `since` the range starts a year back; without forms or ciks those filters are left out.
  auto plain = make(SourceKind::edgar_search);
  plain.query = "Colossus tenant";
  BOOST_TEST(default_url(plain, today) ==
             "https://efts.sec.gov/LATEST/search-index?q=Colossus%20tenant&dateRange=custom&startdt=2025-11-23"
             "&enddt=2026-11-23");
}

BOOST_AUTO_TEST_CASE(builds_stooq_and_yahoo_price_urls) {
  BOOST_TEST(price_url(PriceProvider::stooq, "CRWV", PriceHistory::latest) ==
             "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv");
  BOOST_TEST(price_url(PriceProvider::stooq, "CRWV", PriceHistory::daily) == "https://stooq.com/q/d/l/?s=crwv.us&i=d");
  BOOST_TEST(price_url(PriceProvider::stooq, "BMW.DE", PriceHistory::latest) ==
             "https://stooq.com/q/l/?s=bmw.de&f=sd2t2ohlcv&h&e=csv");
  BOOST_TEST(price_url(PriceProvider::yahoo, "CRWV", PriceHistory::latest) ==
             "https://query1.finance.yahoo.com/v8/finance/chart/CRWV?range=1mo&interval=1d");
  BOOST_TEST(price_url(PriceProvider::stooq, "^SPX", PriceHistory::latest) ==
             "https://stooq.com/q/l/?s=%5Espx&f=sd2t2ohlcv&h&e=csv");
  BOOST_TEST(price_url(PriceProvider::yahoo, "BRK-B", PriceHistory::daily) ==
             "https://query1.finance.yahoo.com/v8/finance/chart/BRK-B?range=1mo&interval=1d");
  auto price = make(SourceKind::price);
  price.symbol = "SPCX";
  BOOST_TEST(default_url(price, today) == "https://query1.finance.yahoo.com/v8/finance/chart/SPCX?range=1mo&interval=1d");
  price.price_provider = PriceProvider::stooq;
  price.history = true;
  BOOST_TEST(default_url(price, today) == "https://stooq.com/q/d/l/?s=spcx.us&i=d");
}

BOOST_AUTO_TEST_CASE(builds_nasdaq_quote_and_history_urls) {
  BOOST_TEST(price_url(PriceProvider::nasdaq, "crwv", PriceHistory::latest) ==
             "https://api.nasdaq.com/api/quote/CRWV/info?assetclass=stocks");
  auto price = make(SourceKind::price);
  price.symbol = "CRWV";
  price.price_provider = PriceProvider::nasdaq;
  price.history = true;
  BOOST_TEST(default_url(price, today) ==
             "https://api.nasdaq.com/api/quote/CRWV/historical?assetclass=stocks&fromdate=2026-10-23&limit=31");
}

BOOST_AUTO_TEST_CASE(stooq_symbols_get_a_market_suffix_unless_they_name_one_or_an_index) {
  BOOST_TEST(stooq_symbol("CRWV") == "crwv.us");
  BOOST_TEST(stooq_symbol("SPCX.US") == "spcx.us");
  BOOST_TEST(stooq_symbol("BTC.V") == "btc.v");
  BOOST_TEST(stooq_symbol("^DJI") == "^dji");
  BOOST_TEST(stooq_symbol("") == "");
}

BOOST_AUTO_TEST_CASE(builds_job_board_urls_for_every_provider) {
  auto jobs = make(SourceKind::jobs);
  jobs.board = "xai";
  jobs.jobs_provider = JobsProvider::greenhouse;
  BOOST_TEST(default_url(jobs, today) == "https://boards-api.greenhouse.io/v1/boards/xai/jobs?content=true");
  jobs.jobs_provider = JobsProvider::lever;
  jobs.board = "example";
  BOOST_TEST(default_url(jobs, today) == "https://api.lever.co/v0/postings/example?mode=json");
  jobs.jobs_provider = JobsProvider::ashby;
  BOOST_TEST(default_url(jobs, today) == "https://api.ashbyhq.com/posting-api/job-board/example");
  jobs.board = "Example Co";
  BOOST_TEST(default_url(jobs, today) == "https://api.ashbyhq.com/posting-api/job-board/Example%20Co");
}

BOOST_AUTO_TEST_CASE(has_no_default_for_feeds) { BOOST_TEST(default_url(make(SourceKind::feed), today).empty()); }

BOOST_AUTO_TEST_SUITE_END()
