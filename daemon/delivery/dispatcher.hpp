// The outbox pump: sends due deliveries through their channels and records each outcome.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <set>
#include <string>

#include "config/config.hpp"
#include "daemon/delivery/retry_policy.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::delivery {

/// One message to put on the wire for a channel.
struct Outgoing {
  std::string alert_id;
  const config::Channel* channel = nullptr;
  /// The alert JSON document as stored in the outbox.
  std::string alert_json;
};

/// Carries messages to their endpoints (HTTP POST, SMTP) asynchronously on the event loop.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends `message`; `done` is called once, on the loop, with the outcome.
  virtual void send(const Outgoing& message, std::function<void(AttemptResult)> done) = 0;
};

/// Takes pending deliveries from the store, hands them to the transport (or writes stdout lines),
/// and records delivered / retry / permanent outcomes. Single-threaded, on the loop.
class Dispatcher {
 public:
  /// `out` receives the `stdout` channel's JSON lines.
  Dispatcher(const config::Config& config, store::StateStore& store, Transport& transport, std::ostream& out);

  /// Starts every due delivery not already in flight. Returns how many were started. Safe to call
  /// from `on_outcome`: a nested call makes the running one take another pass.
  int pump(TimePoint now);

  /// Deliveries handed to the transport and not yet answered.
  int in_flight() const { return static_cast<int>(in_flight_.size()); }

  /// Pending deliveries in the store (due or not).
  int pending() const;

  /// The earliest next attempt among pending deliveries not in flight, if any.
  std::optional<TimePoint> next_due() const;

  /// Called after every recorded outcome (for metrics and for `check` to know when it is done).
  std::function<void(const store::Delivery&, const Judgement&)> on_outcome;

  /// Swaps the configuration (after a reload); in-flight deliveries finish with the old channel.
  void set_config(const config::Config& config) { config_ = &config; }

 private:
  void record(store::Delivery delivery, const Judgement& judgement, std::optional<Seconds> retry_after,
              TimePoint now);
  const config::Config* config_;
  store::StateStore& store_;
  Transport& transport_;
  std::ostream& out_;
  int pump_once(TimePoint now);
  std::set<std::pair<std::string, std::string>> in_flight_;
  /// Set while `pump` runs; a nested call (from an outcome callback) asks for another pass instead.
  bool pumping_ = false;
  bool pump_again_ = false;
  std::minstd_rand jitter_{std::random_device{}()};
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace watchdesk::delivery
