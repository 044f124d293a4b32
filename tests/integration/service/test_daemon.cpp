// `watchdesk run` as systemd sees it: a test-owned NOTIFY_SOCKET receives READY, WATCHDOG,
// RELOADING/READY on SIGHUP (good and bad configs), STOPPING on SIGTERM; /metrics and /healthz.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <curl/curl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <sstream>
#include <thread>

#include "support/child_process.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_get.hpp"
#include "support/http_server.hpp"
#include "support/rack_feed.hpp"
#include "support/run_program.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using watchdesk::testing::ChildProcess;
using watchdesk::testing::free_port;
using watchdesk::testing::http_get;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::NotifySocket;
using watchdesk::testing::ScratchDir;
using watchdesk::testing::start_daemon;
using watchdesk::testing::stop_gracefully;
using watchdesk::testing::wait_until;
using watchdesk::testing::write;

BOOST_AUTO_TEST_SUITE(integration_daemon)

namespace {

std::string config_text(const HttpServer& server, const std::string& extra_sources, const std::string& extra_watchdesk) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk-test test@example.com\"\nlog_level = \"info\"\n"
         "host_rate = 50\n" + extra_watchdesk +
         "\n[sources.news]\nkind = \"feed\"\nurl = \"" + server.url("/feed") + "\"\nevery = \"2s\"\n" + extra_sources +
         "\n[triggers.tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\nchannels = [\"hook\"]\n"
         "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n";
}

// `name{label="value",...} number`, the sample line of Prometheus text format 0.0.4.
bool is_prometheus_sample(const std::string& line) {
  std::size_t i = 0;
  auto name_char = [](char c, bool first) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
           (!first && std::isdigit(static_cast<unsigned char>(c)));
  };
  if (line.empty() || !name_char(line[0], true)) return false;
  while (i < line.size() && name_char(line[i], i == 0)) ++i;
  if (i < line.size() && line[i] == '{') {
    bool in_quotes = false;
    for (++i; i < line.size(); ++i) {
      if (in_quotes && line[i] == '\\') { ++i; continue; }
      if (line[i] == '"') in_quotes = !in_quotes;
      else if (!in_quotes && line[i] == '}') break;
    }
    if (i >= line.size()) return false;
    ++i;
  }
  if (i >= line.size() || line[i] != ' ') return false;
  auto value = line.substr(i + 1);
  if (value.empty()) return false;
  try {
    std::size_t used = 0;
    std::stod(value, &used);
    return used == value.size();
  } catch (...) {
    return value == "+Inf" || value == "-Inf" || value == "NaN";
  }
}


}  // namespace

BOOST_AUTO_TEST_CASE(ready_watchdog_reload_and_graceful_stop) {
  ScratchDir dir;
  HttpServer server;
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml")));
  server.on("/feed2", HttpServer::serve(HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml")));
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  NotifySocket notify(dir.path / "notify.sock");
  auto config = dir.path / "watchdesk.toml";
  write(config, config_text(server, "", ""));

  auto child = start_daemon(config, notify, 200000);  // watchdog every 100 ms
  auto ready = notify.wait_for("READY=1", 15s);
  BOOST_TEST_REQUIRE(ready.has_value(), "no READY=1");
  BOOST_TEST(ready->find("STATUS=watching 1 sources") != std::string::npos, *ready);

  // Watchdog at half of WATCHDOG_USEC: about 10 pings a second.
  int pings = 0;
  auto until = std::chrono::steady_clock::now() + 1s;
  while (std::chrono::steady_clock::now() < until) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    auto msg = notify.next(left);
    if (msg && msg->find("WATCHDOG=1") != std::string::npos) ++pings;
  }
  BOOST_TEST(pings >= 5);
  BOOST_TEST(pings <= 15);

  // A good reload: RELOADING=1 with MONOTONIC_USEC in the same message, then READY=1.
  write(config, config_text(server, "\n[sources.news2]\nkind = \"feed\"\nurl = \"" + server.url("/feed2") + "\"\nevery = \"2s\"\n", ""));
  ::kill(child->pid(), SIGHUP);
  auto reloading = notify.wait_for("RELOADING=1", 10s);
  BOOST_TEST_REQUIRE(reloading.has_value(), "no RELOADING=1");
  auto usec_at = reloading->find("MONOTONIC_USEC=");
  BOOST_TEST_REQUIRE(usec_at != std::string::npos, *reloading);
  auto digits = reloading->substr(usec_at + 15);
  BOOST_TEST((!digits.empty() && std::isdigit(static_cast<unsigned char>(digits[0]))), *reloading);
  auto ready2 = notify.wait_for("READY=1", 10s);
  BOOST_TEST_REQUIRE(ready2.has_value());
  BOOST_TEST(ready2->find("watching 2 sources") != std::string::npos, *ready2);
  BOOST_TEST(wait_until([&] { return server.count("/feed2") >= 1; }, 10s), "the new source was never fetched");

  // A bad reload: READY=1 again, with a STATUS= naming FILE:LINE:COL, and the old config runs on.
  write(config, "[watchdesk]\nstate = \"state.db\"\nuser_agnt = \"x\"\n");
  ::kill(child->pid(), SIGHUP);
  BOOST_TEST_REQUIRE(notify.wait_for("RELOADING=1", 10s).has_value());
  auto refused = notify.wait_for("READY=1", 10s);
  BOOST_TEST_REQUIRE(refused.has_value());
  BOOST_TEST(refused->find("reload failed") != std::string::npos, *refused);
  BOOST_TEST(refused->find(config.string() + ":3:1:") != std::string::npos, *refused);
  auto before = server.count("/feed2");
  BOOST_TEST(wait_until([&] { return server.count("/feed2") > before; }, 10s), "the old configuration stopped");

  // SIGTERM while a fetch is in flight: STOPPING=1, then exit 0 within 5 s.
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml")));
  HttpResponse slow = HttpResponse::text(200, watchdesk::testing::kRackFeed, "application/rss+xml");
  slow.delay = 1500ms;
  server.on("/feed2", HttpServer::serve(slow));
  auto in_flight = server.count("/feed2");
  BOOST_TEST_REQUIRE(wait_until([&] { return server.count("/feed2") > in_flight; }, 10s));
  stop_gracefully(*child, notify);
}

BOOST_AUTO_TEST_CASE(stop_is_bounded_and_keeps_a_delivery_in_flight_queued) {
  ScratchDir dir;
  HttpServer server;
  // No publication date: the item is fresh whenever the test runs, so the count crosses 0 at once.
  server.on("/feed", HttpServer::serve(HttpResponse::text(200, R"(<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>Colossus gets a second tenant</title><link>https://news.example.com/b</link><guid>b-1</guid></item>
</channel></rss>
)", "application/rss+xml")));
  HttpResponse hanging = HttpResponse::text(200, "ok");
  hanging.delay = 30s;
  server.on("/hook", HttpServer::serve(hanging));
  NotifySocket notify(dir.path / "notify.sock");
  auto config = dir.path / "watchdesk.toml";
  write(config, "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk-test test@example.com\"\n"
                "\n[sources.news]\nkind = \"feed\"\nurl = \"" + server.url("/feed") + "\"\nevery = \"2s\"\n"
                "\n[triggers.any]\nkind = \"count\"\nsource = \"news\"\nwindow = \"90d\"\nabove = 0\nchannels = [\"hook\"]\n"
                "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n");
  auto child = start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  BOOST_TEST_REQUIRE(wait_until([&] { return server.count("/hook") >= 1; }, 15s), "the alert was never sent");

  // The webhook holds the delivery open for 30 s; the daemon must not wait for it.
  stop_gracefully(*child, notify);

  // The abandoned delivery is still queued for the next start, and the source is not unhealthy.
  auto listed = watchdesk::testing::run_program({WATCHDESK_BINARY, "alerts", "-c", config.string(), "--format", "json"},
                                               {dir.path, std::nullopt, 30s});
  BOOST_TEST_REQUIRE(listed.status == 0, listed.err);
  const auto alerts = boost::json::parse(listed.out).as_array();
  BOOST_TEST_REQUIRE(alerts.size() == 1u, listed.out);
  const auto& delivery = alerts[0].at("deliveries").as_array().at(0).as_object();
  BOOST_TEST(delivery.at("channel").as_string() == "hook");
  BOOST_TEST(delivery.at("status").as_string() != "delivered", listed.out);
  BOOST_TEST(delivery.at("status").as_string() != "failed", listed.out);
  auto shown = watchdesk::testing::run_program({WATCHDESK_BINARY, "status", "-c", config.string()}, {dir.path, std::nullopt, 30s});
  BOOST_TEST(shown.out.find("shutting down") == std::string::npos, shown.out);
}

BOOST_AUTO_TEST_CASE(metrics_match_what_the_servers_saw) {
  ScratchDir dir;
  HttpServer server;
  server.on("/feed", HttpServer::conditional("\"v1\"", "", watchdesk::testing::kRackFeed));
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  NotifySocket notify(dir.path / "notify.sock");
  auto port = free_port();
  auto config = dir.path / "watchdesk.toml";
  write(config, config_text(server, "", "metrics = \"127.0.0.1:" + std::to_string(port) + "\"\n"));
  auto child = start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 15s).has_value());
  BOOST_TEST_REQUIRE(wait_until([&] { return server.count("/feed") >= 3; }, 20s));

  long status = 0;
  auto health = http_get("http://127.0.0.1:" + std::to_string(port) + "/healthz", status);
  BOOST_TEST(status == 200);
  auto seen = server.count("/feed");
  auto text = http_get("http://127.0.0.1:" + std::to_string(port) + "/metrics", status);
  BOOST_TEST_REQUIRE(status == 200);

  // Every line is a comment or `name{labels} value` (Prometheus text format 0.0.4).
  std::map<std::string, double> values;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) continue;
    BOOST_TEST(is_prometheus_sample(line), "not Prometheus text: " << line);
    auto space = line.rfind(' ');
    values[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  double fetched = values["watchdesk_fetches_total{source=\"news\",outcome=\"fetched\"}"];
  double not_modified = values["watchdesk_fetches_total{source=\"news\",outcome=\"not_modified\"}"];
  // The server may have seen one more request than the daemon has finished (one in flight).
  BOOST_TEST(fetched == 1);
  BOOST_TEST(fetched + not_modified <= static_cast<double>(seen));
  BOOST_TEST(fetched + not_modified >= static_cast<double>(seen) - 1);
  BOOST_TEST(values["watchdesk_source_up{source=\"news\"}"] == 1);
  BOOST_TEST(values.count("watchdesk_pending_deliveries") == 1u);
  BOOST_TEST(values["watchdesk_fetch_duration_seconds_count"] == fetched + not_modified);

  ::kill(child->pid(), SIGTERM);
  auto exit_status = child->wait(5s);
  BOOST_TEST_REQUIRE(exit_status.has_value());
  BOOST_TEST(WEXITSTATUS(*exit_status) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
