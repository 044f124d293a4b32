// Tests for daemon/delivery/dispatcher.cpp when the state file is locked by another process: an
// outcome that cannot be recorded is held and recorded later, never sent again, and the loop does
// not wait out SQLite's lock timeout.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <sstream>
#include <vector>

#include "daemon/delivery/dispatcher.hpp"
#include "daemon/store/lease.hpp"
#include "unit/store/store_test_support.hpp"

BOOST_AUTO_TEST_SUITE(delivery_dispatcher_held)

namespace {

using namespace watchdesk;
using watchdesk::testing::must;
using namespace std::chrono_literals;

// Keeps every send's completion for the test to answer.
class HeldTransport final : public delivery::Transport {
 public:
  void send(const delivery::Outgoing&, std::function<void(delivery::AttemptResult)> done) override {
    answers.push_back(std::move(done));
  }
  std::vector<std::function<void(delivery::AttemptResult)>> answers;
};

config::Config hook_config() {
  config::Config config;
  config::Channel hook;
  hook.id = "hook";
  hook.kind = config::ChannelKind::webhook;
  hook.url = "http://127.0.0.1:9/hook";
  config.channels.push_back(hook);
  return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_outcome_the_locked_store_refuses_is_held_and_never_resent) {
  store::testing::TempDir dir;
  auto store = store::testing::open_ok(dir / "state.db");
  store->set_busy_timeout(50ms);
  {
    auto tx = store->begin();
    BOOST_TEST_REQUIRE(tx.ok());
    BOOST_TEST_REQUIRE(tx->add_alert({"a/1", "a", "{\"id\":\"a/1\"}", now_utc() - Seconds{5}}, {"hook"}).ok());
    BOOST_TEST_REQUIRE(tx->commit().ok());
  }
  const auto config = hook_config();
  HeldTransport transport;
  std::ostringstream out;
  delivery::Dispatcher dispatcher(config, *store, transport, out);
  int held_calls = 0;
  dispatcher.on_held = [&] { ++held_calls; };

  BOOST_TEST(dispatcher.pump(now_utc()) == 1);
  BOOST_TEST_REQUIRE(transport.answers.size() == 1u);

  store::testing::RawDb other(dir / "state.db");
  other.exec("BEGIN IMMEDIATE");
  const auto t0 = std::chrono::steady_clock::now();
  transport.answers[0](delivery::AttemptResult{200, {}, "ok", std::nullopt});
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < 1s));
  BOOST_TEST(held_calls == 1);
  BOOST_TEST(dispatcher.held() == 1u);
  BOOST_TEST(dispatcher.blocked());

  // While the outcome is held, nothing is sent again, however often the outbox is pumped.
  for (int i = 0; i < 3; ++i) dispatcher.pump(now_utc() + Seconds{60});
  BOOST_TEST(transport.answers.size() == 1u);
  BOOST_TEST(!dispatcher.record_held());

  other.exec("COMMIT");
  BOOST_TEST(dispatcher.record_held());
  BOOST_TEST(dispatcher.held() == 0u);
  BOOST_TEST(must(store->pending_deliveries()).empty());
  dispatcher.pump(now_utc() + Seconds{3600});
  BOOST_TEST(transport.answers.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
