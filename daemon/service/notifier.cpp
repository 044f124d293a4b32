// sd_notify messages and the watchdog timer.
#include "daemon/service/notifier.hpp"

#include <ctime>
#include <string>

#include "daemon/service/sd_notify.hpp"

namespace watchdesk::service {

Notifier::Notifier(boost::asio::io_context& io) : timer_(io) {
  if (const auto interval = sd_watchdog_interval()) watchdog_ = *interval;
}

void Notifier::ready(std::string_view status) {
  std::string msg = "READY=1\nSTATUS=" + std::string(status);
  sd_notify_message(msg);
}

void Notifier::status(std::string_view status) {
  std::string msg = "STATUS=" + std::string(status);
  sd_notify_message(msg);
}

void Notifier::reloading() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  auto usec = static_cast<unsigned long long>(ts.tv_sec) * 1000000ull +
              static_cast<unsigned long long>(ts.tv_nsec) / 1000ull;
  std::string msg = "RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec);
  sd_notify_message(msg);
}

void Notifier::stopping() { sd_notify_message("STOPPING=1"); }

void Notifier::start_watchdog() {
  if (watchdog_.count() == 0 || running_) return;
  running_ = true;
  sd_notify_message("WATCHDOG=1");
  arm();
}

void Notifier::stop_watchdog() {
  running_ = false;
  timer_.cancel();
}

void Notifier::arm() {
  timer_.expires_after(watchdog_ / 2);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !running_) return;
    sd_notify_message("WATCHDOG=1");
    arm();
  });
}

}  // namespace watchdesk::service
