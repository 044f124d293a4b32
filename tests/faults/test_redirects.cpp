// Fault suite: sources on three hosts all redirect into one rate-limited host. Each hop goes through
// the budget of the host it reaches, so that host never sees more than its rate.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_redirects)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;
using testing::ServerOptions;

const char* kRedirectedFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Moved wire</title>
<item><title>Racks arrive</title><link>https://news.example.com/m</link><guid>m-1</guid></item>
</channel></rss>
)";

// The most requests within one second of each other.
std::size_t busiest_second(const std::vector<HttpRequest>& requests) {
  std::vector<std::chrono::steady_clock::time_point> times;
  for (const auto& r : requests) times.push_back(r.received);
  std::sort(times.begin(), times.end());
  std::size_t best = 0;
  for (std::size_t i = 0, j = 0; j < times.size(); ++j) {
    while (times[j] - times[i] >= 1s) ++i;
    best = std::max(best, j - i + 1);
  }
  return best;
}

}  // namespace

BOOST_AUTO_TEST_CASE(redirects_into_a_rate_limited_host_keep_its_rate) {
  HttpServer target(ServerOptions{"127.0.0.2"});
  target.on("/doc", HttpServer::serve(HttpResponse::text(200, kRedirectedFeed, "application/rss+xml")));
  HttpServer first(ServerOptions{"127.0.0.1"}), second(ServerOptions{"127.0.0.3"}), third(ServerOptions{"127.0.0.4"});
  testing::ScratchDir dir;
  const int per_host = faults::rounds(4, 12);
  std::string sources;
  int n = 0;
  for (HttpServer* origin : {&first, &second, &third}) {
    origin->on_default(HttpServer::serve(HttpResponse::redirect(302, target.url("/doc"))));
    for (int i = 0; i < per_host; ++i, ++n)
      sources += fmt::format("\n[sources.moved-{}]\nkind = \"feed\"\nurl = \"{}\"\nevery = \"1h\"\n", n,
                             origin->url("/feed/" + std::to_string(i)));
  }
  const auto config = dir.path / "watchdesk.toml";
  testing::write(config, "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk faults@example.com\"\n"
                         "log_level = \"warn\"\nhost_rate = 2\n" + sources);
  auto check = faults::spawn({WATCHDESK_BINARY, "check", "-c", config.string()}, dir.path, "check");
  const auto code = faults::wait_exit(check.pid, 120s);
  const auto busiest = busiest_second(target.requests());
  faults::report(fmt::format("redirects: sources={} on 3 hosts into one host at 2/s: requests={} busiest second={}", n,
                             target.count(), busiest));
  BOOST_TEST(code.value_or(-1) == 0, faults::slurp(check.out) << faults::slurp(check.err));
  BOOST_TEST(target.count() == static_cast<std::size_t>(n));
  // Two a second, give or take the arrival of one request at a window's edge.
  BOOST_TEST(busiest <= 3u);
  const auto seen = target.requests();
  const auto [lo, hi] = std::minmax_element(seen.begin(), seen.end(),
                                            [](const auto& a, const auto& b) { return a.received < b.received; });
  BOOST_TEST((hi->received - lo->received >= std::chrono::milliseconds(500 * (n - 1) - 100)));
}

BOOST_AUTO_TEST_SUITE_END()
