// How a delivery attempt's outcome is judged, and when a failed one is tried again.
#pragma once

#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/time.hpp"

namespace watchdesk::delivery {

/// The outcome of one attempt on one channel, as reported by the transport.
struct AttemptResult {
  /// HTTP status, or SMTP reply code, of the final answer; 0 when no answer was received.
  long code = 0;
  /// Transport error (curl), empty when an answer was received.
  std::string transport_error;
  /// The answer body (Slack says `ok` or an error word), possibly cut short.
  std::string body;
  /// `Retry-After` of the answer, when given.
  std::optional<Seconds> retry_after;
};

/// What to do next with a delivery.
enum class Verdict { delivered, retry, permanent };

/// A judged attempt: the verdict and a message for the log and `watchdesk alerts`.
struct Judgement {
  Verdict verdict = Verdict::retry;
  std::string message;
};

/// Judges an attempt on a channel of `kind`: 2xx is delivered (Slack needs `ok`); 429, 5xx, timeouts
/// and connection errors are retried; other 4xx and SMTP 5xx replies are permanent.
Judgement judge(config::ChannelKind kind, const AttemptResult& result);

/// When to try again after `attempts` failed attempts: exponential from 5 s, capped at 30 min, with
/// up to 20% jitter from `jitter_unit` in [0, 1), and never before `Retry-After`.
TimePoint next_attempt(TimePoint now, int attempts, std::optional<Seconds> retry_after, double jitter_unit);

/// True when a delivery first attempted at `first_attempt` has been failing for longer than the
/// channel's `give_up_after`.
bool should_give_up(TimePoint first_attempt, TimePoint now, Seconds give_up_after);

}  // namespace watchdesk::delivery
