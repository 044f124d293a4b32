// Source health, built in: an alert once when a source fails repeatedly or goes stale, and once
// when it recovers.
#pragma once

#include <optional>
#include <string>

#include "core/time.hpp"
#include "watchers/triggers/alert.hpp"

namespace watchdesk::triggers {

/// What the engine knows about fetching one source.
struct SourceHealth {
  std::string source_id;
  /// The poll interval.
  Seconds every{600};
  int consecutive_failures = 0;
  std::optional<TimePoint> last_success;
  TimePoint last_attempt;
  /// The last error in words (`HTTP 503 from stooq.com`); empty when the last attempt succeeded.
  std::string last_error;
  /// The first attempt ever (staleness counts from it until a first success).
  TimePoint first_attempt;
  /// True once an unhealthy alert was raised for the current streak.
  bool unhealthy_alerted = false;
  /// The URL fetched, cited in the alert; may be empty.
  std::string url;
};

/// When a source counts as unhealthy.
struct HealthSettings {
  /// Failures in a row.
  int fail_after = 3;
  /// Intervals (`every`) without a success.
  int stale_after = 3;
};

/// What a health check decided: an alert to raise, if any, and the flag to store.
struct HealthOutcome {
  std::optional<Alert> alert;
  bool unhealthy_alerted = false;
};

/// Checks one source at `now`. Unhealthy: `fail_after` failures in a row, or no success for more
/// than `stale_after` intervals (counted from the first attempt when there was never one). Raises
/// `health/SOURCE/unhealthy/<streak start>` once per streak (the streak starts at the last
/// success, or the first attempt), and `health/SOURCE/recovered/<success time>` once the source
/// succeeds again after that alert. Alerts are `confirmed` (watchdesk saw it) and carry no
/// evidence; their facts give the counts, times, error and URL.
HealthOutcome check_health(const SourceHealth& health, const HealthSettings& settings, TimePoint now);

/// The text that marks a source's stored state as degraded: its answer parsed, but a series a
/// metric needs is missing. It starts the stored reason, as `degraded: revenue_ttm: ...`.
inline constexpr std::string_view degraded_marker = "degraded: ";

/// The alert `health/SOURCE/degraded/<since>` for a source whose last answer parsed but lacked
/// series that metrics need (`reason` says which and why); raised once per degraded spell.
Alert degraded_alert(const SourceHealth& health, const std::string& reason, TimePoint since);

/// The one alert `health/sec/throttled/<slot>` for SEC's 403 that pauses every SEC source, whichever
/// source met it; `<slot>` is the start of the 10-minute slot of `refused_at`, so sources refused
/// together raise the same alert.
Alert sec_throttled_alert(const SourceHealth& health, TimePoint refused_at);

}  // namespace watchdesk::triggers
