// One libcurl easy handle set up from a `Request`, collecting its `Response` (used by `CurlMulti`).
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/http/easy_pool.hpp"
#include "daemon/http/request.hpp"
#include "core/result.hpp"

namespace watchdesk::http {

/// Runs once with the finished `Response` of a transfer.
using Completion = std::function<void(Response)>;

/// Calls `done` with `response` and logs, never propagates, what it throws: an exception must not
/// unwind through libcurl or the event loop. `what` names the completion in the log line
/// (`http: a transfer completion threw: ...`).
void call_completion(const Completion& done, Response response, std::string_view what);

/// A transfer's identity within its `CurlMulti` (never reused in a process).
using TransferId = std::uint64_t;

/// An easy handle with everything libcurl points at (header lists, body, buffers) for as long
/// as the transfer lives. Not copyable or movable: libcurl holds pointers into it.
class Transfer {
 public:
  /// Takes the request and the completion; call `setup()` before adding the handle to a multi.
  Transfer(TransferId id, Request request, Completion done);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  /// Takes an easy handle from `pool` and configures it; an error names what could not be set.
  /// The handle goes back to `pool` when the transfer is destroyed, so `pool` must outlive it.
  Status setup(CURLSH* share, EasyPool& pool);

  /// The easy handle (valid after a successful `setup()`).
  CURL* easy() const { return easy_; }
  TransferId id() const { return id_; }
  const Request& request() const { return request_; }

  /// Builds the response from libcurl's result; the body is moved out.
  Response finish(CURLcode code);
  /// A response for a transfer that never reached libcurl or was cancelled.
  Response fail(CURLcode code, Failure failure, std::string message);
  /// Hands the completion over (it is left empty).
  Completion take_completion() { return std::move(done_); }

 private:
  static size_t on_write(char* data, size_t size, size_t count, void* self);
  static size_t on_header(char* data, size_t size, size_t count, void* self);
  static size_t on_read(char* buffer, size_t size, size_t count, void* self);
  static int on_seek(void* self, curl_off_t offset, int origin);

  TransferId id_;
  Request request_;
  Completion done_;
  CURL* easy_ = nullptr;
  EasyPool* pool_ = nullptr;
  curl_slist* headers_ = nullptr;
  curl_slist* recipients_ = nullptr;
  curl_slist* resolve_ = nullptr;
  std::string protocols_;
  std::size_t max_body_ = 0;
  std::size_t upload_offset_ = 0;
  bool too_large_ = false;
  bool reserved_ = false;
  Response response_;
  char error_[CURL_ERROR_SIZE] = {};
};

}  // namespace watchdesk::http
