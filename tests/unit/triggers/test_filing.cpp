// Tests for watchers/triggers/filing.cpp: one alert per accession of a listed form, its content,
// the figures to confirm on registration forms, and its reading.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/reading.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_filing)

namespace {

config::Config desk_config() {
  config::Config c;
  c.sources.push_back(source("spacex-filings", config::SourceKind::edgar_filings, "1181412"));
  config::Trigger t;
  t.id = "s1-public";
  t.kind = config::TriggerKind::filing;
  t.source = "spacex-filings";
  t.forms = {"S-1", "S-1/A", "F-1"};
  c.triggers.push_back(t);
  config::Figure nvidia;
  nvidia.name = "nvidia-dc-revenue-fy2025";
  nvidia.label = "NVIDIA data-center revenue FY2025";
  nvidia.value = "$115.2B (+142% y/y)";
  nvidia.status = config::Confirmation::ai_prior;
  config::Figure valuation;
  valuation.name = "spacex-valuation";
  valuation.label = "SpaceX IPO valuation";
  valuation.value = "$1.75-2T";
  valuation.status = config::Confirmation::reported;
  config::Figure gpus;
  gpus.name = "colossus-gpus";
  gpus.label = "Colossus GPUs";
  gpus.value = "100K+";
  gpus.status = config::Confirmation::confirmed;
  c.figures = {nvidia, valuation, gpus};
  return c;
}

SeenObservation filing(std::string form, std::string accession, TimePoint first_seen,
                       std::string source_id = "spacex-filings") {
  const TimePoint accepted = at("2026-05-20T21:02:11Z");
  return seen(std::move(source_id), accession, form + "  - General form for registration", accepted,
              first_seen,
              {{"accession", accession},
               {"form", form},
               {"company", "Space Exploration Technologies Corp"},
               {"cik", "1181412"},
               {"filing_date", "2026-05-20"},
               {"accepted", "2026-05-20T21:02:11Z"},
               {"document_url", "https://www.sec.gov/Archives/edgar/data/1181412/x/spacexs1.htm"}},
              "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/" + accession +
                  "-index.htm");
}

Outcome run(const config::Config& config, std::optional<std::string_view> state,
            std::vector<SeenObservation> items, TimePoint now = at("2026-05-20T21:05:00Z")) {
  FakeSeries series;
  FakeObservations observations;
  const Context context{now, config, series, observations, std::move(items)};
  return evaluate(config.triggers.front(), state, context);
}

std::string fact(const Alert& alert, std::string_view name) {
  for (const auto& f : alert.facts) {
    if (f.name == name) return f.value;
  }
  return "<missing>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(fires_once_per_accession) {
  const auto config = desk_config();
  const auto s1 = filing("S-1", "0001628280-26-036936", at("2026-05-20T21:03:07Z"));
  // Seen twice in one pass (two filer roles) and again in the next pass.
  const Outcome first = run(config, std::nullopt, {s1, s1});
  BOOST_TEST_REQUIRE(first.alerts.size() == 1u);
  BOOST_TEST(first.alerts[0].id == "s1-public/0001628280-26-036936");
  const Outcome second = run(config, first.state, {s1});
  BOOST_TEST(second.alerts.empty());
  const auto amendment = filing("S-1/A", "0001628280-26-040364", at("2026-06-03T21:03:07Z"));
  const Outcome third = run(config, second.state, {s1, amendment});
  BOOST_TEST_REQUIRE(third.alerts.size() == 1u);
  BOOST_TEST(third.alerts[0].id == "s1-public/0001628280-26-040364");
}

BOOST_AUTO_TEST_CASE(fires_only_for_listed_forms_of_its_source) {
  struct Case {
    const char* form;
    const char* source;
    bool fires;
  };
  const Case cases[] = {{"S-1", "spacex-filings", true},   {"S-1/A", "spacex-filings", true},
                        {"s-1/a", "spacex-filings", true}, {"F-1", "spacex-filings", true},
                        {"8-K", "spacex-filings", false},  {"424B4", "spacex-filings", false},
                        {"DRS", "spacex-filings", false},  {"S-1", "other-filings", false}};
  const auto config = desk_config();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.form << " from " << c.source) {
      const Outcome out = run(config, std::nullopt,
                              {filing(c.form, "0001628280-26-000001", at("2026-05-20T21:03:07Z"), c.source)});
      BOOST_TEST(out.alerts.size() == (c.fires ? 1u : 0u));
    }
  }
}

BOOST_AUTO_TEST_CASE(names_company_form_dates_and_index_link_as_confirmed) {
  const auto config = desk_config();
  const auto s1 = filing("S-1", "0001628280-26-036936", at("2026-05-20T21:03:07Z"));
  const Outcome out = run(config, std::nullopt, {s1});
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  const Alert& a = out.alerts[0];
  BOOST_TEST(a.title == "Space Exploration Technologies Corp filed S-1");
  BOOST_TEST((a.status == config::Confirmation::confirmed));
  BOOST_TEST(a.kind == "filing");
  BOOST_TEST((a.observed_at == at("2026-05-20T21:03:07Z")));
  BOOST_TEST((a.published_at == at("2026-05-20T21:02:11Z")));
  BOOST_TEST(fact(a, "company") == "Space Exploration Technologies Corp");
  BOOST_TEST(fact(a, "form") == "S-1");
  BOOST_TEST(fact(a, "filing_date") == "2026-05-20");
  BOOST_TEST(fact(a, "accepted") == "2026-05-20T21:02:11Z");
  BOOST_TEST(fact(a, "filing_index") == s1.observation.url);
  BOOST_TEST(a.summary.find(s1.observation.url) != std::string::npos);
  BOOST_TEST_REQUIRE(a.evidence.size() == 1u);
  BOOST_TEST(a.evidence[0].signal == signal_id("spacex-filings", "0001628280-26-036936"));
  BOOST_TEST(a.evidence[0].url == s1.observation.url);
}

BOOST_AUTO_TEST_CASE(lists_unconfirmed_figures_on_registration_forms_only) {
  struct Case {
    const char* form;
    bool lists_figures;
  };
  const Case cases[] = {{"S-1", true}, {"S-1/A", true}, {"F-1", true}, {"8-K", false}, {"424B4", false}};
  auto config = desk_config();
  config.triggers.front().forms = {"S-1", "S-1/A", "F-1", "8-K", "424B4"};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.form) {
      const Outcome out =
          run(config, std::nullopt, {filing(c.form, "0001628280-26-000002", at("2026-05-20T21:03:07Z"))});
      BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
      const Alert& a = out.alerts[0];
      const bool has_nvidia = fact(a, "figure.nvidia-dc-revenue-fy2025") != "<missing>";
      const bool has_valuation = fact(a, "figure.spacex-valuation") != "<missing>";
      BOOST_TEST(has_nvidia == c.lists_figures);
      BOOST_TEST(has_valuation == c.lists_figures);
      // A confirmed figure is never listed.
      BOOST_TEST(fact(a, "figure.colossus-gpus") == "<missing>");
      const bool in_summary = a.summary.find("To confirm or revise against this filing") != std::string::npos;
      BOOST_TEST(in_summary == c.lists_figures);
      if (c.lists_figures) {
        BOOST_TEST(a.summary.find("NVIDIA data-center revenue FY2025 = $115.2B (+142% y/y) (ai-prior)") !=
                   std::string::npos);
        BOOST_TEST(fact(a, "figure.spacex-valuation").find("to confirm or revise against this filing") !=
                   std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(old_filings_still_fire_unless_max_age_is_set) {
  auto config = desk_config();
  // Accepted 2026-05-20, first seen in November: a filing never ages out by default.
  const auto old = filing("S-1", "0001628280-26-036936", at("2026-11-23T09:00:00Z"));
  BOOST_TEST(run(config, std::nullopt, {old}).alerts.size() == 1u);
  config.triggers.front().max_age = days(3);
  const Outcome out = run(config, std::nullopt, {old});
  BOOST_TEST(out.alerts.empty());
  // Recorded: it does not fire later either, and the reading shows it.
  BOOST_TEST(run(config, out.state, {old}).alerts.empty());
  FakeSeries series;
  FakeObservations observations;
  const Context context{at("2026-11-23T10:00:00Z"), config, series, observations, {}};
  const auto rows = read(config.triggers.front(), out.state, context);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].reading == "S-1 filed 2026-05-20 (0001628280-26-036936)");
}

BOOST_AUTO_TEST_CASE(reads_the_latest_filing_with_evidence) {
  const auto config = desk_config();
  FakeSeries series;
  FakeObservations observations;
  const Context context{at("2026-06-04T00:00:00Z"), config, series, observations, {}};
  const auto before = read(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(before.size() == 1u);
  BOOST_TEST(before[0].reading == "no S-1, S-1/A, F-1 filing seen");
  BOOST_TEST(!before[0].status.has_value());

  const Outcome out = run(config, std::nullopt,
                          {filing("S-1", "0001628280-26-036936", at("2026-05-20T21:03:07Z")),
                           filing("S-1/A", "0001628280-26-040364", at("2026-06-03T21:03:07Z"))});
  const auto after = read(config.triggers.front(), out.state, context);
  BOOST_TEST_REQUIRE(after.size() == 1u);
  BOOST_TEST(after[0].reading.starts_with("S-1/A filed 2026-05-20 (0001628280-26-040364)"));
  BOOST_TEST((after[0].status == config::Confirmation::confirmed));
  BOOST_TEST_REQUIRE(after[0].evidence.has_value());
  BOOST_TEST(after[0].evidence->signal == signal_id("spacex-filings", "0001628280-26-040364"));
}

BOOST_AUTO_TEST_SUITE_END()
