// Fault suite: two processes on one state file (`check` beside `run`, overlapping checks) never send
// one delivery twice: each delivery is claimed in the database by one process.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <signal.h>

#include <map>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_two_processes)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;

std::map<std::string, int> posts_per_alert(const HttpServer& server) {
  std::map<std::string, int> seen;
  for (const auto& r : server.requests("/hook")) ++seen[std::string(r.header("X-Watchdesk-Alert-Id"))];
  return seen;
}

}  // namespace

BOOST_AUTO_TEST_CASE(check_beside_run_and_overlapping_checks_never_send_twice) {
  HttpServer server;
  testing::ScratchDir dir;
  const auto config = dir.path / "watchdesk.toml";
  const auto state = dir.path / "state.db";
  testing::write(config, faults::watchdesk_section() +
                             faults::filings_source_and_trigger("filings", server.url("/filings"), "1h",
                                                                "[\"hook\"]") +
                             "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n");
  const int per_round = 30;
  const int round_count = faults::rounds(2, 10);
  int duplicates = 0;
  for (int round = 1; round <= round_count; ++round) {
    // Alerts raised while the receiver is down: all of them wait in the outbox.
    server.on("/filings", HttpServer::serve(HttpResponse::text(200, faults::filings_feed(per_round * round),
                                                               "application/atom+xml")));
    server.on("/hook", HttpServer::serve(HttpResponse::text(503, "down")));
    auto raise = faults::spawn({WATCHDESK_BINARY, "check", "-c", config.string(), "--deliver-timeout", "1s"},
                               dir.path, "raise");
    BOOST_TEST_REQUIRE(faults::wait_exit(raise.pid, 60s).has_value());
    faults::exec_sql(state, "UPDATE deliveries SET next_attempt = 0 WHERE status IN ('pending', 'failed')");
    server.clear();
    HttpResponse slow = HttpResponse::text(200, "ok");
    slow.delay = 20ms;
    server.on("/hook", HttpServer::serve(slow));

    // The daemon and two checks, all at once, over the same due deliveries.
    auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", config.string()}, dir.path, "run");
    auto first = faults::spawn({WATCHDESK_BINARY, "check", "-c", config.string()}, dir.path, "check1");
    auto second = faults::spawn({WATCHDESK_BINARY, "check", "-c", config.string()}, dir.path, "check2");
    BOOST_TEST(faults::wait_exit(first.pid, 60s).has_value());
    BOOST_TEST(faults::wait_exit(second.pid, 60s).has_value());
    BOOST_TEST(testing::wait_until([&] { return posts_per_alert(server).size() >= static_cast<std::size_t>(per_round); },
                                   30s));
    ::kill(daemon.pid, SIGTERM);
    BOOST_TEST(faults::wait_exit(daemon.pid, 10s).value_or(-1) == 0);

    int posts = 0;
    for (const auto& [id, n] : posts_per_alert(server)) {
      posts += n;
      duplicates += n - 1;
    }
    BOOST_TEST(posts == per_round);
    BOOST_TEST(faults::query_int(state, "SELECT count(*) FROM deliveries WHERE status <> 'delivered' "
                                        "AND channel = 'hook'") == 0);
  }
  faults::report(fmt::format("two processes: rounds={} alerts={} duplicated={}", round_count,
                             per_round * round_count, duplicates));
  BOOST_TEST(duplicates == 0);
}

BOOST_AUTO_TEST_SUITE_END()
