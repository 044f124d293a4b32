// `watchdesk silence add|list|expire`: silences kept in the state database, where a running daemon
// reads them before queueing each alert.
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <iostream>
#include <random>

#include "core/units.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/history_json.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

constexpr std::string_view kHealth = "health";

// A fresh silence id: 12 random hex digits.
std::string new_silence_id() {
  std::random_device random;
  std::uniform_int_distribution<std::uint64_t> digits(0, (std::uint64_t{1} << 48) - 1);
  return fmt::format("{:012x}", digits(random));
}

// The trigger (or `health` with a source) the silence names must exist in `config`.
std::optional<Error> check_target(const config::Config& config, const SilenceOptions& options) {
  if (options.trigger == kHealth) {
    if (options.match.empty() || config.find_source(options.match) != nullptr) return std::nullopt;
    return unknown_id("watchdesk silence add", "source", options.match, ids_of(config.sources));
  }
  if (config.find_trigger(options.trigger) != nullptr) return std::nullopt;
  auto trigger_ids = ids_of(config.triggers);
  trigger_ids.insert(trigger_ids.begin(), std::string(kHealth));
  return unknown_id("watchdesk silence add", "trigger", options.trigger, trigger_ids);
}

}  // namespace

int silence_add(const SilenceOptions& options) {
  if (options.duration <= Seconds{0}) {
    return report_failure(make_error("watchdesk silence add: --for must be longer than 0s", ErrorKind::usage));
  }
  auto started = start(options.common, store::Access::read_write);
  if (!started) return report_failure(started.error());
  if (auto error = check_target(started->config, options)) return report_failure(*error);
  const auto now = now_utc();
  triggers::Silence silence{new_silence_id(), options.trigger, options.match, options.reason, now,
                            now + options.duration};
  if (auto added = started->store->add_silence(silence); !added.ok())
    return report_failure(added.error().context("watchdesk silence add"));
  std::cout << silence.id << "\n";
  return to_int(ExitCode::ok);
}

int silence_list(const SilenceOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  auto read = started->store->silences();
  if (!read) return report_failure(std::move(read).error().context("watchdesk silence list"));
  const auto now = now_utc();
  if (options.format == Format::json) {
    json::array out;
    for (const auto& silence : *read) out.push_back(pipeline::silence_json(silence, now));
    std::cout << json::serialize(out) << "\n";
    return to_int(ExitCode::ok);
  }
  if (read->empty()) {
    std::cout << "no silences\n";
    return to_int(ExitCode::ok);
  }
  for (const auto& s : *read) {
    std::cout << fmt::format("{}  {:<8} {}{}  until {}  {}\n", s.id, pipeline::silence_state(s, now), s.trigger,
                             s.match.empty() ? "" : " ~ '" + s.match + "'", format_rfc3339(s.ends_at), s.reason);
  }
  return to_int(ExitCode::ok);
}

int silence_expire(const SilenceOptions& options) {
  auto started = start(options.common, store::Access::read_write);
  if (!started) return report_failure(started.error());
  const auto now = now_utc();
  auto expired = started->store->expire_silence(options.id, now);
  if (!expired) return report_failure(std::move(expired).error().context("watchdesk silence expire"));
  if (!expired->has_value()) {
    return report_failure(make_error(
        fmt::format("watchdesk silence expire: no silence '{}' (see `watchdesk silence list`)", options.id),
        ErrorKind::usage));
  }
  std::cout << fmt::format("silence {} ended at {}\n", options.id, format_rfc3339((*expired)->ends_at));
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
