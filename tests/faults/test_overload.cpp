// Fault suite: an overload run. Sources on one host answer slower than their
// interval, so fetches queue for its connections all the time; a webhook on the
// same host must still get every alert at once, because deliveries have their
// own connection budget ahead of fetches.
#include <fmt/format.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_overload)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpResponse;
using testing::HttpServer;

}  // namespace

BOOST_AUTO_TEST_CASE(alerts_reach_a_webhook_on_a_host_saturated_by_slow_sources) {
  HttpServer host;
  const int slow_sources = faults::rounds(10, 60);
  const int alerts = faults::rounds(40, 200);
  HttpResponse slow = HttpResponse::text(200, faults::one_item_feed("Nothing new", "q-1"), "application/rss+xml");
  slow.delay = 2s;
  // The filings appear only once the slow sources have all been answered once:
  // by then the host's connections are always busy and fetches always wait.
  auto slow_answers = std::make_shared<std::atomic<int>>(0);
  host.on("/slow", [slow, slow_answers](const testing::HttpRequest&) {
    ++*slow_answers;
    return slow;
  });
  auto first_served = std::make_shared<std::atomic<std::chrono::steady_clock::rep>>(0);
  host.on("/filings", [=](const testing::HttpRequest& request) {
    const bool open = slow_answers->load() >= slow_sources;
    std::chrono::steady_clock::rep none = 0;
    if (open) first_served->compare_exchange_strong(none, request.received.time_since_epoch().count());
    return HttpResponse::text(200, faults::filings_feed(open ? alerts : 0), "application/atom+xml");
  });
  host.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));

  std::string config = faults::watchdesk_section("host_connections = 2\n");
  for (int i = 0; i < slow_sources; ++i)
    config += fmt::format("\n[sources.slow-{}]\nkind = \"feed\"\nurl = \"{}?n={}\"\nevery = \"1s\"\njitter = \"0%\"\n",
                          i, host.url("/slow"), i);
  config += faults::filings_source_and_trigger("filings", host.url("/filings"), "1s", "[\"hook\"]");
  config += "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + host.url("/hook") + "\"\n";
  testing::ScratchDir dir;
  testing::write(dir.path / "watchdesk.toml", config);
  auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", (dir.path / "watchdesk.toml").string()}, dir.path, "run");
  const faults::KillOnExit reaper{daemon.pid};

  // The filings source waits its turn behind the slow ones; its alerts must
  // not.
  BOOST_TEST_REQUIRE(testing::wait_until([&] { return first_served->load() != 0; }, 300s),
                     faults::slurp(dir.path / "run.err"));
  const bool all_delivered =
      testing::wait_until([&] { return host.count("/hook") >= static_cast<std::size_t>(alerts); }, 60s);
  const std::chrono::steady_clock::time_point fetched{std::chrono::steady_clock::duration(first_served->load())};
  const auto hooks = host.requests("/hook");
  const auto last =
      hooks.empty() ? fetched : std::max_element(hooks.begin(), hooks.end(), [](const auto& a, const auto& b) {
                                  return a.received < b.received;
                                })->received;
  const auto lag_ms = std::chrono::duration_cast<std::chrono::milliseconds>(last - fetched).count();
  const auto slow_fetches = host.count("/slow");

  ::kill(daemon.pid, SIGTERM);
  const auto code = faults::wait_exit(daemon.pid, 15s);
  faults::report(
      fmt::format("overload: slow sources={} (2 s answers, 1 s interval, 2 connections, 200 requests/s) fetches of "
                  "them={} alerts={} delivered={} last delivery {} ms after the fetch",
                  slow_sources, slow_fetches, alerts, hooks.size(), lag_ms));
  BOOST_TEST(all_delivered);
  BOOST_TEST(hooks.size() == static_cast<std::size_t>(alerts));
  BOOST_TEST(lag_ms < 10000);
  BOOST_TEST(code.value_or(-1) == 0, faults::slurp(daemon.err));
}

BOOST_AUTO_TEST_SUITE_END()
