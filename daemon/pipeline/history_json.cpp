// JSON of alert history and silences.
#include "daemon/pipeline/history_json.hpp"

#include <boost/json/parse.hpp>

#include "core/secret_scrub.hpp"

namespace watchdesk::pipeline {
namespace {
namespace history_detail {

namespace json = boost::json;

json::object delivery_json(const store::Delivery& d) {
  json::object o{{"channel", d.channel}, {"status", delivery_state_name(d.status)}, {"attempts", d.attempts}};
  if (d.status == store::DeliveryStatus::pending || d.status == store::DeliveryStatus::failed)
    o["next_attempt"] = format_rfc3339(d.next_attempt);
  if (d.delivered_at) o["delivered_at"] = format_rfc3339(*d.delivered_at);
  if (!d.last_error.empty()) o["last_error"] = scrub_secrets(d.last_error);
  return o;
}

json::object stored_document(const store::AlertRecord& alert) {
  json::error_code ec;
  json::value v = json::parse(alert.json, ec);
  if (ec || !v.is_object()) return json::object{{"id", alert.id}};
  return std::move(v.as_object());
}

}  // namespace history_detail
}  // namespace

using namespace history_detail;

std::string_view delivery_state_name(store::DeliveryStatus status) {
  switch (status) {
    case store::DeliveryStatus::pending: return "pending";
    case store::DeliveryStatus::delivered: return "delivered";
    case store::DeliveryStatus::failed: return "retrying";
    case store::DeliveryStatus::given_up: return "failed";
    case store::DeliveryStatus::silenced: return "silenced";
  }
  return "unknown";
}

json::object alert_history_json(const store::AlertHistory& history) {
  json::object alert = stored_document(history.alert);
  json::array deliveries;
  for (const auto& d : history.deliveries) deliveries.push_back(delivery_json(d));
  alert["raised_at"] = format_rfc3339(history.alert.raised_at);
  if (!history.alert.silenced_by.empty()) alert["silenced_by"] = history.alert.silenced_by;
  alert["deliveries"] = std::move(deliveries);
  return alert;
}

std::string alert_title(const store::AlertRecord& alert) {
  const auto doc = stored_document(alert);
  const auto* title = doc.if_contains("title");
  return title != nullptr && title->is_string() ? std::string(title->get_string()) : alert.id;
}

std::string_view silence_state(const triggers::Silence& silence, TimePoint now) {
  return triggers::is_active(silence, now) ? "active" : silence.ends_at <= now ? "expired" : "pending";
}

json::object silence_json(const triggers::Silence& silence, TimePoint now) {
  return json::object{{"id", silence.id},
                      {"trigger", silence.trigger},
                      {"match", silence.match},
                      {"reason", silence.reason},
                      {"created_at", format_rfc3339(silence.created_at)},
                      {"ends_at", format_rfc3339(silence.ends_at)},
                      {"state", silence_state(silence, now)}};
}

}  // namespace watchdesk::pipeline
