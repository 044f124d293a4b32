// Tests for the outbox claims of daemon/store/state_store.cpp and daemon/store/lease.cpp: one
// process's claim keeps every other process off a delivery until it ends, expires, or its owner dies;
// and the state file is created private.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include "daemon/store/lease.hpp"
#include "unit/store/store_test_support.hpp"

BOOST_AUTO_TEST_SUITE(store_delivery_leases)

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;

const Seconds kLease{300};

void queue_alert(StateStore& store, const std::string& id, TimePoint at) {
  auto tx = store.begin();
  BOOST_TEST_REQUIRE(tx.ok());
  auto added = tx->add_alert({id, "t", "{}", at}, {"hook", "desk"});
  BOOST_TEST_REQUIRE(added.ok());
  BOOST_TEST_REQUIRE(tx->commit().ok());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_claimed_delivery_is_invisible_to_another_owner_until_its_lease_ends) {
  TempDir dir;
  auto first = open_ok(dir / "state.db");
  auto second = open_ok(dir / "state.db");
  queue_alert(*first, "a/1", kT0);
  auto mine = first->claim_due_deliveries(kT0, process_lease_owner(), kLease);
  BOOST_TEST_REQUIRE(mine.ok());
  BOOST_TEST(mine->size() == 2u);
  // Another live process (this test's parent stands in for one) gets nothing while the lease holds.
  const std::string other = "elsewhere-host:" + std::to_string(::getppid()) + ":1";
  auto theirs = second->claim_due_deliveries(kT0 + Seconds{10}, other, kLease);
  BOOST_TEST_REQUIRE(theirs.ok());
  BOOST_TEST(theirs->empty());
  // Past the lease, the claim is free again.
  auto later = second->claim_due_deliveries(kT0 + kLease + Seconds{1}, other, kLease);
  BOOST_TEST_REQUIRE(later.ok());
  BOOST_TEST(later->size() == 2u);
}

BOOST_AUTO_TEST_CASE(recording_an_outcome_ends_the_claim) {
  TempDir dir;
  auto store = open_ok(dir / "state.db");
  queue_alert(*store, "a/1", kT0);
  auto claimed = store->claim_due_deliveries(kT0, process_lease_owner(), kLease);
  BOOST_TEST_REQUIRE(claimed->size() == 2u);
  Delivery d = claimed->front();
  d.status = DeliveryStatus::failed;
  d.next_attempt = kT0;
  BOOST_TEST_REQUIRE(store->update_delivery(d).ok());
  auto pending = must(store->pending_deliveries());
  for (const auto& p : pending) {
    if (p.channel == d.channel) BOOST_TEST(p.lease_owner.empty());
    else BOOST_TEST(p.lease_owner == process_lease_owner());
  }
}

BOOST_AUTO_TEST_CASE(a_claim_of_a_process_that_is_gone_is_taken_at_once) {
  TempDir dir;
  auto store = open_ok(dir / "state.db");
  queue_alert(*store, "a/1", kT0);
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  // A child that has exited and been reaped: its pid names no process.
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  const std::string dead = std::string(host) + ":" + std::to_string(child) + ":1";
  BOOST_TEST(lease_owner_gone(dead));
  BOOST_TEST(!lease_owner_gone(process_lease_owner()));
  BOOST_TEST(!lease_owner_gone(std::string(host) + ":" + std::to_string(::getppid()) + ":1"));
  auto taken = store->claim_due_deliveries(kT0, dead, kLease);
  BOOST_TEST_REQUIRE(taken->size() == 2u);
  auto retaken = store->claim_due_deliveries(kT0 + Seconds{1}, process_lease_owner(), kLease);
  BOOST_TEST_REQUIRE(retaken.ok());
  BOOST_TEST(retaken->size() == 2u);
}

BOOST_AUTO_TEST_CASE(the_state_file_is_created_private_whatever_the_umask) {
  TempDir dir;
  const mode_t old = ::umask(0);
  auto store = open_ok(dir / "state.db");
  ::umask(old);
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat((dir / "state.db").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  queue_alert(*store, "a/1", kT0);
  BOOST_TEST_REQUIRE(::stat((dir / "state.db-wal").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
}

BOOST_AUTO_TEST_SUITE_END()
