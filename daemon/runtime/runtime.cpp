// The runtime: client -> scheduler -> poll pipeline -> outbox -> dispatcher, for one configuration.
#include "daemon/runtime/runtime.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace watchdesk::runtime {
namespace {

constexpr std::chrono::seconds kTickInterval{60};
// How long the loop waits for another process's lock on the state file before it gives up and
// retries from a timer.
constexpr std::chrono::milliseconds kLoopBusyTimeout{100};
// Results that end within this window of each other are written in one transaction.
constexpr std::chrono::milliseconds kIngestWindow{5};
// Under `run`, a 304 (nothing but its source's fetch state to write) waits up to this long for
// others: sources polled one after another share a transaction instead of one each.
constexpr std::chrono::milliseconds kQuietIngestWindow{500};
// When a claim or an outcome could not be written, the next try.
constexpr std::chrono::milliseconds kStoreRetry{250};
// A delivery's claim outlasts its longest attempt by this much.
constexpr std::chrono::seconds kLeaseMargin{60};

std::string_view outcome_name(pipeline::PollOutcome outcome) {
  switch (outcome) {
    case pipeline::PollOutcome::fetched: return "fetched";
    case pipeline::PollOutcome::not_modified: return "not_modified";
    case pipeline::PollOutcome::failed: return "failed";
    case pipeline::PollOutcome::cancelled: return "cancelled";
    case pipeline::PollOutcome::deferred: return "deferred";
  }
  return "failed";
}

std::string_view verdict_name(delivery::Verdict v) {
  switch (v) {
    case delivery::Verdict::delivered: return "delivered";
    case delivery::Verdict::retry: return "retry";
    case delivery::Verdict::permanent: return "failed";
  }
  return "failed";
}

}  // namespace

Result<std::unique_ptr<Runtime>> Runtime::build(boost::asio::io_context& io, std::shared_ptr<const config::Config> config,
                                                std::shared_ptr<store::StateStore> store,
                                                observability::MetricsRegistry& metrics, std::ostream& out,
                                                RuntimeOptions options) {
  try {
    auto runtime = std::unique_ptr<Runtime>(
        new Runtime(io, std::move(config), std::move(store), metrics, out, std::move(options)));
    // What the store remembers of each source: validators, failures, last attempt.
    auto restored = runtime->store_->for_each_fetch_state(
        [&](const store::FetchState& state) { runtime->scheduler_->restore(state); });
    if (!restored) return std::move(restored).error();
    return runtime;
  } catch (const std::exception& e) {
    return make_error(std::string("cannot set up the runtime: ") + e.what(), ErrorKind::io);
  }
}

Runtime::Runtime(boost::asio::io_context& io, std::shared_ptr<const config::Config> config,
                 std::shared_ptr<store::StateStore> store, observability::MetricsRegistry& metrics, std::ostream& out,
                 RuntimeOptions options)
    : io_(io),
      config_(std::move(config)),
      store_(std::move(store)),
      metrics_(metrics),
      options_(std::move(options)),
      delivery_timer_(io),
      tick_timer_(io),
      deadline_timer_(io),
      store_retry_timer_(io) {
  store_->set_busy_timeout(kLoopBusyTimeout);
  const auto client_options = http::ClientOptions::from_settings(config_->watchdesk);
  client_ = std::make_unique<http::Client>(io_, client_options);
  ingestor_ = std::make_unique<pipeline::Ingestor>(*config_, *store_, pipeline::Commit::yes, options_.only_triggers);
  if (options_.archiving == Archiving::as_configured && !config_->watchdesk.archive.empty())
    archive_ = std::make_unique<archive::ArchiveWriter>(config_->watchdesk.archive, config_->watchdesk.archive_keep);
  batch_ = std::make_unique<pipeline::IngestBatch>(io_, *ingestor_, kIngestWindow);
  pipeline_ =
      std::make_unique<pipeline::PollPipeline>(*client_, *ingestor_, options_.clock, archive_.get(), batch_.get());
  transport_ = std::make_unique<delivery::ChannelTransport>(*client_);
  delivery::DispatcherOptions dispatch;
  dispatch.lease = std::chrono::ceil<Seconds>(client_options.connect_wait + client_options.connect_timeout +
                                              client_options.timeout + kLeaseMargin);
  dispatcher_ = std::make_unique<delivery::Dispatcher>(*config_, *store_, *transport_, out, dispatch);
  dispatcher_->on_outcome = [this](const store::Delivery& d, const delivery::Judgement& j) {
    metrics_.count("watchdesk_deliveries_total", "Delivery attempts by channel and outcome.",
                   {{"channel", d.channel}, {"outcome", std::string(verdict_name(j.verdict))}});
    if (j.verdict == delivery::Verdict::delivered && d.delivered_at) {
      if (auto alert = store_->alert(d.alert_id); alert.ok() && alert->has_value())
        metrics_.observe("watchdesk_delivery_lag_seconds", "From an alert being raised to its delivery.", {},
                         static_cast<double>((*d.delivered_at - (*alert)->raised_at).count()),
                         observability::MetricsRegistry::lateness_buckets);
    }
    if (dispatcher_->sending() == 0) arm_delivery_timer();
  };
  dispatcher_->on_held = [this] { arm_store_retry(); };
  // The scheduler polls the sources of `config_`, which outlives it.
  scheduler_ = std::make_unique<fetch::Scheduler>(
      io_, ingestor_->needed_sources(),
      [this](const config::Source& source, const http::Validators& validators, int failures,
             std::function<void(pipeline::PollResult)> done) {
        pipeline_->poll(source, validators, failures, std::move(done));
      },
      [this](const pipeline::PollResult& result, std::optional<TimePoint> next_attempt) {
        on_result(result, next_attempt);
      },
      options_.scheduler);
}

Runtime::~Runtime() {
  alive_.reset();
  // Results still waiting for their batch are written before anything they need goes.
  batch_.reset();
  // The scheduler and dispatcher hold callbacks into the client: they go first.
  scheduler_.reset();
  dispatcher_.reset();
  transport_.reset();
  pipeline_.reset();
  if (client_) client_->abort_all("shutting down");
}

void Runtime::start(const Runtime* previous) {
  if (previous != nullptr) scheduler_->adopt(*previous->scheduler_);
  batch_->set_quiet_window(kQuietIngestWindow);
  if (!config_->digests.empty()) digests_ = std::make_unique<digest::DigestSchedule>(*config_, *store_);
  scheduler_->start();
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
    if (alive.expired() || draining_) return;
    tick();
    arm_tick();
  });
  if (previous == nullptr || previous->deliveries_in_flight() == 0) enable_delivery();
}

void Runtime::enable_delivery() {
  if (delivering_ || draining_) return;
  delivering_ = true;
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_)] {
    if (!alive.expired()) pump_deliveries();
  });
}

void Runtime::release_from(const pipeline::PollResult& result) { scheduler_->release(result.source_id, result); }

void Runtime::hold_busy_sources(const Runtime& retired) {
  for (const auto& id : retired.scheduler_->busy_sources()) scheduler_->hold(id);
}

void Runtime::poll_once(std::function<void()> done) {
  scheduler_->run_once([this, done = std::move(done)] {
    tick();
    done();
  });
}

void Runtime::deliver_until(std::chrono::steady_clock::time_point deadline, std::function<void()> done) {
  deliver_deadline_ = deadline;
  deliver_done_ = std::move(done);
  delivering_ = true;
  deadline_timer_.expires_at(deadline);
  deadline_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    client_->abort_all("the --deliver-timeout of check expired");
    delivery_timer_.cancel();
    arm_delivery_timer();
  });
  pump_deliveries();
}

void Runtime::drain(std::function<void()> done) {
  draining_ = true;
  drain_done_ = std::move(done);
  tick_timer_.cancel();
  delivery_timer_.cancel();
  if (dispatcher_->held() > 0) arm_store_retry();
  // Polls still waiting for their host's rate limit never started: the runtime that takes over
  // makes them at once, under its own limits.
  client_->cancel_queued("the configuration was replaced");
  // What waits, and what the polls still running bring, is written without the quiet window.
  batch_->set_quiet_window(std::chrono::milliseconds{0});
  batch_->flush_soon();
  scheduler_->drain([this, alive = std::weak_ptr<int>(alive_)] {
    if (alive.expired()) return;
    polls_drained_ = true;
    check_drained();
  });
}

void Runtime::abort_all(std::string_view reason) { client_->abort_all(reason); }

void Runtime::check_drained() {
  if (!draining_ || !polls_drained_ || dispatcher_->in_flight() > 0 || !drain_done_) return;
  auto done = std::move(drain_done_);
  drain_done_ = nullptr;
  boost::asio::post(io_, std::move(done));
}

void Runtime::on_result(const pipeline::PollResult& result, std::optional<TimePoint>) {
  record(result);
  if (on_poll) on_poll(result);
  if (scheduler_ == nullptr) return;
  if (!result.report.alerts.empty()) pump_deliveries();
}

void Runtime::record(const pipeline::PollResult& result) {
  const auto& id = result.source_id;
  metrics_.count("watchdesk_fetches_total", "Fetch attempts by source and outcome.",
                 {{"source", id}, {"outcome", std::string(outcome_name(result.outcome))}});
  metrics_.count("watchdesk_fetch_bytes_total", "Body bytes received, after decoding.", {{"source", id}},
                 static_cast<double>(result.bytes));
  metrics_.observe("watchdesk_fetch_duration_seconds", "Fetch transfer time.", {},
                   std::chrono::duration<double>(result.elapsed).count());
  metrics_.observe("watchdesk_schedule_lateness_seconds", "Actual minus planned fetch start.", {},
                   std::chrono::duration<double>(result.lateness).count(),
                   observability::MetricsRegistry::lateness_buckets);
  const auto& report = result.report;
  for (const auto& reason : report.dropped) spdlog::info("source {}: dropped an item: {}", id, reason);
  for (const auto& reason : report.rejected) spdlog::warn("source {}: refused a point: {}", id, reason);
  if (!report.new_observations.empty())
    metrics_.count("watchdesk_observations_total", "New observations by source.", {{"source", id}},
                   static_cast<double>(report.new_observations.size()));
  for (const auto& alert : report.alerts) {
    spdlog::info("trigger {}: raised {}", alert.trigger, alert.id);
    metrics_.count("watchdesk_alerts_raised_total", "Alerts raised by trigger.", {{"trigger", alert.trigger}});
  }
}

void Runtime::ingest(const config::Source& source, http::Response response) {
  pipeline_->record(source, std::move(response), [this](pipeline::PollResult result) { on_result(result, std::nullopt); });
}

std::vector<pipeline::QueuedAlert> Runtime::evaluate_deadlines() {
  auto alerts = ingestor_->tick(options_.clock());
  for (const auto& alert : alerts) spdlog::info("trigger {}: raised {}", alert.trigger, alert.id);
  if (!alerts.empty()) pump_deliveries();
  return alerts;
}

void Runtime::tick() {
  auto alerts = evaluate_deadlines();
  ticked_.insert(ticked_.end(), alerts.begin(), alerts.end());
  send_due_digests();
}

void Runtime::send_due_digests() {
  if (!digests_) return;
  auto outcomes = digests_->run_due(options_.clock());
  // A failure (the state file locked or full) is tried again at the next tick: nothing was recorded.
  if (!outcomes) {
    spdlog::error("{}; trying again in a minute", outcomes.error().message);
    return;
  }
  bool queued = false;
  for (const auto& outcome : *outcomes) {
    if (outcome.step == digest::DigestStep::started) {
      const auto* config = config_->find_digest(outcome.digest_id);
      spdlog::info("digest {}: first send at {}", outcome.digest_id,
                   format_rfc3339(next_occurrence(config->schedule, outcome.scheduled_for)));
    } else if (outcome.step == digest::DigestStep::queued) {
      spdlog::info("digest {}: queued {}", outcome.digest_id, outcome.outbox_id);
      queued = true;
    }
  }
  if (queued) pump_deliveries();
}

void Runtime::arm_tick() {
  tick_timer_.expires_after(kTickInterval);
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || draining_) return;
    tick();
    arm_tick();
  });
}

void Runtime::pump_deliveries() {
  if (!delivering_ || draining_) return;
  dispatcher_->pump(now_utc());
  if (dispatcher_->sending() == 0) arm_delivery_timer();
}

void Runtime::arm_store_retry() {
  if (store_retry_armed_) return;
  store_retry_armed_ = true;
  store_retry_timer_.expires_after(kStoreRetry);
  store_retry_timer_.async_wait([this, alive = std::weak_ptr<int>(alive_)](const boost::system::error_code& ec) {
    if (alive.expired()) return;
    store_retry_armed_ = false;
    if (ec) return;
    const bool recorded = dispatcher_->record_held();
    if (draining_) {
      if (dispatcher_->held() > 0) arm_store_retry();
      else check_drained();
      return;
    }
    // Still locked: no claim now either (it would wait for the same lock).
    if (!recorded) {
      arm_store_retry();
      return;
    }
    pump_deliveries();
  });
}

void Runtime::arm_delivery_timer() {
  if (draining_) {
    check_drained();
    return;
  }
  if (!delivering_) return;
  const auto finish = [this] {
    delivering_ = false;
    deadline_timer_.cancel();
    if (auto done = std::move(deliver_done_)) {
      deliver_done_ = nullptr;
      boost::asio::post(io_, std::move(done));
    }
  };
  const bool past_deadline = deliver_deadline_ && std::chrono::steady_clock::now() >= *deliver_deadline_;
  if (past_deadline) {
    if (dispatcher_->held() > 0)
      spdlog::error("outbox: {} delivery outcome(s) could not be recorded before the --deliver-timeout; those "
                    "deliveries will be tried again",
                    dispatcher_->held());
    finish();
    return;
  }
  if (dispatcher_->blocked()) {
    arm_store_retry();
    return;
  }
  // `check` does not wait for deliveries another process holds: that process sends them.
  auto next = dispatcher_->next_due(deliver_deadline_ ? delivery::ForeignClaims::ignore : delivery::ForeignClaims::wait);
  if (!next) {
    if (deliver_deadline_) finish();
    return;
  }
  const auto wait = std::chrono::seconds(std::max<long long>(0, (*next - now_utc()).count()));
  if (deliver_deadline_ && std::chrono::steady_clock::now() + wait > *deliver_deadline_) {
    finish();
    return;
  }
  delivery_timer_.expires_after(wait);
  delivery_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) pump_deliveries();
  });
}

}  // namespace watchdesk::runtime
