// Tests for daemon/http/request.cpp, retry_after.cpp, token_bucket.cpp and the host rules of
// client.cpp: pure functions, table-driven.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>

#include "daemon/http/client.hpp"
#include "daemon/http/request.hpp"
#include "daemon/http/retry_after.hpp"
#include "daemon/http/token_bucket.hpp"

using namespace watchdesk;
using namespace watchdesk::http;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(http_request)

BOOST_AUTO_TEST_CASE(parses_retry_after_seconds_and_http_dates) {
  const TimePoint now = *parse_rfc822("Wed, 21 Oct 2026 07:28:00 GMT");
  struct Case {
    const char* value;
    std::optional<long> seconds;
  };
  const Case cases[] = {
      {"3", 3},
      {" 120 ", 120},
      {"0", 0},
      {"Wed, 21 Oct 2026 07:30:00 GMT", 120},
      {"Wed, 21 Oct 2026 07:00:00 GMT", 0},  // already past
      {"99999999999999999999999", 365L * 24 * 3600},
      {"-5", std::nullopt},
      {"1.5", std::nullopt},
      {"soon", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("value '" << c.value << "'") {
      auto delay = parse_retry_after(c.value, now);
      BOOST_TEST(delay.has_value() == c.seconds.has_value());
      if (delay && c.seconds) BOOST_TEST(delay->count() == *c.seconds);
    }
  }
}

BOOST_AUTO_TEST_CASE(gives_every_sec_host_one_politeness_key) {
  struct Case {
    const char* host;
    bool sec;
  };
  const Case cases[] = {
      {"www.sec.gov", true},  {"data.sec.gov", true},   {"efts.sec.gov", true},
      {"sec.gov", true},      {"WWW.SEC.GOV", true},    {"www.sec.gov.", true},
      {"notsec.gov", false},  {"sec.gov.evil", false},  {"stooq.com", false},
      {"", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("host '" << c.host << "'") {
      BOOST_TEST((politeness_key(c.host) == "sec.gov") == c.sec);
    }
  }
}

BOOST_AUTO_TEST_CASE(takes_options_from_watchdesk_settings) {
  config::Settings settings;
  settings.user_agent = "Acme ops@acme.example";
  settings.max_body = 1024;
  settings.allow_file_urls = true;
  settings.timeout = Seconds(30);
  ClientOptions options = ClientOptions::from_settings(settings);
  BOOST_TEST(options.user_agent == "Acme ops@acme.example");
  BOOST_TEST(options.max_body == 1024u);
  BOOST_TEST(options.sec_rate == 8.0);
  BOOST_TEST(options.host_rate == 2.0);
  BOOST_TEST(options.host_connections == 4);
  BOOST_TEST(options.timeout.count() == 30000);
  BOOST_TEST((options.file_urls == FileUrls::allow));
}

BOOST_AUTO_TEST_CASE(describes_failures_for_operators) {
  Response response;
  response.url = "https://stooq.com/q/l/?s=crwv.us";
  response.failure = Failure::http_status;
  response.status = 429;
  BOOST_TEST(describe_failure(response) == "HTTP 429 from stooq.com");
  response.failure = Failure::too_large;
  response.error = "body over the 16 MiB cap";
  BOOST_TEST(describe_failure(response).find("body over the 16 MiB cap from stooq.com") == 0u);
  response.failure = Failure::none;
  BOOST_TEST(describe_failure(response).empty());
  BOOST_TEST(format_bytes(16u * 1024 * 1024) == "16 MiB");
  BOOST_TEST(format_bytes(1500) == "1500 B");
}

BOOST_AUTO_TEST_CASE(token_bucket_spaces_requests_by_the_rate) {
  using Clock = TokenBucket::Clock;
  TokenBucket bucket(8);
  const Clock::time_point t0{};
  BOOST_TEST(bucket.try_take(t0));
  BOOST_TEST(!bucket.try_take(t0));
  BOOST_TEST(!bucket.try_take(t0 + 124ms));
  BOOST_TEST((bucket.next_available() == t0 + 125ms));
  BOOST_TEST(bucket.try_take(t0 + 125ms));
  // Idle time does not accumulate beyond the burst of one.
  BOOST_TEST(bucket.try_take(t0 + 10s));
  BOOST_TEST(!bucket.try_take(t0 + 10s + 1ms));

  TokenBucket bursty(10, 3);
  int taken = 0;
  for (int i = 0; i < 10; ++i) taken += bursty.try_take(t0) ? 1 : 0;
  BOOST_TEST(taken == 3);
}

BOOST_AUTO_TEST_CASE(token_bucket_never_exceeds_the_rate_in_any_second) {
  using Clock = TokenBucket::Clock;
  for (double rate : {8.0, 10.0, 3.0, 50.0}) {
    BOOST_TEST_CONTEXT("rate " << rate) {
      TokenBucket bucket(rate);
      std::vector<Clock::time_point> taken;
      // Ask every millisecond for ten seconds.
      for (int ms = 0; ms < 10000; ++ms) {
        const Clock::time_point now{std::chrono::milliseconds(ms)};
        if (bucket.try_take(now)) taken.push_back(now);
      }
      std::size_t best = 0;
      for (std::size_t i = 0, j = 0; i < taken.size(); ++i) {
        while (j < taken.size() && taken[j] - taken[i] < 1s) ++j;
        best = std::max(best, j - i);
      }
      BOOST_TEST(best <= static_cast<std::size_t>(std::ceil(rate)));
      BOOST_TEST(taken.size() >= static_cast<std::size_t>(rate * 10) - 1);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
