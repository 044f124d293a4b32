// `watchdesk run` and the weekly digest: a send missed while no daemon ran goes out at the next start,
// once; a second start sends nothing more.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "core/weekly_schedule.hpp"
#include "daemon/store/state_store.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"
#include "support/rack_feed.hpp"
#include "support/must.hpp"

BOOST_AUTO_TEST_SUITE(integration_digest_daemon)

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::NotifySocket;
using watchdesk::testing::ScratchDir;

std::string config_text(const HttpServer& server) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk-test test@example.com\"\nhost_rate = 50\n"
         "\n[sources.news]\nkind = \"feed\"\nurl = \"" + server.url("/feed") + "\"\nevery = \"1s\"\n"
         "\n[triggers.tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\nchannels = [\"hook\"]\n"
         "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n"
         "\n[digests.weekly]\nschedule = \"Mon 08:00\"\ntimezone = \"UTC\"\nchannels = [\"hook\"]\n";
}

// Runs the daemon (its notification socket at `socket`) until it has fetched the feed `fetches`
// times, then stops it gracefully.
void run_daemon_for_fetches(const fs::path& socket, const fs::path& config, HttpServer& server, std::size_t fetches) {
  NotifySocket notify(socket);
  auto child = watchdesk::testing::start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  const auto before = server.count("/feed");
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/feed") >= before + fetches; }, 30s));
  watchdesk::testing::stop_gracefully(*child, notify);
}

std::size_t digest_posts(const HttpServer& server) {
  std::size_t n = 0;
  for (const auto& post : server.requests("/hook")) {
    json::error_code ec;
    const auto doc = json::parse(post.body, ec);
    if (ec || !doc.is_object()) continue;
    const auto* kind = doc.as_object().if_contains("kind");
    if (kind != nullptr && kind->is_string() && kind->get_string() == "digest") ++n;
  }
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(missed_digest_is_sent_once_at_the_next_start) {
  using namespace watchdesk;
  ScratchDir dir;
  HttpServer server;
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml")));
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  const auto config = dir.path / "watchdesk.toml";
  watchdesk::testing::write(config, config_text(server));

  // The state of a desk whose last digest went out two weeks ago: the daemon was down since.
  const auto schedule = watchdesk::testing::must(parse_weekly_schedule("Mon 08:00", "UTC"));
  const auto two_weeks_ago = latest_occurrence(schedule, now_utc()) - Seconds{14 * 24 * 3600};
  {
    auto store = watchdesk::testing::must(store::StateStore::open(dir.path / "state.db", store::Access::read_write));
    auto tx = watchdesk::testing::must(store->begin());
    BOOST_TEST_REQUIRE(watchdesk::testing::must(tx.add_digest_send({"weekly", two_weeks_ago, two_weeks_ago, "{}"})));
    BOOST_TEST_REQUIRE(tx.commit().ok());
  }

  // The first start sends the latest missed digest (not the one before it) and delivers it.
  const auto due_before = format_rfc3339(latest_occurrence(schedule, now_utc()));
  {
    NotifySocket notify(dir.path / "notify-1.sock");
    auto child = watchdesk::testing::start_daemon(config, notify, 0);
    BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
    BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return digest_posts(server) >= 1; }, 30s));
    watchdesk::testing::stop_gracefully(*child, notify);
  }
  BOOST_TEST(digest_posts(server) == 1u);
  const auto doc = json::parse(server.requests("/hook").back().body).as_object();
  // (Should a Monday 08:00 UTC pass while the test runs, the digest is that one.)
  const std::string id(doc.at("id").as_string());
  const auto due_after = format_rfc3339(latest_occurrence(schedule, now_utc()));
  BOOST_TEST((id == "digest/weekly/" + due_before || id == "digest/weekly/" + due_after), id);

  // A second start (several minutes' worth of polls would not change it) sends nothing more.
  run_daemon_for_fetches(dir.path / "notify-2.sock", config, server, 2);
  BOOST_TEST(digest_posts(server) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
