// Tests for watchers/triggers/metric_move.cpp: threshold moves, level crossings, hysteresis,
// cooldown, derived metrics with missing inputs, max_age and the reading.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/reading.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_metric_move)

namespace {

const TimePoint kDay0 = at("2026-11-02T21:00:00Z");

config::Config price_config(config::Trigger trigger) {
  config::Config c;
  c.sources.push_back(source("crwv-price", config::SourceKind::price));
  c.sources.push_back(source("crwv-facts", config::SourceKind::edgar_facts, "1769628"));
  config::Metric ps;
  ps.name = "crwv-ps";
  ps.expr = "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm";
  c.metrics.push_back(ps);
  c.triggers.push_back(std::move(trigger));
  return c;
}

config::Trigger move_trigger(std::string metric, Seconds window) {
  config::Trigger t;
  t.id = "coreweave-move";
  t.kind = config::TriggerKind::metric_move;
  t.metric = std::move(metric);
  t.window = window;
  return t;
}

// One step of a scenario: a new close at `day` (+ hours), evaluated an hour later.
struct Step {
  double day;
  double close;
  const char* fires;  // "" or the alert kind in the id: "move", "above", "below"
};

// Feeds the steps in order, carrying state, and checks what fired at each.
void run_steps(const config::Config& config, const std::vector<Step>& steps) {
  FakeSeries series;
  FakeObservations observations;
  std::optional<std::string> state;
  for (const auto& step : steps) {
    const TimePoint t = kDay0 + Seconds{static_cast<long long>(step.day * 86400)};
    series.add("crwv-price.close", t, step.close);
    const Context context{t + Seconds{3600}, config, series, observations, {}};
    std::optional<std::string_view> view;
    if (state) view = *state;
    const Outcome out = evaluate(config.triggers.front(), view, context);
    state = out.state;
    BOOST_TEST_CONTEXT("day " << step.day << " close " << step.close) {
      const std::string expected = step.fires;
      if (expected.empty()) {
        BOOST_TEST(out.alerts.empty());
      } else {
        BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
        BOOST_TEST(out.alerts[0].id == "coreweave-move/" + expected + "/" + format_rfc3339(t));
      }
    }
  }
}

std::string fact(const Alert& alert, std::string_view name) {
  for (const auto& f : alert.facts) {
    if (f.name == name) return f.value;
  }
  return "<missing>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(fires_when_the_change_reaches_the_threshold) {
  struct Case {
    const char* name;
    config::Threshold threshold;
    double to;
    bool fires;
  };
  const Case cases[] = {{"+11% over 10%", {0.10, true}, 111, true},
                        {"-10% reaches 10%", {0.10, true}, 90, true},
                        {"+9.9% under 10%", {0.10, true}, 109.9, false},
                        {"absolute 12 over 10", {10, false}, 112, true},
                        {"absolute 8 under 10", {10, false}, 92, false}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto trigger = move_trigger("crwv-price.close", Seconds{86400});
      trigger.threshold = c.threshold;
      run_steps(price_config(trigger), {{0, 100, ""}, {1, c.to, c.fires ? "move" : ""}});
    }
  }
}

BOOST_AUTO_TEST_CASE(rearms_only_after_the_change_falls_under_half_the_threshold) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  trigger.cooldown = Seconds{0};
  run_steps(price_config(trigger), {{0, 100, ""},
                                    {1, 111, "move"},  // +11%
                                    {2, 120, ""},      // +8.1%: still above 5%, not re-armed
                                    {3, 133, ""},      // +10.8%: not re-armed yet
                                    {4, 135, ""},      // +1.5%: re-arms
                                    {5, 150, "move"},  // +11.1%
                                    {6, 134, ""}});    // -10.7%: disarmed since day 5
}

BOOST_AUTO_TEST_CASE(rearm_fraction_is_configurable) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  trigger.cooldown = Seconds{0};
  trigger.rearm = 0.9;  // re-arm under 9%
  run_steps(price_config(trigger), {{0, 100, ""}, {1, 111, "move"}, {2, 120, "" /* +8.1% re-arms */},
                                    {3, 133, "move"}});
}

BOOST_AUTO_TEST_CASE(cooldown_stops_flapping) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  trigger.cooldown = Seconds{3 * 86400};
  run_steps(price_config(trigger), {{0, 100, ""},
                                    {1, 111, "move"},
                                    {2, 112, ""},       // re-arms
                                    {3, 125, ""},       // +11.6% but 2 days after the alert
                                    {4, 139, "move"}});  // +11.2%, 3 days after: fires
}

BOOST_AUTO_TEST_CASE(cooldown_defaults_to_the_window) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  run_steps(price_config(trigger), {{0, 100, ""},
                                    {1, 111, "move"},
                                    {1.5, 100, ""},       // 0% against day 0: re-arms
                                    {1.75, 112, ""},      // +12% but 18 h after the alert
                                    {2.0833, 125, "move"}});  // 26 h after: fires
}

BOOST_AUTO_TEST_CASE(fires_on_crossing_above_and_below_levels) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.above = 120;
  trigger.below = 80;
  run_steps(price_config(trigger), {{0, 100, ""},
                                    {1, 119, ""},
                                    {2, 121, "above"},
                                    {3, 125, ""},  // stays above: no new alert
                                    {4, 118, ""},  // back under: re-arms
                                    {5, 122, "above"},
                                    {6, 79, "below"},
                                    {7, 70, ""}});
}

BOOST_AUTO_TEST_CASE(a_level_crossing_inside_the_cooldown_is_not_raised) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.above = 120;
  trigger.cooldown = Seconds{3 * 86400};
  run_steps(price_config(trigger), {{0, 100, ""}, {1, 121, "above"}, {2, 118, ""}, {3, 122, ""},
                                    {4, 119, ""}, {5, 123, "above"}});
}

BOOST_AUTO_TEST_CASE(first_evaluation_compares_levels_with_the_window_value) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.above = 120;
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-price.close", kDay0, 100);
  series.add("crwv-price.close", kDay0 + Seconds{86400}, 125);
  const Context fresh{kDay0 + Seconds{86400 + 3600}, config, series, observations, {}};
  BOOST_TEST(evaluate(config.triggers.front(), std::nullopt, fresh).alerts.size() == 1u);
  // The same first look ten days later: the data is older than max_age, a baseline, not news.
  const Context late{kDay0 + Seconds{11 * 86400}, config, series, observations, {}};
  BOOST_TEST(evaluate(config.triggers.front(), std::nullopt, late).alerts.empty());
}

BOOST_AUTO_TEST_CASE(old_data_on_the_first_evaluation_is_a_baseline) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  trigger.cooldown = Seconds{0};
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-price.close", kDay0, 100);
  series.add("crwv-price.close", kDay0 + Seconds{86400}, 120);
  const Context first{kDay0 + Seconds{10 * 86400}, config, series, observations, {}};
  const Outcome baseline = evaluate(config.triggers.front(), std::nullopt, first);
  BOOST_TEST(baseline.alerts.empty());
  // A new point that keeps the move above threshold does not fire: the baseline disarmed it.
  series.add("crwv-price.close", kDay0 + Seconds{10 * 86400}, 140);
  series.add("crwv-price.close", kDay0 + Seconds{11 * 86400}, 155);
  const Context next{kDay0 + Seconds{11 * 86400 + 3600}, config, series, observations, {}};
  BOOST_TEST(evaluate(config.triggers.front(), baseline.state, next).alerts.empty());
}

BOOST_AUTO_TEST_CASE(a_value_that_appears_late_is_still_a_first_evaluation) {
  auto trigger = move_trigger("crwv-ps", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-price.close", kDay0, 100);
  series.add("crwv-price.close", kDay0 + Seconds{86400}, 120);
  const Context no_facts{kDay0 + Seconds{86400 + 3600}, config, series, observations, {}};
  const Outcome first = evaluate(config.triggers.front(), std::nullopt, no_facts);
  BOOST_TEST(first.alerts.empty());
  // The facts arrive nine days later; the move they complete is old news.
  series.add("crwv-facts.shares_outstanding", kDay0 - days(30), 500e6);
  series.add("crwv-facts.revenue_ttm", kDay0 - days(30), 5e9);
  const Context late{kDay0 + days(10), config, series, observations, {}};
  BOOST_TEST(evaluate(config.triggers.front(), first.state, late).alerts.empty());
}

BOOST_AUTO_TEST_CASE(derived_metric_alert_gives_both_values_change_and_evidence) {
  auto trigger = move_trigger("crwv-ps", Seconds{7 * 86400});
  trigger.threshold = config::Threshold{0.10, true};
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-facts.shares_outstanding", at("2026-07-31T00:00:00Z"), 500e6, "0001769628-26-000101");
  series.add("crwv-facts.revenue_ttm", at("2026-06-30T00:00:00Z"), 5e9, "0001769628-26-000101");
  series.add("crwv-price.close", at("2026-11-13T21:00:00Z"), 100);
  series.add("crwv-price.close", at("2026-11-20T21:00:00Z"), 112.5);
  const Context context{at("2026-11-20T22:00:00Z"), config, series, observations, {}};
  const Outcome out = evaluate(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  const Alert& a = out.alerts[0];
  BOOST_TEST(a.id == "coreweave-move/move/2026-11-20T21:00:00Z");
  BOOST_TEST(a.title == "crwv-ps up 12.5% over 7d");
  BOOST_TEST((a.status == config::Confirmation::confirmed));
  BOOST_TEST(fact(a, "value") == "11.25");
  BOOST_TEST(fact(a, "previous_value") == "10");
  BOOST_TEST(fact(a, "at") == "2026-11-20T21:00:00Z");
  BOOST_TEST(fact(a, "previous_at") == "2026-11-13T21:00:00Z");
  BOOST_TEST(fact(a, "change_percent") == "+12.5%");
  BOOST_TEST(fact(a, "threshold") == "10%");
  BOOST_TEST_REQUIRE(a.evidence.size() == 3u);
  BOOST_TEST(a.evidence[0].source == "crwv-price");
  BOOST_TEST(a.evidence[0].signal == signal_id("crwv-price", "close@2026-11-20T21:00:00Z"));
  BOOST_TEST(a.evidence[1].url ==
             "https://www.sec.gov/Archives/edgar/data/1769628/000176962826000101/"
             "0001769628-26-000101-index.htm");
}

BOOST_AUTO_TEST_CASE(derived_metric_with_a_missing_input_has_no_value_and_no_alert) {
  auto trigger = move_trigger("crwv-ps", Seconds{7 * 86400});
  trigger.threshold = config::Threshold{0.10, true};
  trigger.above = 1;
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-facts.shares_outstanding", at("2026-07-31T00:00:00Z"), 500e6);
  series.add("crwv-price.close", at("2026-11-13T21:00:00Z"), 100);
  series.add("crwv-price.close", at("2026-11-20T21:00:00Z"), 150);
  const Context context{at("2026-11-20T22:00:00Z"), config, series, observations, {}};
  const Outcome out = evaluate(config.triggers.front(), std::nullopt, context);
  BOOST_TEST(out.alerts.empty());
  BOOST_TEST(!out.state.empty());
  const auto rows = read(config.triggers.front(), out.state, context);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].reading == "no value: metric crwv-ps: series crwv-facts.revenue_ttm has no point");
  BOOST_TEST(!rows[0].status.has_value());
}

namespace {

// Closes of a source whose provider fell back from yahoo to stooq on day 2 and back on day 4;
// `tag_provider` false stores them without their provider, as if all came from one.
std::vector<std::string> moves_across_a_fallback(bool tag_provider) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.05, true};
  trigger.cooldown = Seconds{0};
  const auto config = price_config(trigger);
  struct Close {
    int day;
    double value;
    const char* provider;
  };
  // Stooq's history is dividend-adjusted, Yahoo's closes are not: the same sessions differ by ~6%.
  const std::vector<Close> closes{{0, 100, "yahoo"}, {1, 101, "yahoo"}, {2, 95, "stooq"},
                                  {3, 96, "stooq"},  {4, 108, "yahoo"}};
  FakeSeries series;
  FakeObservations observations;
  std::optional<std::string> state;
  std::vector<std::string> fired;
  for (const auto& c : closes) {
    const TimePoint t = kDay0 + days(c.day);
    series.add("crwv-price.close", t, c.value, tag_provider ? c.provider : "");
    const Context context{t + Seconds{3600}, config, series, observations, {}};
    std::optional<std::string_view> view;
    if (state) view = *state;
    const Outcome out = evaluate(config.triggers.front(), view, context);
    state = out.state;
    for (const auto& alert : out.alerts) fired.push_back(alert.id);
  }
  return fired;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_provider_fallback_mid_series_is_not_a_move) {
  // Day 2's stooq close has no stooq close a day earlier: no move. Day 4's yahoo close is compared
  // with day 1's, the latest yahoo close at or before a day earlier: +6.9%, a move.
  const std::vector<std::string> expected{"coreweave-move/move/" + format_rfc3339(kDay0 + days(4))};
  BOOST_TEST(moves_across_a_fallback(true) == expected, boost::test_tools::per_element());
  // Untagged, the same closes raise the false move from 101 to 95 (-5.9%) on day 2.
  const auto untagged = moves_across_a_fallback(false);
  BOOST_TEST_REQUIRE(!untagged.empty());
  BOOST_TEST(untagged.front() == "coreweave-move/move/" + format_rfc3339(kDay0 + days(2)));
}

BOOST_AUTO_TEST_CASE(the_reading_compares_one_providers_closes) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-price.close", kDay0, 100, "yahoo");
  series.add("crwv-price.close", kDay0 + days(1), 94, "stooq");
  const Context context{kDay0 + days(1) + Seconds{3600}, config, series, observations, {}};
  const auto rows = read(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].reading == "crwv-price.close 94, no value 1d earlier (threshold 10%)");
}

BOOST_AUTO_TEST_CASE(reads_value_change_and_last_alert) {
  auto trigger = move_trigger("crwv-price.close", Seconds{86400});
  trigger.threshold = config::Threshold{0.10, true};
  const auto config = price_config(trigger);
  FakeSeries series;
  FakeObservations observations;
  series.add("crwv-price.close", kDay0, 100);
  series.add("crwv-price.close", kDay0 + Seconds{86400}, 111);
  const Context context{kDay0 + Seconds{86400 + 3600}, config, series, observations, {}};
  const Outcome out = evaluate(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  const auto rows = read(config.triggers.front(), out.state, context);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].reading.starts_with("crwv-price.close 111, +11.0% over 1d (threshold 10%); last alert "));
  BOOST_TEST((rows[0].status == config::Confirmation::confirmed));
  BOOST_TEST((rows[0].as_of == kDay0 + Seconds{86400}));
}

BOOST_AUTO_TEST_SUITE_END()
