// Geometry and markup of the inline SVG line chart.
#include "core/chart/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text/escape_html.hpp"

namespace watchdesk::chart {
namespace {
namespace svg_layout {

// The drawing, in viewBox units.
constexpr double kWidth = 640;
constexpr double kHeight = 220;
constexpr double kLeft = 60;
constexpr double kRight = 620;
constexpr double kTop = 30;
constexpr double kBottom = 190;

// A number as an axis label: up to four significant digits, no exponent for everyday sizes.
std::string tick_label(double v) {
  if (std::abs(v) < 1e-12) return "0";
  if (std::abs(v) >= 1e6 || std::abs(v) < 1e-3) return fmt::format("{:.3g}", v);
  return fmt::format("{:.4g}", v);
}

// A coordinate with one decimal, as SVG reads it.
std::string coord(double v) { return fmt::format("{:.1f}", v); }

// The time axis: day steps that give at most about six labels.
std::vector<TimePoint> time_ticks(TimePoint from, TimePoint to) {
  using days = std::chrono::days;
  const auto span = std::chrono::duration_cast<days>(to - from).count();
  long step = 1;
  for (long candidate : {1L, 2L, 7L, 14L, 30L, 60L, 90L, 180L, 365L}) {
    step = candidate;
    if (span / candidate <= 6) break;
  }
  std::vector<TimePoint> out;
  auto first = std::chrono::ceil<days>(from);
  for (auto t = std::chrono::sys_days(first.time_since_epoch()); t <= to; t += days(step)) out.push_back(t);
  return out;
}

std::string day_label(TimePoint t) {
  const std::string s = format_rfc3339(t);
  return s.substr(5, 5);
}

}  // namespace svg_layout
}  // namespace

using namespace svg_layout;

std::vector<double> nice_ticks(double low, double high, int wanted) {
  if (!(high > low)) return {low};
  const double raw = (high - low) / std::max(wanted - 1, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  std::vector<double> out;
  const double start = std::floor(low / step + 1e-9) * step;
  const double end = std::ceil(high / step - 1e-9) * step;
  for (int i = 0; start + i * step <= end + step * 1e-6 && i < 1000; ++i) {
    double v = start + i * step;
    if (std::abs(v) < step * 1e-9) v = 0;
    out.push_back(v);
  }
  return out;
}

std::pair<double, double> value_range(const ChartSpec& spec) {
  std::vector<double> values;
  for (const auto& p : spec.points)
    if (p.at >= spec.from && p.at <= spec.to && std::isfinite(p.value)) values.push_back(p.value);
  for (const auto& l : spec.lines)
    if (std::isfinite(l.value)) values.push_back(l.value);
  for (const auto& m : spec.markers)
    if (std::isfinite(m.value)) values.push_back(m.value);
  if (values.empty()) return {0, 1};
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  double low = *lo, high = *hi;
  if (high - low < 1e-12 * std::max(1.0, std::abs(high))) {
    // A flat series (or one point): a band around it, never a zero-wide axis.
    const double pad = std::max(std::abs(low) * 0.05, 1.0);
    low -= pad;
    high += pad;
  }
  const auto ticks = nice_ticks(low, high, 5);
  return {ticks.front(), ticks.back()};
}

std::string render_svg(const ChartSpec& spec) {
  std::vector<ChartPoint> points;
  for (const auto& p : spec.points)
    if (p.at >= spec.from && p.at <= spec.to && std::isfinite(p.value)) points.push_back(p);
  std::stable_sort(points.begin(), points.end(), [](const ChartPoint& a, const ChartPoint& b) { return a.at < b.at; });

  const auto [low, high] = value_range(spec);
  const double span_t = static_cast<double>((spec.to - spec.from).count());
  const auto x_of = [&](TimePoint t) {
    if (span_t <= 0) return (kLeft + kRight) / 2;
    const double f = static_cast<double>((t - spec.from).count()) / span_t;
    return kLeft + std::clamp(f, 0.0, 1.0) * (kRight - kLeft);
  };
  const auto y_of = [&](double v) {
    const double f = (v - low) / (high - low);
    return kBottom - std::clamp(f, 0.0, 1.0) * (kBottom - kTop);
  };

  const std::string title = text::escape_html(spec.title);
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
      "aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\">\n<title>{}</title>\n"
      "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n"
      "<text x=\"{}\" y=\"18\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">{}</text>\n",
      kWidth, kHeight, title, title, kWidth, kHeight, kLeft, title);

  for (const auto& band : spec.bands) {
    const double x0 = x_of(std::max(band.from, spec.from)), x1 = x_of(std::min(band.to, spec.to));
    if (x1 < x0) continue;
    const bool right_half = x0 > (kLeft + kRight) / 2;
    out += fmt::format(
        "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f2c94c\" fill-opacity=\"0.25\">"
        "<title>{}</title></rect>\n<text x=\"{}\" y=\"{}\"{} fill=\"#8a6d00\">{}</text>\n",
        coord(x0), kTop, coord(std::max(x1 - x0, 1.0)), kBottom - kTop, text::escape_html(band.label),
        // A band in the right half is labelled leftwards from its start, so the label stays inside.
        right_half ? coord(x0 - 3) : coord(x0 + 3), kTop + 11, right_half ? " text-anchor=\"end\"" : "",
        text::escape_html(band.label));
  }

  for (double v : nice_ticks(low, high, 5)) {
    const double y = y_of(v);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{}</text>\n",
        kLeft, coord(y), kRight, coord(y), kLeft - 6, coord(y + 4), tick_label(v));
  }
  for (auto t : time_ticks(spec.from, spec.to)) {
    const double x = x_of(t);
    out += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n",
        coord(x), kBottom, coord(x), kBottom + 4, coord(x), kBottom + 16, day_label(t));
  }
  out += fmt::format("<polyline points=\"{},{} {},{} {},{}\" fill=\"none\" stroke=\"#999\"/>\n", kLeft, kTop, kLeft,
                     kBottom, kRight, kBottom);

  for (const auto& line : spec.lines) {
    const double y = y_of(line.value);
    out += fmt::format(
        "<line class=\"threshold\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" "
        "stroke-dasharray=\"6 4\"><title>{}</title></line>\n"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#c0392b\">{}</text>\n",
        kLeft, coord(y), kRight, coord(y), text::escape_html(line.label), kRight - 2, coord(y - 3),
        text::escape_html(line.label));
  }

  if (points.empty()) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#777\">no values in this period</text>\n",
                       (kLeft + kRight) / 2, (kTop + kBottom) / 2);
  }
  // Runs of points no further apart than `gap`: each a polyline, a lone point a dot.
  std::size_t begin = 0;
  while (begin < points.size()) {
    std::size_t end = begin + 1;
    while (end < points.size() && points[end].at - points[end - 1].at <= spec.gap) ++end;
    if (end - begin == 1) {
      out += fmt::format("<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#1f6feb\"/>\n",
                         coord(x_of(points[begin].at)), coord(y_of(points[begin].value)));
    } else {
      out += "<polyline class=\"series\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"";
      for (std::size_t i = begin; i < end; ++i)
        out += (i == begin ? "" : " ") + coord(x_of(points[i].at)) + "," + coord(y_of(points[i].value));
      out += "\"/>\n";
    }
    begin = end;
  }

  for (const auto& marker : spec.markers) {
    out += fmt::format(
        "<circle class=\"alert\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#c0392b\" stroke=\"#fff\" stroke-width=\"1.5\">"
        "<title>{}</title></circle>\n",
        coord(x_of(marker.at)), coord(y_of(marker.value)), text::escape_html(marker.label));
  }
  out += "</svg>\n";
  return out;
}

}  // namespace watchdesk::chart
