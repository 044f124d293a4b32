// Tests for core/chart/svg_chart.cpp: round ticks, value ranges, gaps, one point, a flat line,
// thresholds, windows, alert markers and escaped labels.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "support/count_of.hpp"
#include "core/chart/svg_chart.hpp"

using namespace watchdesk;
using namespace watchdesk::chart;
using std::chrono::days;
using std::chrono::hours;

using watchdesk::testing::count_of;

BOOST_AUTO_TEST_SUITE(core_svg_chart)

namespace {

const TimePoint kChartStart = *parse_rfc3339("2026-03-01T00:00:00Z");

ChartSpec daily_chart(std::vector<double> values) {
  ChartSpec spec;
  spec.title = "crwv-ps";
  spec.from = kChartStart;
  spec.to = kChartStart + days(90);
  for (std::size_t i = 0; i < values.size(); ++i) spec.points.push_back({kChartStart + days(static_cast<int>(i)), values[i]});
  return spec;
}

}  // namespace

BOOST_AUTO_TEST_CASE(ticks_are_round_steps_covering_the_range) {
  struct Case {
    double low, high;
    std::vector<double> ticks;
  };
  const std::vector<Case> cases{
      {0, 10, {0, 5, 10}},
      {7.1, 8.5, {7, 7.5, 8, 8.5}},
      {-3, 3, {-4, -2, 0, 2, 4}},
      {120, 980, {0, 500, 1000}},
  };
  for (const auto& c : cases) {
    const auto ticks = nice_ticks(c.low, c.high, 5);
    BOOST_TEST(ticks.front() <= c.low);
    BOOST_TEST(ticks.back() >= c.high);
    BOOST_TEST(ticks.size() == c.ticks.size(), c.low << ".." << c.high);
    for (std::size_t i = 0; i < std::min(ticks.size(), c.ticks.size()); ++i)
      BOOST_TEST(ticks[i] == c.ticks[i], boost::test_tools::tolerance(1e-9));
  }
  BOOST_TEST(nice_ticks(5, 5, 5).size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_flat_series_gets_a_range_around_it_not_a_zero_wide_axis) {
  const auto [low, high] = value_range(daily_chart({20, 20, 20, 20}));
  BOOST_TEST(low < 20);
  BOOST_TEST(high > 20);
  const auto svg = render_svg(daily_chart({20, 20, 20, 20}));
  BOOST_TEST(svg.find("nan") == std::string::npos);
  BOOST_TEST(svg.find("inf") == std::string::npos);
  BOOST_TEST(count_of(svg, "class=\"series\"") == 1u);
}

BOOST_AUTO_TEST_CASE(zero_everywhere_is_still_drawn) {
  const auto [low, high] = value_range(daily_chart({0, 0}));
  BOOST_TEST(low < 0);
  BOOST_TEST(high > 0);
}

BOOST_AUTO_TEST_CASE(one_point_is_a_dot_not_a_line) {
  const auto svg = render_svg(daily_chart({7.5}));
  BOOST_TEST(count_of(svg, "class=\"point\"") == 1u);
  BOOST_TEST(count_of(svg, "class=\"series\"") == 0u);
}

BOOST_AUTO_TEST_CASE(a_gap_longer_than_the_limit_breaks_the_line) {
  auto spec = daily_chart({1, 2, 3});
  spec.points.push_back({kChartStart + days(20), 4});
  spec.points.push_back({kChartStart + days(21), 5});
  const auto svg = render_svg(spec);
  BOOST_TEST(count_of(svg, "class=\"series\"") == 2u);
  BOOST_TEST(count_of(svg, "class=\"point\"") == 0u);
  spec.gap = days(30);
  BOOST_TEST(count_of(render_svg(spec), "class=\"series\"") == 1u);
}

BOOST_AUTO_TEST_CASE(points_outside_the_span_are_not_drawn) {
  auto spec = daily_chart({1, 2});
  spec.points.push_back({kChartStart - days(10), 1000});
  const auto [low, high] = value_range(spec);
  BOOST_TEST(high < 1000);
  BOOST_TEST(low <= 1);
}

BOOST_AUTO_TEST_CASE(higher_values_are_drawn_higher_and_later_times_further_right) {
  const auto svg = render_svg(daily_chart({1, 2}));
  const auto at = svg.find("points=\"", svg.find("class=\"series\""));
  BOOST_TEST_REQUIRE(at != std::string::npos);
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  BOOST_TEST_REQUIRE(std::sscanf(svg.c_str() + at, "points=\"%lf,%lf %lf,%lf", &x1, &y1, &x2, &y2) == 4);
  BOOST_TEST(x2 > x1);
  BOOST_TEST(y2 < y1);  // SVG's y grows downwards
}

BOOST_AUTO_TEST_CASE(thresholds_windows_and_alerts_are_marked_and_widen_the_range) {
  auto spec = daily_chart({8, 8.2, 8.1});
  spec.lines.push_back({10, "coreweave-move: +10% in 7d"});
  spec.bands.push_back({kChartStart + days(83), kChartStart + days(90), "coreweave-move: window 7d"});
  spec.markers.push_back({kChartStart + days(2), 8.1, "crwv-ps down 15% over 7d"});
  const auto svg = render_svg(spec);
  BOOST_TEST(count_of(svg, "class=\"threshold\"") == 1u);
  BOOST_TEST(count_of(svg, "class=\"band\"") == 1u);
  BOOST_TEST(count_of(svg, "class=\"alert\"") == 1u);
  BOOST_TEST(svg.find("coreweave-move: window 7d") != std::string::npos);
  BOOST_TEST(value_range(spec).second >= 10);
}

BOOST_AUTO_TEST_CASE(an_empty_series_says_so) {
  const auto svg = render_svg(daily_chart({}));
  BOOST_TEST(svg.find("no values in this period") != std::string::npos);
  BOOST_TEST(svg.rfind("<svg ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(titles_and_labels_are_escaped) {
  auto spec = daily_chart({1, 2});
  spec.title = "<script>alert(1)</script>";
  spec.markers.push_back({kChartStart + hours(1), 1, "\"><img src=x onerror=alert(2)>"});
  const auto svg = render_svg(spec);
  BOOST_TEST(svg.find("<script>") == std::string::npos);
  BOOST_TEST(svg.find("<img") == std::string::npos);
  BOOST_TEST(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(svg.find("&quot;&gt;&lt;img") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_size_is_fixed_in_the_viewbox) {
  const auto svg = render_svg(daily_chart({1, 2, 3}));
  BOOST_TEST(svg.find("viewBox=\"0 0 640 220\"") != std::string::npos);
  BOOST_TEST(svg.find("<script") == std::string::npos);
  BOOST_TEST(svg.find("href") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
