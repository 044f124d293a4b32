// The outbox pump: claims, sends, and records outcomes (holding those the store cannot take yet).
#include "daemon/delivery/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>

#include "core/secret.hpp"
#include "core/secret_scrub.hpp"
#include "daemon/store/lease.hpp"

namespace watchdesk::delivery {

Dispatcher::Dispatcher(const config::Config& config, store::StateStore& store, Transport& transport,
                       std::ostream& out, DispatcherOptions options)
    : config_(&config), store_(store), transport_(transport), out_(out), options_(std::move(options)) {
  if (options_.owner.empty()) options_.owner = store::process_lease_owner();
}

namespace {

// How long the outbox is left alone after it could not be read.
constexpr Seconds kReadRetry{5};

}  // namespace

int Dispatcher::pending() const {
  auto pending = store_.pending_deliveries();
  if (!pending) {
    spdlog::error("outbox: {}", pending.error().message);
    return 0;
  }
  return static_cast<int>(pending->size());
}

std::optional<TimePoint> Dispatcher::next_due(ForeignClaims foreign) const {
  auto pending = store_.pending_deliveries();
  if (!pending) {
    // Unreadable now: look again shortly rather than never.
    spdlog::error("outbox: {}", scrub_secrets(pending.error().message));
    return now_utc() + kReadRetry;
  }
  std::optional<TimePoint> best;
  const TimePoint now = now_utc();
  for (const auto& d : *pending) {
    const Key key{d.alert_id, d.channel};
    if (in_flight_.count(key) || held_.count(key)) continue;
    TimePoint at = d.next_attempt;
    const bool foreign_claim = !d.lease_owner.empty() && d.lease_owner != options_.owner && d.lease_until > now &&
                               !store::lease_owner_gone(d.lease_owner);
    if (foreign_claim) {
      if (foreign == ForeignClaims::ignore) continue;
      at = std::max(at, d.lease_until);
    }
    if (!best || at < *best) best = at;
  }
  return best;
}

int Dispatcher::pump(TimePoint now) {
  if (pumping_) {
    pump_again_ = true;
    return 0;
  }
  pumping_ = true;
  int started = 0;
  do {
    pump_again_ = false;
    started += pump_once(now);
  } while (pump_again_);
  pumping_ = false;
  return started;
}

int Dispatcher::pump_once(TimePoint now) {
  auto claimed = store_.claim_due_deliveries(now, options_.owner, options_.lease);
  if (!claimed) {
    if (!blocked_) spdlog::warn("outbox: cannot claim due deliveries, trying again shortly: {}",
                                scrub_secrets(claimed.error().message));
    blocked_ = true;
    return 0;
  }
  blocked_ = false;
  int started = 0;
  for (auto& delivery : claimed.value()) {
    auto key = std::make_pair(delivery.alert_id, delivery.channel);
    if (in_flight_.count(key) || held_.count(key)) continue;
    const config::Channel* channel = config_->find_channel(delivery.channel);
    auto stored = store_.alert(delivery.alert_id);
    if (!stored) {
      spdlog::error("alert {}: {}", delivery.alert_id, stored.error().message);
      continue;
    }
    if (!*stored) continue;
    const auto& alert = *stored;
    if (channel == nullptr) {
      record(std::move(delivery),
             {Verdict::permanent, "channel " + delivery.channel + " is no longer configured"}, std::nullopt, now);
      continue;
    }
    if (channel->kind == config::ChannelKind::stdout_) {
      out_ << alert->json << "\n";
      out_.flush();
      Judgement j = out_ ? Judgement{Verdict::delivered, "written"} : Judgement{Verdict::retry, "stdout not writable"};
      if (!out_) out_.clear();
      record(std::move(delivery), j, std::nullopt, now);
      ++started;
      continue;
    }
    in_flight_.insert(key);
    ++started;
    Outgoing message{delivery.alert_id, channel, alert->json};
    auto raised_at = alert->raised_at;
    std::weak_ptr<bool> alive = alive_;
    auto kind = channel->kind;
    auto give_up_after = channel->give_up_after;
    transport_.send(message, [this, alive, key, kind, give_up_after, raised_at,
                              delivery = std::move(delivery)](AttemptResult result) mutable {
      if (alive.expired()) return;
      in_flight_.erase(key);
      auto judgement = judge(kind, result);
      auto t = now_utc();
      if (judgement.verdict == Verdict::retry && should_give_up(raised_at, t, give_up_after)) {
        judgement.message = "gave up after " + std::to_string(give_up_after.count()) + " s: " + judgement.message;
        delivery.status = store::DeliveryStatus::given_up;
      }
      record(std::move(delivery), judgement, result.retry_after, t);
    });
  }
  return started;
}

void Dispatcher::record(store::Delivery delivery, const Judgement& raw, std::optional<Seconds> retry_after,
                        TimePoint now) {
  Judgement judgement{raw.verdict, scrub_secrets(raw.message)};
  delivery.attempts += 1;
  delivery.last_error.clear();
  switch (judgement.verdict) {
    case Verdict::delivered:
      delivery.status = store::DeliveryStatus::delivered;
      delivery.delivered_at = now;
      spdlog::info("alert {}: delivered to {} ({})", delivery.alert_id, delivery.channel, judgement.message);
      break;
    case Verdict::permanent:
      delivery.status = store::DeliveryStatus::given_up;
      delivery.last_error = judgement.message;
      spdlog::error("alert {}: delivery to {} failed permanently: {}", delivery.alert_id, delivery.channel,
                    judgement.message);
      break;
    case Verdict::retry:
      delivery.last_error = judgement.message;
      if (delivery.status == store::DeliveryStatus::given_up) {
        spdlog::error("alert {}: delivery to {} {}", delivery.alert_id, delivery.channel, judgement.message);
        break;
      }
      delivery.status = store::DeliveryStatus::failed;
      // Counted from the next whole second: `now` is truncated, and a retry must never come before
      // the answer's `Retry-After`.
      delivery.next_attempt =
          next_attempt(std::max(now, std::chrono::ceil<Seconds>(std::chrono::system_clock::now())),
                       delivery.attempts, retry_after, std::uniform_real_distribution<double>(0, 1)(jitter_));
      spdlog::warn("alert {}: delivery to {} failed ({}), retrying at {}", delivery.alert_id, delivery.channel,
                   judgement.message, format_rfc3339(delivery.next_attempt));
      break;
  }
  if (!write(delivery)) {
    // Held: never sent again by this process until it is recorded.
    held_.insert_or_assign(Key{delivery.alert_id, delivery.channel}, Held{delivery, judgement});
    if (on_held) on_held();
    return;
  }
  if (on_outcome) on_outcome(delivery, judgement);
}

bool Dispatcher::write(const store::Delivery& delivery) {
  if (auto s = store_.update_delivery(delivery); !s.ok()) {
    spdlog::error("alert {}: cannot record the outcome of its delivery to {} ({}); kept in memory and "
                  "recorded again shortly: {}",
                  delivery.alert_id, delivery.channel, to_string(delivery.status), scrub_secrets(s.error().message));
    return false;
  }
  return true;
}

bool Dispatcher::record_held() {
  for (auto it = held_.begin(); it != held_.end();) {
    if (!write(it->second.delivery)) return false;
    Held done = std::move(it->second);
    it = held_.erase(it);
    spdlog::info("alert {}: the outcome of its delivery to {} is recorded now", done.delivery.alert_id,
                 done.delivery.channel);
    if (on_outcome) on_outcome(done.delivery, done.judgement);
  }
  return true;
}

}  // namespace watchdesk::delivery
