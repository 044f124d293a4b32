// Lease owner names and the liveness of the processes they name.
#include "daemon/store/lease.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <random>

#include <fmt/format.h>

namespace watchdesk::store {
namespace {

std::string host_name() {
  char buffer[256] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0) return "localhost";
  return buffer;
}

}  // namespace

const std::string& process_lease_owner() {
  static const std::string owner =
      fmt::format("{}:{}:{:08x}", host_name(), ::getpid(), std::random_device{}());
  return owner;
}

bool lease_owner_gone(std::string_view owner) {
  // HOST:PID:NONCE, split from the right: a host name has no colon.
  const auto nonce_at = owner.rfind(':');
  if (nonce_at == std::string_view::npos) return false;
  const auto pid_at = owner.rfind(':', nonce_at - 1);
  if (pid_at == std::string_view::npos || nonce_at == 0) return false;
  if (owner.substr(0, pid_at) != host_name()) return false;
  const std::string_view pid_text = owner.substr(pid_at + 1, nonce_at - pid_at - 1);
  long pid = 0;
  const auto [end, ec] = std::from_chars(pid_text.data(), pid_text.data() + pid_text.size(), pid);
  if (ec != std::errc() || end != pid_text.data() + pid_text.size() || pid <= 0) return false;
  if (owner == process_lease_owner()) return false;
  // An earlier process that had this process's pid is gone.
  if (pid == static_cast<long>(::getpid())) return true;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace watchdesk::store
