// `Scheduler`: one timer over a priority queue of due sources; outcomes, backoff and health.
#include "daemon/fetch/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "config/urls.hpp"

namespace watchdesk::fetch {

namespace asio = boost::asio;

namespace {

constexpr std::size_t lateness_samples = 4096;

long long seconds_up(Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return ms <= 0 ? 0 : (ms + 999) / 1000;
}

TimePoint wall_after(Duration d) {
  return now_utc() + std::chrono::duration_cast<Seconds>(d + std::chrono::milliseconds(999));
}

}  // namespace

void FetchReport::apply_to(store::FetchState& state) const {
  state.source_id = source_id;
  state.url = url;
  state.etag = validators.etag;
  state.last_modified = validators.last_modified;
  state.last_attempt = attempted_at;
  if (result != FetchResult::failed) state.last_success = attempted_at;
  state.last_status = status;
  state.last_error = result == FetchResult::failed ? error : std::string();
  state.consecutive_failures = consecutive_failures;
}

Duration LatenessStats::mean() const {
  return count == 0 ? Duration::zero() : total / static_cast<Duration::rep>(count);
}

Duration LatenessStats::percentile(double p) const {
  if (recent.empty()) return Duration::zero();
  std::vector<Duration> sorted = recent;
  std::sort(sorted.begin(), sorted.end());
  const double clamped = std::clamp(p, 0.0, 1.0);
  const auto at = static_cast<std::size_t>(clamped * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(at, sorted.size() - 1)];
}

Result<std::unique_ptr<Scheduler>> Scheduler::create(asio::io_context& io, http::Client& client,
                                                     std::vector<config::Source> sources,
                                                     SchedulerOptions options, ResponseHandler on_response,
                                                     ReportHandler on_report) {
  if (Status agent = http::check_user_agent(client.options().user_agent, sources); !agent.ok()) {
    return agent.error();
  }
  return std::unique_ptr<Scheduler>(new Scheduler(io, client, std::move(sources), options,
                                                  std::move(on_response), std::move(on_report)));
}

Scheduler::Scheduler(asio::io_context& io, http::Client& client, std::vector<config::Source> sources,
                     SchedulerOptions options, ResponseHandler on_response, ReportHandler on_report)
    : io_(io),
      client_(client),
      options_(options),
      on_response_(std::move(on_response)),
      on_report_(std::move(on_report)),
      timer_(io),
      random_(options.seed != 0 ? options.seed : std::random_device{}()) {
  entries_.reserve(sources.size());
  for (auto& source : sources) {
    index_.emplace(source.id, entries_.size());
    Entry entry;
    entry.source = std::move(source);
    entries_.push_back(std::move(entry));
  }
  lateness_.recent.reserve(std::min(entries_.size(), lateness_samples));
}

Scheduler::~Scheduler() { alive_.reset(); }

double Scheduler::uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

void Scheduler::restore(const store::FetchState& state) {
  auto it = index_.find(state.source_id);
  if (it == index_.end()) return;
  Entry& entry = entries_[it->second];
  if (state.url == entry.source.url) {
    entry.validators.etag = state.etag;
    entry.validators.last_modified = state.last_modified;
  }
  entry.failures = std::max(state.consecutive_failures, 0);
  entry.last_attempt = state.last_attempt;
}

Duration Scheduler::retry_delay(const Entry& entry, std::optional<Seconds> retry_after) {
  return failure_delay(entry.failures, options_.backoff_base, options_.backoff_cap, entry.source.jitter,
                       uniform(), retry_after, options_.max_retry_after);
}

void Scheduler::start() {
  if (mode_ != Mode::idle) return;
  mode_ = Mode::continuous;
  const auto now = Clock::now();
  const TimePoint wall = now_utc();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    Entry& entry = entries_[i];
    const Duration every = entry.source.every;
    Duration delay = first_delay(every, options_.initial_spread_cap, uniform());
    if (entry.last_attempt && *entry.last_attempt <= wall) {
      // Fetched before the restart: due one interval (or one backoff) after that attempt.
      const Duration since = wall - *entry.last_attempt;
      const Duration wait = entry.failures > 0 ? retry_delay(entry, std::nullopt) : every;
      if (since < wait) delay = wait - since;
    }
    schedule(i, now + delay);
  }
}

void Scheduler::run_once(std::function<void()> done) {
  if (mode_ != Mode::idle) return;
  mode_ = Mode::once;
  once_done_ = std::move(done);
  once_left_ = entries_.size();
  if (once_left_ == 0) {
    finish_attempt();
    return;
  }
  const auto now = Clock::now();
  for (std::size_t i = 0; i < entries_.size(); ++i) dispatch(i, now);
}

void Scheduler::drain(std::function<void()> done) {
  drain_done_ = std::move(done);
  mode_ = Mode::draining;
  ++timer_generation_;
  timer_.cancel();
  timer_armed_ = false;
  for (auto& entry : entries_) entry.next_due.reset();
  finish_attempt();
}

void Scheduler::schedule(std::size_t index, Clock::time_point at) {
  Entry& entry = entries_[index];
  ++entry.generation;
  entry.next_due = at;
  queue_.push(Due{at, index, entry.generation});
  if (!timer_armed_ || at < armed_for_) arm(at);
}

void Scheduler::arm(Clock::time_point at) {
  const std::uint64_t generation = ++timer_generation_;
  timer_armed_ = true;
  armed_for_ = at;
  timer_.expires_at(at);
  std::weak_ptr<int> alive = alive_;
  timer_.async_wait([this, alive, generation](const boost::system::error_code& ec) {
    if (alive.expired() || generation != timer_generation_) return;
    timer_armed_ = false;
    if (ec) return;
    on_timer();
  });
}

void Scheduler::on_timer() {
  if (mode_ != Mode::continuous) return;
  const auto now = Clock::now();
  while (!queue_.empty() && queue_.top().at <= now) {
    const Due due = queue_.top();
    queue_.pop();
    Entry& entry = entries_[due.index];
    if (due.generation != entry.generation || entry.in_flight) continue;
    dispatch(due.index, due.at);
  }
  // Drop stale entries at the top so the timer is not armed for nothing.
  while (!queue_.empty() && queue_.top().generation != entries_[queue_.top().index].generation) queue_.pop();
  if (!queue_.empty()) arm(queue_.top().at);
}

void Scheduler::record_lateness(Duration lateness) {
  ++lateness_.count;
  lateness_.total += lateness;
  lateness_.max = std::max(lateness_.max, lateness);
  if (lateness_.recent.size() < lateness_samples) {
    lateness_.recent.push_back(lateness);
  } else {
    lateness_.recent[lateness_next_] = lateness;
    lateness_next_ = (lateness_next_ + 1) % lateness_samples;
  }
}

void Scheduler::dispatch(std::size_t index, Clock::time_point planned) {
  Entry& entry = entries_[index];
  entry.in_flight = true;
  entry.next_due.reset();
  ++in_flight_;
  const auto now = Clock::now();
  const Duration lateness = std::max(Duration::zero(), now - planned);
  record_lateness(lateness);
  const TimePoint attempted_at = now_utc();
  entry.last_attempt = attempted_at;

  http::Request request;
  request.url = entry.source.url;
  request.label = "source " + entry.source.id;
  request.validators = entry.validators;
  if (entry.source.max_body > 0) request.limits.max_body = entry.source.max_body;

  std::weak_ptr<int> alive = alive_;
  client_.submit(std::move(request), [this, alive, index, planned, lateness, attempted_at](http::Response response) {
    if (alive.expired()) return;
    on_response(index, std::move(response), planned, lateness, attempted_at);
  });
}

void Scheduler::on_response(std::size_t index, http::Response response, Clock::time_point planned,
                            Duration lateness, TimePoint attempted_at) {
  Entry& entry = entries_[index];
  const config::Source& source = entry.source;
  entry.in_flight = false;
  --in_flight_;

  FetchReport report;
  report.source_id = source.id;
  report.url = source.url;
  report.status = response.status;
  report.curl_code = response.curl_code;
  report.failure = response.failure;
  report.attempted_at = attempted_at;
  report.lateness = lateness;
  report.elapsed = response.elapsed;
  report.bytes = response.bytes;

  const std::string host = config::url_host(response.url);
  if (response.ok()) {
    Outcome outcome;
    if (response.body.empty()) {
      outcome = Outcome::failure(fmt::format("empty body from {} (HTTP {})", host.empty() ? source.url : host,
                                             response.status));
    } else if (on_response_) {
      try {
        outcome = on_response_(source, response);
      } catch (const std::exception& e) {
        outcome = Outcome::failure(std::string("the parser failed: ") + e.what());
      } catch (...) {
        outcome = Outcome::failure("the parser failed");
      }
    }
    if (outcome.verdict == Verdict::ok) {
      report.result = FetchResult::fetched;
      entry.validators = response.validators;
    } else {
      report.result = FetchResult::failed;
      report.error = outcome.message;
      // The body was unusable: fetch the whole document next time, not a 304.
      entry.validators = {};
    }
  } else if (response.not_modified()) {
    report.result = FetchResult::not_modified;
    if (!response.validators.etag.empty()) entry.validators.etag = response.validators.etag;
    if (!response.validators.last_modified.empty()) {
      entry.validators.last_modified = response.validators.last_modified;
    }
  } else {
    report.result = FetchResult::failed;
    report.error = http::describe_failure(response);
  }

  const bool failed = report.result == FetchResult::failed;
  const int previous_failures = entry.failures;
  entry.failures = failed ? entry.failures + 1 : 0;
  report.consecutive_failures = entry.failures;
  report.validators = entry.validators;

  const auto now = Clock::now();
  std::optional<Duration> next_in;
  if (mode_ == Mode::continuous) {
    if (failed) {
      next_in = retry_delay(entry, response.retry_after);
    } else {
      const auto due = planned + jittered_interval(source.every, source.jitter, uniform());
      next_in = std::max(Duration::zero(), due - now);
    }
    report.next_attempt = wall_after(*next_in);
  }

  if (failed) {
    report.message = next_in ? fmt::format("source {}: {}, retrying in {} s", source.id, report.error,
                                           seconds_up(*next_in))
                             : fmt::format("source {}: {}", source.id, report.error);
    spdlog::warn("{}", report.message);
  } else {
    report.message = report.result == FetchResult::not_modified
                         ? fmt::format("source {}: not modified (HTTP 304)", source.id)
                         : fmt::format("source {}: fetched {} bytes (HTTP {})", source.id, report.bytes,
                                       report.status);
    if (previous_failures > 0) {
      spdlog::info("source {}: healthy again after {} failed fetches", source.id, previous_failures);
    }
    spdlog::debug("{}", report.message);
  }

  std::weak_ptr<int> alive = alive_;
  emit(report);
  if (alive.expired()) return;  // the report handler destroyed the scheduler
  if (next_in && mode_ == Mode::continuous) schedule(index, now + *next_in);
  if (once_left_ > 0) --once_left_;  // only counts down for fetches of `run_once`
  finish_attempt();
}

void Scheduler::emit(const FetchReport& report) {
  if (!on_report_) return;
  try {
    on_report_(report);
  } catch (const std::exception& e) {
    spdlog::error("source {}: the report handler failed: {}", report.source_id, e.what());
  } catch (...) {
    spdlog::error("source {}: the report handler failed", report.source_id);
  }
}

void Scheduler::finish_attempt() {
  std::weak_ptr<int> alive = alive_;
  if (mode_ == Mode::once && once_left_ == 0 && once_done_) {
    asio::post(io_, [this, alive, done = std::move(once_done_)] {
      if (!alive.expired()) mode_ = Mode::idle;
      done();
    });
    once_done_ = nullptr;
  }
  if (mode_ == Mode::draining && in_flight_ == 0) {
    if (once_done_) {
      asio::post(io_, [done = std::move(once_done_)] { done(); });
      once_done_ = nullptr;
    }
    if (drain_done_) {
      asio::post(io_, [done = std::move(drain_done_)] { done(); });
      drain_done_ = nullptr;
    }
  }
}

void Scheduler::report_failure(std::string_view source_id, std::string message) {
  auto it = index_.find(std::string(source_id));
  if (it == index_.end()) return;
  const std::size_t index = it->second;
  Entry& entry = entries_[index];
  entry.validators = {};
  if (entry.in_flight) return;  // the attempt under way decides the streak
  ++entry.failures;

  FetchReport report;
  report.source_id = entry.source.id;
  report.url = entry.source.url;
  report.result = FetchResult::failed;
  report.error = std::move(message);
  report.consecutive_failures = entry.failures;
  report.attempted_at = entry.last_attempt.value_or(now_utc());
  std::optional<Duration> next_in;
  if (mode_ == Mode::continuous) {
    next_in = retry_delay(entry, std::nullopt);
    report.next_attempt = wall_after(*next_in);
    report.message = fmt::format("source {}: {}, retrying in {} s", entry.source.id, report.error,
                                 seconds_up(*next_in));
  } else {
    report.message = fmt::format("source {}: {}", entry.source.id, report.error);
  }
  spdlog::warn("{}", report.message);
  std::weak_ptr<int> alive = alive_;
  emit(report);
  if (alive.expired()) return;
  if (next_in) schedule(index, Clock::now() + *next_in);
}

std::optional<SourceStatus> Scheduler::status(std::string_view source_id) const {
  auto it = index_.find(std::string(source_id));
  if (it == index_.end()) return std::nullopt;
  const Entry& entry = entries_[it->second];
  SourceStatus status;
  status.consecutive_failures = entry.failures;
  status.in_flight = entry.in_flight;
  status.next_due = entry.next_due;
  status.validators = entry.validators;
  return status;
}

}  // namespace watchdesk::fetch
