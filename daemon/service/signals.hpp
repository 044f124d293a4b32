// Process signals on the event loop: SIGTERM/SIGINT start a graceful drain, SIGHUP a reload.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <functional>

namespace watchdesk::service {

/// One `asio::signal_set` for the daemon's signals; handlers run on the loop, never in signal context.
class Signals {
 public:
  /// Calls `on_stop` for SIGTERM and SIGINT, `on_reload` for SIGHUP.
  Signals(boost::asio::io_context& io, std::function<void()> on_stop, std::function<void()> on_reload);

  /// Stops listening (the last step of a drain, so the loop can run out of work).
  void close();

 private:
  void wait();
  boost::asio::signal_set set_;
  std::function<void()> on_stop_;
  std::function<void()> on_reload_;
};

}  // namespace watchdesk::service
