// A chart of the status document's series entry: the same SVG on the page, in the digest's HTML
// mail and, as a data URI, in `status --format markdown`.
#pragma once

#include <boost/json/object.hpp>

#include <string>

#include "core/chart/svg_chart.hpp"

namespace watchdesk::web {

/// The chart spec of one entry of the document's `series` (as `build_series` makes it).
chart::ChartSpec chart_of(const boost::json::object& series);

/// The entry's chart as an `<svg>` element.
std::string series_svg(const boost::json::object& series);

/// The entry's chart as a `data:image/svg+xml;base64,` URI, for Markdown image syntax.
std::string series_data_uri(const boost::json::object& series);

/// One line saying what the chart shows in words (last value and time, range, alerts), for
/// readers whose client shows no image.
std::string series_summary(const boost::json::object& series);

}  // namespace watchdesk::web
