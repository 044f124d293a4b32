// Tests for watchers/triggers/metric_values.cpp: series and derived-metric values now and earlier.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/metric_values.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_metric_values)

namespace {
config::Config comps_config() {
  config::Config c;
  config::Metric crwv;
  crwv.name = "crwv-ps";
  crwv.expr = "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm";
  config::Metric spcx;
  spcx.name = "spcx-ps";
  spcx.expr = "spcx-price.close * spcx-facts.shares_outstanding / spcx-facts.revenue_ttm";
  config::Metric ratio;
  ratio.name = "spcx-vs-crwv";
  ratio.expr = "spcx-ps / crwv-ps";
  c.metrics = {crwv, spcx, ratio};
  return c;
}

FakeSeries comps_series() {
  FakeSeries s;
  s.add("crwv-facts.shares_outstanding", at("2026-07-31T00:00:00Z"), 500e6, "0001769628-26-000101");
  s.add("crwv-facts.revenue_ttm", at("2026-06-30T00:00:00Z"), 5e9, "0001769628-26-000101");
  s.add("crwv-price.close", at("2026-11-13T21:00:00Z"), 100);
  s.add("crwv-price.close", at("2026-11-20T21:00:00Z"), 110);
  s.add("spcx-facts.shares_outstanding", at("2026-09-30T00:00:00Z"), 4e9);
  s.add("spcx-facts.revenue_ttm", at("2026-09-30T00:00:00Z"), 20e9);
  s.add("spcx-price.close", at("2026-11-13T21:00:00Z"), 400);
  s.add("spcx-price.close", at("2026-11-20T20:00:00Z"), 500);
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(values_series_and_metrics_now_and_earlier) {
  struct Case {
    const char* name;
    std::optional<const char*> at_or_before;
    double value;
    const char* time;
  };
  const Case cases[] = {
      {"crwv-price.close", std::nullopt, 110, "2026-11-20T21:00:00Z"},
      {"crwv-price.close", "2026-11-19T00:00:00Z", 100, "2026-11-13T21:00:00Z"},
      {"crwv-ps", std::nullopt, 11, "2026-11-20T21:00:00Z"},
      {"crwv-ps", "2026-11-14T00:00:00Z", 10, "2026-11-13T21:00:00Z"},
      {"spcx-ps", std::nullopt, 100, "2026-11-20T20:00:00Z"},
      {"spcx-vs-crwv", std::nullopt, 100.0 / 11.0, "2026-11-20T21:00:00Z"},
      {"spcx-vs-crwv", "2026-11-14T00:00:00Z", 8, "2026-11-13T21:00:00Z"},
  };
  const auto config = comps_config();
  const auto series = comps_series();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name << " at " << c.at_or_before.value_or("latest")) {
      const auto v = c.at_or_before ? value_at_or_before(config, series, c.name, at(*c.at_or_before))
                                    : latest_value(config, series, c.name);
      BOOST_TEST_REQUIRE(v.ok(), (v.ok() ? "" : v.error().message));
      BOOST_TEST(v->value == c.value, boost::test_tools::tolerance(1e-9));
      BOOST_TEST(format_rfc3339(v->at) == c.time);
    }
  }
}

BOOST_AUTO_TEST_CASE(lists_the_source_points_used) {
  const auto v = latest_value(comps_config(), comps_series(), "spcx-vs-crwv");
  BOOST_TEST_REQUIRE(v.ok());
  std::vector<std::string> names;
  for (const auto& input : v->inputs) names.push_back(input.series);
  const std::vector<std::string> expected = {"spcx-price.close", "spcx-facts.shares_outstanding",
                                             "spcx-facts.revenue_ttm", "crwv-price.close",
                                             "crwv-facts.shares_outstanding", "crwv-facts.revenue_ttm"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(v->inputs[4].point.ref == "0001769628-26-000101");
}

BOOST_AUTO_TEST_CASE(a_missing_input_gives_no_value_and_names_it) {
  auto series = comps_series();
  const auto config = comps_config();
  const auto before_any_price = value_at_or_before(config, series, "crwv-ps", at("2026-11-01T00:00:00Z"));
  BOOST_TEST_REQUIRE(!before_any_price.ok());
  BOOST_TEST(before_any_price.error().message.find("crwv-price.close has no point") != std::string::npos,
             before_any_price.error().message);

  config::Config partial = config;
  partial.metrics[0].expr = "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue";
  const auto missing = latest_value(partial, series, "spcx-vs-crwv");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().message ==
             "metric spcx-vs-crwv: metric crwv-ps: series crwv-facts.revenue has no point");
}

BOOST_AUTO_TEST_CASE(division_by_zero_and_bad_expressions_give_no_value) {
  auto series = comps_series();
  series.add("crwv-facts.revenue_ttm", at("2026-09-30T00:00:00Z"), 0);
  const auto zero = latest_value(comps_config(), series, "crwv-ps");
  BOOST_TEST_REQUIRE(!zero.ok());
  BOOST_TEST(zero.error().message.find("division by zero") != std::string::npos);

  auto config = comps_config();
  config.metrics[0].expr = "crwv-price.close *";
  BOOST_TEST(!latest_value(config, series, "crwv-ps").ok());
}

BOOST_AUTO_TEST_CASE(a_self_referencing_metric_stops) {
  config::Config config;
  config::Metric loop;
  loop.name = "loop";
  loop.expr = "loop + 1";
  config.metrics = {loop};
  const auto v = latest_value(config, FakeSeries{}, "loop");
  BOOST_TEST_REQUIRE(!v.ok());
  BOOST_TEST(v.error().message.find("refers to itself") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(splits_series_names_at_the_last_dot) {
  BOOST_TEST(split_series_name("crwv-price.close").first == "crwv-price");
  BOOST_TEST(split_series_name("crwv-price.close").second == "close");
  BOOST_TEST(split_series_name("close").first.empty());
}

BOOST_AUTO_TEST_SUITE_END()
