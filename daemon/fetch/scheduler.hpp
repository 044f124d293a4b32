// `Scheduler`: when each source is polled (interval, jitter, back-off, Retry-After); what a poll
// does is the poll pipeline's business, and source health is the store's.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/key_index.hpp"
#include "core/time.hpp"
#include "daemon/fetch/due_queue.hpp"
#include "daemon/fetch/host_windows.hpp"
#include "daemon/fetch/timing.hpp"
#include "daemon/http/request.hpp"
#include "daemon/pipeline/poll.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::fetch {

/// Polls one source: the poll pipeline's entry point (`PollPipeline::poll`), or a fake in tests.
using PollFunction = std::function<void(const config::Source& source, const http::Validators& validators,
                                        int failures, std::function<void(pipeline::PollResult)> done)>;

/// Called after every poll with its result and when the next one is due (none outside the
/// continuous mode).
using ResultHandler = std::function<void(const pipeline::PollResult& result, std::optional<TimePoint> next_attempt)>;

/// Tuning of the scheduler; the defaults suit the daemon.
struct SchedulerOptions {
  /// Back-off after failures: first delay and ceiling.
  std::chrono::milliseconds backoff_base{std::chrono::seconds(30)};
  std::chrono::milliseconds backoff_cap{std::chrono::hours(1)};
  /// First polls are spread over the first interval, but over no more than this.
  std::chrono::milliseconds initial_spread_cap{std::chrono::minutes(15)};
  /// A `Retry-After` longer than this is taken as this.
  Seconds max_retry_after{24 * 3600};
  /// Seed of the jitter (0: random).
  std::uint64_t seed = 0;
  /// Sources due within this of the one that wakes the loop start with it (see `DueQueue`).
  std::chrono::milliseconds coalesce{50};
  /// Polls of one host (its politeness key) running at once at most under `start()`; the host's
  /// other due polls wait in the scheduler until one ends (see `HostWindows`), so a burst of due
  /// sources holds a plan for each, not a queued request.
  std::size_t host_window = 1024;
};

/// Scheduling lateness (actual start minus planned start) over all polls so far.
struct LatenessStats {
  std::uint64_t count = 0;
  Duration total{0};
  Duration max{0};
  /// The most recent samples (up to 4096), for percentiles.
  std::vector<Duration> recent;

  /// Mean lateness (zero before the first poll).
  Duration mean() const;
  /// The `p` quantile (0..1) of the recent samples (zero before the first poll).
  Duration percentile(double p) const;
};

/// A source as the scheduler sees it now.
struct SourceStatus {
  int consecutive_failures = 0;
  bool in_flight = false;
  /// True while a previous runtime's poll of it is still running (after a reload).
  bool held = false;
  /// When the next poll is planned (none while in flight, held, drained or outside `start`).
  std::optional<std::chrono::steady_clock::time_point> next_due;
  http::Validators validators;
};

/// Polls every source on one timer: a queue of due times, never a timer per source, sources due
/// within `SchedulerOptions::coalesce` of each other started in one wake-up, never
/// two polls of one source at once (also across reloads: `adopt` holds a source while the previous
/// scheduler's poll of it runs). Modes: `start()` (continuous, for `run`) and `run_once()` (each
/// source once, now, for `check`). `drain()` stops scheduling and reports when polls in flight are
/// done. Single-threaded; destroy it before the `io_context`.
class Scheduler {
 public:
  /// Polls `sources`, which outlive the scheduler (the runtime's configuration holds them).
  Scheduler(boost::asio::io_context& io, std::vector<const config::Source*> sources, PollFunction poll,
            ResultHandler on_result, SchedulerOptions options = {});
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Feeds back what the state store remembers of a source (validators, failures, last attempt);
  /// call before `start()` or `run_once()`. Validators of another URL are ignored.
  void restore(const store::FetchState& state);

  /// Takes over from `previous` (the scheduler of the runtime a reload replaces) every source with
  /// the same id and URL: its plan, validators and failures. A source with the same id whose poll
  /// is still running there (whatever its URL) is held until `release` says that poll ended. Call
  /// before `start()`.
  void adopt(const Scheduler& previous);

  /// Holds `source_id` until `release`: a runtime retired earlier is still polling it.
  void hold(std::string_view source_id);

  /// The sources with a poll running here, or held for one running elsewhere.
  std::vector<std::string> busy_sources() const;

  /// The previous scheduler's poll of `source_id` ended with `result`: the source is no longer
  /// held, takes the result's validators and failures, and is planned from it.
  void release(std::string_view source_id, const pipeline::PollResult& result);

  /// Continuous mode: sources not adopted are first polled spread over their first interval (sooner
  /// when the stored last attempt makes them due), then every `every` with jitter.
  void start();

  /// Polls every source once, now, at most 256 at a time; `done` runs (posted) when every poll
  /// has ended.
  void run_once(std::function<void()> done);

  /// Stops planning new polls; polls in flight finish and are reported; then `done` runs (posted).
  void drain(std::function<void()> done);

  /// The state of one source, if it exists.
  std::optional<SourceStatus> status(std::string_view source_id) const;
  /// Polls started and not yet ended.
  std::size_t in_flight() const { return in_flight_; }
  /// Sources due and waiting for the loop (their planned time has passed).
  std::size_t due_waiting() const;
  /// Scheduling lateness so far.
  const LatenessStats& lateness() const { return lateness_; }

 private:
  using Clock = std::chrono::steady_clock;
  enum class Mode { idle, continuous, once, draining };

  struct Entry {
    // The runtime's configuration holds it: the scheduler polls it, never copies it.
    const config::Source* source = nullptr;
    http::Validators validators;
    int failures = 0;
    /// The source's host in `windows_`.
    std::uint32_t host = 0;
    bool in_flight = false;
    bool held = false;
    /// The poll under way counts in its host's window (started under `start()`).
    bool windowed = false;
    /// Held for a poll of another URL or of a runtime this one did not adopt from: the result
    /// of that poll says nothing about this entry's validators or back-off.
    bool held_apart = false;
    bool adopted = false;
    std::optional<TimePoint> last_attempt;
    std::uint64_t generation = 0;
    std::optional<Clock::time_point> next_due;
    /// How late the poll under way started.
    Duration lateness{0};
  };

  Entry* find(std::string_view source_id);
  std::optional<std::size_t> position(std::string_view source_id) const;
  std::string_view id_at(std::size_t index) const;
  void schedule(std::size_t index, Clock::time_point at);
  void arm(Clock::time_point at);
  void on_timer();
  void dispatch(std::size_t index, Clock::time_point planned);
  // Starts `due` now if its host has room, else leaves it waiting for its host; false when the
  // plan is stale (the source was replanned, is running or is held).
  bool dispatch_windowed(const DuePoll& due);
  // Starts the next current poll waiting for `host`, if it has room.
  void start_waiting(std::uint32_t host);
  void on_result(std::size_t index, pipeline::PollResult result, Clock::time_point planned);
  void plan_after(std::size_t index, const pipeline::PollResult& result, Clock::time_point planned);
  void finish_attempt();
  void record_lateness(Duration lateness);
  double uniform();
  Duration retry_delay(const Entry& entry, std::optional<Seconds> retry_after);
  // Dispatches the one-shot pass's next sources while fewer than its window are in flight.
  void fill_once();

  boost::asio::io_context& io_;
  PollFunction poll_;
  ResultHandler on_result_;
  SchedulerOptions options_;
  std::vector<Entry> entries_;
  // Entries by source id (the sources' own ids, not copies).
  KeyIndex index_;
  DueQueue queue_;
  HostWindows windows_;
  // What one wake-up takes from `queue_` (kept to reuse its capacity).
  std::vector<DuePoll> taken_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;
  Clock::time_point armed_for_{};
  std::uint64_t timer_generation_ = 0;
  Mode mode_ = Mode::idle;
  std::size_t in_flight_ = 0;
  std::size_t once_left_ = 0;
  // The next source the one-shot pass dispatches.
  std::size_t once_next_ = 0;
  std::function<void()> once_done_;
  std::function<void()> drain_done_;
  std::mt19937_64 random_;
  LatenessStats lateness_;
  std::size_t lateness_next_ = 0;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::fetch
