// Building the digest document from the configuration and the state store.
#include "daemon/digest/digest_document.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "daemon/web/status_document.hpp"
#include "core/json.hpp"
#include "core/secret_scrub.hpp"
#include "core/weekly_schedule.hpp"
#include "daemon/pipeline/state_table.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::digest {
namespace {

namespace json = boost::json;

constexpr std::string_view kDigestTrigger = "digest";

json::value optional_time(const std::optional<TimePoint>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::value status_of(const triggers::Reading& r) {
  if (r.status) return json::value(config::to_string(*r.status));
  return r.status_label.empty() ? json::value(nullptr) : json::value(r.status_label);
}

std::string string_of(const json::object& o, std::string_view key) { return std::string(json_string(o, key).value_or("")); }

json::array trigger_rows(const std::vector<triggers::Reading>& rows) {
  json::array out;
  for (const auto& r : rows) {
    json::object o{{"trigger", r.row}, {"kind", r.kind}, {"reading", r.reading}};
    o["status"] = status_of(r);
    o["as_of"] = optional_time(r.as_of);
    if (r.evidence) {
      o["evidence"] = json::object{{"signal", r.evidence->signal}, {"source", r.evidence->source}, {"url", r.evidence->url}};
    } else {
      o["evidence"] = nullptr;
    }
    out.push_back(std::move(o));
  }
  return out;
}

json::array figure_rows(const config::Config& config) {
  json::array out;
  for (const auto& f : config.figures) {
    json::array signals;
    for (const auto& s : f.signals) signals.push_back(json::value(s));
    out.push_back(json::object{{"figure", f.name},
                               {"label", f.label},
                               {"value", f.value},
                               {"status", config::to_string(f.status)},
                               {"signals", std::move(signals)}});
  }
  return out;
}

// Alerts raised in [since, now], oldest first (digests themselves left out), and the sources whose
// health alerts say they failed meanwhile.
Result<json::array> alerts_since(store::StateStore& store, TimePoint since, TimePoint now,
                                 std::set<std::string>& failed_sources) {
  auto history = store.alerts_since(since);
  if (!history) return history.error();
  json::array out;
  for (auto it = history->rbegin(); it != history->rend(); ++it) {
    const auto& record = it->alert;
    if (record.trigger == kDigestTrigger || record.raised_at > now) continue;
    json::error_code ec;
    const auto parsed = json::parse(record.json, ec);
    const json::object empty;
    const auto& alert = !ec && parsed.is_object() ? parsed.get_object() : empty;
    json::object o{{"id", record.id},
                   {"trigger", record.trigger},
                   {"title", string_of(alert, "title")},
                   {"status", string_of(alert, "status")},
                   {"raised_at", format_rfc3339(record.raised_at)}};
    if (!record.silenced_by.empty()) o["silenced_by"] = record.silenced_by;
    out.push_back(std::move(o));
    constexpr std::string_view kUnhealthy = "/unhealthy/";
    if (record.trigger == "health") {
      const auto start = std::string_view("health/").size();
      const auto end = record.id.find(kUnhealthy);
      if (end != std::string::npos && end > start) failed_sources.insert(record.id.substr(start, end - start));
    }
  }
  return out;
}

// Figures whose confirmation status differs from the previous digest's.
json::array figure_changes(const config::Config& config, const std::optional<json::object>& previous) {
  json::array out;
  if (!previous) return out;
  std::map<std::string, std::string> before;
  if (const auto* figures = previous->if_contains("figures"); figures != nullptr && figures->is_array()) {
    for (const auto& f : figures->get_array())
      if (f.is_object()) before[string_of(f.get_object(), "figure")] = string_of(f.get_object(), "status");
  }
  for (const auto& f : config.figures) {
    const auto it = before.find(f.name);
    const std::string now(config::to_string(f.status));
    if (it == before.end() || it->second == now) continue;
    out.push_back(json::object{{"figure", f.name}, {"label", f.label}, {"from", it->second}, {"to", now}});
  }
  return out;
}

// Series whose latest value moved since `since`, with the relative change when it has a base. A
// price series is compared within the provider of its latest point, as `metric-move` compares it:
// with no point of that provider at or before `since`, the move has no base.
Result<json::array> series_moves(const config::Config& config, store::StateStore& store, TimePoint since,
                                 TimePoint now) {
  auto names = store.series_names();
  if (!names) return names.error();
  json::array out;
  for (const auto& name : *names) {
    auto latest = store.point_at_or_before(name, now);
    if (!latest) return latest.error();
    if (!latest->has_value() || (*latest)->at <= since) continue;
    const auto provider = triggers::comparable_provider(config, name, **latest);
    auto base = store.point_at_or_before(name, since, provider);
    if (!base) return base.error();
    json::object o{{"series", name}, {"to", (*latest)->value}, {"at", format_rfc3339((*latest)->at)}};
    if (provider) o["provider"] = *provider;
    if (base->has_value()) {
      if ((*base)->value == (*latest)->value) continue;
      o["from"] = (*base)->value;
      o["change"] = (*base)->value != 0
                        ? json::value(std::round(((*latest)->value / (*base)->value - 1) * 10000) / 100)
                        : json::value(nullptr);
    } else {
      o["from"] = nullptr;
      o["change"] = nullptr;
    }
    out.push_back(std::move(o));
  }
  return out;
}

// Sources failing now, and those whose health alerts said they failed since the previous digest.
Result<json::array> failed_sources(const config::Config& config, store::StateStore& store,
                                   const std::set<std::string>& alerted) {
  json::array out;
  for (const auto& source : config.sources) {
    auto state = store.fetch_state(source.id);
    if (!state) return state.error();
    const bool failing = state->has_value() && (*state)->consecutive_failures > 0;
    if (!failing && alerted.count(source.id) == 0) continue;
    json::object o{{"source", source.id}, {"failing_now", failing}};
    if (state->has_value()) {
      o["consecutive_failures"] = (*state)->consecutive_failures;
      o["last_error"] = scrub_secrets((*state)->last_error);
      o["last_success"] = optional_time((*state)->last_success);
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::string digest_outbox_id(std::string_view digest_id, TimePoint scheduled_for) {
  return fmt::format("digest/{}/{}", digest_id, format_rfc3339(scheduled_for));
}

Result<DigestRequest> request_for(const config::Digest* digest, store::StateStore& store, TimePoint scheduled_for,
                                  TimePoint now) {
  DigestRequest request;
  request.scheduled_for = scheduled_for;
  request.now = now;
  if (digest == nullptr) return request;
  request.digest_id = digest->id;
  request.triggers = digest->triggers;
  request.zone = digest->schedule.zone;
  auto last = store.last_digest_send(digest->id);
  if (!last) return last.error();
  if (last->has_value()) {
    json::error_code ec;
    auto parsed = json::parse((*last)->snapshot, ec);
    if (!ec && parsed.is_object()) request.previous = std::move(parsed).as_object();
    request.previous_at = (*last)->sent_at;
  }
  return request;
}

Result<json::object> build_digest(const config::Config& config, store::StateStore& store,
                                  const DigestRequest& request) {
  const TimePoint since = request.previous_at.value_or(request.now - kNoPreviousWindow);
  auto rows = pipeline::read_trigger_rows(config, store, request.triggers, request.now);
  if (!rows) return rows.error();
  std::set<std::string> alerted_sources;
  auto alerts = alerts_since(store, since, request.now, alerted_sources);
  if (!alerts) return alerts.error();
  auto moves = series_moves(config, store, since, request.now);
  if (!moves) return moves.error();
  auto sources = failed_sources(config, store, alerted_sources);
  if (!sources) return sources.error();
  auto charts = web::build_all_series(config, store, request.now);
  if (!charts) return charts.error();

  const std::string local = format_local(request.scheduled_for, request.zone);
  json::object doc{
      {"kind", "digest"},
      {"id", digest_outbox_id(request.digest_id, request.scheduled_for)},
      {"digest", request.digest_id},
      {"title", "Things to watch this week: " + local.substr(0, 10)},
      {"scheduled_for", format_rfc3339(request.scheduled_for)},
      {"local_time", local},
      {"since", format_rfc3339(since)},
      {"generated_at", format_rfc3339(request.now)},
      {"triggers", trigger_rows(*rows)},
      {"changes", json::object{{"alerts", std::move(*alerts)},
                               {"figures", figure_changes(config, request.previous)},
                               {"series", std::move(*moves)},
                               {"sources", std::move(*sources)}}},
      {"figures", figure_rows(config)},
      {"charts", std::move(*charts)}};
  return doc;
}

}  // namespace watchdesk::digest
