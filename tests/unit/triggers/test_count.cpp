// Tests for watchers/triggers/count.cpp: counting in the trailing window, crossing `above` and
// `below`, re-arming, cooldown, max_age and the reading.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/reading.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using namespace watchdesk::triggers::testing;

BOOST_AUTO_TEST_SUITE(triggers_count)

namespace {

const TimePoint kStart = at("2026-11-01T12:00:00Z");

config::Config jobs_config(std::optional<double> above, std::optional<double> below,
                           std::optional<Seconds> cooldown = std::nullopt) {
  config::Config c;
  c.sources.push_back(source("xai-jobs", config::SourceKind::jobs));
  config::Trigger t;
  t.id = "ai-infra-hiring";
  t.kind = config::TriggerKind::count;
  t.source = "xai-jobs";
  t.window = days(90);
  t.match = {"infrastructure", "datacenter", "GPU"};
  t.above = above;
  t.below = below;
  t.cooldown = cooldown;
  c.triggers.push_back(t);
  return c;
}

SeenObservation posting(int n, TimePoint published, TimePoint first_seen,
                        std::string title = "GPU Infrastructure Engineer") {
  return seen("xai-jobs", std::to_string(4012345000 + n), title + " " + std::to_string(n), published,
              first_seen);
}

// A desk whose job board changes day by day: postings appear (fresh) or are removed.
class Board {
 public:
  explicit Board(config::Config config) : config_(std::move(config)) {}

  // Adds `n` fresh postings on `day`, evaluates, and returns the alert ids.
  std::vector<std::string> post(int day, int n) {
    const TimePoint t = kStart + days(day);
    std::vector<SeenObservation> fresh;
    for (int i = 0; i < n; ++i) fresh.push_back(posting(next_++, t, t));
    return evaluate_at(t, std::move(fresh));
  }

  // Removes the `n` oldest postings (as if they aged out), then evaluates on `day`.
  std::vector<std::string> remove(int day, int n) {
    store_.items.erase(store_.items.begin(), store_.items.begin() + n);
    return evaluate_at(kStart + days(day), {});
  }

  FakeObservations store_;
  std::optional<std::string> state_;
  config::Config config_;

 private:
  std::vector<std::string> evaluate_at(TimePoint now, std::vector<SeenObservation> fresh) {
    FakeSeries series;
    const Context context{now, config_, series, store_, fresh};
    std::optional<std::string_view> view;
    if (state_) view = *state_;
    const Outcome out = evaluate(config_.triggers.front(), view, context);
    state_ = out.state;
    for (auto& item : fresh) store_.items.push_back(std::move(item));
    std::vector<std::string> ids;
    for (const auto& a : out.alerts) ids.push_back(a.id);
    return ids;
  }

  int next_ = 0;
};

std::string id(const char* direction, int day) {
  return std::string("ai-infra-hiring/") + direction + "/" + format_rfc3339(kStart + days(day));
}

}  // namespace

BOOST_AUTO_TEST_CASE(fires_when_the_count_crosses_above_and_rearms_once_back_at_the_level) {
  Board board(jobs_config(10, std::nullopt, Seconds{0}));
  struct Step {
    bool add;
    int day;
    int n;
    std::vector<std::string> expected;
  };
  const Step steps[] = {{true, 0, 3, {}},                     // 3
                        {true, 1, 7, {}},                     // 10: not above 10
                        {true, 2, 1, {id("above", 2)}},       // 11: crosses
                        {true, 3, 2, {}},                     // 13: still above
                        {false, 4, 2, {}},                    // 11: still above, not re-armed
                        {false, 5, 1, {}},                    // 10: back at the level, re-armed
                        {true, 6, 1, {id("above", 6)}}};      // 11: crosses again
  for (const auto& s : steps) {
    BOOST_TEST_CONTEXT("day " << s.day) {
      const auto ids = s.add ? board.post(s.day, s.n) : board.remove(s.day, s.n);
      BOOST_TEST(ids == s.expected, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(fires_when_the_count_falls_below) {
  Board board(jobs_config(std::nullopt, 3, Seconds{0}));
  BOOST_TEST(board.post(0, 5).empty());
  BOOST_TEST(board.remove(1, 2).empty());  // 3: not below 3
  BOOST_TEST(board.remove(2, 1) == std::vector<std::string>{id("below", 2)}, boost::test_tools::per_element());
  BOOST_TEST(board.remove(3, 1).empty());  // 1: still below
  BOOST_TEST(board.post(4, 3).empty());    // 4: back up, re-armed
  BOOST_TEST(board.remove(5, 2) == std::vector<std::string>{id("below", 5)}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(cooldown_defaults_to_the_window) {
  Board board(jobs_config(10, std::nullopt));
  BOOST_TEST(board.post(0, 11).size() == 1u);
  BOOST_TEST(board.remove(1, 2).empty());
  // Crosses again 2 days later, inside the 90-day window: no alert.
  BOOST_TEST(board.post(2, 2).empty());
  board.config_.triggers.front().cooldown = Seconds{86400};
  BOOST_TEST(board.remove(3, 2).empty());
  BOOST_TEST(board.post(4, 2).size() == 1u);
}

BOOST_AUTO_TEST_CASE(counts_only_matching_titles_within_the_window) {
  const auto config = jobs_config(1, std::nullopt);
  const TimePoint now = kStart + days(100);
  FakeObservations store;
  FakeSeries series;
  store.items = {posting(1, now - days(10), now - days(10)),
                 posting(2, now - days(89), now - days(89)),
                 posting(3, now - days(91), now - days(91)),
                 posting(4, now - days(5), now - days(5), "Recruiting Coordinator"),
                 posting(5, now - days(5), now - days(5), "Datacenter Technician")};
  const Context context{now, config, series, store, {}};
  const auto rows = read(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].reading.starts_with(
      "3 items from xai-jobs matching infrastructure, datacenter, GPU in the last 90d (fires above 1)"));
  BOOST_TEST((rows[0].status == config::Confirmation::confirmed));
  BOOST_TEST_REQUIRE(rows[0].evidence.has_value());
  BOOST_TEST(rows[0].evidence->signal == signal_id("xai-jobs", "4012345005"));
}

BOOST_AUTO_TEST_CASE(items_old_when_first_seen_never_carry_the_count_across) {
  const auto config = jobs_config(10, std::nullopt, Seconds{0});
  const TimePoint now = kStart + days(30);
  FakeSeries series;
  FakeObservations store;
  // First run: twelve postings, all published weeks before watchdesk saw them.
  std::vector<SeenObservation> first_run;
  for (int i = 0; i < 12; ++i) first_run.push_back(posting(i, now - days(20), now));
  const Context first{now, config, series, store, first_run};
  const Outcome baseline = evaluate(config.triggers.front(), std::nullopt, first);
  BOOST_TEST(baseline.alerts.empty());

  // First run with nine old postings and three fresh ones: the fresh ones cross the level.
  std::vector<SeenObservation> mixed;
  for (int i = 0; i < 9; ++i) mixed.push_back(posting(i, now - days(20), now));
  for (int i = 9; i < 12; ++i) mixed.push_back(posting(i, now - days(1), now));
  const Context second{now, config, series, store, mixed};
  const Outcome crossed = evaluate(config.triggers.front(), std::nullopt, second);
  BOOST_TEST_REQUIRE(crossed.alerts.size() == 1u);
  BOOST_TEST((crossed.alerts[0].status == config::Confirmation::confirmed));
  BOOST_TEST(crossed.alerts[0].evidence.size() == 5u);
}

BOOST_AUTO_TEST_CASE(feed_counts_are_reported) {
  config::Config config = jobs_config(0, std::nullopt);
  config.sources[0].kind = config::SourceKind::feed;
  FakeSeries series;
  FakeObservations store;
  const Context context{kStart, config, series, store, {posting(1, kStart, kStart)}};
  const Outcome out = evaluate(config.triggers.front(), std::nullopt, context);
  BOOST_TEST_REQUIRE(out.alerts.size() == 1u);
  BOOST_TEST((out.alerts[0].status == config::Confirmation::reported));
}

BOOST_AUTO_TEST_SUITE_END()
