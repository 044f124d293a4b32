// The scheduler's timing rules: first-fetch spread, jitter, backoff and Retry-After.
#include "daemon/fetch/timing.hpp"

#include <algorithm>

namespace watchdesk::fetch {

namespace {

Duration scale(Duration d, double factor) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double, Duration::period>(
      static_cast<double>(d.count()) * factor));
}

double clamp_unit(double u) { return std::clamp(u, 0.0, 1.0); }

}  // namespace

Duration first_delay(Duration every, Duration spread_cap, double u) {
  const Duration span = std::max(Duration::zero(), std::min(every, spread_cap));
  return scale(span, clamp_unit(u));
}

Duration jittered_interval(Duration every, double jitter, double u) {
  const double j = std::clamp(jitter, 0.0, 1.0);
  const Duration next = every + scale(every, (clamp_unit(u) - 0.5) * j);
  return std::max<Duration>(next, std::chrono::seconds(1));
}

Duration backoff(int failures, Duration base, Duration cap) {
  if (failures < 1) failures = 1;
  Duration delay = base;
  for (int i = 1; i < failures && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

Duration failure_delay(int failures, Duration base, Duration cap, double jitter, double u,
                       std::optional<Seconds> retry_after, Seconds max_retry_after) {
  const Duration plain = backoff(failures, base, cap);
  Duration delay = plain + scale(plain, std::clamp(jitter, 0.0, 1.0) * clamp_unit(u));
  if (retry_after) delay = std::max<Duration>(delay, std::min(*retry_after, max_retry_after));
  return delay;
}

}  // namespace watchdesk::fetch
