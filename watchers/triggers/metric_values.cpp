// Series and metric values: a metric is its expression over its inputs' points, recursively.
#include "watchers/triggers/metric_values.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/expression.hpp"

namespace watchdesk::triggers {
namespace {

const config::Metric* find_metric(const config::Config& config, std::string_view name) {
  for (const auto& metric : config.metrics) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

// Which point of a series to use.
struct When {
  std::optional<TimePoint> at_or_before;  // nullopt: the latest
  // With `at_or_before`: the value whose provider a price series must match, or nullptr.
  const MetricValue* like = nullptr;
};

// The provider a point of series `name` must come from to compare with `like`: the provider of
// the point `like` used for that series.
std::optional<std::string_view> provider_to_match(const config::Config& config, std::string_view name,
                                                  const MetricValue* like) {
  if (like == nullptr) return std::nullopt;
  for (const auto& input : like->inputs)
    if (input.series == name) return comparable_provider(config, name, input.point);
  return std::nullopt;
}

Result<MetricValue> value_of(const config::Config& config, const SeriesView& series,
                             std::string_view name, When when, std::size_t depth) {
  const config::Metric* metric = find_metric(config, name);
  if (metric == nullptr) {
    const auto provider = provider_to_match(config, name, when.like);
    const auto point = when.at_or_before ? series.at_or_before(name, *when.at_or_before, provider)
                                         : series.latest(name);
    if (!point) {
      std::string message = "series " + std::string(name) + " has no point";
      if (when.at_or_before) message += " at or before " + format_rfc3339(*when.at_or_before);
      if (provider) message += " from " + std::string(*provider);
      return make_error(std::move(message));
    }
    return MetricValue{point->value, point->at, {InputPoint{std::string(name), *point}}};
  }
  // A metric that refers to itself, directly or not, is rejected by the loader; stop regardless.
  if (depth > config.metrics.size()) {
    return make_error("metric " + std::string(name) + " refers to itself through its inputs");
  }
  auto expression = Expression::parse(metric->expr);
  if (!expression) {
    return make_error("metric " + std::string(name) + ": " + expression.error().message);
  }
  std::map<std::string, double, std::less<>> values;
  MetricValue out;
  bool first = true;
  for (const auto& input : expression->inputs()) {
    auto value = value_of(config, series, input, when, depth + 1);
    if (!value) return make_error("metric " + std::string(name) + ": " + value.error().message);
    values[input] = value->value;
    out.at = first ? value->at : std::max(out.at, value->at);
    first = false;
    for (auto& point : value->inputs) {
      const bool seen = std::any_of(out.inputs.begin(), out.inputs.end(), [&](const InputPoint& p) {
        return p.series == point.series && p.point.at == point.point.at;
      });
      if (!seen) out.inputs.push_back(std::move(point));
    }
  }
  const auto result = expression->evaluate([&](std::string_view input) -> std::optional<double> {
    const auto it = values.find(input);
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
  if (!result) return make_error("metric " + std::string(name) + ": division by zero");
  if (first) {
    // A constant expression holds at any time; date it at the requested time or the epoch.
    out.at = when.at_or_before.value_or(TimePoint{});
  }
  out.value = *result;
  return out;
}

}  // namespace

Result<MetricValue> latest_value(const config::Config& config, const SeriesView& series,
                                 std::string_view name) {
  return value_of(config, series, name, When{}, 0);
}

Result<MetricValue> value_at_or_before(const config::Config& config, const SeriesView& series,
                                       std::string_view name, TimePoint t) {
  return value_of(config, series, name, When{t}, 0);
}

Result<MetricValue> comparable_value_at_or_before(const config::Config& config, const SeriesView& series,
                                                  std::string_view name, TimePoint t, const MetricValue& like) {
  return value_of(config, series, name, When{t, &like}, 0);
}

std::optional<std::string_view> comparable_provider(const config::Config& config, std::string_view name,
                                                    const SeriesPoint& point) {
  // An EDGAR fact's `ref` is its accession number, which differs from filing to filing by design.
  const config::Source* source = config.find_source(split_series_name(name).first);
  if (source == nullptr || source->kind != config::SourceKind::price || point.ref.empty()) return std::nullopt;
  return std::string_view(point.ref);
}

std::pair<std::string_view, std::string_view> split_series_name(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return {std::string_view{}, name};
  return {name.substr(0, dot), name.substr(dot + 1)};
}

}  // namespace watchdesk::triggers
