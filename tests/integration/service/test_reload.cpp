// Reload as an operator does it: SIGHUP with a new configuration swaps in a whole new runtime
// (network settings included), keeps the schedule of sources that stay, and `validate` accepts
// exactly the configurations that `run` starts.
#include <boost/test/unit_test.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"
#include "support/run_program.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::NotifySocket;
using watchdesk::testing::ScratchDir;

const char* kReloadFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Reload wire</title>
<item><title>Racks arrive in Memphis</title><link>https://news.example.com/r</link><guid>r-1</guid>
<pubDate>Mon, 23 Nov 2026 14:03:00 GMT</pubDate></item>
</channel></rss>
)";

std::string fixture(const std::string& relative) {
  std::ifstream in(fs::path(WATCHDESK_FIXTURES) / relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string feed_source(const std::string& id, const std::string& url, const std::string& every) {
  return "\n[sources." + id + "]\nkind = \"feed\"\nurl = \"" + url + "\"\nevery = \"" + every + "\"\njitter = \"0%\"\n";
}

std::string console_trigger(const std::string& source) {
  return "\n[triggers.hiring]\nkind = \"count\"\nsource = \"" + source +
         "\"\nwindow = \"90d\"\nabove = 100\nchannels = [\"console\"]\n\n[channels.console]\nkind = \"stdout\"\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(integration_reload)

BOOST_AUTO_TEST_CASE(a_reload_that_adds_an_sec_source_and_a_user_agent_takes_effect) {
  ScratchDir dir;
  HttpServer server;
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, kReloadFeed, "application/rss+xml")));
  server.on("/filings", HttpServer::serve(HttpResponse::text(200, fixture("edgar/filings_spacex.atom"),
                                                             "application/atom+xml")));
  NotifySocket notify(dir.path / "notify.sock");
  const auto config = dir.path / "watchdesk.toml";
  const std::string head = "[watchdesk]\nstate = \"state.db\"\nhost_rate = 50\n";
  watchdesk::testing::write(config, head + feed_source("news", server.url("/feed"), "1s") + console_trigger("news"));

  auto child = watchdesk::testing::start_daemon(config, notify, 0);
  auto ready = notify.wait_for("READY=1", 15s);
  BOOST_TEST_REQUIRE(ready.has_value(), "no READY=1");
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/feed") >= 1; }, 10s));

  // An EDGAR source needs a User-Agent with a contact email: both arrive in one reload.
  const std::string agent = "Reload Test ops@reload.example";
  watchdesk::testing::write(
      config, "[watchdesk]\nstate = \"state.db\"\nhost_rate = 50\nuser_agent = \"" + agent + "\"\n" +
                  feed_source("news", server.url("/feed"), "1s") +
                  "\n[sources.filings]\nkind = \"edgar-filings\"\ncik = \"1181412\"\nurl = \"" + server.url("/filings") +
                  "\"\nevery = \"1s\"\n" + console_trigger("news"));
  ::kill(child->pid(), SIGHUP);
  auto reloaded = notify.wait_for("READY=1", 10s);
  BOOST_TEST_REQUIRE(reloaded.has_value(), "no READY=1 after the reload");
  BOOST_TEST(reloaded->find("watching 2 sources") != std::string::npos, *reloaded);
  BOOST_TEST(reloaded->find("reload failed") == std::string::npos, *reloaded);

  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/filings") >= 2; }, 10s),
                     "the new SEC source is not polled");
  BOOST_TEST(server.requests("/filings").back().header("User-Agent") == agent);
  // The kept source goes on, now with the new User-Agent: network settings applied at reload.
  const auto feeds = server.count("/feed");
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/feed") > feeds + 1; }, 10s));
  BOOST_TEST(server.requests("/feed").back().header("User-Agent") == agent);
  watchdesk::testing::stop_gracefully(*child, notify);
}

BOOST_AUTO_TEST_CASE(a_reload_that_changes_host_rate_takes_effect) {
  ScratchDir dir;
  HttpServer server;
  for (const char* path : {"/a", "/b", "/c"})
    server.on(path, HttpServer::serve(HttpResponse::text(200, kReloadFeed, "application/rss+xml")));
  NotifySocket notify(dir.path / "notify.sock");
  const auto config = dir.path / "watchdesk.toml";
  const auto text = [&](const std::string& rate) {
    return "[watchdesk]\nstate = \"state.db\"\nhost_rate = " + rate + "\n" +
           feed_source("a", server.url("/a"), "1s") + feed_source("b", server.url("/b"), "1s") +
           feed_source("c", server.url("/c"), "1s") + console_trigger("a");
  };
  // One request every 5 s to the test server's host.
  watchdesk::testing::write(config, text("0.2"));
  auto child = watchdesk::testing::start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count() >= 1; }, 10s));
  const auto slow_start = server.count();
  BOOST_TEST(!watchdesk::testing::wait_until([&] { return server.count() >= slow_start + 2; }, 3s),
             "host_rate = 0.2 let " << server.count() - slow_start << " more requests through in 3 s");

  watchdesk::testing::write(config, text("50"));
  const auto before = server.count();
  ::kill(child->pid(), SIGHUP);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 10s).has_value());
  // Three sources every second: at least six requests in four seconds under the new rate.
  BOOST_TEST(watchdesk::testing::wait_until([&] { return server.count() >= before + 6; }, 4s),
             "after the reload only " << server.count() - before << " requests in 4 s");
  watchdesk::testing::stop_gracefully(*child, notify);
}

BOOST_AUTO_TEST_CASE(sources_kept_across_a_reload_are_not_fetched_early) {
  ScratchDir dir;
  HttpServer server;
  server.on("/kept", HttpServer::serve(HttpResponse::text(200, kReloadFeed, "application/rss+xml")));
  server.on("/added", HttpServer::serve(HttpResponse::text(200, kReloadFeed, "application/rss+xml")));
  NotifySocket notify(dir.path / "notify.sock");
  const auto config = dir.path / "watchdesk.toml";
  const std::string head = "[watchdesk]\nstate = \"state.db\"\nhost_rate = 50\n";
  watchdesk::testing::write(config, head + feed_source("kept", server.url("/kept"), "6s") + console_trigger("kept"));
  auto child = watchdesk::testing::start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  BOOST_TEST_REQUIRE(watchdesk::testing::wait_until([&] { return server.count("/kept") >= 1; }, 10s));

  watchdesk::testing::write(config, head + feed_source("kept", server.url("/kept"), "6s") +
                                        feed_source("added", server.url("/added"), "1s") + console_trigger("kept"));
  ::kill(child->pid(), SIGHUP);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 10s).has_value());
  BOOST_TEST(watchdesk::testing::wait_until([&] { return server.count("/added") >= 1; }, 5s));
  // Its next poll is one interval after the last one, as if nothing had happened.
  BOOST_TEST(server.count("/kept") == 1u);
  BOOST_TEST(watchdesk::testing::wait_until([&] { return server.count("/kept") >= 2; }, 10s));
  const auto gap = server.requests("/kept")[1].received - server.requests("/kept")[0].received;
  BOOST_TEST((gap >= 5500ms), "the kept source was polled again after "
                                  << std::chrono::duration_cast<std::chrono::milliseconds>(gap).count() << " ms");
  watchdesk::testing::stop_gracefully(*child, notify);
}

BOOST_AUTO_TEST_CASE(validate_accepts_exactly_the_configurations_run_starts) {
  ScratchDir dir;
  HttpServer server;
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, kReloadFeed, "application/rss+xml")));
  const std::string feed = feed_source("news", server.url("/feed"), "1h") + console_trigger("news");
  const std::string sec = "\n[sources.filings]\nkind = \"edgar-filings\"\ncik = \"1181412\"\nurl = \"" +
                          server.url("/filings") + "\"\nevery = \"1h\"\n";
  const std::string snapshot = (fs::path(WATCHDESK_FIXTURES) / "edgar" / "filings_spacex.atom").string();
  struct Case {
    const char* name;
    std::string text;
    bool valid;
  };
  const std::string state = "[watchdesk]\nstate = \"state.db\"\n";
  const Case cases[] = {
      {"plain feed", state + feed, true},
      {"SEC source with a contact email", state + "user_agent = \"Acme Research ops@acme.example\"\n" + feed + sec, true},
      {"SEC source without a user agent", state + feed + sec, false},
      {"SEC source, user agent without email", state + "user_agent = \"Acme Research\"\n" + feed + sec, false},
      {"SEC source, non-ASCII letter in the address", state + "user_agent = \"Acme ops@acm\xC3\xA9.example\"\n" + feed + sec,
       false},
      {"non-ASCII user agent without SEC sources", state + "user_agent = \"Acm\xC3\xA9 Research\"\n" + feed, false},
      {"file URL without allow_file_urls",
       state + feed + "\n[sources.snap]\nkind = \"feed\"\nurl = \"file://" + snapshot + "\"\nevery = \"1h\"\n", false},
      {"file URL with allow_file_urls",
       state + "allow_file_urls = true\n" + feed + "\n[sources.snap]\nkind = \"feed\"\nurl = \"file://" + snapshot +
           "\"\nevery = \"1h\"\n",
       true},
      {"webhook secret from an unset variable",
       state + feed + "\n[channels.desk]\nkind = \"slack\"\nwebhook = \"env:WATCHDESK_RELOAD_TEST_UNSET\"\n", false},
      {"metrics on a public address", state + "metrics = \"0.0.0.0:9464\"\n" + feed, false},
  };
  int index = 0;
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const auto case_dir = dir.path / std::to_string(index++);
      fs::create_directories(case_dir);
      const auto config = case_dir / "watchdesk.toml";
      watchdesk::testing::write(config, c.text);
      watchdesk::testing::ProgramSetup setup{case_dir, std::nullopt, 30s};
      const auto validated = watchdesk::testing::run_program({WATCHDESK_BINARY, "validate", "-c", config.string()}, setup);
      BOOST_TEST((validated.status == 0) == c.valid, "validate exited " << validated.status << ": " << validated.err);

      NotifySocket notify(case_dir / "notify.sock");
      auto child = watchdesk::testing::start_daemon(config, notify, 0);
      // Whichever comes first: READY=1, or the exit of a run that refused to start.
      std::optional<std::string> ready;
      std::optional<int> status;
      const auto deadline = std::chrono::steady_clock::now() + 10s;
      while (!ready && !status && std::chrono::steady_clock::now() < deadline) {
        ready = notify.wait_for("READY=1", 50ms);
        if (!ready) status = child->wait(0ms);
      }
      if (ready) {
        BOOST_TEST(c.valid, "run started a configuration validate refuses");
        watchdesk::testing::stop_gracefully(*child, notify);
      } else {
        BOOST_TEST_REQUIRE(status.has_value(), "run neither got ready nor exited");
        BOOST_TEST(!c.valid, "run refused a configuration validate accepts");
        BOOST_TEST(WEXITSTATUS(*status) == validated.status, "run exited " << WEXITSTATUS(*status));
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
