// Sending one message through one channel now, outside the outbox (`test-alert`, `digest --send`).
#pragma once

#include <string>

#include "config/config.hpp"

namespace watchdesk::commands {

/// Sends `document` (an alert or digest JSON document with id `id`) through `channel` and prints
/// `channel ID: delivered (...)` or `NOT delivered`; the `stdout` channel prints the document.
/// Returns exit 0 when the channel took it, else 2.
int send_once(const config::Config& config, const config::Channel& channel, const std::string& id,
              const std::string& document);

}  // namespace watchdesk::commands
