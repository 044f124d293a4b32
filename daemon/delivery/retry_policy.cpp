// Delivery outcome judgement and retry timing.
#include "daemon/delivery/retry_policy.hpp"

#include <algorithm>
#include <cmath>

namespace watchdesk::delivery {

Judgement judge(config::ChannelKind kind, const AttemptResult& r) {
  if (!r.transport_error.empty() && r.code == 0)
    return {Verdict::retry, "transport error: " + r.transport_error};
  if (kind == config::ChannelKind::email) {
    if (r.code >= 200 && r.code < 400 && r.transport_error.empty()) return {Verdict::delivered, "accepted"};
    if (r.code >= 400 && r.code < 500) return {Verdict::retry, "SMTP " + std::to_string(r.code) + " (transient)"};
    if (r.code >= 500) return {Verdict::permanent, "SMTP " + std::to_string(r.code) + " (permanent): " + r.transport_error};
    return {Verdict::retry, "SMTP error: " + r.transport_error};
  }
  std::string what = "HTTP " + std::to_string(r.code);
  if (!r.body.empty()) what += " " + r.body.substr(0, 120);
  if (r.code >= 200 && r.code < 300) {
    if (kind == config::ChannelKind::slack && r.body.rfind("ok", 0) != 0)
      return {Verdict::permanent, what + " (Slack did not answer ok)"};
    return {Verdict::delivered, what};
  }
  if (r.code == 429 || r.code == 408 || r.code >= 500) return {Verdict::retry, what};
  return {Verdict::permanent, what};
}

TimePoint next_attempt(TimePoint now, int attempts, std::optional<Seconds> retry_after, double jitter_unit) {
  double base = 5.0 * std::pow(2.0, std::clamp(attempts - 1, 0, 20));
  base = std::min(base, 1800.0);
  base *= 1.0 + 0.2 * std::clamp(jitter_unit, 0.0, 1.0);
  auto when = now + Seconds{static_cast<long long>(std::ceil(base))};
  if (retry_after) when = std::max(when, now + *retry_after);
  return when;
}

bool should_give_up(TimePoint first_attempt, TimePoint now, Seconds give_up_after) {
  return now - first_attempt >= give_up_after;
}

}  // namespace watchdesk::delivery
