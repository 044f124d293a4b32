// `Scheduler`: when each source is fetched (interval, jitter, backoff, Retry-After) and its health.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "daemon/fetch/timing.hpp"
#include "daemon/http/client.hpp"
#include "daemon/http/request.hpp"
#include "daemon/store/state_store.hpp"
#include "watchers/result.hpp"
#include "watchers/time.hpp"

namespace watchdesk::fetch {

/// Whether the caller could use a fetched body.
enum class Verdict { ok, failed };

/// What the caller made of a fetched body: `ok`, or `failed` with a message naming what was
/// wrong (`unparseable body: no <feed> element`). A failed body counts as a failed fetch.
struct Outcome {
  Verdict verdict = Verdict::ok;
  std::string message;

  /// The body was used.
  static Outcome success() { return {}; }
  /// The body was empty, unparseable or otherwise unusable.
  static Outcome failure(std::string message) { return {Verdict::failed, std::move(message)}; }
};

/// How one fetch attempt ended.
enum class FetchResult {
  /// A body arrived and the caller accepted it.
  fetched,
  /// 304: the document did not change; the caller was not asked to parse anything.
  not_modified,
  /// The transfer failed, the status was not 2xx/304, the body was empty, or the caller
  /// rejected it.
  failed,
};

/// Everything about one attempt, for source health, logs and the state store.
struct FetchReport {
  std::string source_id;
  std::string url;
  FetchResult result = FetchResult::failed;
  /// HTTP status (0 when there was no answer), libcurl's code and the transfer's failure kind.
  long status = 0;
  CURLcode curl_code = CURLE_OK;
  http::Failure failure = http::Failure::none;
  /// What went wrong, without the source prefix (empty on success).
  std::string error;
  /// The operator's line: `source crwv-price: HTTP 429 from stooq.com, retrying in 120 s`.
  std::string message;
  /// Failures in a row, this one included (0 after a success).
  int consecutive_failures = 0;
  /// The validators to persist for the next conditional GET (cleared when a body was rejected,
  /// so that the next fetch gets the whole document again).
  http::Validators validators;
  /// When the attempt started (wall clock), and when the next one is due (none in `run_once`).
  TimePoint attempted_at;
  std::optional<TimePoint> next_attempt;
  /// How late the attempt started against its plan (scheduling lateness).
  Duration lateness{0};
  /// Transfer time and body bytes.
  std::chrono::microseconds elapsed{0};
  std::uint64_t bytes = 0;

  /// Writes this attempt into a state-store row (fields the engine does not own are kept).
  void apply_to(store::FetchState& state) const;
};

/// Called with the response of a 2xx fetch with a non-empty body: parse it (the body may be moved
/// out) and say whether it was usable. Not called for 304 or failures. Exceptions are caught and
/// count as a failed fetch.
using ResponseHandler = std::function<Outcome(const config::Source& source, http::Response& response)>;

/// Called after every attempt with its report (persist health and validators here).
using ReportHandler = std::function<void(const FetchReport& report)>;

/// Tuning of the scheduler; the defaults suit the daemon.
struct SchedulerOptions {
  /// Backoff after failures: first delay and ceiling.
  std::chrono::milliseconds backoff_base{std::chrono::seconds(30)};
  std::chrono::milliseconds backoff_cap{std::chrono::hours(1)};
  /// First fetches are spread over the first interval, but over no more than this.
  std::chrono::milliseconds initial_spread_cap{std::chrono::minutes(15)};
  /// A `Retry-After` longer than this is taken as this.
  Seconds max_retry_after{24 * 3600};
  /// Seed of the jitter (0: random).
  std::uint64_t seed = 0;
};

/// Scheduling lateness (actual start minus planned start) over all attempts so far.
struct LatenessStats {
  std::uint64_t count = 0;
  Duration total{0};
  Duration max{0};
  /// The most recent samples (up to 4096), for percentiles.
  std::vector<Duration> recent;

  /// Mean lateness (zero before the first attempt).
  Duration mean() const;
  /// The `p` quantile (0..1) of the recent samples (zero before the first attempt).
  Duration percentile(double p) const;
};

/// A source as the scheduler sees it now.
struct SourceStatus {
  int consecutive_failures = 0;
  bool in_flight = false;
  /// When the next fetch is planned (none while in flight, drained or in `run_once`).
  std::optional<std::chrono::steady_clock::time_point> next_due;
  http::Validators validators;
};

/// Fetches every source through one `http::Client` on one timer: a priority queue of due times,
/// never a timer per source, never two fetches of one source at once. Two modes:
/// `start()` (continuous, for `watchdesk run`) and `run_once()` (every source once, for
/// `watchdesk check`). `drain()` stops scheduling and reports when in-flight fetches are done.
/// Single-threaded; destroy it before the client and the `io_context`.
class Scheduler {
 public:
  /// Checks the configuration (a User-Agent with an email when any source is on an SEC host)
  /// and builds the scheduler; the error says what to fix.
  static Result<std::unique_ptr<Scheduler>> create(boost::asio::io_context& io, http::Client& client,
                                                   std::vector<config::Source> sources,
                                                   SchedulerOptions options, ResponseHandler on_response,
                                                   ReportHandler on_report);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Feeds back what the state store remembers of a source (validators, failures, last attempt);
  /// call before `start()` or `run_once()`. Validators of another URL are ignored.
  void restore(const store::FetchState& state);

  /// Continuous mode: first fetches spread over the first interval (sooner for sources whose
  /// stored last attempt makes them due), then each source every `every` with jitter.
  void start();

  /// Fetches every source once, now, within the client's politeness limits; `done` runs (posted)
  /// when every fetch has been reported.
  void run_once(std::function<void()> done);

  /// Stops scheduling new fetches; in-flight fetches finish and are reported; then `done` runs
  /// (posted). Used for graceful shutdown.
  void drain(std::function<void()> done);

  /// Counts a failure the caller found after the fetch was reported (a parse done elsewhere):
  /// the source's failures grow, its validators are dropped, and its next fetch moves to the
  /// backoff delay. Unknown ids are ignored.
  void report_failure(std::string_view source_id, std::string message);

  /// The state of one source, if it exists.
  std::optional<SourceStatus> status(std::string_view source_id) const;
  /// Fetches started and not yet reported.
  std::size_t in_flight() const { return in_flight_; }
  /// Scheduling lateness so far.
  const LatenessStats& lateness() const { return lateness_; }

 private:
  using Clock = std::chrono::steady_clock;
  enum class Mode { idle, continuous, once, draining };

  struct Entry {
    config::Source source;
    http::Validators validators;
    int failures = 0;
    bool in_flight = false;
    std::optional<TimePoint> last_attempt;
    std::uint64_t generation = 0;
    std::optional<Clock::time_point> next_due;
  };
  struct Due {
    Clock::time_point at;
    std::size_t index;
    std::uint64_t generation;
    bool operator>(const Due& other) const { return at > other.at; }
  };

  Scheduler(boost::asio::io_context& io, http::Client& client, std::vector<config::Source> sources,
            SchedulerOptions options, ResponseHandler on_response, ReportHandler on_report);

  void schedule(std::size_t index, Clock::time_point at);
  void arm(Clock::time_point at);
  void on_timer();
  void dispatch(std::size_t index, Clock::time_point planned);
  void on_response(std::size_t index, http::Response response, Clock::time_point planned,
                   Duration lateness, TimePoint attempted_at);
  void finish_attempt();
  void record_lateness(Duration lateness);
  double uniform();
  Duration retry_delay(const Entry& entry, std::optional<Seconds> retry_after);
  void emit(const FetchReport& report);

  boost::asio::io_context& io_;
  http::Client& client_;
  SchedulerOptions options_;
  ResponseHandler on_response_;
  ReportHandler on_report_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> index_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> queue_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;
  Clock::time_point armed_for_{};
  std::uint64_t timer_generation_ = 0;
  Mode mode_ = Mode::idle;
  std::size_t in_flight_ = 0;
  std::size_t once_left_ = 0;
  std::function<void()> once_done_;
  std::function<void()> drain_done_;
  std::mt19937_64 random_;
  LatenessStats lateness_;
  std::size_t lateness_next_ = 0;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::fetch
