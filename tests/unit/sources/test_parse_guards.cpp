// Tests for the guards around parsing: a NUL byte in an XML document (watchers/sources/parse.cpp) and
// the plausibility bounds of price points (watchers/sources/price_bounds.cpp).
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "watchers/sources/parse.hpp"
#include "watchers/sources/price_bounds.hpp"

BOOST_AUTO_TEST_SUITE(sources_parse_guards)

namespace {

using namespace watchdesk;

config::Source feed_for_guards() {
  config::Source source;
  source.id = "news";
  source.kind = config::SourceKind::feed;
  source.url = "http://127.0.0.1/feed";
  return source;
}

SeriesPoint guard_point(std::string field, double value) {
  SeriesPoint p;
  p.field = std::move(field);
  p.value = value;
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_nul_byte_in_a_feed_title_says_what_is_wrong_and_where) {
  std::string body =
      "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Wire</title>\n"
      "<item><title>Colossus ";
  body += '\0';
  body += " tenant</title><link>https://n.example/a</link><guid>a</guid></item></channel></rss>\n";
  auto parsed = sources::parse_source(feed_for_guards(), body, "application/rss+xml");
  BOOST_TEST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("NUL byte at line 3, column 23") != std::string::npos,
             parsed.error().message);
  BOOST_TEST(parsed.error().message.find("mismatch") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(prices_no_market_has_are_refused_with_a_reason) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Case {
    const char* field;
    double value;
    std::optional<double> last_close;
    bool refused;
  };
  const Case cases[] = {
      {"close", -1e308, std::nullopt, true}, {"close", 1.7e308, std::nullopt, true},
      {"close", 0, std::nullopt, true},      {"close", inf, 100.0, true},
      {"close", nan, 100.0, true},           {"close", 10001, 100.0, true},
      {"low", 0.99, 100.0, true},            {"close", 9999, 100.0, false},
      {"high", 1.01, 100.0, false},          {"close", 123.4, std::nullopt, false},
      {"volume", -1, 100.0, true},           {"volume", 0, 100.0, false},
      {"open_roles", -3, std::nullopt, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.field << " " << c.value) {
      auto problem = sources::implausible_price(guard_point(c.field, c.value), c.last_close, 100);
      BOOST_TEST(problem.has_value() == c.refused);
    }
  }
  auto why = sources::implausible_price(guard_point("close", 10001), 100.0, 100);
  BOOST_TEST_REQUIRE(why.has_value());
  BOOST_TEST(*why == "close 10001 is more than 100 times the last close 100");
}

BOOST_AUTO_TEST_SUITE_END()
