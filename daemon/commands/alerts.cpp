// `watchdesk alerts`: the alert history with each channel's delivery state, as text or JSON.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <iostream>

#include "core/secret_scrub.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

std::string_view status_name(store::DeliveryStatus s) {
  switch (s) {
    case store::DeliveryStatus::pending: return "pending";
    case store::DeliveryStatus::delivered: return "delivered";
    case store::DeliveryStatus::failed: return "retrying";
    case store::DeliveryStatus::given_up: return "failed";
    case store::DeliveryStatus::silenced: return "silenced";
  }
  return "unknown";
}

json::object delivery_json(const store::Delivery& d) {
  json::object o{{"channel", d.channel}, {"status", status_name(d.status)}, {"attempts", d.attempts}};
  if (d.status == store::DeliveryStatus::pending || d.status == store::DeliveryStatus::failed)
    o["next_attempt"] = format_rfc3339(d.next_attempt);
  if (d.delivered_at) o["delivered_at"] = format_rfc3339(*d.delivered_at);
  if (!d.last_error.empty()) o["last_error"] = scrub_secrets(d.last_error);
  return o;
}

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
    for (const auto& h : history) {
      json::error_code ec;
      json::value alert = json::parse(h.alert.json, ec);
      if (ec || !alert.is_object()) alert = json::object{{"id", h.alert.id}};
      json::array deliveries;
      for (const auto& d : h.deliveries) deliveries.push_back(delivery_json(d));
      alert.as_object()["raised_at"] = format_rfc3339(h.alert.raised_at);
      if (!h.alert.silenced_by.empty()) alert.as_object()["silenced_by"] = h.alert.silenced_by;
      alert.as_object()["deliveries"] = std::move(deliveries);
      out.push_back(std::move(alert));
    }
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
      std::string line = fmt::format("    {:<14} {:<9} attempts {}", d.channel, status_name(d.status), d.attempts);
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
