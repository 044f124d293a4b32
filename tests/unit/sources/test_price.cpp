// Tests for watchers/sources/price.cpp: Stooq quote and history CSV, Yahoo chart JSON, and errors.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "watchers/sources/price.hpp"
#include "support/parse_output.hpp"

using namespace watchdesk;
using watchdesk::config::PriceProvider;

using namespace watchdesk::testing;

namespace {

config::Source price_source(PriceProvider provider, std::string symbol = "CRWV") {
  config::Source s;
  s.id = "crwv-price";
  s.kind = config::SourceKind::price;
  s.price_provider = provider;
  s.symbol = std::move(symbol);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_price)

BOOST_AUTO_TEST_CASE(stooq_quote_gives_every_field_at_warsaw_time) {
  struct Case {
    const char* fixture;
    const char* symbol;
    const char* at;  // the quote's time in UTC
    double close;
    double volume;
  };
  const Case cases[] = {
      {"stooq_quote.csv", "CRWV", "2026-11-20T21:00:09Z", 100.4, 21034567},         // CET, +01:00
      {"stooq_quote_summer.csv", "SPCX", "2026-07-15T20:00:04Z", 218.3, 48210554},  // CEST, +02:00
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      auto out = sources::parse_price(read_fixture("price", c.fixture), price_source(PriceProvider::stooq, c.symbol));
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(out->observations.empty());
      BOOST_TEST(out->points.size() == 5u);
      for (const auto& p : out->points) {
        BOOST_TEST(utc(p.at) == c.at);
        BOOST_TEST(p.ref == "stooq");
      }
      BOOST_TEST_REQUIRE(points_of(*out, "close").size() == 1u);
      BOOST_TEST(points_of(*out, "close")[0].value == c.close);
      BOOST_TEST(points_of(*out, "volume")[0].value == c.volume);
      BOOST_TEST(points_of(*out, "open").size() == 1u);
      BOOST_TEST(points_of(*out, "high").size() == 1u);
      BOOST_TEST(points_of(*out, "low").size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(stooq_history_gives_a_point_per_row_at_the_new_york_close) {
  auto out = sources::parse_price(read_fixture("price", "stooq_history.csv"), price_source(PriceProvider::stooq));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const auto closes = points_of(*out, "close");
  BOOST_TEST_REQUIRE(closes.size() == 7u);
  BOOST_TEST(out->points.size() == 35u);
  BOOST_TEST(utc(closes[0].at) == "2026-10-28T20:00:00Z");  // 16:00 EDT
  BOOST_TEST(closes[0].value == 89.5);
  BOOST_TEST(utc(closes[2].at) == "2026-10-30T20:00:00Z");
  BOOST_TEST(utc(closes[3].at) == "2026-11-02T21:00:00Z");  // 16:00 EST after the change
  BOOST_TEST(closes[6].value == 99.2);
}

BOOST_AUTO_TEST_CASE(stooq_history_of_a_non_us_symbol_holds_at_midnight_utc) {
  auto out = sources::parse_price(read_fixture("price", "stooq_history.csv"), price_source(PriceProvider::stooq, "SAP.DE"));
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(utc(points_of(*out, "close")[0].at) == "2026-10-28T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(yahoo_chart_gives_every_non_null_pair_and_the_market_quote) {
  auto out = sources::parse_price(read_fixture("price", "yahoo_chart.json"), price_source(PriceProvider::yahoo));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  // 15 sessions; the 3rd is null in every field, the 5th has a null close; plus the market quote.
  BOOST_TEST(points_of(*out, "open").size() == 14u);
  BOOST_TEST(points_of(*out, "volume").size() == 14u);
  const auto closes = points_of(*out, "close");
  BOOST_TEST_REQUIRE(closes.size() == 14u);
  BOOST_TEST(out->points.size() == 70u);
  BOOST_TEST(utc(closes.front().at) == "2026-11-02T14:30:00Z");
  for (const auto& p : out->points) {
    BOOST_TEST(utc(p.at) != "2026-11-04T14:30:00Z");
    BOOST_TEST(p.ref == "yahoo");
  }
  for (const auto& p : closes) BOOST_TEST(utc(p.at) != "2026-11-06T14:30:00Z");
  BOOST_TEST(utc(closes.back().at) == "2026-11-20T21:00:09Z");  // meta.regularMarketTime
  BOOST_TEST(closes.back().value == 100.4);
}

BOOST_AUTO_TEST_CASE(parses_the_other_providers_format_after_a_fallback) {
  struct Case {
    PriceProvider configured;
    const char* fixture;
    const char* ref;
  };
  const Case cases[] = {
      {PriceProvider::stooq, "yahoo_chart.json", "yahoo"},
      {PriceProvider::yahoo, "stooq_quote.csv", "stooq"},
      {PriceProvider::yahoo, "stooq_history.csv", "stooq"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      const std::string body = read_fixture("price", c.fixture);
      auto out = sources::parse_price(body, price_source(c.configured));
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(out->points.front().ref == c.ref);
      BOOST_TEST(!sources::parse_price_as(c.configured, body, price_source(c.configured)).ok());
    }
  }
}

BOOST_AUTO_TEST_CASE(detects_the_format_of_a_body) {
  BOOST_TEST((sources::detect_price_format(read_fixture("price", "yahoo_chart.json")) == PriceProvider::yahoo));
  BOOST_TEST((sources::detect_price_format(read_fixture("price", "stooq_quote.csv")) == PriceProvider::stooq));
  BOOST_TEST((sources::detect_price_format("\xEF\xBB\xBF Date,Open,High,Low,Close\n") == PriceProvider::stooq));
  BOOST_TEST(!sources::detect_price_format(read_fixture("price", "html_error.html")).has_value());
  BOOST_TEST(!sources::detect_price_format("").has_value());
  BOOST_TEST(!sources::detect_price_format("No data").has_value());
}

BOOST_AUTO_TEST_CASE(bad_answers_are_errors_that_say_what_and_where) {
  struct Case {
    const char* name;
    std::string body;
    PriceProvider provider;
    const char* message;
  };
  const std::string chart_head = R"({"chart":{"result":[{"meta":{"symbol":"CRWV"},"timestamp":[1795185000)";
  const Case cases[] = {
      {"stooq N/D", read_fixture("price", "stooq_nd.csv"), PriceProvider::stooq,
       "stooq has no quote for NOPE.US (N/D in every field); check the symbol"},
      {"stooq No data", read_fixture("price", "stooq_no_data.csv"), PriceProvider::stooq,
       "stooq has no data for symbol 'CRWV' (answer 'No data')"},
      {"stooq limit", "Exceeded the daily hits limit", PriceProvider::stooq,
       "stooq refused the request: 'Exceeded the daily hits limit'"},
      {"stooq 1e400", read_fixture("price", "stooq_out_of_range.csv"), PriceProvider::stooq,
       "CSV row 3, column Close: '1e400' is out of range"},
      {"stooq nan", "Date,Close\n2026-11-02,nan\n", PriceProvider::stooq,
       "CSV row 2, column Close: 'nan' is not a finite number"},
      {"stooq inf", "Date,Close\n2026-11-02,inf\n", PriceProvider::stooq,
       "CSV row 2, column Close: 'inf' is not a finite number"},
      {"stooq text", "Date,Close\n2026-11-02,12abc\n", PriceProvider::stooq,
       "CSV row 2, column Close: '12abc' is not a number"},
      {"stooq negative volume", read_fixture("price", "stooq_negative_volume.csv"), PriceProvider::stooq,
       "CSV row 2, column Volume: '-22450120' is a negative volume"},
      {"stooq short row", read_fixture("price", "stooq_short_row.csv"), PriceProvider::stooq,
       "CSV row 3 has 3 fields but the header has 6"},
      {"stooq bad date", "Date,Close\n2026-13-02,1\n", PriceProvider::stooq,
       "CSV row 2, column Date: '2026-13-02' is not a date (YYYY-MM-DD)"},
      {"stooq bad time", "Symbol,Date,Time,Close\nCRWV.US,2026-11-02,25:00:00,1\n", PriceProvider::stooq,
       "CSV row 2, column Time: '25:00:00' is not a time (HH:MM:SS)"},
      {"stooq open quote", "Date,Close\n\"2026-11-02,1\n", PriceProvider::stooq,
       "CSV row 2 has an unterminated quote"},
      {"stooq header only", read_fixture("price", "stooq_header_only.csv"), PriceProvider::stooq,
       "the stooq answer holds no prices (only a header)"},
      {"stooq html", read_fixture("price", "html_error.html"), PriceProvider::stooq,
       "expected Stooq CSV (a header such as "
       "'Symbol,Date,Time,Open,High,Low,Close,Volume' or 'Date,Open,High,Low,Close,Volume') but got "
       "an HTML page titled '503 Service Temporarily Unavailable'"},
      {"stooq json", read_fixture("price", "yahoo_error.json"), PriceProvider::stooq,
       "but got text starting '{\"chart\":{\"result\":null,\"error\":{\"code\":'"},
      {"stooq empty", "", PriceProvider::stooq, "but got an empty answer"},
      {"yahoo error object", read_fixture("price", "yahoo_error.json"), PriceProvider::yahoo,
       "yahoo answered with an error: Not Found - No data found, symbol may be "
       "delisted; check the symbol 'CRWV'"},
      {"yahoo truncated", read_fixture("price", "yahoo_truncated.json"), PriceProvider::yahoo,
       "JSON error at line 1, column 901: incomplete JSON"},
      {"yahoo html", read_fixture("price", "html_error.html"), PriceProvider::yahoo,
       "Yahoo chart JSON (an object with 'chart'): expected JSON, got an HTML page "
       "titled '503 Service Temporarily Unavailable'"},
      {"yahoo NaN literal", chart_head + R"(],"indicators":{"quote":[{"close":[NaN]}]}}]}})",
       PriceProvider::yahoo, "JSON error at line 1, column 105: syntax error"},
      {"yahoo 1e400", chart_head + R"(],"indicators":{"quote":[{"close":[1e400]}]}}]}})", PriceProvider::yahoo,
       "chart.result[0].indicators.quote[0].close[0] is out of range (too large for a number)"},
      {"yahoo negative volume", chart_head + R"(],"indicators":{"quote":[{"close":[1],"volume":[-5]}]}}]}})",
       PriceProvider::yahoo,
       "chart.result[0].indicators.quote[0].volume[0] -5 is a negative volume"},
      {"yahoo string price", chart_head + R"(],"indicators":{"quote":[{"close":["1.5"]}]}}]}})",
       PriceProvider::yahoo,
       "chart.result[0].indicators.quote[0].close[0] \"1.5\" is not a number"},
      {"yahoo length mismatch", chart_head + R"(],"indicators":{"quote":[{"close":[1,2]}]}}]}})",
       PriceProvider::yahoo,
       "chart.result[0].indicators.quote[0].close has 2 entries but "
       "chart.result[0].timestamp has 1"},
      {"yahoo bad timestamp", R"({"chart":{"result":[{"timestamp":[-1],"indicators":{"quote":[{"close":[1]}]}}]}})",
       PriceProvider::yahoo,
       "chart.result[0].timestamp[0] -1 is not a time in epoch seconds"},
      {"yahoo all null", chart_head + R"(],"indicators":{"quote":[{"close":[null]}]}}]}})", PriceProvider::yahoo,
       "the yahoo chart holds no prices (every value is null or missing)"},
      {"yahoo empty result", R"({"chart":{"result":[],"error":null}})", PriceProvider::yahoo,
       "the yahoo chart holds no result; check the symbol 'CRWV'"},
      {"yahoo other JSON", R"({"finance":{"error":{"code":"Unauthorized"}}})", PriceProvider::yahoo,
       "expected Yahoo chart JSON (an object with 'chart') but the JSON has no "
       "'chart' object"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto out = sources::parse_price_as(c.provider, c.body, price_source(c.provider));
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message.find(c.message) != std::string::npos,
                 "message: " << out.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_1e400_value_is_rejected_not_wrapped) {
  const std::string body =
      R"({"chart":{"result":[{"timestamp":[1795185000],"indicators":{"quote":[{"close":[1e400]}]}}]}})";
  auto out = sources::parse_price(body, price_source(PriceProvider::yahoo));
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message.find("close[0] is out of range (too large for a number)") != std::string::npos,
             out.error().message);
}

BOOST_AUTO_TEST_SUITE_END()
