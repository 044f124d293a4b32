// Fault suite: receivers that echo the request back (URL, headers, body) in failing answers. No
// configured secret, nor its URL-encoded form, reaches anything watchdesk logs, stores or prints.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <signal.h>

#include <string>
#include <vector>

#include "core/urls.hpp"
#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_echo_secrets)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;

constexpr const char* kSlackToken = "T0ECHO/B0ECHO/xoxbEchoedWebhookToken42";
constexpr const char* kSigningSecret = "hmac-signing-secret-do-not-echo";

// Answers `status` with everything it received.
testing::Handler echo(int status) {
  return [status](const HttpRequest& request) {
    std::string body = request.method + " " + request.target + "\n";
    for (const auto& [name, value] : request.headers) body += name + ": " + value + "\n";
    body += request.body;
    return HttpResponse::text(status, body);
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_secret_in_any_output_with_receivers_that_echo) {
  HttpServer server;
  testing::ScratchDir dir;
  server.on("/filings", HttpServer::serve(HttpResponse::text(200, faults::filings_feed(2), "application/atom+xml")));
  server.on_default(echo(500));
  const std::string webhook = server.url(std::string("/services/") + kSlackToken);
  const auto config = dir.path / "watchdesk.toml";
  testing::write(config, faults::watchdesk_section() +
                             faults::filings_source_and_trigger("filings", server.url("/filings"), "1h",
                                                                "[\"desk\", \"ops\"]") +
                             "\n[channels.desk]\nkind = \"slack\"\nwebhook = \"env:WATCHDESK_ECHO_SLACK\"\n"
                             "\n[channels.ops]\nkind = \"webhook\"\nurl = \"" + server.url("/hooks/ops") +
                             "\"\nsecret = \"env:WATCHDESK_ECHO_SIGNING\"\n");
  const std::vector<std::string> env{std::string("WATCHDESK_ECHO_SLACK=") + webhook,
                                     std::string("WATCHDESK_ECHO_SIGNING=") + kSigningSecret};
  std::string everything;
  auto run = [&](std::vector<std::string> args, const std::string& name) {
    std::vector<std::string> argv{WATCHDESK_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    auto child = faults::spawn(argv, dir.path, name, env);
    BOOST_TEST(faults::wait_exit(child.pid, 60s).has_value());
    everything += faults::slurp(child.out) + faults::slurp(child.err);
  };
  const std::string c = config.string();
  run({"check", "-c", c, "--deliver-timeout", "2s"}, "check");
  faults::exec_sql(dir.path / "state.db", "UPDATE deliveries SET next_attempt = 0 WHERE status = 'failed'");
  server.on_default(echo(400));  // permanent now: the echo is kept as the last error
  run({"check", "-c", c, "--format", "json", "--deliver-timeout", "2s"}, "check-json");
  run({"alerts", "-c", c}, "alerts");
  run({"alerts", "-c", c, "--format", "json"}, "alerts-json");
  run({"status", "-c", c}, "status");
  run({"test-alert", "-c", c, "--channel", "desk"}, "test-alert-desk");
  run({"test-alert", "-c", c, "--channel", "ops"}, "test-alert-ops");
  {
    server.on_default(echo(503));
    faults::exec_sql(dir.path / "state.db", "UPDATE deliveries SET status = 'failed', next_attempt = 0");
    auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", c}, dir.path, "run", env);
    BOOST_TEST(testing::wait_until([&] { return server.count("/hooks/ops") >= 6u; }, 20s));
    ::kill(daemon.pid, SIGTERM);
    BOOST_TEST(faults::wait_exit(daemon.pid, 10s).value_or(-1) == 0);
    everything += faults::slurp(daemon.out) + faults::slurp(daemon.err);
  }
  for (const auto& row : faults::query(dir.path / "state.db",
                                       "SELECT last_error FROM deliveries UNION ALL SELECT last_error FROM fetch_state "
                                       "UNION ALL SELECT json FROM alerts"))
    everything += row + "\n";

  // The receivers did see the secrets (so the echo was a real test).
  bool echoed = false;
  for (const auto& r : server.requests()) echoed = echoed || r.target.find(kSlackToken) != std::string::npos;
  BOOST_TEST(echoed);
  BOOST_TEST(everything.find("[secret]") != std::string::npos);

  std::size_t found = 0;
  for (const std::string& secret : {std::string(kSlackToken), webhook, std::string(kSigningSecret)}) {
    found += faults::occurrences(everything, secret);
    found += faults::occurrences(everything, percent_encode(secret));
  }
  found += faults::occurrences(everything, "xoxbEchoedWebhookToken42");
  faults::report(fmt::format("echoing receivers: outputs scanned={} bytes, secrets found={}", everything.size(), found));
  BOOST_TEST(found == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
