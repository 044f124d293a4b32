// Tests for watchers/sources/source_urls.cpp: default URLs of price and job-board sources.
#include <boost/test/unit_test.hpp>

#include <string>

#include "watchers/sources/source_urls.hpp"

using namespace watchdesk;
using watchdesk::config::JobsProvider;
using watchdesk::config::PriceProvider;
using watchdesk::sources::PriceSpan;

BOOST_AUTO_TEST_SUITE(sources_market_urls)

BOOST_AUTO_TEST_CASE(price_urls_follow_each_provider) {
  struct Case {
    PriceProvider provider;
    const char* symbol;
    PriceSpan span;
    const char* url;
  };
  const Case cases[] = {
      {PriceProvider::stooq, "CRWV", PriceSpan::quote, "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv"},
      {PriceProvider::stooq, "CRWV", PriceSpan::history, "https://stooq.com/q/d/l/?s=crwv.us&i=d"},
      {PriceProvider::stooq, "crwv.us", PriceSpan::quote, "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv"},
      {PriceProvider::stooq, "SAP.DE", PriceSpan::history, "https://stooq.com/q/d/l/?s=sap.de&i=d"},
      {PriceProvider::stooq, "^SPX", PriceSpan::quote, "https://stooq.com/q/l/?s=%5Espx&f=sd2t2ohlcv&h&e=csv"},
      {PriceProvider::yahoo, "CRWV", PriceSpan::quote,
       "https://query1.finance.yahoo.com/v8/finance/chart/CRWV?range=1mo&interval=1d"},
      {PriceProvider::yahoo, "BRK-B", PriceSpan::history,
       "https://query1.finance.yahoo.com/v8/finance/chart/BRK-B?range=1mo&interval=1d"},
      {PriceProvider::yahoo, "^GSPC", PriceSpan::quote,
       "https://query1.finance.yahoo.com/v8/finance/chart/%5EGSPC?range=1mo&interval=1d"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.symbol) { BOOST_TEST(sources::price_url(c.provider, c.symbol, c.span) == c.url); }
  }
}

BOOST_AUTO_TEST_CASE(stooq_symbols_get_a_market_suffix_when_they_lack_one) {
  BOOST_TEST(sources::stooq_symbol("CRWV") == "crwv.us");
  BOOST_TEST(sources::stooq_symbol("SPCX.US") == "spcx.us");
  BOOST_TEST(sources::stooq_symbol("BTC.V") == "btc.v");
  BOOST_TEST(sources::stooq_symbol("^DJI") == "^dji");
  BOOST_TEST(sources::stooq_symbol("") == "");
}

BOOST_AUTO_TEST_CASE(job_board_urls_follow_each_provider) {
  struct Case {
    JobsProvider provider;
    const char* board;
    const char* url;
  };
  const Case cases[] = {
      {JobsProvider::greenhouse, "xai", "https://boards-api.greenhouse.io/v1/boards/xai/jobs?content=true"},
      {JobsProvider::lever, "example", "https://api.lever.co/v0/postings/example?mode=json"},
      {JobsProvider::ashby, "Example Co", "https://api.ashbyhq.com/posting-api/job-board/Example%20Co"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.board) { BOOST_TEST(sources::jobs_url(c.provider, c.board) == c.url); }
  }
}

BOOST_AUTO_TEST_CASE(default_url_of_a_source_uses_its_keys) {
  config::Source price;
  price.kind = config::SourceKind::price;
  price.price_provider = PriceProvider::stooq;
  price.symbol = "CRWV";
  price.history = true;
  BOOST_TEST(sources::default_source_url(price) == "https://stooq.com/q/d/l/?s=crwv.us&i=d");

  config::Source jobs;
  jobs.kind = config::SourceKind::jobs;
  jobs.jobs_provider = JobsProvider::greenhouse;
  jobs.board = "xai";
  BOOST_TEST(sources::default_source_url(jobs) == "https://boards-api.greenhouse.io/v1/boards/xai/jobs?content=true");

  config::Source feed;
  feed.kind = config::SourceKind::feed;
  BOOST_TEST(sources::default_source_url(feed).empty());
}

BOOST_AUTO_TEST_SUITE_END()
