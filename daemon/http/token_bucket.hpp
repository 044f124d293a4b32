// `TokenBucket`: a request-rate limit with a small burst, kept as one time point (GCRA).
#pragma once

#include <chrono>

namespace watchdesk::http {

/// Allows `rate` requests per second on average and at most `burst` at once. Kept as the
/// theoretical arrival time of the next request, in whole steady-clock ticks, so no rounding lets a
/// request through early: with `burst = 1` no window of one second ever holds more than `rate`
/// requests (rounded up).
class TokenBucket {
 public:
  using Clock = std::chrono::steady_clock;

  /// `rate` > 0 requests per second; `burst` >= 1.
  explicit TokenBucket(double rate, int burst = 1);

  /// Takes a token if one is available at `now`.
  bool try_take(Clock::time_point now);
  /// The earliest time a token is available (at or before `now` when one is).
  Clock::time_point next_available() const;
  /// The interval between two tokens.
  Clock::duration interval() const { return interval_; }

 private:
  Clock::duration interval_;
  Clock::duration tolerance_;
  Clock::time_point next_;
};

}  // namespace watchdesk::http
