// Process logging (spdlog): levels, journald-friendly lines under systemd, secrets scrubbed.
#pragma once

#include <string_view>

#include "config/config.hpp"

namespace watchdesk {

/// Sets up the default logger on stderr at `level` (`trace` .. `off`). Lines carry no timestamp when
/// `JOURNAL_STREAM` is set (journald stamps them), a UTC timestamp otherwise. Every line is scrubbed
/// of the secrets `remember_config_secrets` listed.
void setup_logging(std::string_view level);

/// Adds the secrets of `config` (channel webhooks, passwords, signing secrets, price sources'
/// `api_key`) to those scrubbed from every log line and printed or stored message
/// (`scrub_secrets`); a reload adds its own and keeps the old ones, which a draining runtime may
/// still use.
void remember_config_secrets(const config::Config& config);

/// True when `level` names a spdlog level.
bool is_log_level(std::string_view level);

}  // namespace watchdesk
