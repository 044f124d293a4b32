// The HTTP listener on the event loop: Prometheus `/metrics`, `/healthz`, and the status page and
// its JSON API, served with Boost.Beast.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "core/secret.hpp"

namespace watchdesk::observability {

/// One answer of the status page or its API.
struct PageResponse {
  unsigned status = 200;
  std::string content_type;
  std::string body;
};

/// What a connection may cost: request head size, header count, idle time, connections at once.
struct ListenerLimits {
  std::size_t max_head_bytes = 8 * 1024;
  std::size_t max_headers = 64;
  std::chrono::milliseconds idle{std::chrono::seconds(10)};
  std::size_t max_connections = 32;
};

/// Serves Prometheus text at `/metrics` and liveness at `/healthz` (200 when `healthy()` says so,
/// else 503), both as the listener always answered them; and, when `page` is set, the status page
/// at `/` and its JSON under `/api/` with a strict Content-Security-Policy. One request per
/// connection, GET and HEAD only. With a `token`, the page and the API need it as a bearer token or
/// as the basic-auth password (401 otherwise); `/metrics` and `/healthz` stay open.
class MetricsServer {
 public:
  /// What the listener serves: the metrics text, whether the loop and store are healthy, and the
  /// page and API (`path` without the query; nullopt: 404).
  struct Handlers {
    std::function<std::string()> metrics;
    std::function<bool()> healthy;
    std::function<std::optional<PageResponse>(std::string_view path)> page;
  };

  MetricsServer(boost::asio::io_context& io, Handlers handlers, Secret token = {}, ListenerLimits limits = {});
  ~MetricsServer();

  /// Listens on `host:port` (`127.0.0.1:9464`, `[::1]:9464`); port 0 picks a free one.
  Status listen(const std::string& address);
  /// The port actually bound.
  unsigned short port() const;
  /// Stops accepting.
  void close();

  /// What every session shares: handlers, token, limits, and the count of open connections.
  struct Shared;

 private:
  void accept();
  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

/// True when the `Authorization` header value carries `token`: `Bearer TOKEN`, or `Basic` with
/// TOKEN as the password (any user name). Compared in constant time.
bool authorized(std::string_view authorization, const Secret& token);

/// Splits `host:port` or `[v6]:port`; false when malformed.
bool split_host_port(const std::string& address, std::string& host, unsigned short& port);

}  // namespace watchdesk::observability
