// Tests for watchers/triggers/tenant.cpp: new tenants reported then confirmed, what never counts,
// max_age, the deadline question and the reading.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/reading.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_tenant)

namespace {

config::Config desk_config() {
  config::Config c;
  c.sources.push_back(source("colossus-news", config::SourceKind::feed));
  c.sources.push_back(source("colossus-filings", config::SourceKind::edgar_search, "1181412"));
  c.sources.push_back(source("other-news", config::SourceKind::feed));
  config::Trigger t;
  t.id = "second-tenant";
  t.kind = config::TriggerKind::tenant;
  t.sources = {"colossus-news", "colossus-filings"};
  t.subject = {"Colossus"};
  t.known = {"Anthropic"};
  t.deadline = at("2026-06-12T00:00:00Z");
  c.triggers.push_back(t);
  return c;
}

int next_key = 0;

// A news item first seen an hour after publication.
SeenObservation news(std::string title, std::string publisher, TimePoint published,
                     std::string summary = {}, std::string source_id = "colossus-news") {
  Facts facts = {{"publisher", std::move(publisher)}};
  if (!summary.empty()) facts["summary"] = std::move(summary);
  return seen(std::move(source_id), "guid-" + std::to_string(++next_key), std::move(title), published,
              published + Seconds{3600}, std::move(facts));
}

SeenObservation filing_hit(std::string summary, TimePoint published) {
  return seen("colossus-filings", "0001628280-26-05000" + std::to_string(++next_key) + ":s1a.htm",
              "S-1/A - Space Exploration Technologies Corp", published, published + Seconds{3600},
              {{"form", "S-1/A"}, {"summary", std::move(summary)}});
}

// Evaluates passes in order, carrying state.
class Desk {
 public:
  explicit Desk(config::Config config = desk_config()) : config_(std::move(config)) {}

  Outcome pass(TimePoint now, std::vector<SeenObservation> items) {
    FakeSeries series;
    FakeObservations observations;
    const Context context{now, config_, series, observations, std::move(items)};
    std::optional<std::string_view> view;
    if (state_) view = *state_;
    Outcome out = evaluate(config_.triggers.front(), view, context);
    state_ = out.state;
    return out;
  }

  Reading reading(TimePoint now) const {
    FakeSeries series;
    FakeObservations observations;
    const Context context{now, config_, series, observations, {}};
    std::optional<std::string_view> view;
    if (state_) view = *state_;
    return read(config_.triggers.front(), view, context).at(0);
  }

  config::Config config_;
  std::optional<std::string> state_;
};

std::vector<std::string> ids(const Outcome& out) {
  std::vector<std::string> v;
  for (const auto& a : out.alerts) v.push_back(a.id);
  return v;
}

std::string fact(const Alert& alert, std::string_view name) {
  for (const auto& f : alert.facts) {
    if (f.name == name) return f.value;
  }
  return "<missing>";
}

const TimePoint kMay31 = at("2026-05-31T10:00:00Z");

}  // namespace

BOOST_AUTO_TEST_CASE(never_counts_comparisons_owners_or_known_tenants) {
  struct Case {
    const char* title;
    const char* summary;
  };
  const Case cases[] = {
      {"Meta's cluster rivals Colossus", ""},
      {"Meta's Hyperion build rivals Colossus", "Meta says its new cluster outpaces Colossus."},
      {"xAI rents more Colossus capacity", ""},
      {"X.AI becomes a Colossus customer", ""},
      {"SpaceX signs lease for Colossus expansion", ""},
      {"Anthropic rents Colossus", ""},
      {"Anthropic just rented Musk's supercomputer", "Anthropic has signed on as the first tenant for Colossus."},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.title) {
      Desk desk;
      const Outcome out = desk.pass(kMay31 + Seconds{3600}, {news(c.title, "Reuters", kMay31, c.summary)});
      BOOST_TEST(out.alerts.empty());
      BOOST_TEST(desk.reading(kMay31 + Seconds{7200}).reading.starts_with("no new tenant named; known: Anthropic"));
    }
  }
}

BOOST_AUTO_TEST_CASE(reported_on_first_item_then_confirmed_by_a_second_publisher) {
  Desk desk;
  const auto first = news("OpenAI signs deal to rent Colossus capacity - Reuters", "Reuters", kMay31);
  const Outcome reported = desk.pass(kMay31 + Seconds{3600}, {first});
  BOOST_TEST_REQUIRE(reported.alerts.size() == 1u);
  const Alert& r = reported.alerts[0];
  BOOST_TEST(r.id == "second-tenant/OpenAI/reported");
  BOOST_TEST((r.status == config::Confirmation::reported));
  BOOST_TEST(r.kind == "tenant");
  BOOST_TEST(fact(r, "organisation") == "OpenAI");
  BOOST_TEST_REQUIRE(r.evidence.size() == 1u);
  BOOST_TEST(r.evidence[0].signal == first.signal);

  // The same publisher again confirms nothing.
  const Outcome again = desk.pass(kMay31 + Seconds{7200},
                                  {news("Reuters: OpenAI to rent Colossus", "reuters", kMay31 + Seconds{3600})});
  BOOST_TEST(again.alerts.empty());

  const auto second = news("OpenAI becomes second Colossus tenant", "Bloomberg", kMay31 + Seconds{7200});
  const Outcome confirmed = desk.pass(kMay31 + Seconds{10800}, {second});
  BOOST_TEST_REQUIRE(confirmed.alerts.size() == 1u);
  const Alert& c = confirmed.alerts[0];
  BOOST_TEST(c.id == "second-tenant/OpenAI/confirmed");
  BOOST_TEST((c.status == config::Confirmation::confirmed));
  BOOST_TEST(fact(c, "publishers") == "Reuters, Bloomberg");
  BOOST_TEST(c.evidence.size() == 3u);
  BOOST_TEST(c.evidence.back().signal == second.signal);

  // Nothing more once confirmed.
  BOOST_TEST(desk.pass(kMay31 + Seconds{14400},
                       {news("OpenAI rents Colossus, says FT", "FT", kMay31 + Seconds{10800})})
                 .alerts.empty());
  const Reading reading = desk.reading(kMay31 + Seconds{14400});
  BOOST_TEST(reading.reading.starts_with("new: OpenAI (confirmed, signal " + first.signal + ")"));
  BOOST_TEST((reading.status == config::Confirmation::confirmed));
}

BOOST_AUTO_TEST_CASE(hedges_are_candidates_that_never_alert_until_a_report) {
  Desk desk;
  const Outcome talks = desk.pass(kMay31 + Seconds{3600},
                                  {news("Meta in talks to rent Colossus capacity", "Reuters", kMay31),
                                   news("Could Meta become the next Colossus tenant?", "Bloomberg", kMay31)});
  BOOST_TEST(talks.alerts.empty());
  const Reading reading = desk.reading(kMay31 + Seconds{3600});
  BOOST_TEST(reading.reading.starts_with("no new tenant named; candidate: Meta (Reuters, Bloomberg, signal "));
  BOOST_TEST(!reading.status.has_value());
  BOOST_TEST(reading.status_label == "candidate");

  // The first report alerts at reported: hedges from other publishers confirm nothing.
  const Outcome report = desk.pass(kMay31 + Seconds{7200},
                                   {news("Meta signs deal to rent Colossus capacity", "CNBC", kMay31 + Seconds{3600})});
  BOOST_TEST(ids(report) == std::vector<std::string>{"second-tenant/Meta/reported"}, boost::test_tools::per_element());
  BOOST_TEST(fact(report.alerts[0], "hedged_by") == "Reuters, Bloomberg");
  BOOST_TEST(desk.reading(kMay31 + Seconds{7200}).reading.starts_with("new: Meta (reported, signal "));
}

BOOST_AUTO_TEST_CASE(denials_are_recorded_and_retract_nothing) {
  Desk desk;
  BOOST_TEST(desk.pass(kMay31 + Seconds{3600}, {news("OpenAI rents Colossus capacity", "Reuters", kMay31)}).alerts.size() ==
             1u);
  const Outcome denied = desk.pass(kMay31 + Seconds{7200},
                                   {news("OpenAI denies it rents Colossus", "Bloomberg", kMay31 + Seconds{3600})});
  BOOST_TEST(denied.alerts.empty());
  const Reading reading = desk.reading(kMay31 + Seconds{7200});
  BOOST_TEST(reading.reading.starts_with("new: OpenAI (reported, signal "));
  BOOST_TEST(reading.reading.find("denied by Bloomberg") != std::string::npos);
  BOOST_TEST((reading.status == config::Confirmation::reported));

  // A denial alone names no tenant.
  Desk fresh;
  BOOST_TEST(fresh.pass(kMay31 + Seconds{3600}, {news("Apple won't rent Colossus, Cook says", "Reuters", kMay31)})
                 .alerts.empty());
  BOOST_TEST(fresh.reading(kMay31 + Seconds{3600}).reading.starts_with("no new tenant named; denied: Apple (Reuters"));
}

BOOST_AUTO_TEST_CASE(a_publisher_is_never_its_own_tenant_nor_confirms_itself) {
  Desk desk;
  // Google News titles end with the publisher; it is no organisation of the sentence.
  BOOST_TEST(desk.pass(kMay31 + Seconds{3600},
                       {news("xAI expands Colossus capacity - Bloomberg", "Bloomberg", kMay31),
                        news("xAI expands Colossus capacity - Bloomberg", "Bloomberg.com", kMay31 + Seconds{60})})
                 .alerts.empty());
  // One publisher under two spellings confirms nothing.
  BOOST_TEST(ids(desk.pass(kMay31 + Seconds{7200}, {news("Cohere rents Colossus capacity", "Bloomberg", kMay31)})) ==
                 std::vector<std::string>{"second-tenant/Cohere/reported"},
             boost::test_tools::per_element());
  BOOST_TEST(desk.pass(kMay31 + Seconds{10800},
                       {news("Cohere leases GPUs on Colossus", "Bloomberg News", kMay31 + Seconds{3600})})
                 .alerts.empty());
  BOOST_TEST(ids(desk.pass(kMay31 + Seconds{14400},
                           {news("Cohere leases GPUs on Colossus", "Reuters", kMay31 + Seconds{7200})})) ==
                 std::vector<std::string>{"second-tenant/Cohere/confirmed"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_alert_says_why) {
  Desk desk;
  const Outcome out = desk.pass(kMay31 + Seconds{7200},
                                {news("Colossus adds OpenAI as a tenant - Reuters", "Reuters", kMay31),
                                 news("xAI inks a capacity deal with OpenAI", "Bloomberg", kMay31 + Seconds{60})});
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  const Alert& a = out.alerts[0];
  BOOST_TEST(a.id == "second-tenant/OpenAI/confirmed");
  BOOST_TEST(fact(a, "sentence") == "Colossus adds OpenAI as a tenant");
  BOOST_TEST(fact(a, "relation") == "OpenAI -[adds]-> Colossus");
  BOOST_TEST(fact(a, "modality") == "fact");
  BOOST_TEST(fact(a, "confirmed_by") == "Reuters, Bloomberg");
  BOOST_TEST(a.summary.find("relation: OpenAI -[adds]-> Colossus, fact") != std::string::npos);
  BOOST_TEST(a.summary.find("2 distinct publishers carry it (Reuters, Bloomberg)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_sec_filing_confirms) {
  Desk desk;
  // Reported by one publisher, then named in SpaceX's own filing.
  BOOST_TEST(ids(desk.pass(kMay31 + Seconds{3600}, {news("Meta to lease GPUs on Colossus", "The Information", kMay31)})) ==
                 std::vector<std::string>{"second-tenant/Meta/reported"},
             boost::test_tools::per_element());
  const Outcome out = desk.pass(
      kMay31 + days(3),
      {filing_hit("Meta Platforms has signed a lease for capacity on Colossus.", kMay31 + days(2))});
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  BOOST_TEST(out.alerts[0].id == "second-tenant/Meta/confirmed");
  BOOST_TEST(out.alerts[0].summary.find("an SEC filing") != std::string::npos);
  BOOST_TEST(fact(out.alerts[0], "sec_filing") == "yes");

  // A filing alone confirms at once: one alert, at confirmed.
  Desk fresh;
  const Outcome direct = fresh.pass(
      kMay31 + days(3), {filing_hit("Google DeepMind is a customer of our Colossus cluster.", kMay31 + days(2))});
  BOOST_TEST(ids(direct) == std::vector<std::string>{"second-tenant/Google/confirmed"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_companys_own_release_confirms) {
  struct Case {
    const char* publisher;
    const char* expected;
  };
  const Case cases[] = {{"OpenAI", "second-tenant/OpenAI/confirmed"},
                        {"xai", "second-tenant/OpenAI/confirmed"},
                        {"OpenAI Watch", "second-tenant/OpenAI/reported"},
                        {"Google News", "second-tenant/OpenAI/reported"}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.publisher) {
      Desk desk;
      const Outcome out = desk.pass(kMay31 + Seconds{3600},
                                    {news("OpenAI signs on as a Colossus customer", c.publisher, kMay31)});
      BOOST_TEST(ids(out) == std::vector<std::string>{c.expected}, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(two_publishers_in_one_pass_raise_only_confirmed) {
  Desk desk;
  const Outcome out = desk.pass(kMay31 + Seconds{7200},
                                {news("Cohere rents Colossus capacity", "Reuters", kMay31),
                                 news("Cohere signs up as Colossus customer", "CNBC", kMay31 + Seconds{60})});
  BOOST_TEST(ids(out) == std::vector<std::string>{"second-tenant/Cohere/confirmed"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(finds_tenants_in_summaries_and_ignores_other_sources) {
  Desk desk;
  const Outcome out = desk.pass(
      kMay31 + Seconds{3600},
      {news("Musk's supercomputer gets another lab", "Reuters", kMay31,
            "<p>Perplexity has signed to rent GPU time on xAI&#39;s Colossus. Terms were not disclosed.</p>"),
       news("Mistral rents Colossus", "Reuters", kMay31, "", "other-news")});
  BOOST_TEST(ids(out) == std::vector<std::string>{"second-tenant/Perplexity/reported"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(items_older_than_max_age_are_recorded_but_never_alert) {
  Desk desk;
  const TimePoint now = kMay31 + days(10);
  // Published ten days before watchdesk first saw it.
  auto stale = news("IBM rents Colossus capacity", "Reuters", kMay31);
  stale.first_seen = now;
  const Outcome old = desk.pass(now, {stale});
  BOOST_TEST(old.alerts.empty());
  BOOST_TEST(desk.reading(now).reading.starts_with("new: IBM (reported"));
  // A fresh item from a second publisher confirms it, and that does alert.
  const Outcome confirmed =
      desk.pass(now + Seconds{3600}, {news("IBM is now a Colossus tenant", "Bloomberg", now)});
  BOOST_TEST(ids(confirmed) == std::vector<std::string>{"second-tenant/IBM/confirmed"},
             boost::test_tools::per_element());

  // max_age is configurable.
  config::Config config = desk_config();
  config.triggers.front().max_age = days(30);
  Desk lenient(config);
  BOOST_TEST(lenient.pass(now, {stale}).alerts.size() == 1u);
}

BOOST_AUTO_TEST_CASE(deadline_with_no_new_tenant_resolves_no_once) {
  Desk desk;
  BOOST_TEST(desk.pass(at("2026-06-01T00:00:00Z"), {}).alerts.empty());
  BOOST_TEST(desk.pass(at("2026-06-11T23:59:59Z"), {}).alerts.empty());
  BOOST_TEST(desk.reading(at("2026-06-11T23:59:59Z")).reading.ends_with("deadline 2026-06-12: open"));
  const Outcome out = desk.pass(at("2026-06-12T00:00:00Z"),
                                {news("Meta's cluster rivals Colossus", "Reuters", at("2026-06-11T20:00:00Z"))});
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  const Alert& a = out.alerts[0];
  BOOST_TEST(a.id == "second-tenant/deadline/2026-06-12");
  BOOST_TEST((a.status == config::Confirmation::reported));
  BOOST_TEST(fact(a, "resolution") == "no");
  BOOST_TEST(fact(a, "watched_since") == "2026-06-01T00:00:00Z");
  BOOST_TEST(a.summary.find("Anthropic") != std::string::npos);
  BOOST_TEST(desk.pass(at("2026-06-13T00:00:00Z"), {}).alerts.empty());
  BOOST_TEST(desk.reading(at("2026-06-13T00:00:00Z")).reading.ends_with("deadline 2026-06-12: resolved no"));
}

BOOST_AUTO_TEST_CASE(deadline_with_a_new_tenant_before_it_resolves_yes_silently) {
  Desk desk;
  BOOST_TEST(desk.pass(at("2026-06-05T00:00:00Z"),
                       {news("Oracle leases Colossus capacity", "Reuters", at("2026-06-04T22:00:00Z"))})
                 .alerts.size() == 1u);
  BOOST_TEST(desk.pass(at("2026-06-12T06:00:00Z"), {}).alerts.empty());
  BOOST_TEST(desk.reading(at("2026-06-12T06:00:00Z")).reading.ends_with("deadline 2026-06-12: resolved yes"));
}

BOOST_AUTO_TEST_CASE(a_tenant_named_only_after_the_deadline_still_resolves_no) {
  Desk desk;
  desk.pass(at("2026-06-10T00:00:00Z"), {});
  // The process was down over the deadline; the first item it sees was published after it.
  const Outcome out = desk.pass(at("2026-06-14T00:00:00Z"),
                                {news("Tesla rents Colossus capacity", "Reuters", at("2026-06-13T20:00:00Z"))});
  BOOST_TEST(ids(out) == (std::vector<std::string>{"second-tenant/Tesla/reported", "second-tenant/deadline/2026-06-12"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(deadline_passed_before_first_evaluation_is_unresolved_and_silent) {
  Desk desk;
  const TimePoint late = at("2026-11-23T12:00:00Z");
  // Before any evaluation the reading already says so.
  BOOST_TEST(desk.reading(late).reading.ends_with("deadline 2026-06-12: unresolved (not watched before the deadline)"));
  BOOST_TEST(desk.pass(late, {}).alerts.empty());
  BOOST_TEST(desk.pass(late + days(1), {}).alerts.empty());
  const Reading reading = desk.reading(late + days(1));
  BOOST_TEST(reading.reading == "no new tenant named; known: Anthropic; deadline 2026-06-12: unresolved (not watched before the deadline)");
  BOOST_TEST(!reading.status.has_value());
  // Tenants are still reported after the deadline.
  const Outcome out = desk.pass(late + days(2), {news("Apple rents Colossus capacity", "Reuters", late + days(2) - Seconds{7200})});
  BOOST_TEST(ids(out) == std::vector<std::string>{"second-tenant/Apple/reported"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(unreadable_state_starts_over) {
  Desk desk;
  desk.state_ = "not json";
  const Outcome out = desk.pass(kMay31 + Seconds{3600}, {news("Uber rents Colossus", "Reuters", kMay31)});
  BOOST_TEST(out.alerts.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
