// `HostWindows`: a running count and a queue of waiting polls per host.
#include "daemon/fetch/host_windows.hpp"

namespace watchdesk::fetch {

std::uint32_t HostWindows::host(std::string_view key) {
  auto [it, added] = numbers_.try_emplace(std::string(key), static_cast<std::uint32_t>(hosts_.size()));
  if (added) hosts_.emplace_back();
  return it->second;
}

bool HostWindows::try_start(std::uint32_t host) {
  Host& h = hosts_[host];
  if (h.running >= limit_) return false;
  ++h.running;
  return true;
}

void HostWindows::finish(std::uint32_t host) {
  Host& h = hosts_[host];
  if (h.running > 0) --h.running;
}

void HostWindows::wait(std::uint32_t host, const DuePoll& poll) {
  hosts_[host].waiting.push_back(poll);
  ++waiting_;
}

std::optional<DuePoll> HostWindows::next_waiting(std::uint32_t host) {
  Host& h = hosts_[host];
  if (h.waiting.empty() || h.running >= limit_) return std::nullopt;
  DuePoll poll = h.waiting.front();
  h.waiting.pop_front();
  --waiting_;
  return poll;
}

void HostWindows::clear_waiting() {
  for (Host& h : hosts_) h.waiting.clear();
  waiting_ = 0;
}

}  // namespace watchdesk::fetch
