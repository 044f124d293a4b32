// Values of series and `[metrics.*]` expressions, now and at an earlier time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::triggers {

/// One source-series point a value rests on.
struct InputPoint {
  /// The series name (`crwv-price.close`).
  std::string series;
  SeriesPoint point;
};

/// The value of a series or metric at one time.
struct MetricValue {
  double value = 0;
  /// The point's time; for a metric, the newest of its inputs' times.
  TimePoint at;
  /// The source-series points used, in order of first use (one entry for a plain series).
  std::vector<InputPoint> inputs;
};

/// The value of `name` from each series' newest point. `name` is a `[metrics.NAME]` (its
/// expression over its inputs' values, recursively) or a source series `SOURCE.FIELD`. The error
/// names the series with no point, or says the expression divided by zero or does not parse.
Result<MetricValue> latest_value(const config::Config& config, const SeriesView& series,
                                 std::string_view name);

/// As `latest_value`, from each series' newest point at or before `t`.
Result<MetricValue> value_at_or_before(const config::Config& config, const SeriesView& series,
                                       std::string_view name, TimePoint t);

/// As `value_at_or_before`, comparing like with like: each `price` series is read only from points
/// of the provider (`ref`) that `like` used for it, so a Stooq close is never the earlier value of
/// a Yahoo close. The error says when that provider has no point that early.
Result<MetricValue> comparable_value_at_or_before(const config::Config& config, const SeriesView& series,
                                                  std::string_view name, TimePoint t, const MetricValue& like);

/// The provider an earlier point of series `name` must come from to be compared with `point`: the
/// point's `ref` for a `price` series (one provider's closes are never compared with another's),
/// nullopt for every other series.
std::optional<std::string_view> comparable_provider(const config::Config& config, std::string_view name,
                                                    const SeriesPoint& point);

/// Splits a series name `SOURCE.FIELD` at its last dot; the source is empty when there is none.
std::pair<std::string_view, std::string_view> split_series_name(std::string_view name);

}  // namespace watchdesk::triggers
