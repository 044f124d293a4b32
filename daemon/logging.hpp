// Process logging (spdlog): levels, and journald-friendly lines under systemd.
#pragma once

#include <string_view>

namespace watchdesk {

/// Sets up the default logger on stderr at `level` (`trace` .. `off`). Lines carry no timestamp when
/// `JOURNAL_STREAM` is set (journald stamps them), a UTC timestamp otherwise.
void setup_logging(std::string_view level);

/// True when `level` names a spdlog level.
bool is_log_level(std::string_view level);

}  // namespace watchdesk
