// Tests for core/units.cpp: durations, sizes, percentages and dates, well-formed and malformed.
#include <boost/test/unit_test.hpp>

#include "core/units.hpp"

using namespace watchdesk;
using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(core_units)

BOOST_AUTO_TEST_CASE(parses_durations_with_every_unit_and_combinations) {
  struct Case {
    const char* text;
    long long seconds;
  };
  const Case cases[] = {{"90s", 90},          {"10m", 600},          {"6h", 21600},
                        {"7d", 604800},       {"2w", 1209600},       {"1h30m", 5400},
                        {"1d12h", 129600},    {"1w2d3h4m5s", 788645}, {"0s", 0},
                        {"15m", 900},         {"90d", 7776000},      {"100000s", 100000}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto d = parse_duration(c.text);
      BOOST_TEST_REQUIRE(d.has_value());
      BOOST_TEST(d->count() == c.seconds);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_malformed_durations) {
  const char* cases[] = {"",     "10",    "m",     "10 m",  " 10m",  "10m ",  "10min", "1.5h", "-5m",
                         "30m1h", "1h1h", "10M",   "1y",    "h1",    "10ms",  "99999999999999999999s",
                         "9999999999999999w"};
  for (const char* text : cases) {
    BOOST_TEST_CONTEXT("'" << text << "'") { BOOST_TEST(!parse_duration(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(formats_durations_in_days_and_smaller_units_largest_first) {
  struct Case {
    long long seconds;
    const char* text;
  };
  const Case cases[] = {{604800, "7d"}, {600, "10m"},      {90, "1m30s"},    {5400, "1h30m"}, {21600, "6h"},
                        {0, "0s"},      {86401, "1d1s"}, {1209600, "14d"}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.seconds) {
      BOOST_TEST(format_duration(Seconds{c.seconds}) == c.text);
      auto back = parse_duration(format_duration(Seconds{c.seconds}));
      BOOST_TEST_REQUIRE(back.has_value());
      BOOST_TEST(back->count() == c.seconds);
    }
  }
}

BOOST_AUTO_TEST_CASE(parses_binary_and_decimal_sizes) {
  struct Case {
    const char* text;
    std::size_t bytes;
  };
  const Case cases[] = {{"16MiB", 16u << 20},  {"512KiB", 512u << 10}, {"1GiB", 1u << 30},
                        {"1000000", 1000000},  {"10MB", 10000000},     {"3KB", 3000},
                        {"42B", 42},           {"16 MiB", 16u << 20},  {"0", 0}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto size = parse_size(c.text);
      BOOST_TEST_REQUIRE(size.has_value());
      BOOST_TEST(*size == c.bytes);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_malformed_or_overflowing_sizes) {
  const char* cases[] = {"", "MiB", "16mib", "16XB", "1.5MiB", "-1", "16MiB ", "99999999999999999999",
                         "99999999999TiB"};
  for (const char* text : cases) {
    BOOST_TEST_CONTEXT("'" << text << "'") { BOOST_TEST(!parse_size(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(parses_percentages_as_fractions) {
  struct Case {
    const char* text;
    double fraction;
  };
  const Case cases[] = {{"10%", 0.10}, {"2.5%", 0.025}, {"0%", 0.0}, {"100%", 1.0}, {"150%", 1.5}, {".5%", 0.005}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto p = parse_percent(c.text);
      BOOST_TEST_REQUIRE(p.has_value());
      BOOST_TEST(*p == c.fraction, boost::test_tools::tolerance(1e-12));
    }
  }
  const char* bad[] = {"", "%", "10", "10 %", "-5%", "+5%", "ten%", "10%%", "1e2%", "0.1"};
  for (const char* text : bad) {
    BOOST_TEST_CONTEXT("'" << text << "'") { BOOST_TEST(!parse_percent(text).has_value()); }
  }
}

BOOST_AUTO_TEST_CASE(parses_dates_as_utc_midnight) {
  auto d = parse_date("2026-06-12");
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(format_rfc3339(*d) == "2026-06-12T00:00:00Z");
  auto leap = parse_date("2028-02-29");
  BOOST_TEST_REQUIRE(leap.has_value());
  BOOST_TEST(format_date(*leap) == "2028-02-29");
}

BOOST_AUTO_TEST_CASE(rejects_malformed_and_impossible_dates) {
  const char* cases[] = {"",           "2026-6-12",  "2026-06-12T00:00:00Z", "2026/06/12", "12-06-2026",
                         "2026-13-01", "2026-02-29", "2026-06-31",           "2026-00-10", "20260612",
                         "2026-06-1x", " 2026-06-12"};
  for (const char* text : cases) {
    BOOST_TEST_CONTEXT("'" << text << "'") { BOOST_TEST(!parse_date(text).has_value()); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
