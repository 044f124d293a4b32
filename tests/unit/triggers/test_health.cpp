// Tests for watchers/triggers/health.cpp: one alert on failure or staleness, one on recovery.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/health.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_health)

namespace {

const TimePoint kStart = at("2026-11-23T10:00:00Z");
const Seconds kEvery{900};

SourceHealth healthy() {
  SourceHealth h;
  h.source_id = "crwv-price";
  h.every = kEvery;
  h.first_attempt = kStart;
  h.last_attempt = kStart;
  h.last_success = kStart;
  h.url = "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv";
  return h;
}

// One poll: success or failure at `t`, then the health check; returns the alert id or "".
struct Poller {
  SourceHealth health = healthy();
  HealthSettings settings;

  std::string poll(TimePoint t, bool ok, std::string error = "HTTP 503 from stooq.com") {
    health.last_attempt = t;
    if (ok) {
      health.consecutive_failures = 0;
      health.last_success = t;
      health.last_error.clear();
    } else {
      ++health.consecutive_failures;
      health.last_error = std::move(error);
    }
    return check(t);
  }

  std::string check(TimePoint now) {
    const HealthOutcome out = check_health(health, settings, now);
    health.unhealthy_alerted = out.unhealthy_alerted;
    last = out.alert;
    return out.alert ? out.alert->id : std::string();
  }

  std::optional<Alert> last;
};

}  // namespace

BOOST_AUTO_TEST_CASE(fires_once_on_failure_and_once_on_recovery) {
  Poller p;
  struct Step {
    int minutes;
    bool ok;
    const char* fires;
  };
  const Step steps[] = {
      {15, false, ""},
      {30, false, ""},
      {45, false, "health/crwv-price/unhealthy/2026-11-23T10:00:00Z"},
      {60, false, ""},
      {75, false, ""},
      {90, true, "health/crwv-price/recovered/2026-11-23T11:30:00Z"},
      {105, true, ""},
      {120, false, ""},
      {135, true, ""},  // two failures are not a streak worth an alert: nothing to recover from
  };
  for (const auto& s : steps) {
    BOOST_TEST_CONTEXT("minute " << s.minutes) {
      BOOST_TEST(p.poll(kStart + Seconds{s.minutes * 60}, s.ok) == s.fires);
    }
  }
}

BOOST_AUTO_TEST_CASE(unhealthy_alert_names_the_streak_and_last_error) {
  Poller p;
  p.poll(kStart + Seconds{900}, false);
  p.poll(kStart + Seconds{1800}, false);
  p.poll(kStart + Seconds{2700}, false, "HTTP 503 from stooq.com, retrying in 120 s");
  BOOST_TEST_REQUIRE(p.last.has_value());
  const Alert& a = *p.last;
  BOOST_TEST(a.title ==
             "source crwv-price unhealthy: 3 failures in a row; last error: HTTP 503 from stooq.com, "
             "retrying in 120 s");
  BOOST_TEST(a.kind == "health");
  BOOST_TEST((a.status == config::Confirmation::confirmed));
  const bool has_url = std::any_of(a.facts.begin(), a.facts.end(), [](const Fact& f) {
    return f.name == "url" && f.value.starts_with("https://stooq.com/");
  });
  BOOST_TEST(has_url);
}

BOOST_AUTO_TEST_CASE(fires_on_staleness_without_failures) {
  Poller p;
  // Nothing polled (a stuck scheduler): stale once more than 3 intervals pass without success.
  BOOST_TEST(p.check(kStart + kEvery * 3).empty());
  const std::string id = p.check(kStart + kEvery * 3 + Seconds{1});
  BOOST_TEST(id == "health/crwv-price/unhealthy/2026-11-23T10:00:00Z");
  BOOST_TEST(p.last->title.starts_with("source crwv-price stale: no successful fetch since 2026-11-23T10:00:00Z"));
  BOOST_TEST(p.check(kStart + kEvery * 10).empty());
  BOOST_TEST(p.poll(kStart + kEvery * 11, true) == "health/crwv-price/recovered/2026-11-23T12:45:00Z");
}

BOOST_AUTO_TEST_CASE(a_source_that_never_succeeded_counts_from_its_first_attempt) {
  Poller p;
  p.health.last_success.reset();
  p.settings.fail_after = 5;
  BOOST_TEST(p.poll(kStart + kEvery, false).empty());
  BOOST_TEST(p.check(kStart + kEvery * 3 + Seconds{1}) == "health/crwv-price/unhealthy/2026-11-23T10:00:00Z");
  BOOST_TEST(p.last->summary.find("since it started") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(thresholds_are_configurable) {
  Poller p;
  p.settings.fail_after = 1;
  BOOST_TEST(!p.poll(kStart + kEvery, false).empty());
}

BOOST_AUTO_TEST_SUITE_END()
