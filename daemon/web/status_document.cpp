// Building the status document from the configuration and the state store.
#include "daemon/web/status_document.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/secret_scrub.hpp"
#include "core/units.hpp"
#include "daemon/pipeline/history_json.hpp"
#include "daemon/pipeline/state_table.hpp"
#include "daemon/pipeline/state_table_json.hpp"
#include "daemon/pipeline/store_views.hpp"
#include "watchers/triggers/health.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::web {
namespace {
namespace series_build {

namespace json = boost::json;

// A series' points as (time, value), oldest first.
using Points = std::vector<std::pair<TimePoint, double>>;

// The value the line shows at `t`: the last point at or before it, else the first point.
double value_near(const Points& points, TimePoint t) {
  double v = points.empty() ? 0 : points.front().second;
  for (const auto& [at, value] : points) {
    if (at > t) break;
    v = value;
  }
  return v;
}

// At most this many points per chart: more would not show on 640 units of width.
constexpr std::size_t kMaxChartPoints = 640;

// `times` (sorted) thinned to the last one of each of `kMaxChartPoints` equal spans of [from, to].
std::vector<TimePoint> thin(const std::vector<TimePoint>& times, TimePoint from, TimePoint to) {
  if (times.size() <= kMaxChartPoints || to <= from) return times;
  const auto span = (to - from).count();
  std::vector<TimePoint> out;
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto bucket = (times[i] - from).count() * static_cast<long long>(kMaxChartPoints) / span;
    const bool last_of_bucket = i + 1 == times.size() ||
                                (times[i + 1] - from).count() * static_cast<long long>(kMaxChartPoints) / span != bucket;
    if (last_of_bucket) out.push_back(times[i]);
  }
  return out;
}

// The points of a stored series or of a metric's expression within [from, to], at most
// `kMaxChartPoints` of them.
Result<Points> points_of(const config::Config& config, store::StateStore& store, std::string_view name, TimePoint from,
                         TimePoint to) {
  Points out;
  if (config.find_metric(name) == nullptr) {
    auto read = store.series(name, from, to);
    if (!read) return std::move(read).error();
    std::vector<TimePoint> times;
    for (const auto& p : *read) times.push_back(p.at);
    const auto kept = thin(times, from, to);
    std::size_t k = 0;
    for (const auto& p : *read)
      if (k < kept.size() && p.at == kept[k]) {
        out.emplace_back(p.at, p.value);
        ++k;
      }
    return out;
  }
  // A metric has a value wherever one of its inputs has a point.
  pipeline::StoreSeries view(store);
  auto latest = triggers::latest_value(config, view, name);
  if (view.failure()) return *view.failure();
  if (!latest) return out;
  std::set<std::string> inputs;
  for (const auto& input : latest->inputs) inputs.insert(input.series);
  std::set<TimePoint> times;
  for (const auto& input : inputs) {
    auto read = store.series(input, from, to);
    if (!read) return std::move(read).error();
    for (const auto& p : *read) times.insert(p.at);
  }
  for (auto t : thin(std::vector<TimePoint>(times.begin(), times.end()), from, to)) {
    auto value = triggers::value_at_or_before(config, view, name, t);
    if (view.failure()) return *view.failure();
    if (value) out.emplace_back(t, value->value);
  }
  return out;
}

// The latest time a series or metric has a value, if any.
Result<std::optional<TimePoint>> last_time(const config::Config& config, store::StateStore& store,
                                           std::string_view name) {
  if (config.find_metric(name) == nullptr) {
    auto latest = store.latest_point(name);
    if (!latest) return std::move(latest).error();
    if (!*latest) return std::optional<TimePoint>();
    return std::optional<TimePoint>((*latest)->at);
  }
  pipeline::StoreSeries view(store);
  auto latest = triggers::latest_value(config, view, name);
  if (view.failure()) return *view.failure();
  if (!latest) return std::optional<TimePoint>();
  return std::optional<TimePoint>(latest->at);
}

// The triggers whose question this series answers: a metric-move on it, a count on its source's
// `open_roles`.
std::vector<const config::Trigger*> triggers_on(const config::Config& config, std::string_view name) {
  std::vector<const config::Trigger*> out;
  for (const auto& t : config.triggers) {
    if (t.kind == config::TriggerKind::metric_move && t.metric == name) out.push_back(&t);
    if (t.kind == config::TriggerKind::count && name == t.source + ".open_roles") out.push_back(&t);
  }
  return out;
}

std::string number_text(double v) { return fmt::format("{:.4g}", v); }

// The threshold lines and window band of `trigger` on a chart ending at `to`.
void mark_trigger(const config::Trigger& trigger, const Points& points, TimePoint to, json::array& lines,
                  json::array& bands) {
  const std::string window = format_duration(trigger.window);
  if (trigger.window.count() > 0)
    bands.push_back(json::object{{"from", format_rfc3339(to - trigger.window)},
                                 {"to", format_rfc3339(to)},
                                 {"label", trigger.id + ": window " + window}});
  if (trigger.kind == config::TriggerKind::count) {
    if (trigger.above)
      lines.push_back(json::object{{"value", *trigger.above},
                                   {"label", trigger.id + ": above " + number_text(*trigger.above)}});
    return;
  }
  if (trigger.threshold && !points.empty()) {
    const double base = value_near(points, to - trigger.window);
    const double step = trigger.threshold->relative ? base * trigger.threshold->value : trigger.threshold->value;
    const std::string by = trigger.threshold->relative ? number_text(trigger.threshold->value * 100) + "%"
                                                       : number_text(trigger.threshold->value);
    lines.push_back(json::object{{"value", base + step}, {"label", trigger.id + ": +" + by + " in " + window}});
    lines.push_back(json::object{{"value", base - step}, {"label", trigger.id + ": -" + by + " in " + window}});
  }
  if (trigger.above)
    lines.push_back(json::object{{"value", *trigger.above}, {"label", trigger.id + ": above " + number_text(*trigger.above)}});
  if (trigger.below)
    lines.push_back(json::object{{"value", *trigger.below}, {"label", trigger.id + ": below " + number_text(*trigger.below)}});
}

}  // namespace series_build
}  // namespace

using namespace series_build;

Result<json::object> build_series(const config::Config& config, store::StateStore& store, std::string_view name,
                                  TimePoint now) {
  const bool metric = config.find_metric(name) != nullptr;
  auto last = last_time(config, store, name);
  if (!last) return std::move(last).error();
  if (!metric && !*last) return make_error("no series or metric named '" + std::string(name) + "'", ErrorKind::not_found);
  // A series whose last point is older than the span is shown up to that point, marked stale
  const bool stale = *last && **last < now - kChartSpan;
  // (to the end of that point's day, so that alerts raised on it that evening are on the chart).
  const TimePoint to = stale ? std::chrono::ceil<std::chrono::days>(**last + Seconds(1)) : now;
  const TimePoint from = to - kChartSpan;
  auto points = points_of(config, store, name, from, to);
  if (!points) return std::move(points).error();

  json::array point_list;
  for (const auto& [at, value] : *points) point_list.push_back(json::object{{"at", format_rfc3339(at)}, {"value", value}});
  json::array lines, bands, alerts;
  const auto on = triggers_on(config, name);
  for (const auto* trigger : on) mark_trigger(*trigger, *points, to, lines, bands);
  if (!on.empty()) {
    auto history = store.alerts_since(from);
    if (!history) return std::move(history).error();
    for (auto it = history->rbegin(); it != history->rend(); ++it) {
      const auto& alert = it->alert;
      if (alert.raised_at > to) continue;
      if (std::none_of(on.begin(), on.end(), [&](const auto* t) { return t->id == alert.trigger; })) continue;
      alerts.push_back(json::object{{"at", format_rfc3339(alert.raised_at)},
                                    {"value", value_near(*points, alert.raised_at)},
                                    {"id", alert.id},
                                    {"title", pipeline::alert_title(alert)}});
    }
  }
  return json::object{{"name", name},
                      {"kind", metric ? "metric" : "series"},
                      {"from", format_rfc3339(from)},
                      {"to", format_rfc3339(to)},
                      {"stale", stale},
                      {"points", std::move(point_list)},
                      {"lines", std::move(lines)},
                      {"bands", std::move(bands)},
                      {"alerts", std::move(alerts)}};
}

Result<json::array> build_all_series(const config::Config& config, store::StateStore& store, TimePoint now) {
  auto names = store.series_names();
  if (!names) return std::move(names).error();
  std::vector<std::string> all = std::move(names).value();
  for (const auto& metric : config.metrics) all.push_back(metric.name);
  json::array out;
  for (const auto& name : all) {
    auto series = build_series(config, store, name, now);
    if (!series) return std::move(series).error().context("series " + name);
    out.push_back(std::move(series).value());
  }
  return out;
}

Result<json::array> build_alerts(store::StateStore& store, TimePoint now) {
  auto history = store.alerts_since(now - kRecentAlerts);
  if (!history) return std::move(history).error();
  json::array out;
  for (const auto& h : *history) {
    if (out.size() == kMaxAlerts) break;
    out.push_back(pipeline::alert_history_json(h));
  }
  return out;
}

Result<json::object> build_status(const config::Config& config, store::StateStore& store, TimePoint now) {
  auto rows = pipeline::read_state_table(config, store, now);
  if (!rows) return std::move(rows).error();
  auto series = build_all_series(config, store, now);
  if (!series) return std::move(series).error();
  auto alerts = build_alerts(store, now);
  if (!alerts) return std::move(alerts).error();
  auto silences = store.active_silences(now);
  if (!silences) return std::move(silences).error();
  json::array silence_list;
  for (const auto& s : *silences) silence_list.push_back(pipeline::silence_json(s, now));

  json::array sources;
  for (const auto& source : config.sources) {
    auto stored = store.fetch_state(source.id);
    if (!stored) return std::move(stored).error();
    json::object o{{"source", source.id}};
    const auto& state = *stored;
    const auto time_or_null = [](const std::optional<TimePoint>& t) {
      return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
    };
    if (!state || !state->last_attempt) {
      o["state"] = "not fetched yet";
      o["consecutive_failures"] = 0;
      o["last_attempt"] = nullptr;
      o["last_success"] = nullptr;
      o["last_error"] = nullptr;
    } else {
      const bool degraded = state->consecutive_failures == 0 &&
                            state->last_error.rfind(triggers::degraded_marker, 0) == 0;
      o["state"] = state->consecutive_failures > 0 ? "failing" : degraded ? "degraded" : "healthy";
      o["consecutive_failures"] = state->consecutive_failures;
      o["last_attempt"] = time_or_null(state->last_attempt);
      o["last_success"] = time_or_null(state->last_success);
      std::string error = degraded ? state->last_error.substr(triggers::degraded_marker.size()) : state->last_error;
      o["last_error"] = error.empty() ? json::value(nullptr) : json::value(scrub_secrets(error));
    }
    sources.push_back(std::move(o));
  }

  return json::object{{"kind", "status"},
                      {"generated_at", format_rfc3339(now)},
                      {"table", pipeline::state_table_json(*rows)},
                      {"series", std::move(series).value()},
                      {"alerts", std::move(alerts).value()},
                      {"silences", std::move(silence_list)},
                      {"sources", std::move(sources)}};
}

}  // namespace watchdesk::web
