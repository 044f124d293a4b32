// `DueQueue`: when sources are due, earliest first, taken a window at a time.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace watchdesk::fetch {

/// A source's planned poll: when, which entry, and the entry's plan it belongs to (a later plan
/// of the same entry makes it stale).
struct DuePoll {
  std::chrono::steady_clock::time_point at;
  std::size_t index = 0;
  std::uint64_t generation = 0;
  bool operator>(const DuePoll& other) const { return at > other.at; }
};

/// The planned polls, earliest first. `take_due` hands out together every poll due within
/// `window` of now, so that sources planned a few milliseconds apart start in one wake-up of the
/// loop instead of one each; a poll is never handed out more than `window` before it is due.
class DueQueue {
 public:
  /// `window`: how early a poll may be started to join others (zero: none earlier than due).
  explicit DueQueue(std::chrono::milliseconds window) : window_(window) {}

  /// Plans a poll.
  void push(DuePoll poll) { queue_.push(poll); }
  /// Appends to `out`, earliest first, every poll due at or before `now + window`, stale or not.
  void take_due(std::chrono::steady_clock::time_point now, std::vector<DuePoll>& out);
  /// Drops the stale polls at the front (`current` says which are not), then gives when the
  /// earliest current one is due; false when none is planned.
  bool next(const std::function<bool(const DuePoll&)>& current, std::chrono::steady_clock::time_point& at);
  /// Planned polls, stale ones included.
  std::size_t size() const { return queue_.size(); }
  /// How early a poll may be started.
  std::chrono::milliseconds window() const { return window_; }

 private:
  std::chrono::milliseconds window_;
  std::priority_queue<DuePoll, std::vector<DuePoll>, std::greater<>> queue_;
};

}  // namespace watchdesk::fetch
