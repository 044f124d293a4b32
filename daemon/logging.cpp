// Process logging: one stderr logger that scrubs secrets, journald-aware pattern, level from config or command line.
#include "daemon/logging.hpp"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "core/secret_scrub.hpp"

namespace watchdesk {
namespace {

// Passes each line to stderr with every remembered secret replaced.
class ScrubbingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ScrubbingSink() : inner_(std::make_shared<spdlog::sinks::stderr_sink_st>()) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string clean = scrub_secrets(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy = msg;
    copy.payload = clean;
    inner_->log(copy);
  }
  void flush_() override { inner_->flush(); }
  void set_pattern_(const std::string& pattern) override { inner_->set_pattern(pattern); }
  void set_formatter_(std::unique_ptr<spdlog::formatter> formatter) override {
    inner_->set_formatter(std::move(formatter));
  }

 private:
  std::shared_ptr<spdlog::sinks::stderr_sink_st> inner_;
};

}  // namespace

bool is_log_level(std::string_view level) {
  return spdlog::level::from_str(std::string(level)) != spdlog::level::off || level == "off";
}

void setup_logging(std::string_view level) {
  auto logger = std::make_shared<spdlog::logger>("watchdesk", std::make_shared<ScrubbingSink>());
  if (std::getenv("JOURNAL_STREAM") != nullptr) {
    logger->set_pattern("%l: %v");
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%SZ %l: %v", spdlog::pattern_time_type::utc);
  }
  logger->set_level(spdlog::level::from_str(std::string(level)));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
}

void remember_config_secrets(const config::Config& config) {
  for (const auto& channel : config.channels) {
    remember_secret(channel.webhook);
    remember_secret(channel.password);
    remember_secret(channel.secret);
  }
  for (const auto& source : config.sources) remember_secret(source.api_key);
}

}  // namespace watchdesk
