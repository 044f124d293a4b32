// Silences end to end: a running daemon obeys a silence the CLI adds (no reload), records the alert as
// silenced and sends nothing, then delivers the next alert once the silence is expired.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"
#include "support/rack_feed.hpp"
#include "support/run_program.hpp"

BOOST_AUTO_TEST_SUITE(integration_silences)

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;
using watchdesk::testing::HttpRequest;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::NotifySocket;
using watchdesk::testing::ProgramRun;
using watchdesk::testing::ScratchDir;

std::string config_text(const HttpServer& server) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk-test test@example.com\"\n"
         "log_level = \"info\"\nhost_rate = 50\nfail_after = 1\nhealth_channels = [\"hook\"]\n"
         "\n[sources.news]\nkind = \"feed\"\nurl = \"" + server.url("/feed") + "\"\nevery = \"1s\"\n"
         "\n[triggers.tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\nchannels = [\"hook\"]\n"
         "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n";
}

// Runs `watchdesk ARGS -c CONFIG`, output captured under `dir/cli`.
ProgramRun cli(const fs::path& dir, const fs::path& config, std::vector<std::string> args) {
  fs::create_directories(dir / "cli");
  std::vector<std::string> argv{WATCHDESK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"-c", config.string()});
  return watchdesk::testing::run_program(argv, {dir / "cli", std::nullopt});
}

// The alert of `watchdesk alerts --format json` whose id starts with `prefix`, if any.
std::optional<json::object> alert_with_prefix(const fs::path& dir, const fs::path& config, const std::string& prefix) {
  const auto run = cli(dir, config, {"alerts", "--format", "json"});
  if (run.status != 0) return std::nullopt;
  json::error_code ec;
  const auto list = json::parse(run.out, ec);
  if (ec || !list.is_array()) return std::nullopt;
  for (const auto& a : list.as_array()) {
    const auto& o = a.as_object();
    if (std::string(o.at("id").as_string()).rfind(prefix, 0) == 0) return o;
  }
  return std::nullopt;
}

}  // namespace

BOOST_AUTO_TEST_CASE(running_daemon_obeys_a_silence_added_by_the_cli_and_delivers_after_expiry) {
  ScratchDir dir;
  HttpServer server;
  std::atomic<bool> failing{false};
  server.on("/feed", [&](const HttpRequest&) {
    return failing ? HttpResponse::text(503, "down for maintenance")
                   : HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml");
  });
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  NotifySocket notify(dir.path / "notify.sock");
  const auto config = dir.path / "watchdesk.toml";
  watchdesk::testing::write(config, config_text(server));
  auto child = watchdesk::testing::start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/feed") >= 1; }, 20s));

  // Added while the daemon runs; no SIGHUP follows.
  const auto added = cli(dir.path, config,
                         {"silence", "add", "--trigger", "health", "--match", "news", "--for", "1h", "--reason",
                          "planned outage"});
  BOOST_TEST_REQUIRE(added.status == 0, added.err);
  const std::string id = added.out.substr(0, added.out.find('\n'));
  BOOST_TEST_REQUIRE(id.size() == 12u);

  failing = true;
  std::optional<json::object> unhealthy;
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until(
      [&] { return (unhealthy = alert_with_prefix(dir.path, config, "health/news/unhealthy/")).has_value(); }, 30s));
  BOOST_TEST(std::string(unhealthy->at("silenced_by").as_string()) == id);
  for (const auto& d : unhealthy->at("deliveries").as_array())
    BOOST_TEST(std::string(d.as_object().at("status").as_string()) == "silenced");
  BOOST_TEST(server.count("/hook") == 0u);

  const auto expired = cli(dir.path, config, {"silence", "expire", id});
  BOOST_TEST_REQUIRE(expired.status == 0, expired.err);
  failing = false;
  // The next fetch comes after the failure's back-off (about 30 s).
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/hook") >= 1; }, 90s));

  // The recovery went out; the alert raised under the silence never did, not even after it ended.
  const auto posts = server.requests("/hook");
  for (const auto& post : posts) {
    BOOST_TEST(post.body.find("health/news/recovered/") != std::string::npos);
    BOOST_TEST(post.body.find("health/news/unhealthy/") == std::string::npos);
  }
  const auto recovered = alert_with_prefix(dir.path, config, "health/news/recovered/");
  BOOST_TEST_REQUIRE(recovered.has_value());
  BOOST_TEST(!recovered->contains("silenced_by"));
  const auto after = alert_with_prefix(dir.path, config, "health/news/unhealthy/");
  BOOST_TEST_REQUIRE(after.has_value());
  for (const auto& d : after->at("deliveries").as_array())
    BOOST_TEST(std::string(d.as_object().at("status").as_string()) == "silenced");

  watchdesk::testing::stop_gracefully(*child, notify);
}

BOOST_AUTO_TEST_SUITE_END()
