// Tests for watchers/triggers/reading.cpp: the whole observable-state table, metric rows and
// figure rows with their confirmation tags.
#include <boost/test/unit_test.hpp>

#include <map>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/reading.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_reading)

namespace {
config::Config seed_config() {
  config::Config c;
  c.sources.push_back(source("spacex-filings", config::SourceKind::edgar_filings, "1181412"));
  c.sources.push_back(source("crwv-price", config::SourceKind::price));
  c.sources.push_back(source("crwv-facts", config::SourceKind::edgar_facts, "1769628"));
  c.sources.push_back(source("colossus-news", config::SourceKind::feed));
  c.sources.push_back(source("xai-jobs", config::SourceKind::jobs));
  config::Metric ps;
  ps.name = "crwv-ps";
  ps.expr = "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm";
  c.metrics.push_back(ps);

  config::Trigger s1;
  s1.id = "s1-public";
  s1.kind = config::TriggerKind::filing;
  s1.source = "spacex-filings";
  s1.forms = {"S-1", "S-1/A", "F-1"};
  config::Trigger move;
  move.id = "coreweave-move";
  move.kind = config::TriggerKind::metric_move;
  move.metric = "crwv-ps";
  move.window = days(7);
  move.threshold = config::Threshold{0.10, true};
  config::Trigger tenant;
  tenant.id = "second-tenant";
  tenant.kind = config::TriggerKind::tenant;
  tenant.sources = {"colossus-news"};
  tenant.subject = {"Colossus"};
  tenant.known = {"Anthropic"};
  tenant.deadline = at("2026-06-12T00:00:00Z");
  config::Trigger hiring;
  hiring.id = "ai-infra-hiring";
  hiring.kind = config::TriggerKind::count;
  hiring.source = "xai-jobs";
  hiring.window = days(90);
  hiring.above = 10;
  c.triggers = {s1, move, tenant, hiring};

  config::Figure nvidia;
  nvidia.name = "nvidia-dc-revenue-fy2025";
  nvidia.label = "NVIDIA data-center revenue FY2025";
  nvidia.value = "$115.2B (+142% y/y)";
  nvidia.status = config::Confirmation::ai_prior;
  nvidia.signals = {"daad3d00"};
  nvidia.as_of = "2026-05-31";
  config::Figure valuation;
  valuation.name = "spacex-valuation";
  valuation.label = "SpaceX IPO valuation";
  valuation.value = "$1.75-2T, ~$75B raise, June 2026 NASDAQ";
  valuation.status = config::Confirmation::reported;
  valuation.signals = {"50da90f1"};
  c.figures = {nvidia, valuation};
  return c;
}
}  // namespace

BOOST_AUTO_TEST_CASE(one_row_per_trigger_metric_and_figure_in_order) {
  const auto config = seed_config();
  FakeSeries series;
  series.add("crwv-price.close", at("2026-11-20T21:00:00Z"), 100);
  series.add("crwv-facts.shares_outstanding", at("2026-07-31T00:00:00Z"), 500e6);
  series.add("crwv-facts.revenue_ttm", at("2026-06-30T00:00:00Z"), 5e9);
  FakeObservations observations;
  const Context context{at("2026-11-23T12:00:00Z"), config, series, observations, {}};
  const auto rows = read_all(context, [](std::string_view) { return std::optional<std::string>{}; });

  struct Expected {
    const char* row;
    const char* kind;
    const char* reading_start;
    std::optional<config::Confirmation> status;
  };
  const Expected expected[] = {
      {"s1-public", "filing", "no S-1, S-1/A, F-1 filing seen", std::nullopt},
      {"coreweave-move", "metric-move", "crwv-ps 10, no value 7d earlier (threshold 10%)",
       config::Confirmation::confirmed},
      {"second-tenant", "tenant",
       "no new tenant named; known: Anthropic; deadline 2026-06-12: unresolved (not watched before the deadline)",
       std::nullopt},
      {"ai-infra-hiring", "count", "0 items from xai-jobs in the last 90d (fires above 10)",
       config::Confirmation::confirmed},
      {"crwv-ps", "metric", "10 = crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm",
       config::Confirmation::confirmed},
      {"NVIDIA data-center revenue FY2025", "figure", "$115.2B (+142% y/y)", config::Confirmation::ai_prior},
      {"SpaceX IPO valuation", "figure", "$1.75-2T, ~$75B raise, June 2026 NASDAQ",
       config::Confirmation::reported},
  };
  BOOST_TEST_REQUIRE(rows.size() == std::size(expected));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST_CONTEXT(expected[i].row) {
      BOOST_TEST(rows[i].row == expected[i].row);
      BOOST_TEST(rows[i].kind == expected[i].kind);
      BOOST_TEST(rows[i].reading.starts_with(expected[i].reading_start), rows[i].reading);
      BOOST_TEST((rows[i].status == expected[i].status));
    }
  }
  BOOST_TEST((rows[4].as_of == at("2026-11-20T21:00:00Z")));
  BOOST_TEST_REQUIRE(rows[5].evidence.has_value());
  BOOST_TEST(rows[5].evidence->signal == "daad3d00");
  BOOST_TEST((rows[5].as_of == at("2026-05-31T00:00:00Z")));
}

BOOST_AUTO_TEST_CASE(a_metric_without_a_value_says_which_input_is_missing) {
  const auto config = seed_config();
  FakeSeries series;
  series.add("crwv-price.close", at("2026-11-20T21:00:00Z"), 100);
  FakeObservations observations;
  const Context context{at("2026-11-23T12:00:00Z"), config, series, observations, {}};
  const Reading row = read_metric(config.metrics.front(), context);
  BOOST_TEST(row.reading == "no value: metric crwv-ps: series crwv-facts.shares_outstanding has no point");
  BOOST_TEST(!row.status.has_value());
  BOOST_TEST(!row.evidence.has_value());
}

BOOST_AUTO_TEST_CASE(rows_read_the_stored_state_of_each_trigger) {
  const auto config = seed_config();
  FakeSeries series;
  FakeObservations observations;
  const Context context{at("2026-11-23T12:00:00Z"), config, series, observations, {}};
  const std::map<std::string, std::string, std::less<>> states = {
      {"second-tenant",
       R"({"first_evaluated":"2026-06-01T00:00:00Z","deadline":"no","tenants":[]})"}};
  const auto rows = read_all(context, [&](std::string_view id) -> std::optional<std::string> {
    const auto it = states.find(id);
    if (it == states.end()) return std::nullopt;
    return it->second;
  });
  BOOST_TEST(rows[2].reading.ends_with("deadline 2026-06-12: resolved no"));
}

BOOST_AUTO_TEST_SUITE_END()
