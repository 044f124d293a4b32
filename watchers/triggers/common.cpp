// Shared trigger helpers: freshness, evidence, formatting and state-document access.
#include "watchers/triggers/common.hpp"

#include <boost/json/parse.hpp>

#include <cmath>
#include <cstdio>

#include "config/source_kinds.hpp"
#include "watchers/observation.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// True for an EDGAR accession number: `0001628280-26-036936`.
bool is_accession(std::string_view text) {
  if (text.size() != 20 || text[10] != '-' || text[13] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 10 || i == 13) continue;
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

std::string without_dashes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '-') out += c;
  }
  return out;
}

}  // namespace

Freshness freshness(const SeenObservation& seen, std::optional<Seconds> max_age) {
  if (!max_age || !seen.observation.published) return Freshness::fresh;
  return seen.first_seen - *seen.observation.published > *max_age ? Freshness::stale
                                                                  : Freshness::fresh;
}

TimePoint published_or_seen(const SeenObservation& seen) {
  return seen.observation.published.value_or(seen.first_seen);
}

Evidence evidence_of(const SeenObservation& seen) {
  return Evidence{seen.signal, seen.source_id, seen.observation.url, seen.observation.title,
                  seen.observation.published};
}

Evidence evidence_of(const config::Config& config, const InputPoint& input) {
  const auto [source_id, field] = split_series_name(input.series);
  Evidence evidence;
  evidence.signal =
      signal_id(source_id, std::string(field) + "@" + format_rfc3339(input.point.at));
  evidence.source = std::string(source_id);
  evidence.title = input.series + " = " + format_number(input.point.value) + " at " +
                   format_rfc3339(input.point.at);
  evidence.published_at = input.point.at;
  const config::Source* source = config.find_source(source_id);
  if (source != nullptr && config::spec_of(source->kind).sec && !source->cik.empty() &&
      is_accession(input.point.ref)) {
    evidence.url = "https://www.sec.gov/Archives/edgar/data/" + source->cik + "/" +
                   without_dashes(input.point.ref) + "/" + input.point.ref + "-index.htm";
  } else if (source != nullptr) {
    evidence.url = source->url;
  }
  return evidence;
}

config::Confirmation source_confirmation(const config::Config& config, std::string_view source_id) {
  const config::Source* source = config.find_source(source_id);
  if (source == nullptr || source->kind == config::SourceKind::feed) {
    return config::Confirmation::reported;
  }
  return config::Confirmation::confirmed;
}

std::string fact_or(const Observation& observation, std::string_view name,
                    std::string_view fallback) {
  const auto it = observation.facts.find(name);
  if (it == observation.facts.end() || it->second.empty()) return std::string(fallback);
  return it->second;
}

std::string format_number(double value) {
  if (!std::isfinite(value)) return value != value ? "NaN" : (value > 0 ? "inf" : "-inf");
  char buffer[64];
  if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
  }
  return buffer;
}

std::string format_change_percent(double fraction) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%+.1f%%", fraction * 100.0);
  return buffer;
}

std::string format_threshold(const config::Threshold& threshold) {
  if (threshold.relative) return format_number(threshold.value * 100.0) + "%";
  return format_number(threshold.value);
}

bool in_cooldown(std::optional<TimePoint> last_alert, Seconds cooldown, TimePoint now) {
  return last_alert && now - *last_alert < cooldown;
}

std::optional<json::object> parse_state(std::optional<std::string_view> state) {
  if (!state) return std::nullopt;
  boost::system::error_code ec;
  json::value value = json::parse(*state, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

std::optional<TimePoint> get_time(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return parse_rfc3339(value->get_string());
}

std::optional<double> get_number(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->to_number<double>();
}

bool get_bool(const json::object& object, std::string_view key, bool fallback) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_bool()) return fallback;
  return value->get_bool();
}

std::string get_string(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->get_string());
}

std::vector<std::string> get_strings(const json::object& object, std::string_view key) {
  std::vector<std::string> out;
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_array()) return out;
  for (const auto& item : value->get_array()) {
    if (item.is_string()) out.emplace_back(item.get_string());
  }
  return out;
}

json::value time_value(std::optional<TimePoint> t) {
  if (!t) return nullptr;
  return json::value(format_rfc3339(*t));
}

json::object evidence_to_object(const Evidence& evidence) {
  json::object out;
  out["signal"] = evidence.signal;
  out["source"] = evidence.source;
  out["url"] = evidence.url;
  out["title"] = evidence.title;
  out["published_at"] = time_value(evidence.published_at);
  return out;
}

Evidence evidence_from_value(const json::value& value) {
  Evidence evidence;
  if (!value.is_object()) return evidence;
  const json::object& object = value.get_object();
  evidence.signal = get_string(object, "signal");
  evidence.source = get_string(object, "source");
  evidence.url = get_string(object, "url");
  evidence.title = get_string(object, "title");
  evidence.published_at = get_time(object, "published_at");
  return evidence;
}

}  // namespace watchdesk::triggers
