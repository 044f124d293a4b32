// The outbox pump: sends due deliveries through their channels and records each outcome.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <utility>

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

/// How the dispatcher claims outbox rows.
struct DispatcherOptions {
  /// The lease owner its claims are recorded under (one name per process).
  std::string owner;
  /// How long a claim holds: longer than any attempt can take, so a live owner never loses one.
  Seconds lease{300};
};

/// Whether `next_due` counts deliveries another live process holds (at their lease's expiry).
enum class ForeignClaims { wait, ignore };

/// Claims due deliveries in the store (a lease, so that two processes on one state file never send
/// one twice), hands them to the transport (or writes stdout lines), and records delivered / retry /
/// permanent outcomes. An outcome that cannot be recorded (the database locked or full) is held in
/// memory and recorded by `record_held`: that delivery is never sent again meanwhile. Error texts are
/// scrubbed of secrets before they are logged or stored. Single-threaded, on the loop.
class Dispatcher {
 public:
  /// `out` receives the `stdout` channel's JSON lines.
  Dispatcher(const config::Config& config, store::StateStore& store, Transport& transport, std::ostream& out,
             DispatcherOptions options = {});

  /// Claims and starts every due delivery not already in flight or held. Returns how many were
  /// started. Safe to call from `on_outcome`: a nested call makes the running one take another pass.
  int pump(TimePoint now);

  /// Deliveries handed to the transport and not yet answered, plus outcomes not yet recorded.
  int in_flight() const { return static_cast<int>(in_flight_.size() + held_.size()); }

  /// Deliveries handed to the transport and not yet answered.
  int sending() const { return static_cast<int>(in_flight_.size()); }

  /// Outcomes waiting to be recorded.
  std::size_t held() const { return held_.size(); }

  /// True when the last claim or recording failed (the database was locked or full): try again soon.
  bool blocked() const { return blocked_ || !held_.empty(); }

  /// Records held outcomes again; true when none is left.
  bool record_held();

  /// Pending deliveries in the store (due or not).
  int pending() const;

  /// The earliest next attempt among pending deliveries not in flight, if any; with
  /// `ForeignClaims::wait`, a delivery another live process holds counts at its lease's expiry.
  std::optional<TimePoint> next_due(ForeignClaims foreign = ForeignClaims::wait) const;

  /// Called after every recorded outcome (for metrics and for `check` to know when it is done).
  std::function<void(const store::Delivery&, const Judgement&)> on_outcome;

  /// Called when an outcome could not be recorded and is held (the caller retries `record_held`).
  std::function<void()> on_held;

  /// Swaps the configuration (after a reload); in-flight deliveries finish with the old channel.
  void set_config(const config::Config& config) { config_ = &config; }

 private:
  using Key = std::pair<std::string, std::string>;
  struct Held {
    store::Delivery delivery;
    Judgement judgement;
  };
  void record(store::Delivery delivery, const Judgement& judgement, std::optional<Seconds> retry_after,
              TimePoint now);
  bool write(const store::Delivery& delivery);
  int pump_once(TimePoint now);
  const config::Config* config_;
  store::StateStore& store_;
  Transport& transport_;
  std::ostream& out_;
  DispatcherOptions options_;
  std::set<Key> in_flight_;
  std::map<Key, Held> held_;
  bool blocked_ = false;
  /// Set while `pump` runs; a nested call (from an outcome callback) asks for another pass instead.
  bool pumping_ = false;
  bool pump_again_ = false;
  std::minstd_rand jitter_{std::random_device{}()};
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace watchdesk::delivery
