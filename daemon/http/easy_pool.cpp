// `EasyPool`: idle libcurl easy handles, reset before they are handed out again.
#include "daemon/http/easy_pool.hpp"

namespace watchdesk::http {

CURL* EasyPool::take() {
  if (idle_.empty()) return curl_easy_init();
  CURL* easy = idle_.back();
  idle_.pop_back();
  return easy;
}

void EasyPool::give(CURL* easy) {
  if (easy == nullptr) return;
  if (idle_.size() >= max_idle_) {
    curl_easy_cleanup(easy);
    return;
  }
  // Reset now, not when taken: an idle handle keeps no pointer into the transfer that used it.
  curl_easy_reset(easy);
  idle_.push_back(easy);
}

void EasyPool::clear() {
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
  idle_.clear();
}

}  // namespace watchdesk::http
