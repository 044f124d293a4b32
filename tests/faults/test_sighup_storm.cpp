// Fault suite: a storm of SIGHUPs while sources answer slowly, some reloads changing a source's URL.
// One source is never fetched twice at once, across every runtime the reloads build.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <signal.h>

#include <random>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_sighup_storm)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpResponse;
using testing::HttpServer;

std::string storm_config(const HttpServer& slow, const HttpServer& other, int variant) {
  return fmt::format(
      "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk faults@example.com\"\nlog_level = \"warn\"\n"
      "host_rate = {rate}\n"
      "\n[sources.slow]\nkind = \"feed\"\nurl = \"{slow}?v={v}\"\nevery = \"1s\"\njitter = \"0%\"\n"
      "\n[sources.other]\nkind = \"feed\"\nurl = \"{other}\"\nevery = \"{every}s\"\njitter = \"0%\"\n"
      "\n[triggers.hiring]\nkind = \"count\"\nsource = \"slow\"\nwindow = \"90d\"\nabove = 100\nchannels = [\"hook\"]\n"
      "\n[channels.hook]\nkind = \"webhook\"\nurl = \"{other}/hook\"\n",
      fmt::arg("rate", 50 + variant % 3), fmt::arg("slow", slow.url("/feed")), fmt::arg("v", variant % 2),
      fmt::arg("other", other.url("/feed")), fmt::arg("every", 1 + variant % 2));
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_sighup_storm_never_fetches_one_source_twice_at_once) {
  HttpServer slow, other;
  HttpResponse late = HttpResponse::text(200, faults::one_item_feed("Racks arrive", "s-1"), "application/rss+xml");
  late.delay = 2s;
  slow.on("/feed", HttpServer::serve(late));
  other.on("/feed", HttpServer::serve(HttpResponse::text(200, faults::one_item_feed("Racks arrive", "s-1"), "application/rss+xml")));
  other.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  testing::ScratchDir dir;
  const auto config = dir.path / "watchdesk.toml";
  testing::write(config, storm_config(slow, other, 0));
  auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", config.string()}, dir.path, "run");
  const faults::KillOnExit reaper{daemon.pid};
  BOOST_TEST_REQUIRE(testing::wait_until([&] { return slow.count() >= 1u; }, 30s));

  std::mt19937 random(14);
  const int signals = faults::rounds(25, 200);
  for (int i = 1; i <= signals; ++i) {
    testing::write(config, storm_config(slow, other, i));
    ::kill(daemon.pid, SIGHUP);
    faults::pause_for(std::uniform_int_distribution<int>(20, 250)(random));
  }
  // Let the polls the storm left running end, and a few more begin.
  const auto seen = slow.count();
  BOOST_TEST(testing::wait_until([&] { return slow.count() >= seen + 2; }, 20s));
  ::kill(daemon.pid, SIGTERM);
  const auto code = faults::wait_exit(daemon.pid, 10s);
  faults::report(fmt::format("SIGHUP storm: signals={} fetches of the slow source={} most at once={}", signals,
                             slow.count(), slow.max_concurrent()));
  BOOST_TEST(code.value_or(-1) == 0, faults::slurp(daemon.err));
  BOOST_TEST(slow.max_concurrent() <= 1);
}

BOOST_AUTO_TEST_SUITE_END()
