// The `/metrics` and `/healthz` HTTP listener on the event loop.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <functional>
#include <string>

#include "core/result.hpp"

namespace watchdesk::observability {

/// Serves Prometheus text at `/metrics` and liveness at `/healthz` (200 when `healthy()` says so,
/// else 503). Minimal HTTP/1.1: one request per connection, GET only, headers capped at 8 KiB.
class MetricsServer {
 public:
  /// What the listener serves: the metrics text, and whether the loop and store are healthy.
  struct Handlers {
    std::function<std::string()> metrics;
    std::function<bool()> healthy;
  };

  MetricsServer(boost::asio::io_context& io, Handlers handlers);

  /// Listens on `host:port` (`127.0.0.1:9464`, `[::1]:9464`); port 0 picks a free one.
  Status listen(const std::string& address);
  /// The port actually bound.
  unsigned short port() const;
  /// Stops accepting.
  void close();

 private:
  void accept();
  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  Handlers handlers_;
};

/// Splits `host:port` or `[v6]:port`; false when malformed.
bool split_host_port(const std::string& address, std::string& host, unsigned short& port);

}  // namespace watchdesk::observability
