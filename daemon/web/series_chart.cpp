// From a series entry of the status document to its chart.
#include "daemon/web/series_chart.hpp"

#include <boost/beast/core/detail/base64.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "core/json_array.hpp"

namespace watchdesk::web {
namespace {
namespace chart_fields {

namespace json = boost::json;

std::string text_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

TimePoint time_of(const json::object& o, std::string_view key) {
  return parse_rfc3339(text_of(o, key)).value_or(TimePoint{});
}

double number_of(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_double()) return v->get_double();
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  return 0;
}

}  // namespace chart_fields
}  // namespace

using namespace chart_fields;

chart::ChartSpec chart_of(const json::object& series) {
  chart::ChartSpec spec;
  spec.title = text_of(series, "name");
  const auto* stale = series.if_contains("stale");
  if (stale != nullptr && stale->is_bool() && stale->get_bool()) spec.title += " (no value in the last 90 days)";
  spec.from = time_of(series, "from");
  spec.to = time_of(series, "to");
  for (const auto& v : json_array(series, "points"))
    if (v.is_object()) spec.points.push_back({time_of(v.get_object(), "at"), number_of(v.get_object(), "value")});
  for (const auto& v : json_array(series, "lines"))
    if (v.is_object()) spec.lines.push_back({number_of(v.get_object(), "value"), text_of(v.get_object(), "label")});
  for (const auto& v : json_array(series, "bands"))
    if (v.is_object())
      spec.bands.push_back({time_of(v.get_object(), "from"), time_of(v.get_object(), "to"), text_of(v.get_object(), "label")});
  for (const auto& v : json_array(series, "alerts"))
    if (v.is_object()) {
      const auto& a = v.get_object();
      spec.markers.push_back({time_of(a, "at"), number_of(a, "value"), text_of(a, "at") + " " + text_of(a, "title")});
    }
  return spec;
}

std::string series_svg(const json::object& series) { return chart::render_svg(chart_of(series)); }

std::string series_data_uri(const json::object& series) {
  namespace base64 = boost::beast::detail::base64;
  const std::string svg = series_svg(series);
  std::string out(base64::encoded_size(svg.size()), '\0');
  out.resize(base64::encode(out.data(), svg.data(), svg.size()));
  return "data:image/svg+xml;base64," + out;
}

std::string series_summary(const json::object& series) {
  const auto spec = chart_of(series);
  if (spec.points.empty()) return fmt::format("{}: no values from {} to {}", text_of(series, "name"),
                                              format_rfc3339(spec.from).substr(0, 10), format_rfc3339(spec.to).substr(0, 10));
  auto [lo, hi] = std::minmax_element(spec.points.begin(), spec.points.end(),
                                      [](const auto& a, const auto& b) { return a.value < b.value; });
  const auto& last = *std::max_element(spec.points.begin(), spec.points.end(),
                                       [](const auto& a, const auto& b) { return a.at < b.at; });
  return fmt::format("{}: {:.4g} at {}; {} points, range {:.4g} to {:.4g}; {} alert{}", text_of(series, "name"),
                     last.value, format_rfc3339(last.at), spec.points.size(), lo->value, hi->value,
                     spec.markers.size(), spec.markers.size() == 1 ? "" : "s");
}

}  // namespace watchdesk::web
