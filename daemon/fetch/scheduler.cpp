// `Scheduler`: one timer over a priority queue of due sources; plans from poll results.
#include "daemon/fetch/scheduler.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "core/urls.hpp"
#include "daemon/http/client.hpp"

namespace watchdesk::fetch {

namespace asio = boost::asio;

namespace {

constexpr std::size_t lateness_samples = 4096;
// Polls a one-shot pass keeps in flight: the client's connections stay busy, and a pass over tens
// of thousands of sources does not hold a queued request (and its source) for each of them.
constexpr std::size_t once_window = 256;

long long seconds_up(Duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return ms <= 0 ? 0 : (ms + 999) / 1000;
}

TimePoint wall_after(Duration d) {
  return now_utc() + std::chrono::duration_cast<Seconds>(d + std::chrono::milliseconds(999));
}

}  // namespace

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

Scheduler::Scheduler(asio::io_context& io, std::vector<const config::Source*> sources, PollFunction poll,
                     ResultHandler on_result, SchedulerOptions options)
    : io_(io),
      poll_(std::move(poll)),
      on_result_(std::move(on_result)),
      options_(options),
      queue_(options.coalesce),
      windows_(options.host_window),
      timer_(io),
      random_(options.seed != 0 ? options.seed : std::random_device{}()) {
  entries_.reserve(sources.size());
  for (const config::Source* source : sources) {
    Entry entry;
    entry.source = source;
    entry.host = windows_.host(http::politeness_key(url_host(source->url)));
    entries_.push_back(std::move(entry));
  }
  index_.build(entries_.size(), [this](std::size_t i) { return id_at(i); });
  lateness_.recent.reserve(std::min(entries_.size(), lateness_samples));
}

Scheduler::~Scheduler() { alive_.reset(); }

double Scheduler::uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

std::string_view Scheduler::id_at(std::size_t index) const { return entries_[index].source->id; }

std::optional<std::size_t> Scheduler::position(std::string_view source_id) const {
  return index_.find(source_id, [this](std::size_t i) { return id_at(i); });
}

Scheduler::Entry* Scheduler::find(std::string_view source_id) {
  const auto at = position(source_id);
  return at ? &entries_[*at] : nullptr;
}

void Scheduler::restore(const store::FetchState& state) {
  Entry* entry = find(state.source_id);
  if (entry == nullptr || entry->adopted) return;
  if (state.url == entry->source->url) {
    entry->validators.etag = state.etag;
    entry->validators.last_modified = state.last_modified;
  }
  entry->failures = std::max(state.consecutive_failures, 0);
  entry->last_attempt = state.last_attempt;
}

void Scheduler::adopt(const Scheduler& previous) {
  for (const auto& old : previous.entries_) {
    Entry* entry = find(old.source->id);
    if (entry == nullptr) continue;
    if (entry->source->url != old.source->url) {
      if (old.in_flight || old.held) hold(entry->source->id);
      continue;
    }
    entry->adopted = true;
    entry->validators = old.validators;
    entry->failures = old.failures;
    entry->last_attempt = old.last_attempt;
    entry->held = old.in_flight || old.held;
    entry->next_due = old.next_due;
  }
}

void Scheduler::hold(std::string_view source_id) {
  Entry* entry = find(source_id);
  if (entry == nullptr || entry->held) return;
  entry->held = true;
  entry->held_apart = true;
  ++entry->generation;
  entry->next_due.reset();
}

std::vector<std::string> Scheduler::busy_sources() const {
  std::vector<std::string> busy;
  for (const auto& entry : entries_)
    if (entry.in_flight || entry.held) busy.push_back(entry.source->id);
  return busy;
}

void Scheduler::release(std::string_view source_id, const pipeline::PollResult& result) {
  Entry* entry = find(source_id);
  if (entry == nullptr || !entry->held) return;
  entry->held = false;
  if (std::exchange(entry->held_apart, false)) {
    // Polled again as soon as the other poll has ended, on this entry's own terms.
    if (mode_ == Mode::continuous && !entry->in_flight) schedule(static_cast<std::size_t>(entry - entries_.data()), Clock::now());
    return;
  }
  if (result.outcome != pipeline::PollOutcome::cancelled) {
    entry->validators = result.validators;
    entry->failures = result.consecutive_failures;
    entry->last_attempt = result.attempted_at;
  }
  const auto index = static_cast<std::size_t>(entry - entries_.data());
  if (mode_ != Mode::continuous) return;
  // A poll abandoned before it ran is due at once; one that ran is planned from its result.
  if (result.outcome == pipeline::PollOutcome::cancelled)
    schedule(index, Clock::now());
  else
    plan_after(index, result, Clock::now());
}

Duration Scheduler::retry_delay(const Entry& entry, std::optional<Seconds> retry_after) {
  return failure_delay(entry.failures, options_.backoff_base, options_.backoff_cap, entry.source->jitter,
                       uniform(), retry_after, options_.max_retry_after);
}

void Scheduler::start() {
  if (mode_ != Mode::idle) return;
  mode_ = Mode::continuous;
  const auto now = Clock::now();
  const TimePoint wall = now_utc();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    Entry& entry = entries_[i];
    if (entry.held) continue;  // planned when the previous runtime's poll ends
    if (entry.adopted && entry.next_due) {
      schedule(i, *entry.next_due);
      continue;
    }
    const Duration every = entry.source->every;
    Duration delay = first_delay(every, options_.initial_spread_cap, uniform());
    if (entry.last_attempt && *entry.last_attempt <= wall) {
      // Polled before: due one interval (or one back-off) after that attempt.
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
  once_next_ = 0;
  fill_once();
}

void Scheduler::fill_once() {
  const auto now = Clock::now();
  while (mode_ == Mode::once && in_flight_ < once_window && once_next_ < entries_.size()) dispatch(once_next_++, now);
}

void Scheduler::drain(std::function<void()> done) {
  drain_done_ = std::move(done);
  mode_ = Mode::draining;
  ++timer_generation_;
  timer_.cancel();
  timer_armed_ = false;
  for (auto& entry : entries_) entry.next_due.reset();
  windows_.clear_waiting();
  finish_attempt();
}

void Scheduler::schedule(std::size_t index, Clock::time_point at) {
  Entry& entry = entries_[index];
  ++entry.generation;
  entry.next_due = at;
  queue_.push(DuePoll{at, index, entry.generation});
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
  // Every source due within the coalescing window starts now, in this one wake-up.
  taken_.clear();
  queue_.take_due(Clock::now(), taken_);
  for (const DuePoll& due : taken_) {
    dispatch_windowed(due);
    if (mode_ != Mode::continuous) return;
  }
  // Stale plans at the front are dropped so the timer is not armed for nothing.
  Clock::time_point next{};
  if (queue_.next([this](const DuePoll& due) { return due.generation == entries_[due.index].generation; }, next))
    arm(next);
}

std::size_t Scheduler::due_waiting() const {
  const auto now = Clock::now();
  return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) {
    return !e.in_flight && e.next_due && *e.next_due <= now;
  }));
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
  if (entry.in_flight || entry.held) {
    // A poll of this source is already running: the one-shot pass counts it as done.
    if (mode_ == Mode::once && once_left_ > 0) --once_left_;
    finish_attempt();
    return;
  }
  entry.in_flight = true;
  entry.next_due.reset();
  ++in_flight_;
  entry.lateness = std::max(Duration::zero(), Clock::now() - planned);
  record_lateness(entry.lateness);
  entry.last_attempt = now_utc();
  std::weak_ptr<int> alive = alive_;
  poll_(*entry.source, entry.validators, entry.failures,
        [this, alive, index, planned](pipeline::PollResult result) {
          if (alive.expired()) return;
          on_result(index, std::move(result), planned);
        });
}

bool Scheduler::dispatch_windowed(const DuePoll& due) {
  Entry& entry = entries_[due.index];
  if (due.generation != entry.generation || entry.in_flight || entry.held) return false;
  if (!windows_.try_start(entry.host)) {
    windows_.wait(entry.host, due);
    return true;
  }
  entry.windowed = true;
  dispatch(due.index, due.at);
  return true;
}

void Scheduler::start_waiting(std::uint32_t host) {
  while (mode_ == Mode::continuous) {
    const auto due = windows_.next_waiting(host);
    if (!due || dispatch_windowed(*due)) return;
  }
}

void Scheduler::plan_after(std::size_t index, const pipeline::PollResult& result, Clock::time_point planned) {
  Entry& entry = entries_[index];
  const auto now = Clock::now();
  Duration next_in;
  if (result.outcome == pipeline::PollOutcome::failed) {
    next_in = retry_delay(entry, result.retry_after);
  } else {
    const auto due = planned + jittered_interval(entry.source->every, entry.source->jitter, uniform());
    next_in = std::max(Duration::zero(), due - now);
  }
  schedule(index, now + next_in);
}

void Scheduler::on_result(std::size_t index, pipeline::PollResult result, Clock::time_point planned) {
  Entry& entry = entries_[index];
  const config::Source& source = *entry.source;
  entry.in_flight = false;
  --in_flight_;
  const bool windowed = std::exchange(entry.windowed, false);
  if (windowed) windows_.finish(entry.host);
  const int previous_failures = entry.failures;
  if (result.outcome != pipeline::PollOutcome::cancelled) {
    entry.validators = result.validators;
    entry.failures = result.consecutive_failures;
  }

  result.lateness = std::chrono::duration_cast<std::chrono::microseconds>(entry.lateness);
  std::optional<TimePoint> next_attempt;
  if (mode_ == Mode::continuous && result.outcome != pipeline::PollOutcome::cancelled) {
    plan_after(index, result, planned);
    if (entry.next_due) next_attempt = wall_after(*entry.next_due - Clock::now());
  }

  switch (result.outcome) {
    case pipeline::PollOutcome::failed:
      if (next_attempt)
        spdlog::warn("source {}: {}, retrying in {} s", source.id, result.error,
                     seconds_up(*entry.next_due - Clock::now()));
      else
        spdlog::warn("source {}: {}", source.id, result.error);
      break;
    case pipeline::PollOutcome::fetched:
    case pipeline::PollOutcome::not_modified:
      if (previous_failures > 0)
        spdlog::info("source {}: healthy again after {} failed fetches", source.id, previous_failures);
      spdlog::debug("source {}: {} (HTTP {}, {} bytes)", source.id,
                    result.outcome == pipeline::PollOutcome::fetched ? "fetched" : "not modified", result.status,
                    result.bytes);
      break;
    case pipeline::PollOutcome::deferred:
      spdlog::info("source {}: {}", source.id, result.error);
      break;
    case pipeline::PollOutcome::cancelled: break;
  }

  std::weak_ptr<int> alive = alive_;
  if (on_result_) on_result_(result, next_attempt);
  if (alive.expired()) return;  // the handler destroyed the scheduler
  if (mode_ == Mode::once && once_left_ > 0) --once_left_;
  if (windowed) start_waiting(entry.host);
  fill_once();
  finish_attempt();
}

void Scheduler::finish_attempt() {
  std::weak_ptr<int> alive = alive_;
  if (mode_ == Mode::once && once_left_ == 0 && in_flight_ == 0 && once_done_) {
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

std::optional<SourceStatus> Scheduler::status(std::string_view source_id) const {
  const auto at = position(source_id);
  if (!at) return std::nullopt;
  const Entry& entry = entries_[*at];
  SourceStatus status;
  status.consecutive_failures = entry.failures;
  status.in_flight = entry.in_flight;
  status.held = entry.held;
  status.next_due = entry.next_due;
  status.validators = entry.validators;
  return status;
}

}  // namespace watchdesk::fetch
