// A 404 for one company's CIK says that SEC has no such company: `check --dry-run` against a local
// server that answers 404 for every company source kind, and an ordinary 404 for a feed.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <map>
#include <string>

#include "support/http_server.hpp"
#include "support/run_program.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_unknown_cik)

namespace {

namespace json = boost::json;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;

}  // namespace

BOOST_AUTO_TEST_CASE(a_404_for_a_cik_says_that_no_such_company_exists) {
  TempDir dir;
  HttpServer server;
  server.on_default(HttpServer::serve(HttpResponse::text(404, "Not Found")));
  const auto config = dir.write("watchdesk.toml", fmt::format(R"([watchdesk]
state = "state.db"
user_agent = "watchdesk cik test ops@example.com"
log_level = "warn"
host_rate = 100

[sources.filings]
kind = "edgar-filings"
cik = "1234567"
url = "{base}/filings"
every = "10m"

[sources.submissions]
kind = "edgar-submissions"
cik = "0000000042"
url = "{base}/submissions"
every = "10m"

[sources.facts]
kind = "edgar-facts"
cik = "987"
url = "{base}/facts"
every = "1d"

[sources.news]
kind = "feed"
url = "{base}/news"
every = "15m"
)",
                                                              fmt::arg("base", server.base_url())));
  const auto run = watchdesk::testing::run_program(
      {WATCHDESK_BINARY, "check", "--dry-run", "--format", "json", "-c", config.string()}, {dir.path(), std::nullopt});
  BOOST_TEST_INFO("stderr: " << run.err);
  BOOST_TEST_REQUIRE(!run.out.empty());
  std::map<std::string, std::string> errors;
  const auto summary = json::parse(run.out);
  for (const auto& value : summary.at("sources").as_array()) {
    const auto& source = value.as_object();
    BOOST_TEST(!source.at("healthy").as_bool());
    errors[std::string(source.at("source").as_string())] = std::string(source.at("error").as_string());
  }
  BOOST_TEST(errors["filings"] == "SEC has no company with CIK 0001234567 (HTTP 404)");
  BOOST_TEST(errors["submissions"] == "SEC has no company with CIK 0000000042 (HTTP 404)");
  BOOST_TEST(errors["facts"] == "SEC has no company with CIK 0000000987 (HTTP 404)");
  BOOST_TEST(errors["news"].find("404") != std::string::npos, errors["news"]);
  BOOST_TEST(errors["news"].find("no company") == std::string::npos, errors["news"]);
}

BOOST_AUTO_TEST_SUITE_END()
