// Alert JSON (Boost.JSON), read back for delivery, and the plain-text rendering.
#include "watchers/triggers/alert.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "config/names.hpp"
#include "core/json.hpp"
#include "watchers/triggers/common.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// Reads a required string member.
Result<std::string> string_member(const json::object& object, std::string_view key,
                                  std::string_view where) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) {
    return make_error(std::string(where) + ": \"" + std::string(key) + "\" must be a string");
  }
  return std::string(value->get_string());
}

// Reads a required time (RFC 3339 string) member, or an optional one that may be null/absent.
enum class Presence { required, optional };

Result<std::optional<TimePoint>> time_member(const json::object& object, std::string_view key,
                                             std::string_view where, Presence presence) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    if (presence == Presence::optional) return std::optional<TimePoint>{};
    return make_error(std::string(where) + ": \"" + std::string(key) + "\" is missing");
  }
  if (!value->is_string()) {
    return make_error(std::string(where) + ": \"" + std::string(key) +
                      "\" must be an RFC 3339 time string");
  }
  auto parsed = parse_rfc3339(value->get_string());
  if (!parsed) {
    return make_error(std::string(where) + ": \"" + std::string(key) + "\" is not an RFC 3339 time: " +
                      std::string(value->get_string()));
  }
  return std::optional<TimePoint>{*parsed};
}

Result<Evidence> evidence_from(const json::value& value) {
  constexpr std::string_view where = "alert evidence";
  if (!value.is_object()) return make_error("alert evidence: each entry must be an object");
  const json::object& object = value.get_object();
  Evidence evidence;
  for (auto [key, field] : {std::pair{"signal", &evidence.signal}, std::pair{"source", &evidence.source},
                            std::pair{"url", &evidence.url}}) {
    auto text = string_member(object, key, where);
    if (!text) return text.error();
    *field = std::move(text.value());
  }
  // `title` is optional so that evidence written by hand in DESIGN.md's shape reads back.
  if (const json::value* title = object.if_contains("title"); title != nullptr && title->is_string()) {
    evidence.title = std::string(title->get_string());
  }
  auto published = time_member(object, "published_at", where, Presence::optional);
  if (!published) return published.error();
  evidence.published_at = published.value();
  return evidence;
}

}  // namespace

std::optional<config::Confirmation> parse_status_name(std::string_view name) {
  return config::parse_name<config::Confirmation>(name);
}

std::string to_json(const Alert& alert) {
  json::object out;
  out["id"] = alert.id;
  out["trigger"] = alert.trigger;
  out["kind"] = alert.kind;
  out["title"] = alert.title;
  out["summary"] = alert.summary;
  out["status"] = config::to_string(alert.status);
  out["observed_at"] = format_rfc3339(alert.observed_at);
  out["published_at"] = time_value(alert.published_at);
  json::array evidence;
  for (const auto& e : alert.evidence) evidence.emplace_back(evidence_to_object(e));
  out["evidence"] = std::move(evidence);
  json::object facts;
  for (const auto& fact : alert.facts) facts[fact.name] = fact.value;
  out["facts"] = std::move(facts);
  return json::serialize(out);
}

Result<Alert> from_json(std::string_view text) {
  constexpr std::string_view where = "alert JSON";
  boost::system::error_code ec;
  const json::value root = json::parse(text, ec);
  if (ec) return make_error("alert JSON: not valid JSON (" + ec.message() + ")");
  if (!root.is_object()) return make_error("alert JSON: the document must be an object");
  const json::object& object = root.get_object();
  Alert alert;
  for (auto [key, field] :
       {std::pair{"id", &alert.id}, std::pair{"trigger", &alert.trigger}, std::pair{"kind", &alert.kind},
        std::pair{"title", &alert.title}, std::pair{"summary", &alert.summary}}) {
    auto value = string_member(object, key, where);
    if (!value) return value.error();
    *field = std::move(value.value());
  }
  auto status_text = string_member(object, "status", where);
  if (!status_text) return status_text.error();
  const auto status = parse_status_name(status_text.value());
  if (!status) {
    return make_error("alert JSON: \"status\" must be confirmed, reported or ai-prior, not \"" +
                      status_text.value() + "\"");
  }
  alert.status = *status;
  auto observed = time_member(object, "observed_at", where, Presence::required);
  if (!observed) return observed.error();
  alert.observed_at = **observed;
  auto published = time_member(object, "published_at", where, Presence::optional);
  if (!published) return published.error();
  alert.published_at = published.value();
  if (const json::value* evidence = object.if_contains("evidence"); evidence != nullptr) {
    if (!evidence->is_array()) return make_error("alert JSON: \"evidence\" must be an array");
    for (const auto& item : evidence->get_array()) {
      auto e = evidence_from(item);
      if (!e) return e.error();
      alert.evidence.push_back(std::move(e.value()));
    }
  }
  if (const json::value* facts = object.if_contains("facts"); facts != nullptr) {
    if (!facts->is_object()) return make_error("alert JSON: \"facts\" must be an object");
    for (const auto& [name, value] : facts->get_object()) {
      if (!value.is_string()) {
        return make_error("alert JSON: fact \"" + std::string(name) + "\" must be a string");
      }
      alert.facts.push_back({std::string(name), std::string(value.get_string())});
    }
  }
  return alert;
}

std::string to_text(const Alert& alert) {
  std::string out = alert.title + "\n";
  out += "status: " + std::string(config::to_string(alert.status));
  out += " (observed " + format_rfc3339(alert.observed_at);
  if (alert.published_at) out += ", published " + format_rfc3339(*alert.published_at);
  out += ")\n";
  if (!alert.summary.empty()) out += alert.summary + "\n";
  for (const auto& fact : alert.facts) out += "  " + fact.name + ": " + fact.value + "\n";
  for (const auto& e : alert.evidence) {
    out += "signal " + e.signal;
    if (!e.url.empty()) out += " <" + e.url + ">";
    if (!e.title.empty()) out += " " + e.title;
    out += "\n";
  }
  out += "id: " + alert.id + "\n";
  return out;
}

}  // namespace watchdesk::triggers
