// The one clock the pipeline reads `now` from: the wall clock in `run` and `check`, a virtual clock
// that `replay` sets to each archived body's time.
#pragma once

#include <functional>

#include "core/time.hpp"

namespace watchdesk {

/// Where `now` comes from.
using UtcClock = std::function<TimePoint()>;

/// The wall clock (`now_utc`).
inline UtcClock wall_clock() { return [] { return now_utc(); }; }

/// A clock that stands still until it is set; `replay` moves it to each archived body's time.
class VirtualClock {
 public:
  explicit VirtualClock(TimePoint start) : now_(start) {}

  /// Moves the clock to `t`.
  void set(TimePoint t) { now_ = t; }
  /// The time it is set to.
  TimePoint now() const { return now_; }
  /// A `UtcClock` that reads this one; it must not outlive it.
  UtcClock clock() const {
    return [this] { return now_; };
  }

 private:
  TimePoint now_;
};

}  // namespace watchdesk
