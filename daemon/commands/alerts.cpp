// `watchdesk alerts`: the alert history with each channel's delivery state, as text or JSON.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <iostream>

#include "core/secret_scrub.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/history_json.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

}  // namespace

int alerts(const AlertsOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  auto& store = *started->store;
  auto read = store.alerts_since(now_utc() - options.since);
  if (!read) return report_failure(std::move(read).error().context("watchdesk alerts"));
  const auto& history = *read;

  if (options.format == Format::json) {
    json::array out;
    for (const auto& h : history) out.push_back(pipeline::alert_history_json(h));
    std::cout << json::serialize(out) << "\n";
    return to_int(ExitCode::ok);
  }

  if (history.empty()) {
    std::cout << "no alerts raised in the last " << options.since.count() / 3600 << " h\n";
    return to_int(ExitCode::ok);
  }
  for (const auto& h : history) {
    json::error_code ec;
    json::value alert = json::parse(h.alert.json, ec);
    std::string title = (!ec && alert.is_object() && alert.as_object().contains("title"))
                            ? std::string(alert.as_object().at("title").as_string())
                            : h.alert.id;
    std::string status = (!ec && alert.is_object() && alert.as_object().contains("status"))
                             ? std::string(alert.as_object().at("status").as_string())
                             : "";
    std::cout << fmt::format("{}  {}  [{}]  {}{}\n", format_rfc3339(h.alert.raised_at), h.alert.id, status, title,
                             h.alert.silenced_by.empty() ? "" : "  (silenced by " + h.alert.silenced_by + ")");
    for (const auto& d : h.deliveries) {
      std::string line = fmt::format("    {:<14} {:<9} attempts {}", d.channel, pipeline::delivery_state_name(d.status), d.attempts);
      if (d.delivered_at) line += " at " + format_rfc3339(*d.delivered_at);
      if (d.status == store::DeliveryStatus::pending || d.status == store::DeliveryStatus::failed)
        line += ", next " + format_rfc3339(d.next_attempt);
      if (!d.last_error.empty()) line += ", last error: " + scrub_secrets(d.last_error);
      std::cout << line << "\n";
    }
  }
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
