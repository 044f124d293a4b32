// Tests that what the state store committed survives the process being killed with SIGKILL.
#include <boost/test/unit_test.hpp>
#include <string>

#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;

const TimePoint kT0{Seconds{1780272000}};
constexpr int kCommits = 3;
constexpr int kObservationsPerCommit = 50;

std::string key(int commit, int i) { return std::to_string(commit) + "-" + std::to_string(i); }

// In the child: commits `kCommits` transactions (each with observations, a point and an alert with
// deliveries), reporting after each commit returned; then blocks holding one uncommitted.
void commit_then_block(const std::filesystem::path& path, const BlockedChild::Report& report,
                       const BlockedChild::Wait& wait) {
  auto opened = StateStore::open(path, Access::read_write);
  if (auto* error = std::get_if<OpenError>(&opened)) return report(error->message);
  auto& store = *std::get<std::unique_ptr<StateStore>>(opened);
  for (int c = 0; c < kCommits; ++c) {
    auto tx = store.begin();
    if (!tx.ok()) return report(tx.error().message);
    for (int i = 0; i < kObservationsPerCommit; ++i) {
      Observation o;
      o.key = key(c, i);
      o.title = "item " + o.key;
      o.facts = {{"n", std::to_string(i)}};
      if (auto added = tx->add_observation("feed", o, kT0 + Seconds{c}); !added.ok()) {
        return report(added.error().message);
      }
    }
    if (auto s = tx->add_point("feed.count", SeriesPoint{"count", kT0 + Seconds{c}, 1.0 * c, ""});
        !s.ok()) {
      return report(s.error().message);
    }
    const AlertRecord alert{"t/" + std::to_string(c), "t", "{}", kT0 + Seconds{c}};
    if (auto added = tx->add_alert(alert, {"desk", "desk-mail"}); !added.ok()) {
      return report(added.error().message);
    }
    if (auto s = tx->commit(); !s.ok()) return report(s.error().message);
    report("committed " + std::to_string(c));
  }
  // In flight when killed: none of this may appear.
  auto tx = store.begin();
  if (!tx.ok()) return report(tx.error().message);
  Observation o;
  o.key = "in-flight";
  (void)tx->add_observation("feed", o, kT0);
  (void)tx->add_alert(AlertRecord{"t/in-flight", "t", "{}", kT0}, {"desk"});
  report("in flight");
  wait();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_durability)

BOOST_AUTO_TEST_CASE(committed_rows_survive_sigkill) {
  TempDir dir;
  const auto path = dir / "state.db";
  BlockedChild child([&](const BlockedChild::Report& report, const BlockedChild::Wait& wait) {
    commit_then_block(path, report, wait);
  });
  for (int c = 0; c < kCommits; ++c) {
    BOOST_REQUIRE_EQUAL(child.read_line(), "committed " + std::to_string(c));
  }
  BOOST_REQUIRE_EQUAL(child.read_line(), "in flight");
  BOOST_REQUIRE(child.kill_and_wait());

  auto store = open_ok(path);
  for (int c = 0; c < kCommits; ++c) {
    for (int i = 0; i < kObservationsPerCommit; ++i) {
      BOOST_TEST(store->has_observation("feed", key(c, i)), "observation " << key(c, i));
    }
    BOOST_TEST(store->has_alert("t/" + std::to_string(c)));
  }
  BOOST_TEST(store->observations("feed", kT0).size() ==
             static_cast<std::size_t>(kCommits * kObservationsPerCommit));
  BOOST_TEST(store->series("feed.count", kT0, kT0 + Seconds{kCommits}).size() ==
             static_cast<std::size_t>(kCommits));
  BOOST_TEST(store->pending_deliveries().size() == static_cast<std::size_t>(kCommits * 2));
  BOOST_TEST(!store->has_observation("feed", "in-flight"));
  BOOST_TEST(!store->has_alert("t/in-flight"));

  // The killed writer's lock is gone: the reopened store writes.
  auto tx = store->begin();
  BOOST_REQUIRE(tx.ok());
  BOOST_TEST(tx->add_alert(AlertRecord{"t/after", "t", "{}", kT0}, {"desk"}).value());
  BOOST_TEST(tx->commit().ok());
}

BOOST_AUTO_TEST_SUITE_END()
