// Source-health alerts: failure streaks and staleness, raised once, with a recovery alert.
#include "watchers/triggers/health.hpp"

#include "core/units.hpp"
#include "watchers/triggers/common.hpp"

namespace watchdesk::triggers {
namespace {

Alert base(const SourceHealth& health, TimePoint now) {
  Alert alert;
  alert.trigger = "health";
  alert.kind = "health";
  alert.status = config::Confirmation::confirmed;
  alert.observed_at = now;
  alert.facts.push_back({"source", health.source_id});
  alert.facts.push_back({"consecutive_failures", std::to_string(health.consecutive_failures)});
  alert.facts.push_back({"last_success", health.last_success ? format_rfc3339(*health.last_success)
                                                             : std::string("never")});
  alert.facts.push_back({"last_attempt", format_rfc3339(health.last_attempt)});
  if (!health.last_error.empty()) alert.facts.push_back({"last_error", health.last_error});
  alert.facts.push_back({"every", format_duration(health.every)});
  if (!health.url.empty()) alert.facts.push_back({"url", health.url});
  return alert;
}

}  // namespace

HealthOutcome check_health(const SourceHealth& health, const HealthSettings& settings,
                           TimePoint now) {
  const TimePoint streak_start = health.last_success.value_or(health.first_attempt);
  const bool failing = health.consecutive_failures >= settings.fail_after;
  const bool stale = now - streak_start > health.every * settings.stale_after;
  HealthOutcome outcome;
  outcome.unhealthy_alerted = health.unhealthy_alerted;

  if ((failing || stale) && !health.unhealthy_alerted) {
    Alert alert = base(health, now);
    alert.id = "health/" + health.source_id + "/unhealthy/" + format_rfc3339(streak_start);
    if (failing) {
      alert.title = "source " + health.source_id + " unhealthy: " +
                    std::to_string(health.consecutive_failures) + " failures in a row";
      if (!health.last_error.empty()) alert.title += "; last error: " + health.last_error;
    } else {
      alert.title = "source " + health.source_id + " stale: no successful fetch since " +
                    format_rfc3339(streak_start);
    }
    alert.summary = "watchdesk has not fetched " + health.source_id + " successfully since " +
                    (health.last_success ? format_rfc3339(*health.last_success)
                                         : "it started (" + format_rfc3339(health.first_attempt) + ")") +
                    " (polled every " + format_duration(health.every) + "; " +
                    std::to_string(health.consecutive_failures) +
                    " failures in a row). Its triggers see nothing new until it recovers.";
    if (!health.last_error.empty()) alert.summary += " Last error: " + health.last_error + ".";
    outcome.alert = std::move(alert);
    outcome.unhealthy_alerted = true;
    return outcome;
  }

  const bool recovered = health.unhealthy_alerted && health.consecutive_failures == 0 &&
                         health.last_success && !stale;
  if (recovered) {
    Alert alert = base(health, now);
    alert.id = "health/" + health.source_id + "/recovered/" + format_rfc3339(*health.last_success);
    alert.title = "source " + health.source_id + " recovered";
    alert.summary = "watchdesk fetched " + health.source_id + " successfully at " +
                    format_rfc3339(*health.last_success) + " after it was reported unhealthy.";
    alert.published_at = health.last_success;
    outcome.alert = std::move(alert);
    outcome.unhealthy_alerted = false;
  }
  return outcome;
}

Alert degraded_alert(const SourceHealth& health, const std::string& reason, TimePoint since) {
  Alert alert = base(health, since);
  alert.id = "health/" + health.source_id + "/degraded/" + format_rfc3339(since);
  alert.title = "source " + health.source_id + " degraded: " + reason;
  alert.summary = "watchdesk fetched " + health.source_id + " at " + format_rfc3339(since) +
                  " and the answer parsed, but it lacks a series that a metric needs (" + reason +
                  "). The metric keeps its previous value until the source reports the series again.";
  alert.facts.push_back({"degraded", reason});
  return alert;
}

Alert sec_throttled_alert(const SourceHealth& health, TimePoint refused_at) {
  const TimePoint slot = std::chrono::floor<std::chrono::minutes>(refused_at) -
                         std::chrono::minutes(std::chrono::floor<std::chrono::minutes>(refused_at).time_since_epoch().count() % 10);
  Alert alert = base(health, refused_at);
  alert.id = "health/sec/throttled/" + format_rfc3339(slot);
  alert.title = "SEC throttled watchdesk: every SEC source is paused for 10 minutes";
  alert.summary = "SEC answered " + health.source_id +
                  " with HTTP 403, its refusal of a client over its rate or without a contact User-Agent. "
                  "Every SEC source waits out the pause and is not counted as failing. Check user_agent and "
                  "sec_rate.";
  if (!health.last_error.empty()) alert.summary += " Error: " + health.last_error + ".";
  return alert;
}

}  // namespace watchdesk::triggers
