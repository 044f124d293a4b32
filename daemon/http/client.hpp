// `Client`: the polite HTTP engine — per-host rate limits and connection caps over one `CurlMulti`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "daemon/http/curl_multi.hpp"
#include "daemon/http/request.hpp"
#include "daemon/http/token_bucket.hpp"
#include "core/result.hpp"

namespace watchdesk::http {

/// Whether `file://` URLs may be fetched (`allow_file_urls`).
enum class FileUrls { refuse, allow };

/// The client's defaults and politeness limits (from `[watchdesk]`, see `from_settings`).
struct ClientOptions {
  /// Sent on every request that sets none; SEC hosts need one with an email address.
  std::string user_agent;
  /// Default body cap, after decompression.
  std::size_t max_body = 16u * 1024u * 1024u;
  /// Requests per second to all SEC hosts together (clamped to at most 10), and per other host.
  double sec_rate = 8;
  double host_rate = 2;
  /// Requests in flight per host at most (all SEC hosts count as one host).
  int host_connections = 4;
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  /// How long a fetch may wait for a free connection to its host before it is given back as
  /// `Failure::no_connection` (not a failure of the source; it is tried again later).
  std::chrono::milliseconds connect_wait{std::chrono::minutes(2)};
  /// Slower than `low_speed_limit` bytes/s for `low_speed_time`: aborted (slow-drip servers).
  long low_speed_limit = 64;
  std::chrono::seconds low_speed_time{30};
  /// CA bundle for TLS verification (empty: the system's).
  std::string ca_file;
  FileUrls file_urls = FileUrls::refuse;
  /// How long every SEC host is left alone after one of them answered 403.
  std::chrono::seconds sec_forbidden_pause{600};

  /// The options `[watchdesk]` configures.
  static ClientOptions from_settings(const config::Settings& settings);
};

/// The politeness key of a host: `sec.gov` for every SEC host (they share one budget), the host
/// itself otherwise, empty for URLs without a host (`file://`), which are not rate limited.
std::string politeness_key(std::string_view host);

/// What the client is doing for one politeness key, for tests and metrics.
struct HostSnapshot {
  std::size_t queued = 0;
  int active = 0;
  /// True while the host is paused (after an SEC 403).
  bool paused = false;
};

/// Submits requests through one `CurlMulti`, holding each in a per-host queue until the host allows
/// it: a fetch waits for the host's token bucket and a free fetch connection (and at most
/// `connect_wait`); a delivery has connections of its own and goes first. libcurl gets a transfer
/// only when it can connect at once, so its timeout never runs while it waits. Redirects are
/// followed here, each hop queued for the host it goes to. A 403 from an SEC host pauses every SEC
/// request for `sec_forbidden_pause`, failing them at once with a `retry_after` and a log line that
/// says why. Single-threaded; destroy it before the `io_context`.
class Client {
 public:
  Client(boost::asio::io_context& io, ClientOptions options);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// Queues `request`; `done` runs on the loop exactly once (never before this returns), unless
  /// the client is destroyed first. Empty fields of the request take the client's defaults.
  void submit(Request request, Completion done);

  /// Fails every queued request and aborts every running one (`Failure::cancelled`).
  void abort_all(std::string_view reason);

  /// Fails every request still waiting for its host's rate or connection limit
  /// (`Failure::cancelled`); transfers already running go on.
  void cancel_queued(std::string_view reason);

  /// Requests submitted and not yet completed (queued or running).
  std::size_t pending() const { return queued_ + multi_.active(); }
  /// Fetches waiting in the host queues.
  std::size_t queued_fetches() const;
  /// The state of one politeness key (see `politeness_key`).
  HostSnapshot host(std::string_view key) const;
  const ClientOptions& options() const { return options_; }

 private:
  struct Queued {
    Request request;
    Completion done;
    /// The URL first asked for (a redirect hop keeps it), and hops followed so far.
    std::string origin_url;
    int hops = 0;
    std::chrono::steady_clock::time_point queued_at;
  };
  struct HostState {
    HostState(boost::asio::io_context& io, double rate, int max_active)
        : bucket(rate), connections(max_active), timer(io), wait_timer(io) {}
    TokenBucket bucket;
    int connections;
    int active_fetches = 0;
    int active_deliveries = 0;
    std::deque<Queued> fetches;
    std::deque<Queued> deliveries;
    boost::asio::steady_timer timer;
    bool timer_armed = false;
    boost::asio::steady_timer wait_timer;
    bool wait_armed = false;
    std::chrono::steady_clock::time_point paused_until{};
    std::string pause_reason;
  };

  HostState& host_state(const std::string& key);
  void enqueue(Queued item);
  void pump(const std::string& key);
  void expire_waiting(const std::string& key, HostState& state);
  void start(const std::string& key, HostState& host, Queued item);
  void finished(const std::string& key, const Request& request, const Response& response);
  bool follow(Queued& hop, Response& response);
  void fail_now(Queued item, Failure failure, std::string message, std::optional<Seconds> retry_after);

  boost::asio::io_context& io_;
  ClientOptions options_;
  CurlMulti multi_;
  std::unordered_map<std::string, HostState> hosts_;
  std::size_t queued_ = 0;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::http
