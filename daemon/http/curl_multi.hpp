// `CurlMulti`: one libcurl multi handle driven by the Asio loop through the multi-socket interface.
#pragma once

#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <optional>

#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "daemon/http/easy_pool.hpp"
#include "daemon/http/request.hpp"
#include "daemon/http/transfer.hpp"

namespace watchdesk::http {

/// Settings of the multi handle.
struct MultiOptions {
  /// Connections to one host name at most (CURLMOPT_MAX_HOST_CONNECTIONS; 0: no limit).
  long max_host_connections = 4;
  /// Connections in total at most (CURLMOPT_MAX_TOTAL_CONNECTIONS; 0: no limit).
  long max_total_connections = 0;
  /// Easy handles kept for reuse between transfers at most.
  std::size_t idle_handles = 4;
};

/// Owns a libcurl multi handle and runs its transfers on one `io_context`: libcurl says which
/// sockets to wait on (CURLMOPT_SOCKETFUNCTION) and when to time out (CURLMOPT_TIMERFUNCTION);
/// Asio waits and calls `curl_multi_socket_action`. No threads, no polling. Connections, DNS
/// results and TLS sessions are reused across transfers; HTTP/2 is used where servers offer it.
/// Single-threaded: every call comes from the loop's thread. Destroy it before the `io_context`.
class CurlMulti {
 public:
  /// Creates the multi handle; `io` must outlive this object.
  explicit CurlMulti(boost::asio::io_context& io, MultiOptions options = {});
  /// Removes and frees every transfer without calling their completions, then the multi handle.
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  /// Starts `request`; `done` runs on the loop exactly once with the response (also when the
  /// transfer cannot be set up), unless this object is destroyed first. Never calls `done` before
  /// returning. Completions may start new transfers.
  TransferId start(Request request, Completion done);

  /// Aborts every running transfer: each completion runs (posted) with `Failure::cancelled`.
  void abort_all(std::string_view reason);

  /// Keeps up to `connections` connections open for reuse (CURLMOPT_MAXCONNECTS). Without it
  /// libcurl keeps four per transfer running when a connection is given back, so the last
  /// transfers of a burst of more than four close connections the next burst opens again.
  void keep_connections(long connections);

  /// Transfers started and not yet completed.
  std::size_t active() const { return transfers_.size(); }
  /// Easy handles kept for the next transfers.
  std::size_t idle_handles() const { return pool_.idle(); }

  /// Times a socket was registered with the loop (an idle connection stays registered).
  std::size_t socket_registrations() const { return registrations_; }

 private:
  struct SocketState;

  static int on_socket(CURL* easy, curl_socket_t fd, int what, void* self, void* socket_data);
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int on_close_socket(void* self, curl_socket_t fd);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);

  void update_socket(curl_socket_t fd, int what);
  void forget_socket(curl_socket_t fd);
  void park_socket(curl_socket_t fd);
  void arm(const std::shared_ptr<SocketState>& state, int direction);
  void on_ready(const std::shared_ptr<SocketState>& state, int direction);
  /// Both return false when a completion destroyed this object.
  bool action(curl_socket_t fd, int events);
  bool read_messages();
  void complete(Response response, Completion done);
  void arm_timer(std::chrono::steady_clock::time_point deadline);
  void on_timer_expiry();

  boost::asio::io_context& io_;
  CURLM* multi_ = nullptr;
  CURLSH* share_ = nullptr;
  /// One timer for libcurl's timeout. It is re-armed only when libcurl wants an earlier deadline
  /// than the armed one, and an expiry before the wanted deadline re-arms to it (a later timeout
  /// costs no system call). When libcurl wants no timeout the wait is cancelled, so an idle
  /// multi handle leaves the loop no work (`io_context::run` returns).
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::steady_clock::time_point> timer_armed_;
  std::optional<std::chrono::steady_clock::time_point> timer_wanted_;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketState>> sockets_;
  /// Connection sockets libcurl opened and will close through `on_close_socket`: between two
  /// transfers such a socket stays registered with the loop, its waits cancelled.
  std::unordered_set<curl_socket_t> connection_sockets_;
  std::size_t registrations_ = 0;
  /// Declared before `transfers_`: a transfer gives its handle back here when it is destroyed.
  EasyPool pool_;
  std::unordered_map<TransferId, std::unique_ptr<Transfer>> transfers_;
  TransferId next_id_ = 1;
  /// Handlers hold a weak reference to this token and do nothing once it is gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::http
