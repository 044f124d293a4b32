// `Runtime`: everything that polls and delivers for one configuration — HTTP client, scheduler,
// poll pipeline, ingestor and dispatcher — bound to one `shared_ptr<const Config>`. `run` keeps one
// and swaps in a whole new one at reload; `check` builds one, polls every needed source once,
// delivers, and drops it.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "daemon/archive/archive_writer.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/delivery/dispatcher.hpp"
#include "daemon/digest/digest_schedule.hpp"
#include "daemon/fetch/scheduler.hpp"
#include "daemon/http/client.hpp"
#include "daemon/observability/metrics_registry.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/pipeline/ingest_batch.hpp"
#include "daemon/pipeline/poll.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::runtime {

/// Whether fetched bodies are archived: as `[watchdesk] archive` says, or not at all (`check
/// --dry-run`, `replay`).
enum class Archiving { as_configured, off };

/// How a runtime is built.
struct RuntimeOptions {
  /// Evaluate only these triggers and poll only the sources they need (empty: all).
  std::vector<std::string> only_triggers;
  /// Scheduler tuning (tests set a seed and short back-offs).
  fetch::SchedulerOptions scheduler;
  /// Where the pipeline and the triggers read `now` (`replay`: a virtual clock).
  UtcClock clock = wall_clock();
  Archiving archiving = Archiving::as_configured;
};

/// One configuration's poller and deliverer. Single-threaded, on the loop; destroy it before the
/// `io_context`, and only after `drain` reported (or after `abort_all`).
class Runtime {
 public:
  /// Builds every part from `config` (already checked by the loader) over `store`; an error says
  /// what could not be set up (nothing is started).
  static Result<std::unique_ptr<Runtime>> build(boost::asio::io_context& io, std::shared_ptr<const config::Config> config,
                                                std::shared_ptr<store::StateStore> store,
                                                observability::MetricsRegistry& metrics, std::ostream& out,
                                                RuntimeOptions options = {});
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  /// `run`: polls continuously, evaluates deadlines and digest schedules every minute and delivers. Sources that
  /// `previous` (the runtime a reload replaces) also had keep their plan, validators and back-off;
  /// those it is still polling wait for that poll (`release_from`). Delivery starts at once unless
  /// `previous` still has deliveries in flight: then at `enable_delivery`.
  void start(const Runtime* previous);

  /// Starts delivering (after the previous runtime's deliveries ended).
  void enable_delivery();

  /// The previous runtime's poll of a source ended: plan the source here from its result.
  void release_from(const pipeline::PollResult& result);

  /// Holds every source `retired` is still polling until that poll ends (`release_from`).
  void hold_busy_sources(const Runtime& retired);

  /// `check`: polls every needed source once, now, then evaluates deadlines; `done` runs when all
  /// ended.
  void poll_once(std::function<void()> done);

  /// `check`: delivers what is pending now and retries what falls due before `deadline`; `done` runs
  /// when nothing more can happen before it (transfers still running then are aborted).
  void deliver_until(std::chrono::steady_clock::time_point deadline, std::function<void()> done);

  /// `replay`: ingests `response` as the answer `source` gave at the clock's time, through the same
  /// pipeline as a poll; `on_poll` sees its result. Nothing is delivered unless delivery was started.
  void ingest(const config::Source& source, http::Response response);

  /// Evaluates time-driven conditions (deadlines) at the clock's time, as `run` does every minute;
  /// returns the alerts raised.
  std::vector<pipeline::QueuedAlert> evaluate_deadlines();

  /// Stops polling, the deadline tick and new deliveries; `done` runs when polls and deliveries in
  /// flight have ended.
  void drain(std::function<void()> done);

  /// Fails every queued request and aborts every running transfer.
  void abort_all(std::string_view reason);

  /// Called after every poll.
  std::function<void(const pipeline::PollResult&)> on_poll;

  /// The configuration this runtime runs, its store and scheduler.
  const config::Config& config() const { return *config_; }
  const std::shared_ptr<const config::Config>& shared_config() const { return config_; }
  store::StateStore& store() { return *store_; }
  const std::shared_ptr<store::StateStore>& shared_store() const { return store_; }
  const fetch::Scheduler& scheduler() const { return *scheduler_; }
  /// Alerts raised by the deadline evaluation of `poll_once`.
  const std::vector<pipeline::QueuedAlert>& ticked() const { return ticked_; }
  /// Deliveries handed to a channel and not yet answered.
  int deliveries_in_flight() const { return dispatcher_->in_flight(); }
  /// Requests queued or running in the HTTP client.
  std::size_t requests_pending() const { return client_->pending(); }
  /// Fetches due and not started: due in the scheduler, or queued in the client for a host.
  std::size_t fetches_queued() const { return scheduler_->due_waiting() + client_->queued_fetches(); }

 private:
  Runtime(boost::asio::io_context& io, std::shared_ptr<const config::Config> config,
          std::shared_ptr<store::StateStore> store, observability::MetricsRegistry& metrics, std::ostream& out,
          RuntimeOptions options);
  void on_result(const pipeline::PollResult& result, std::optional<TimePoint> next_attempt);
  void record(const pipeline::PollResult& result);
  void pump_deliveries();
  void arm_delivery_timer();
  void arm_store_retry();
  void arm_tick();
  void tick();
  void send_due_digests();
  void check_drained();

  boost::asio::io_context& io_;
  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<store::StateStore> store_;
  observability::MetricsRegistry& metrics_;
  RuntimeOptions options_;
  std::unique_ptr<http::Client> client_;
  std::unique_ptr<archive::ArchiveWriter> archive_;
  std::unique_ptr<pipeline::Ingestor> ingestor_;
  std::unique_ptr<pipeline::IngestBatch> batch_;
  std::unique_ptr<pipeline::PollPipeline> pipeline_;
  std::unique_ptr<delivery::ChannelTransport> transport_;
  std::unique_ptr<delivery::Dispatcher> dispatcher_;
  std::unique_ptr<fetch::Scheduler> scheduler_;
  /// Set by `start` only: `check` sends no scheduled digest.
  std::unique_ptr<digest::DigestSchedule> digests_;
  boost::asio::steady_timer delivery_timer_;
  boost::asio::steady_timer tick_timer_;
  boost::asio::steady_timer deadline_timer_;
  boost::asio::steady_timer store_retry_timer_;
  bool store_retry_armed_ = false;
  bool delivering_ = false;
  bool draining_ = false;
  bool polls_drained_ = false;
  std::function<void()> drain_done_;
  std::function<void()> deliver_done_;
  std::optional<std::chrono::steady_clock::time_point> deliver_deadline_;
  std::vector<pipeline::QueuedAlert> ticked_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::runtime
