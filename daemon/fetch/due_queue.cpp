// `DueQueue`: a min-heap of planned polls, emptied a window at a time.
#include "daemon/fetch/due_queue.hpp"

namespace watchdesk::fetch {

void DueQueue::take_due(std::chrono::steady_clock::time_point now, std::vector<DuePoll>& out) {
  const auto until = now + window_;
  while (!queue_.empty() && queue_.top().at <= until) {
    out.push_back(queue_.top());
    queue_.pop();
  }
}

bool DueQueue::next(const std::function<bool(const DuePoll&)>& current, std::chrono::steady_clock::time_point& at) {
  while (!queue_.empty() && !current(queue_.top())) queue_.pop();
  if (queue_.empty()) return false;
  at = queue_.top().at;
  return true;
}

}  // namespace watchdesk::fetch
