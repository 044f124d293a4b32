// Tests for silences in the state store: kept, listed, expired, and an alert they match recorded as
// silenced on every channel and never due for delivery.
#include <boost/test/unit_test.hpp>

#include <string>

#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

BOOST_AUTO_TEST_SUITE(store_silences)

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;

struct StoreFixture {
  TempDir dir;
  std::unique_ptr<StateStore> store = open_ok(dir / "state.db");
};

triggers::Silence silence(std::string id, TimePoint from, Seconds length) {
  return triggers::Silence{std::move(id), "s1-public", "S-1", "desk is on it", from, from + length};
}

void require(const Status& status) {
  BOOST_REQUIRE_MESSAGE(status.ok(), (status.ok() ? "" : status.error().message));
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(keeps_lists_and_selects_silences_in_force, StoreFixture) {
  require(store->add_silence(silence("a", kT0, Seconds{3600})));
  require(store->add_silence(silence("b", kT0 + Seconds{60}, Seconds{60})));
  BOOST_TEST(!store->add_silence(silence("a", kT0, Seconds{10})).ok());

  const auto all = must(store->silences());
  BOOST_REQUIRE(all.size() == 2u);
  BOOST_TEST((all[0] == silence("a", kT0, Seconds{3600})));
  BOOST_TEST(all[1].id == "b");

  BOOST_TEST(must(store->active_silences(kT0)).size() == 1u);
  BOOST_TEST(must(store->active_silences(kT0 + Seconds{90})).size() == 2u);
  BOOST_TEST(must(store->active_silences(kT0 + Seconds{120})).size() == 1u);
  BOOST_TEST(must(store->active_silences(kT0 + Seconds{3600})).empty());
}

BOOST_FIXTURE_TEST_CASE(expiring_ends_a_silence_now_and_never_extends_it, StoreFixture) {
  require(store->add_silence(silence("a", kT0, Seconds{3600})));
  const auto ended = must(store->expire_silence("a", kT0 + Seconds{100}));
  BOOST_REQUIRE(ended.has_value());
  BOOST_TEST((ended->ends_at == kT0 + Seconds{100}));
  BOOST_TEST(must(store->active_silences(kT0 + Seconds{100})).empty());
  const auto again = must(store->expire_silence("a", kT0 + Seconds{200}));
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST((again->ends_at == kT0 + Seconds{100}));
  BOOST_TEST(!must(store->expire_silence("nope", kT0)).has_value());
}

BOOST_FIXTURE_TEST_CASE(silenced_alert_is_recorded_and_never_due, StoreFixture) {
  {
    auto tx = must(store->begin());
    BOOST_TEST(must(tx.add_alert(AlertRecord{"s1-public/1", "s1-public", "{}", kT0, "a"}, {"desk", "mail"})));
    BOOST_TEST(must(tx.add_alert(AlertRecord{"s1-public/2", "s1-public", "{}", kT0}, {"desk"})));
    require(tx.commit());
  }
  const auto due = must(store->due_deliveries(kT0 + Seconds{86400}));
  BOOST_REQUIRE(due.size() == 1u);
  BOOST_TEST(due[0].alert_id == "s1-public/2");
  BOOST_TEST(must(store->pending_deliveries()).size() == 1u);

  const auto history = must(store->alerts_since(kT0));
  BOOST_REQUIRE(history.size() == 2u);
  const auto& silenced = history[0].alert.id == "s1-public/1" ? history[0] : history[1];
  BOOST_TEST(silenced.alert.silenced_by == "a");
  BOOST_REQUIRE(silenced.deliveries.size() == 2u);
  for (const auto& d : silenced.deliveries) BOOST_TEST(to_string(d.status) == "silenced");
  BOOST_TEST(must(store->alert("s1-public/1"))->silenced_by == "a");
}

BOOST_AUTO_TEST_SUITE_END()
