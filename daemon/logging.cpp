// Process logging: one stderr logger, journald-aware pattern, level from config or command line.
#include "daemon/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

namespace watchdesk {

bool is_log_level(std::string_view level) {
  return spdlog::level::from_str(std::string(level)) != spdlog::level::off || level == "off";
}

void setup_logging(std::string_view level) {
  auto logger = spdlog::stderr_logger_st("watchdesk");
  if (std::getenv("JOURNAL_STREAM") != nullptr) {
    logger->set_pattern("%l: %v");
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%SZ %l: %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace watchdesk
