// A line chart of one time series as an inline SVG document: no script, no external reference.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace watchdesk::chart {

/// One value of the series at one time.
struct ChartPoint {
  TimePoint at;
  double value = 0;
};

/// A horizontal line across the chart at `value` (a trigger's threshold), with its label.
struct ChartLine {
  double value = 0;
  std::string label;
};

/// A shaded span of time (a trigger's window), with its label.
struct ChartBand {
  TimePoint from;
  TimePoint to;
  std::string label;
};

/// A marked moment on the line (an alert), with its label.
struct ChartMarker {
  TimePoint at;
  double value = 0;
  std::string label;
};

/// What one chart shows: the points (any order), the time span drawn, and what is marked on it.
struct ChartSpec {
  std::string title;
  std::vector<ChartPoint> points;
  TimePoint from;
  TimePoint to;
  std::vector<ChartLine> lines;
  std::vector<ChartBand> bands;
  std::vector<ChartMarker> markers;
  /// Two neighbouring points further apart than this are not joined: the line has a gap there.
  Seconds gap{std::chrono::days(3)};
};

/// Round tick values covering [`low`, `high`] (1, 2 or 5 times a power of ten apart), about
/// `wanted` of them; a single tick when `low == high`.
std::vector<double> nice_ticks(double low, double high, int wanted);

/// The value range the y axis spans for `spec`: its points, lines and markers with round ends, and
/// a span of at least one unit around a flat series (never zero wide).
std::pair<double, double> value_range(const ChartSpec& spec);

/// The chart as an `<svg>` element with a fixed `viewBox` (it scales to its container): axes with
/// round ticks, the series as polylines broken at gaps, a dot for a point with no neighbour, bands,
/// lines and markers; every text escaped. A chart with no points says so.
std::string render_svg(const ChartSpec& spec);

}  // namespace watchdesk::chart
