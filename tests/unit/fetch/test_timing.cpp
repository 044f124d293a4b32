// Tests for daemon/fetch/timing.cpp: spread, jitter, backoff and Retry-After as tables.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

#include "daemon/fetch/timing.hpp"

using namespace watchdesk;
using namespace watchdesk::fetch;
using namespace std::chrono_literals;

namespace {

long long ms(Duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(fetch_timing)

BOOST_AUTO_TEST_CASE(backoff_doubles_up_to_the_cap) {
  struct Case {
    int failures;
    long long expected_ms;
  };
  const Case cases[] = {{0, 30000},  {1, 30000},   {2, 60000},    {3, 120000},
                        {6, 960000}, {7, 1920000}, {8, 3600000},  {50, 3600000}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("failures " << c.failures) {
      BOOST_TEST(ms(backoff(c.failures, 30s, 1h)) == c.expected_ms);
    }
  }
}

BOOST_AUTO_TEST_CASE(retry_after_is_a_floor_for_the_failure_delay) {
  struct Case {
    int failures;
    double u;
    std::optional<long> retry_after;
    long long expected_ms;
  };
  const Case cases[] = {
      {1, 0.0, std::nullopt, 30000},
      {1, 1.0, std::nullopt, 33000},   // 10% jitter stretches, never shortens
      {1, 0.0, 120, 120000},           // Retry-After longer than the backoff wins
      {3, 0.0, 10, 120000},            // shorter Retry-After does not cut the backoff
      {1, 0.0, 200000, 86400000},      // an absurd Retry-After is capped at a day
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("failures " << c.failures << " u " << c.u) {
      std::optional<Seconds> retry;
      if (c.retry_after) retry = Seconds(*c.retry_after);
      BOOST_TEST(ms(failure_delay(c.failures, 30s, 1h, 0.10, c.u, retry, Seconds(86400))) == c.expected_ms);
    }
  }
}

BOOST_AUTO_TEST_CASE(jitter_moves_the_interval_by_half_the_fraction_either_way) {
  struct Case {
    double u;
    long long expected_ms;
  };
  const Case cases[] = {{0.0, 570000}, {0.5, 600000}, {1.0, 630000}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("u " << c.u) { BOOST_TEST(ms(jittered_interval(10min, 0.10, c.u)) == c.expected_ms); }
  }
  BOOST_TEST(ms(jittered_interval(10min, 0.0, 0.9)) == 600000);
  BOOST_TEST(ms(jittered_interval(500ms, 0.1, 0.0)) == 1000);  // never below a second
}

BOOST_AUTO_TEST_CASE(first_fetch_spreads_over_the_interval_up_to_the_cap) {
  BOOST_TEST(ms(first_delay(10min, 15min, 0.0)) == 0);
  BOOST_TEST(ms(first_delay(10min, 15min, 0.5)) == 300000);
  BOOST_TEST(ms(first_delay(24h, 15min, 0.5)) == 450000);
  BOOST_TEST(ms(first_delay(10min, 0s, 0.7)) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
