// systemd integration: readiness, status, reload and stop notifications, and the watchdog ping.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <string_view>

namespace watchdesk::service {

/// Talks to systemd through `NOTIFY_SOCKET` (a no-op without it, so `run` works in a terminal).
class Notifier {
 public:
  explicit Notifier(boost::asio::io_context& io);
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  /// `READY=1` with a `STATUS=` line.
  void ready(std::string_view status);
  /// `STATUS=` only.
  void status(std::string_view status);
  /// `RELOADING=1` with `MONOTONIC_USEC=` in the same message.
  void reloading();
  /// `STOPPING=1`.
  void stopping();

  /// Starts pinging `WATCHDOG=1` at half of `WATCHDOG_USEC` from a timer on the loop, so a stalled
  /// loop stops the pings. Does nothing when the watchdog is not enabled.
  void start_watchdog();
  /// Stops the watchdog timer.
  void stop_watchdog();

  /// The watchdog interval systemd asked for (zero when disabled).
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }

 private:
  void arm();
  boost::asio::steady_timer timer_;
  std::chrono::microseconds watchdog_{0};
  bool running_ = false;
};

}  // namespace watchdesk::service
