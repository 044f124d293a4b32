// SEC's 403 through the client and the poll pipeline: a loopback server stands in for SEC hosts
// (the client resolves www.sec.gov and data.sec.gov to it), the refusal pauses every SEC host, the
// pause raises one `health/sec/throttled/...` alert, and no source held by it counts as failing.
#include <boost/asio/io_context.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "daemon/http/client.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/pipeline/poll.hpp"
#include "daemon/store/state_store.hpp"
#include "support/http_server.hpp"
#include "support/run_loop.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_sec_throttle)

namespace {

using namespace std::chrono_literals;
using namespace watchdesk;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;

struct Desk {
  Desk() {
    server.on("/refused", HttpServer::serve(HttpResponse::text(403, "Request Rate Threshold Exceeded")));
    server.on("/doc", HttpServer::serve(HttpResponse::text(200, "fine")));
    const auto path = dir.write("watchdesk.toml", R"([watchdesk]
state = "state.db"
user_agent = "watchdesk throttle test ops@example.com"
fail_after = 2

[sources.a-facts]
kind = "edgar-facts"
cik = "1"
every = "1h"

[sources.b-submissions]
kind = "edgar-submissions"
cik = "2"
every = "1h"

[sources.news]
kind = "feed"
url = "https://news.example.com/rss"
every = "1h"

[channels.console]
kind = "stdout"
)");
    auto loaded = config::load_config(path);
    BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
    cfg = std::move(*loaded);
    auto opened = store::StateStore::open(dir.path() / "state.db", store::Access::read_write);
    BOOST_TEST_REQUIRE(opened.ok());
    state = std::move(*opened);
    http::ClientOptions options;
    options.user_agent = "watchdesk throttle test ops@example.com";
    options.connect_timeout = 5s;
    options.timeout = 10s;
    client.emplace(io, options);
    ingestor.emplace(cfg, *state, pipeline::Commit::yes);
    poll.emplace(*client, *ingestor, [this] { return now; }, nullptr);
  }

  // A GET of `path` on `host` (an SEC host name resolved to the loopback server, or none: the
  // server's own address).
  http::Response fetch(const std::string& host, const std::string& path) {
    http::Request request;
    const std::string port = std::to_string(server.port());
    if (host.empty()) {
      request.url = server.url(path);
    } else {
      request.url = "http://" + host + ":" + port + path;
      request.resolve.push_back(host + ":" + port + ":127.0.0.1");
    }
    std::optional<http::Response> got;
    client->submit(std::move(request), [&](http::Response response) { got = std::move(response); });
    BOOST_TEST_REQUIRE(watchdesk::testing::run_until(io, [&] { return got.has_value(); }, 15000ms));
    return std::move(*got);
  }

  // Records `response` for `source_id` through the poll pipeline.
  pipeline::PollResult record(const std::string& source_id, http::Response response) {
    const auto* source = cfg.find_source(source_id);
    BOOST_TEST_REQUIRE(source != nullptr);
    std::optional<pipeline::PollResult> out;
    poll->record(*source, std::move(response), [&](pipeline::PollResult r) { out = std::move(r); });
    BOOST_TEST_REQUIRE(out.has_value());
    now += 1min;
    return std::move(*out);
  }

  std::vector<std::string> alert_ids(const pipeline::PollResult& result) const {
    std::vector<std::string> ids;
    for (const auto& a : result.report.alerts) ids.push_back(a.id);
    return ids;
  }

  TempDir dir;
  HttpServer server;
  boost::asio::io_context io;
  config::Config cfg;
  std::unique_ptr<store::StateStore> state;
  std::optional<http::Client> client;
  std::optional<pipeline::Ingestor> ingestor;
  std::optional<pipeline::PollPipeline> poll;
  TimePoint now = TimePoint{Seconds{1780272000}};  // 2026-06-01T00:00:00Z
};

}  // namespace

BOOST_AUTO_TEST_CASE(one_alert_for_the_pause_and_no_sec_source_counted_as_failing) {
  Desk desk;
  const auto refused = desk.fetch("www.sec.gov", "/refused");
  BOOST_TEST_REQUIRE(refused.status == 403);

  const auto first = desk.record("a-facts", refused);
  BOOST_TEST(first.consecutive_failures == 0);
  const std::vector<std::string> expected{"health/sec/throttled/2026-06-01T00:00:00Z"};
  BOOST_TEST(desk.alert_ids(first) == expected, boost::test_tools::per_element());

  // Another SEC host is held by the pause without a request; its source is not failing either.
  const auto held = desk.fetch("data.sec.gov", "/doc");
  BOOST_TEST(desk.server.count("/doc") == 0U);
  const auto second = desk.record("b-submissions", held);
  BOOST_TEST((second.outcome == pipeline::PollOutcome::deferred));
  BOOST_TEST(second.consecutive_failures == 0);
  BOOST_TEST(second.report.alerts.empty());

  // The same refusal met again within the pause's slot raises nothing more, however often.
  for (int i = 0; i < 4; ++i) {
    const auto again = desk.record(i % 2 == 0 ? "a-facts" : "b-submissions", refused);
    BOOST_TEST(again.consecutive_failures == 0);
    BOOST_TEST(again.report.alerts.size() == 0U);
  }
  auto stored = desk.state->fetch_state("a-facts");
  BOOST_TEST_REQUIRE((stored.ok() && stored->has_value()));
  BOOST_TEST((*stored)->consecutive_failures == 0);
  BOOST_TEST(!(*stored)->unhealthy_alerted);
}

BOOST_AUTO_TEST_CASE(a_403_from_another_host_is_an_ordinary_failure) {
  Desk desk;
  const auto refused = desk.fetch("", "/refused");
  BOOST_TEST_REQUIRE(refused.status == 403);
  BOOST_TEST(desk.record("news", refused).report.alerts.empty());
  const auto second = desk.record("news", refused);
  BOOST_TEST(second.consecutive_failures == 2);
  BOOST_TEST_REQUIRE(second.report.alerts.size() == 1U);
  BOOST_TEST(second.report.alerts.front().id.starts_with("health/news/unhealthy/"));
}

BOOST_AUTO_TEST_SUITE_END()
