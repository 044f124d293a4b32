// The service manager's notification protocol (`NOTIFY_SOCKET`, `WATCHDOG_USEC`), without libsystemd.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace watchdesk::service {

/// Sends `message` (`READY=1`, `WATCHDOG=1`, ...) as one datagram to the socket named by
/// `NOTIFY_SOCKET` (a path, or an abstract socket name starting with `@`), as sd_notify(3) does.
/// False when the variable is unset or the message could not be sent.
bool sd_notify_message(std::string_view message);

/// The watchdog interval the service manager asked for: `WATCHDOG_USEC`, when `WATCHDOG_PID` is
/// unset or names this process, as sd_watchdog_enabled(3) reads them. Nothing when not enabled.
std::optional<std::chrono::microseconds> sd_watchdog_interval();

}  // namespace watchdesk::service
