// Running `watchdesk run` as systemd would in tests: a notification socket, a temporary folder,
// start with NOTIFY_SOCKET and WATCHDOG_USEC, and a graceful stop that must end in exit 0.
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "support/child_process.hpp"

namespace watchdesk::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// A unix datagram socket standing in for systemd's notification socket. Like systemd, it drains
/// the socket continuously (a reader thread), so the daemon's sd_notify never waits on a full queue.
class NotifySocket {
 public:
  explicit NotifySocket(const fs::path& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    BOOST_TEST_REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    reader_ = std::thread([this] { read_loop(); });
  }
  ~NotifySocket() {
    stop_ = true;
    reader_.join();
    ::close(fd_);
  }
  // The next datagram, or nullopt after `timeout`.
  std::optional<std::string> next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!arrived_.wait_for(lock, timeout, [this] { return !queue_.empty(); })) return std::nullopt;
    std::string msg = std::move(queue_.front());
    queue_.pop_front();
    return msg;
  }
  // Waits for a datagram containing `needle`, skipping others.
  std::optional<std::string> wait_for(const std::string& needle, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      auto msg = next(left);
      if (!msg) return std::nullopt;
      if (msg->find(needle) != std::string::npos) return msg;
    }
  }
  // Forgets what arrived so far.
  void clear() {
    std::lock_guard lock(mutex_);
    queue_.clear();
  }
  const fs::path& path() const { return path_; }

 private:
  void read_loop() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      char buf[4096];
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) continue;
      std::lock_guard lock(mutex_);
      queue_.emplace_back(buf, static_cast<std::size_t>(n));
      arrived_.notify_all();
    }
  }
  fs::path path_;
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<std::string> queue_;
  std::thread reader_;
};

/// A temporary directory removed with its contents.
struct ScratchDir {
  ScratchDir() {
    std::string t = (fs::temp_directory_path() / "watchdesk-daemon-XXXXXX").string();
    path = ::mkdtemp(t.data());
  }
  ~ScratchDir() { fs::remove_all(path); }
  fs::path path;
};

/// Writes `text` to `file`, replacing it.
inline void write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

/// Starts `watchdesk run` with NOTIFY_SOCKET and WATCHDOG_USEC set for the child only.
inline std::unique_ptr<ChildProcess> start_daemon(const fs::path& config, const NotifySocket& notify, long watchdog_usec) {
  ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
  ::setenv("WATCHDOG_USEC", std::to_string(watchdog_usec).c_str(), 1);
  auto child = std::make_unique<ChildProcess>(std::vector<std::string>{WATCHDESK_BINARY, "run", "-c", config.string()});
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  return child;
}

/// Sends SIGTERM and expects STOPPING=1, then exit status 0, within 5 s.
inline void stop_gracefully(ChildProcess& child, NotifySocket& notify) {
  auto t0 = std::chrono::steady_clock::now();
  ::kill(child.pid(), SIGTERM);
  BOOST_TEST(notify.wait_for("STOPPING=1", 5s).has_value(), "no STOPPING=1");
  auto status = child.wait(5s);
  BOOST_TEST_REQUIRE(status.has_value(), "did not exit within 5 s of SIGTERM");
  BOOST_TEST(WIFEXITED(*status));
  BOOST_TEST(WEXITSTATUS(*status) == 0);
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < 5s));
}

/// Polls a condition on the test servers' state until it holds (bounded).
inline bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    ::poll(nullptr, 0, 10);
  }
  return true;
}

/// A loopback TCP port free a moment ago, for a listener the daemon under test opens.
inline unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace watchdesk::testing
