// Tests for watchers/sources/nasdaq_price.cpp: Nasdaq quote and history JSON, times, errors.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/nasdaq_price.hpp"
#include "watchers/sources/price.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source crwv() {
  config::Source s;
  s.id = "crwv-price";
  s.kind = config::SourceKind::price;
  s.price_provider = config::PriceProvider::nasdaq;
  s.symbol = "CRWV";
  return s;
}

// A one-row history answer with `row` as the row's members.
std::string history_with(const std::string& row) {
  return R"({"data":{"symbol":"CRWV","totalRecords":1,"tradesTable":{"asOf":null,"rows":[{)" + row +
         R"(}]}},"message":null,"status":{"rCode":200}})";
}

// A quote answer whose primaryData holds `primary`.
std::string quote_with(const std::string& primary) {
  return R"({"data":{"symbol":"CRWV","primaryData":{)" + primary + R"(}},"status":{"rCode":200}})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_nasdaq_price)

BOOST_AUTO_TEST_CASE(quote_gives_the_last_sale_and_volume_at_the_trade_time) {
  auto out = sources::parse_nasdaq(read_fixture("price", "nasdaq_info.json"), crwv());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->points.size() == 2u);
  const auto close = points_of(*out, "close").at(0);
  BOOST_TEST(close.value == 100.40);
  BOOST_TEST(utc(close.at) == "2026-11-20T21:00:00Z");  // 4:00 PM EST
  BOOST_TEST(close.ref == "nasdaq");
  BOOST_TEST(points_of(*out, "volume").at(0).value == 21034567.0);
}

BOOST_AUTO_TEST_CASE(history_rows_are_closes_at_four_in_new_york) {
  auto out = sources::parse_nasdaq(read_fixture("price", "nasdaq_historical.json"), crwv());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->points.size() == 25u);
  const auto closes = points_of(*out, "close");
  BOOST_TEST_REQUIRE(closes.size() == 5u);
  BOOST_TEST(utc(closes[0].at) == "2026-11-20T21:00:00Z");
  BOOST_TEST(closes[0].value == 100.40);
  BOOST_TEST(utc(closes[4].at) == "2026-11-16T21:00:00Z");
  BOOST_TEST(closes[4].value == 87.27);
  BOOST_TEST(points_of(*out, "volume").at(2).value == 27827370.0);
  for (const auto& p : out->points) BOOST_TEST(p.ref == "nasdaq");
}

BOOST_AUTO_TEST_CASE(summer_dates_close_at_four_eastern_daylight_time) {
  auto out = sources::parse_nasdaq(history_with(R"("date":"07/01/2026","close":"$1,270.50","volume":"--")"), crwv());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->points.size() == 1u);  // `--` is no volume
  BOOST_TEST(utc(out->points[0].at) == "2026-07-01T20:00:00Z");
  BOOST_TEST(out->points[0].value == 1270.50);
}

BOOST_AUTO_TEST_CASE(reads_every_form_of_the_trade_timestamp) {
  struct Case {
    const char* stamp;
    const char* at;
  };
  const std::vector<Case> cases{
      {"Jul 27, 2026 12:51 PM ET", "2026-07-27T16:51:00Z"},
      {"Nov 20, 2026 4:00 PM ET", "2026-11-20T21:00:00Z"},
      {"DATA AS OF Jul 28, 2020", "2020-07-28T20:00:00Z"},
      {"Sep 17, 2026", "2026-09-17T20:00:00Z"},
      {"DATA AS OF Nov 19, 2019 9:27 AM ET - PRE-MARKET", "2019-11-19T14:27:00Z"},
      {"CLOSED AT 4:00 PM ET ON Nov 18, 2019", "2019-11-18T21:00:00Z"},
      {"Dec 1, 2026 12:05 AM ET", "2026-12-01T05:05:00Z"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.stamp) {
      auto out = sources::parse_nasdaq(
          quote_with(std::string(R"("lastSalePrice":"$41.29","lastTradeTimestamp":")") + c.stamp + "\""), crwv());
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST(utc(out->points.at(0).at) == c.at);
      BOOST_TEST(out->points.at(0).value == 41.29);
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_symbol_fails_with_nasdaqs_message) {
  auto out = sources::parse_nasdaq(read_fixture("price", "nasdaq_no_symbol.json"), crwv());
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message == "nasdaq answered: Symbol not exists. (code 1001); check the symbol 'CRWV'");
}

BOOST_AUTO_TEST_CASE(malformed_answers_are_errors_that_say_where) {
  struct Case {
    const char* name;
    std::string body;
    const char* message;
  };
  const std::vector<Case> cases{
      {"bad price", history_with(R"("date":"11/20/2026","close":"$1O0.40")"),
       "data.tradesTable.rows[0].close '$1O0.40' is not a number"},
      {"bad date", history_with(R"("date":"2026-11-20","close":"$100.40")"),
       "data.tradesTable.rows[0].date '2026-11-20' is not a date (MM/DD/YYYY)"},
      {"negative volume", history_with(R"("date":"11/20/2026","close":"$1","volume":"-5")"),
       "data.tradesTable.rows[0].volume '-5' is a negative volume"},
      {"no rows", R"({"data":{"symbol":"CRWV","totalRecords":0,"tradesTable":{"rows":null}},"status":{"rCode":200}})",
       "the nasdaq answer holds no prices; check the symbol 'CRWV'"},
      {"quote without time", quote_with(R"("lastSalePrice":"$41.29","lastTradeTimestamp":"N/A")"),
       "data.primaryData.lastTradeTimestamp 'N/A' names no date"},
      {"quote without price", quote_with(R"("lastSalePrice":"N/A","lastTradeTimestamp":"Sep 17, 2026")"),
       "the nasdaq quote holds no price"},
      {"other JSON", R"({"chart":{"result":[]}})", "but the JSON has no 'data' member"},
      {"html page", "<html><head><title>Access Denied</title></head></html>",
       "expected JSON, got an HTML page titled 'Access Denied'"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto out = sources::parse_nasdaq(c.body, crwv());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message.find(c.message) != std::string::npos, "message: " << out.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(nasdaq_answers_are_told_apart_from_yahoo_and_stooq) {
  BOOST_TEST((sources::detect_price_format(read_fixture("price", "nasdaq_info.json")) ==
              config::PriceProvider::nasdaq));
  BOOST_TEST((sources::detect_price_format(read_fixture("price", "yahoo_chart.json")) ==
              config::PriceProvider::yahoo));
  // A Yahoo source whose fallback answered with Nasdaq's JSON reads it as Nasdaq's.
  config::Source yahoo = crwv();
  yahoo.price_provider = config::PriceProvider::yahoo;
  auto out = sources::parse_price(read_fixture("price", "nasdaq_historical.json"), yahoo);
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->points.at(0).ref == "nasdaq");
}

BOOST_AUTO_TEST_SUITE_END()
