// A source whose answer parses but lacks a series a metric needs is degraded: `check` and `status`
// say so with the reason, and one health alert is raised for the spell, not one per poll.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <sstream>
#include <string>
#include <vector>

#include "support/http_server.hpp"
#include "support/run_program.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_degraded_source)

namespace {

namespace json = boost::json;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;

// Company facts with a cover-page share count but no revenue concept at all.
constexpr const char* shares_only = R"({"cik": 1769628, "entityName": "CoreWeave, Inc.", "facts": {"dei":
 {"EntityCommonStockSharesOutstanding": {"label": "Entity Common Stock, Shares Outstanding", "units": {"shares": [
  {"end": "2025-08-08", "val": 412580107, "accn": "0001769628-25-000031", "fy": 2025, "fp": "Q2", "form": "10-Q", "filed": "2025-08-13"}]}}}}})";

// The degraded health alerts among the JSON lines the stdout channel printed.
std::size_t degraded_alerts(const std::string& out) {
  std::size_t count = 0;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line.front() != '{') continue;
    const auto alert = json::parse(line);
    const auto* id = alert.as_object().if_contains("id");
    if (id && id->is_string() && id->as_string().find("health/crwv-facts/degraded/") == 0) ++count;
  }
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(missing_series_degrades_the_source_with_one_alert) {
  HttpServer server;
  server.on("/facts", HttpServer::serve(HttpResponse::text(200, shares_only, "application/json")));
  TempDir dir;
  const auto config = dir.write("watchdesk.toml", fmt::format(R"([watchdesk]
state = "{}"
user_agent = "watchdesk test test@example.com"
log_level = "warn"

[sources.crwv-facts]
kind = "edgar-facts"
cik = "1769628"
url = "{}"
every = "1d"

[metrics.crwv-sales-per-share]
expr = "crwv-facts.revenue_ttm / crwv-facts.shares_outstanding"

[channels.console]
kind = "stdout"
)",
                                                              (dir.path() / "state.db").string(), server.url("/facts")));
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), WATCHDESK_BINARY);
    args.insert(args.end(), {"-c", config.string()});
    return watchdesk::testing::run_program(args, {dir.path(), std::nullopt});
  };

  const auto first = run({"check"});
  BOOST_TEST(first.out.find("DEGRADED") != std::string::npos, first.out << first.err);
  BOOST_TEST(first.out.find("revenue_ttm: no facts") != std::string::npos, first.out);
  BOOST_TEST(degraded_alerts(first.out) == 1u, first.out);

  const auto status = run({"status"});
  BOOST_TEST_REQUIRE(status.status == 0, status.err);
  BOOST_TEST(status.out.find("DEGRADED: revenue_ttm: no facts") != std::string::npos, status.out);

  // Still degraded on the next poll: no second alert.
  const auto second = run({"check"});
  BOOST_TEST(second.out.find("DEGRADED") != std::string::npos, second.out);
  BOOST_TEST(degraded_alerts(second.out) == 0u, second.out);
}

BOOST_AUTO_TEST_SUITE_END()
