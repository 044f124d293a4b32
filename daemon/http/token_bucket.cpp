// `TokenBucket`: the generic cell rate algorithm over steady-clock ticks.
#include "daemon/http/token_bucket.hpp"

#include <algorithm>
#include <cmath>

namespace watchdesk::http {

TokenBucket::TokenBucket(double rate, int burst) {
  const double safe_rate = rate > 0 ? rate : 1.0;
  const double ticks = std::ceil(static_cast<double>(std::chrono::duration_cast<Clock::duration>(
                                     std::chrono::seconds(1)).count()) / safe_rate);
  interval_ = Clock::duration(static_cast<Clock::duration::rep>(std::max(ticks, 1.0)));
  tolerance_ = interval_ * (std::max(burst, 1) - 1);
  next_ = Clock::time_point::min() + tolerance_ + interval_;
}

bool TokenBucket::try_take(Clock::time_point now) {
  if (now < next_ - tolerance_) return false;
  next_ = std::max(next_, now) + interval_;
  return true;
}

TokenBucket::Clock::time_point TokenBucket::next_available() const { return next_ - tolerance_; }

}  // namespace watchdesk::http
