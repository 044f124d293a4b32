// A price source moves on through its `fallback` providers, in order, when an answer is an HTTP
// failure or not the provider's format (Stooq's keyless endpoint answers an HTML challenge page with
// HTTP 200); each provider gets its own headers and Stooq its `api_key`: `check --dry-run` against
// a local server standing in for the providers.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "support/http_server.hpp"
#include "support/run_program.hpp"
#include "unit/config/support.hpp"
#include "watchers/sources/price.hpp"

BOOST_AUTO_TEST_SUITE(integration_price_fallback)

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;

std::string fixture(const std::string& name) {
  std::ifstream in(fs::path(WATCHDESK_FIXTURES) / "price" / name, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot read " << name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The keys of the one price source `p` when a test gives none: stooq at `/stooq`, falling back
// to yahoo at `/yahoo`. `{base}` is the local server.
constexpr const char* kStooqThenYahoo = R"(provider = "stooq"
url = "{base}/stooq"
fallback = ["yahoo"]
fallback_url = ["{base}/yahoo"]
)";

// One price source `p` with `keys`, fetched from a local server.
class Desk {
 public:
  explicit Desk(const char* keys = kStooqThenYahoo) {
    const std::string base = server_.base_url();
    config_ = dir_.write("watchdesk.toml", fmt::format(R"([watchdesk]
state = "state.db"
user_agent = "watchdesk fallback test ops@example.com"
log_level = "warn"
host_rate = 100

[sources.p]
kind = "price"
symbol = "CRWV"
every = "15m"
{keys})",
                                                       fmt::arg("keys", fmt::format(fmt::runtime(keys), fmt::arg("base", base)))));
  }

  HttpServer& server() { return server_; }

  // `check --dry-run --format json` and the one source's entry of its summary; `printed` gets
  // everything the run wrote.
  json::object check(std::string* printed = nullptr) const {
    const auto run = watchdesk::testing::run_program(
        {WATCHDESK_BINARY, "check", "--dry-run", "--format", "json", "-c", config_.string()}, {dir_.path(), std::nullopt});
    BOOST_TEST_INFO("stderr: " << run.err);
    BOOST_TEST_REQUIRE(!run.out.empty());
    if (printed != nullptr) *printed = run.out + run.err;
    const auto summary = json::parse(run.out).as_object();
    const auto& sources = summary.at("sources").as_array();
    BOOST_TEST_REQUIRE(sources.size() == 1U);
    return sources.front().as_object();
  }

 private:
  TempDir dir_;
  HttpServer server_;
  fs::path config_;
};

// The `close` values the yahoo fixture parses to, independently of the daemon.
std::vector<double> yahoo_closes() {
  watchdesk::config::Source source;
  source.id = "p";
  source.kind = watchdesk::config::SourceKind::price;
  source.price_provider = watchdesk::config::PriceProvider::yahoo;
  source.symbol = "CRWV";
  auto parsed = watchdesk::sources::parse_price(fixture("yahoo_chart.json"), source);
  BOOST_TEST_REQUIRE(parsed.ok());
  std::vector<double> closes;
  for (const auto& point : parsed->points)
    if (point.field == "close") closes.push_back(point.value);
  return closes;
}

std::vector<double> listed_closes(const json::object& source) {
  std::vector<double> closes;
  for (const auto& point : source.at("series_points").as_array())
    if (point.at("series").as_string() == "p.close") closes.push_back(point.at("value").to_number<double>());
  return closes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_challenge_page_with_http_200_moves_on_to_the_fallback) {
  Desk desk;
  desk.server().on("/stooq", HttpServer::serve(HttpResponse::text(200, fixture("stooq_challenge.html"), "text/html")));
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(200, fixture("yahoo_chart.json"), "application/json")));
  const auto source = desk.check();
  BOOST_TEST(source.at("healthy").as_bool());
  BOOST_TEST(desk.server().count("/stooq") == 1U);
  BOOST_TEST(desk.server().count("/yahoo") == 1U);
  const auto expected = yahoo_closes();
  BOOST_TEST_REQUIRE(!expected.empty());
  BOOST_TEST(listed_closes(source) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_http_failure_moves_on_to_the_fallback) {
  Desk desk;
  desk.server().on("/stooq", HttpServer::serve(HttpResponse::text(503, fixture("html_error.html"), "text/html")));
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(200, fixture("yahoo_chart.json"), "application/json")));
  const auto source = desk.check();
  BOOST_TEST(source.at("healthy").as_bool());
  BOOST_TEST(listed_closes(source) == yahoo_closes(), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_usable_answer_is_kept_without_asking_the_fallback) {
  Desk desk;
  desk.server().on("/stooq", HttpServer::serve(HttpResponse::text(200, fixture("stooq_quote.csv"), "text/csv")));
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(200, fixture("yahoo_chart.json"), "application/json")));
  const auto source = desk.check();
  BOOST_TEST(source.at("healthy").as_bool());
  BOOST_TEST(desk.server().count("/yahoo") == 0U);
  BOOST_TEST(listed_closes(source).size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_fallback_that_fails_too_fails_the_source_with_its_own_reason) {
  Desk desk;
  desk.server().on("/stooq", HttpServer::serve(HttpResponse::text(200, fixture("stooq_challenge.html"), "text/html")));
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(200, fixture("stooq_challenge.html"), "text/html")));
  const auto source = desk.check();
  BOOST_TEST(!source.at("healthy").as_bool());
  BOOST_TEST(desk.server().count("/yahoo") == 1U);
  const std::string error(source.at("error").as_string());
  BOOST_TEST(error.find("Just a moment...") != std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(nasdaq_gets_a_browser_user_agent_and_its_referer_and_yahoo_does_not) {
  Desk desk(R"(provider = "nasdaq"
url = "{base}/nasdaq"
fallback = ["yahoo"]
fallback_url = ["{base}/yahoo"]
)");
  desk.server().on("/nasdaq", HttpServer::serve(HttpResponse::text(503, fixture("html_error.html"), "text/html")));
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(200, fixture("yahoo_chart.json"), "application/json")));
  const auto source = desk.check();
  BOOST_TEST(source.at("healthy").as_bool());
  const auto nasdaq = desk.server().requests("/nasdaq");
  BOOST_TEST_REQUIRE(nasdaq.size() == 1U);
  BOOST_TEST(nasdaq[0].header("User-Agent").starts_with("Mozilla/5.0 "));
  BOOST_TEST(nasdaq[0].header("Referer") == "https://www.nasdaq.com/");
  const auto yahoo = desk.server().requests("/yahoo");
  BOOST_TEST_REQUIRE(yahoo.size() == 1U);
  BOOST_TEST(yahoo[0].header("User-Agent") == "watchdesk fallback test ops@example.com");
  BOOST_TEST(!yahoo[0].has_header("Referer"));
}

BOOST_AUTO_TEST_CASE(a_nasdaq_quote_is_read_as_nasdaqs) {
  Desk desk(R"(provider = "nasdaq"
url = "{base}/nasdaq"
)");
  desk.server().on("/nasdaq", HttpServer::serve(HttpResponse::text(200, fixture("nasdaq_info.json"), "application/json")));
  const auto source = desk.check();
  BOOST_TEST(source.at("healthy").as_bool());
  BOOST_TEST(listed_closes(source) == std::vector<double>{100.40}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(stooq_gets_its_api_key_and_no_output_shows_it) {
  const std::string key = "stooq-test-key-8c1f";
  watchdesk::config::testing::ScopedEnv env("WATCHDESK_TEST_STOOQ_KEY", key);
  Desk desk(R"(provider = "yahoo"
url = "{base}/yahoo"
fallback = ["stooq"]
fallback_url = ["{base}/stooq"]
api_key = "env:WATCHDESK_TEST_STOOQ_KEY"
)");
  desk.server().on("/yahoo", HttpServer::serve(HttpResponse::text(429, "Too Many Requests", "text/plain")));
  // A page that echoes the request target in its title, as error pages do: the failure message
  // quotes the title, and with it the key.
  desk.server().on("/stooq", [](const watchdesk::testing::HttpRequest& request) {
    return HttpResponse::text(200, "<html><head><title>" + request.target + "</title></head></html>", "text/html");
  });
  std::string printed;
  const auto source = desk.check(&printed);
  BOOST_TEST(!source.at("healthy").as_bool());
  const auto stooq = desk.server().requests("/stooq");
  BOOST_TEST_REQUIRE(stooq.size() == 1U);
  BOOST_TEST(stooq[0].query == "apikey=" + key);
  const auto yahoo = desk.server().requests("/yahoo");
  BOOST_TEST_REQUIRE(yahoo.size() == 1U);
  BOOST_TEST(yahoo[0].query.empty());
  const std::string error(source.at("error").as_string());
  BOOST_TEST(error.find("[secret]") != std::string::npos, error);
  BOOST_TEST(printed.find(key) == std::string::npos, printed);
}

BOOST_AUTO_TEST_SUITE_END()
