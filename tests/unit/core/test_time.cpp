// Tests for core/time.cpp: every date format the sources use, normalised to UTC.
#include <boost/test/unit_test.hpp>

#include "watchers/observation.hpp"
#include "core/time.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(time_formats)

struct DateCase {
  const char* input;
  const char* utc;  // expected RFC 3339 UTC, or nullptr when the input must be rejected
};

BOOST_AUTO_TEST_CASE(parses_every_source_date_format_to_utc) {
  const DateCase cases[] = {
      {"2026-06-01T16:02:11-04:00", "2026-06-01T20:02:11Z"},
      {"2026-06-03T17:02:11.000Z", "2026-06-03T17:02:11Z"},
      {"2026-11-01T12:00:00.000+00:00", "2026-11-01T12:00:00Z"},
      {"2026-06-01", "2026-06-01T00:00:00Z"},
      {"2026-06-01T09:00:00+0530", "2026-06-01T03:30:00Z"},
      {"Mon, 23 Nov 2026 14:03:00 GMT", "2026-11-23T14:03:00Z"},
      {"Mon, 23 Nov 2026 14:03:00 +0000", "2026-11-23T14:03:00Z"},
      {"Mon, 23 Nov 2026 09:03:00 EST", "2026-11-23T14:03:00Z"},
      {"Mon, 1 Jun 2026 10:03:00 EDT", "2026-06-01T14:03:00Z"},
      {"Mon, 1 Jun 2026 07:03:00 PDT", "2026-06-01T14:03:00Z"},
      {"23 Nov 2026 14:03 Z", "2026-11-23T14:03:00Z"},
      {"20260601160211", "2026-06-01T20:02:11Z"},   // EDT
      {"20261123160211", "2026-11-23T21:02:11Z"},   // EST
      {"20260308030000", "2026-03-08T07:00:00Z"},   // just after the spring change
      {"20261101013000", "2026-11-01T05:30:00Z"},   // before the autumn change
      {"2026-02-30T00:00:00Z", nullptr},
      {"2026-06-01T25:00:00Z", nullptr},
      {"yesterday", nullptr},
      {"", nullptr},
      {"Mon, 23 Foo 2026 14:03:00 GMT", nullptr},
      {"Mon, 23 Nov 2026 14:03:00 XYZ", nullptr},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      auto t = parse_any_date(c.input);
      if (c.utc == nullptr) {
        BOOST_TEST(!t.has_value());
      } else {
        BOOST_TEST_REQUIRE(t.has_value());
        BOOST_TEST(format_rfc3339(*t) == c.utc);
      }
    }
  }
}

// Before 2007 US daylight time ran from the first Sunday of April to the last Sunday of October:
// the post-2007 rule applied to those years is an hour off on these days.
BOOST_AUTO_TEST_CASE(eastern_time_follows_each_year_own_rules) {
  const DateCase cases[] = {
      {"20060320160000", "2006-03-20T21:00:00Z"},  // EST (the 2007 rule says EDT)
      {"20060403160000", "2006-04-03T20:00:00Z"},  // EDT from 2 April 2006
      {"20061030160000", "2006-10-30T21:00:00Z"},  // EST from 29 October 2006 (2007 rule: EDT)
      {"19960331160000", "1996-03-31T21:00:00Z"},  // EST
      {"19961028160000", "1996-10-28T21:00:00Z"},  // EST from 27 October 1996
      {"20070312160000", "2007-03-12T20:00:00Z"},  // EDT from 11 March 2007
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.input) {
      auto t = parse_edgar_compact(c.input);
      BOOST_REQUIRE(t);
      BOOST_TEST(format_rfc3339(*t) == c.utc);
      BOOST_TEST(format_rfc3339(utc_to_eastern_local(*t)).substr(11, 8) == "16:00:00");
    }
  }
}

BOOST_AUTO_TEST_CASE(epoch_milliseconds_truncate_to_seconds) {
  BOOST_TEST(format_rfc3339(from_epoch_ms(1763650000999)) == "2025-11-20T14:46:40Z");
}

BOOST_AUTO_TEST_CASE(formats_date_only) {
  BOOST_TEST(format_date(*parse_rfc3339("2026-06-12T23:59:59Z")) == "2026-06-12");
}

BOOST_AUTO_TEST_CASE(signal_id_is_first_eight_hex_of_sha256) {
  // printf '%s' 'spacex-filings/0001628280-26-036936' | sha256sum
  BOOST_TEST(signal_id("spacex-filings", "0001628280-26-036936") == "12ab0b67");
  BOOST_TEST(signal_id("a", "b") != signal_id("a/b", ""));
}

BOOST_AUTO_TEST_SUITE_END()
