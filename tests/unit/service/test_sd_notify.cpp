// Tests for daemon/service/sd_notify.cpp: datagrams to NOTIFY_SOCKET and the watchdog interval.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "daemon/service/sd_notify.hpp"

namespace {

using namespace watchdesk::service;

// A datagram socket bound to `name` (a path, or `@` and an abstract name), as a service manager's.
class Listener {
 public:
  explicit Listener(const std::string& name) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(fd_ >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, name.data(), name.size());
    if (name[0] == '@') address.sun_path[0] = '\0';
    const auto size = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
    BOOST_REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), size) == 0);
  }
  ~Listener() { ::close(fd_); }
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // The next datagram (the sender has sent it before this is called: no wait).
  std::string receive() {
    char buffer[512];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    return n < 0 ? std::string() : std::string(buffer, static_cast<std::size_t>(n));
  }

 private:
  int fd_ = -1;
};

// Sets an environment variable for one scope.
class Env {
 public:
  Env(const char* name, const std::string& value) : name_(name) { ::setenv(name, value.c_str(), 1); }
  ~Env() { ::unsetenv(name_); }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

 private:
  const char* name_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(service_sd_notify)

BOOST_AUTO_TEST_CASE(sends_one_datagram_to_a_socket_path) {
  const auto path = std::filesystem::temp_directory_path() / ("watchdesk-notify-" + std::to_string(::getpid()));
  std::filesystem::remove(path);
  {
    Listener listener(path.string());
    Env socket("NOTIFY_SOCKET", path.string());
    BOOST_TEST(sd_notify_message("READY=1\nSTATUS=watching 3 sources"));
    BOOST_TEST(listener.receive() == "READY=1\nSTATUS=watching 3 sources");
    BOOST_TEST(sd_notify_message("WATCHDOG=1"));
    BOOST_TEST(listener.receive() == "WATCHDOG=1");
  }
  std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(sends_to_an_abstract_socket) {
  const std::string name = "@watchdesk-notify-" + std::to_string(::getpid());
  Listener listener(name);
  Env socket("NOTIFY_SOCKET", name);
  BOOST_TEST(sd_notify_message("STOPPING=1"));
  BOOST_TEST(listener.receive() == "STOPPING=1");
}

BOOST_AUTO_TEST_CASE(sends_nothing_without_a_usable_socket_name) {
  ::unsetenv("NOTIFY_SOCKET");
  BOOST_TEST(!sd_notify_message("READY=1"));
  for (const char* name : {"", "relative/path", "@"}) {
    Env socket("NOTIFY_SOCKET", name);
    BOOST_TEST(!sd_notify_message("READY=1"), "NOTIFY_SOCKET=" << name);
  }
}

BOOST_AUTO_TEST_CASE(reads_the_watchdog_interval_meant_for_this_process) {
  ::unsetenv("WATCHDOG_PID");
  ::unsetenv("WATCHDOG_USEC");
  BOOST_TEST(!sd_watchdog_interval().has_value());
  {
    Env usec("WATCHDOG_USEC", "30000000");
    BOOST_TEST(sd_watchdog_interval().value_or(std::chrono::microseconds(0)).count() == 30000000);
    {
      Env pid("WATCHDOG_PID", std::to_string(::getpid()));
      BOOST_TEST(sd_watchdog_interval().value_or(std::chrono::microseconds(0)).count() == 30000000);
    }
    {
      Env pid("WATCHDOG_PID", std::to_string(::getpid() + 1));
      BOOST_TEST(!sd_watchdog_interval().has_value());
    }
  }
  for (const char* bad : {"0", "", "30s", "-5"}) {
    Env usec("WATCHDOG_USEC", bad);
    BOOST_TEST(!sd_watchdog_interval().has_value(), "WATCHDOG_USEC=" << bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
