// The scheduler's timing rules as pure functions: first-fetch spread, jitter, backoff, Retry-After.
#pragma once

#include <chrono>
#include <optional>

#include "core/time.hpp"

namespace watchdesk::fetch {

/// Durations of the scheduler (steady clock resolution).
using Duration = std::chrono::steady_clock::duration;

/// Delay of a source's first fetch: a point `u` in [0, 1) of the first interval, capped by
/// `spread_cap`, so that sources do not all start at once.
Duration first_delay(Duration every, Duration spread_cap, double u);

/// The next interval after a success: `every` moved by up to half of `jitter` (a fraction of
/// `every`) either way, as `u` in [0, 1) picks; never below a second.
Duration jittered_interval(Duration every, double jitter, double u);

/// Exponential backoff after `failures` failures in a row (1, 2, ...): `base`, `2 base`, `4 base`,
/// ... never above `cap`.
Duration backoff(int failures, Duration base, Duration cap);

/// The delay before retrying after a failure: the backoff stretched by up to `jitter` (as `u`
/// picks), and never before `retry_after` (capped at `max_retry_after`) when the server gave one.
Duration failure_delay(int failures, Duration base, Duration cap, double jitter, double u,
                       std::optional<Seconds> retry_after, Seconds max_retry_after);

}  // namespace watchdesk::fetch
