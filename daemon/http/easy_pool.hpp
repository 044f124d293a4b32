// `EasyPool`: libcurl easy handles kept between transfers, reset to libcurl's defaults before reuse.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <vector>

namespace watchdesk::http {

/// Idle easy handles of one `CurlMulti`. A transfer takes a handle and gives it back when it is
/// done; a handle taken again has been through `curl_easy_reset`, so it carries no option, header
/// list, callback or URL of its previous transfer (only what libcurl keeps for reuse: its DNS
/// and TLS session caches). Creating and freeing a handle per transfer costs more than the reset.
/// Single-threaded, like its `CurlMulti`.
class EasyPool {
 public:
  /// Keeps at most `max_idle` idle handles; a handle given back beyond that is freed.
  explicit EasyPool(std::size_t max_idle) : max_idle_(max_idle) {}
  ~EasyPool() { clear(); }
  EasyPool(const EasyPool&) = delete;
  EasyPool& operator=(const EasyPool&) = delete;

  /// An idle handle reset to libcurl's defaults, or a new one; nullptr when libcurl cannot
  /// allocate one.
  CURL* take();
  /// Takes `easy` back (it must not be in a multi handle any more); nullptr is ignored.
  void give(CURL* easy);
  /// Frees every idle handle (before the share handle they were attached to is cleaned up).
  void clear();

  /// Idle handles held.
  std::size_t idle() const { return idle_.size(); }

 private:
  std::size_t max_idle_;
  std::vector<CURL*> idle_;
};

}  // namespace watchdesk::http
