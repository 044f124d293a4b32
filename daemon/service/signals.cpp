// The daemon's signal set.
#include "daemon/service/signals.hpp"

#include <csignal>

namespace watchdesk::service {

Signals::Signals(boost::asio::io_context& io, std::function<void()> on_stop, std::function<void()> on_reload)
    : set_(io, SIGTERM, SIGINT, SIGHUP), on_stop_(std::move(on_stop)), on_reload_(std::move(on_reload)) {
  wait();
}

void Signals::close() {
  boost::system::error_code ec;
  set_.cancel(ec);
  set_.clear(ec);
}

void Signals::wait() {
  set_.async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) on_reload_();
    else on_stop_();
    wait();
  });
}

}  // namespace watchdesk::service
