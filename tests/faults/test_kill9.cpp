// Fault suite: kill -9 over `run` and `check` while alerts are raised and delivered; afterwards every
// committed alert is delivered (none lost), and duplicates stay within what was in flight at a kill.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <signal.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_kill9)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;

// A filings feed that gains one entry per fetch until frozen, and a webhook receiver that answers
// after a random few milliseconds (so deliveries are in flight when a process dies).
struct KillDesk {
  HttpServer server;
  testing::ScratchDir dir;
  std::shared_ptr<std::atomic<int>> entries = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<bool>> frozen = std::make_shared<std::atomic<bool>>(false);
  std::filesystem::path config = dir.path / "watchdesk.toml";

  KillDesk() {
    server.on("/filings", [entries = entries, frozen = frozen](const HttpRequest&) {
      const int n = frozen->load() ? entries->load() : ++*entries;
      return HttpResponse::text(200, faults::filings_feed(n), "application/atom+xml");
    });
    server.on("/hook", [random = std::make_shared<std::mt19937>(7)](const HttpRequest&) {
      HttpResponse answer = HttpResponse::text(200, "ok");
      answer.delay = std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 40)(*random));
      return answer;
    });
    testing::write(config, faults::watchdesk_section() +
                               faults::filings_source_and_trigger("filings", server.url("/filings"), "1s",
                                                                  "[\"hook\"]") +
                               "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n");
  }
  std::filesystem::path state() const { return dir.path / "state.db"; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(kill_9_over_run_and_check_loses_no_committed_alert) {
  KillDesk desk;
  std::mt19937 random(20261203);
  const int wanted = faults::rounds(6, 60);
  int kills = 0;
  for (int round = 0; kills < wanted && round < wanted * 3; ++round) {
    const bool run = round % 2 == 0;
    const std::vector<std::string> argv =
        run ? std::vector<std::string>{WATCHDESK_BINARY, "run", "-c", desk.config.string()}
            : std::vector<std::string>{WATCHDESK_BINARY, "check", "-c", desk.config.string()};
    auto child = faults::spawn(argv, desk.dir.path, run ? "run" : "check");
    faults::pause_for(run ? std::uniform_int_distribution<int>(400, 1600)(random)
                          : std::uniform_int_distribution<int>(30, 400)(random));
    if (faults::wait_exit(child.pid, 0ms)) continue;  // it ended before the kill
    faults::kill_hard(child.pid);
    ++kills;
  }
  BOOST_TEST(kills == wanted);

  // The last word: the feed stops growing and one check delivers whatever is still owed.
  desk.frozen->store(true);
  auto last = faults::spawn({WATCHDESK_BINARY, "check", "-c", desk.config.string(), "--deliver-timeout", "60s"},
                            desk.dir.path, "final");
  const auto code = faults::wait_exit(last.pid, 120s);
  BOOST_TEST_REQUIRE(code.has_value());
  BOOST_TEST((*code == 0 || *code == 1), "final check exited " << *code << ": " << faults::slurp(last.err));

  const auto committed = faults::query(desk.state(), "SELECT id FROM alerts WHERE trigger = 'filings-8k'");
  std::map<std::string, int> received;
  for (const auto& r : desk.server.requests("/hook")) ++received[std::string(r.header("X-Watchdesk-Alert-Id"))];
  int lost = 0, duplicated = 0, posts = 0;
  for (const auto& id : committed) lost += received.count(id) ? 0 : 1;
  for (const auto& [id, n] : received) {
    posts += n;
    duplicated += n - 1;
  }
  const auto delivered = faults::query_int(
      desk.state(), "SELECT count(*) FROM deliveries WHERE channel = 'hook' AND status = 'delivered'");
  const auto integrity = faults::query(desk.state(), "PRAGMA integrity_check");
  faults::report(fmt::format("kill -9: kills={} committed={} delivered={} received={} posts={} lost={} duplicated={}",
                             kills, committed.size(), delivered, received.size(), posts, lost, duplicated));
  BOOST_TEST(committed.size() > 0u);
  BOOST_TEST(lost == 0);
  BOOST_TEST(delivered == static_cast<std::int64_t>(committed.size()));
  // A duplicate is a delivery in flight when its process died: at most the host's connections per kill.
  BOOST_TEST(duplicated <= kills * 4);
  BOOST_TEST_REQUIRE(!integrity.empty());
  BOOST_TEST(integrity.front() == "ok");
}

BOOST_AUTO_TEST_SUITE_END()
