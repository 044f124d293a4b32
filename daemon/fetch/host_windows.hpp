// `HostWindows`: polls running per host, and the due polls that wait for one of them to end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/fetch/due_queue.hpp"

namespace watchdesk::fetch {

/// Counts the polls running for each host (a politeness key) and holds, first come first
/// served, the due polls of a host that already runs `limit`: a burst of due sources of one host
/// waits here as plans (a `DuePoll` each) rather than as requests in the HTTP client's queue,
/// while polls of other hosts start as they come due. Single-threaded.
class HostWindows {
 public:
  /// `limit`: polls of one host running at once at most (at least 1).
  explicit HostWindows(std::size_t limit) : limit_(limit == 0 ? 1 : limit) {}

  /// The number of host `key`, the same for every call with that key.
  std::uint32_t host(std::string_view key);
  /// Counts a poll of `host` as running and returns true, unless `limit` of them already run.
  bool try_start(std::uint32_t host);
  /// A running poll of `host` ended.
  void finish(std::uint32_t host);
  /// Keeps `poll` until `host` has room.
  void wait(std::uint32_t host, const DuePoll& poll);
  /// The longest-waiting poll of `host`, taken out, when `host` has room for it (not yet counted
  /// as running: `try_start` does that).
  std::optional<DuePoll> next_waiting(std::uint32_t host);
  /// Drops every waiting poll.
  void clear_waiting();

  /// Polls of `host` running, and polls waiting for any host.
  std::size_t running(std::uint32_t host) const { return hosts_[host].running; }
  std::size_t waiting() const { return waiting_; }

 private:
  struct Host {
    std::size_t running = 0;
    std::deque<DuePoll> waiting;
  };
  std::size_t limit_;
  std::unordered_map<std::string, std::uint32_t> numbers_;
  std::vector<Host> hosts_;
  std::size_t waiting_ = 0;
};

}  // namespace watchdesk::fetch
