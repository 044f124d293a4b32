// `open_roles` is a reading of the board at fetch time: a withdrawn posting lowers the latest point,
// an empty board reads 0, and a board that is gone (404) fails the source instead of reading 0.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/time.hpp"
#include "support/http_server.hpp"
#include "support/run_program.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_open_roles_readings)

namespace {

namespace json = boost::json;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;

// A Greenhouse board with one posting per id, all published long before the fetches.
std::string board(const std::vector<long>& ids) {
  std::string jobs;
  for (long id : ids) {
    if (!jobs.empty()) jobs += ",";
    jobs += fmt::format(
        R"({{"id":{0},"internal_job_id":{0},"title":"Datacenter Technician {0}","updated_at":"2025-01-02T09:00:00-05:00",)"
        R"("first_published":"2025-01-02T09:00:00-05:00","location":{{"name":"Memphis, TN"}},)"
        R"("absolute_url":"https://job-boards.greenhouse.io/xai/jobs/{0}","departments":[{{"id":1,"name":"Infrastructure"}}]}})",
        id);
  }
  return fmt::format(R"({{"jobs":[{}],"meta":{{"total":{}}}}})", jobs, ids.size());
}

struct Reading {
  double value = -1;
  std::string as_of;
};

class Board {
 public:
  Board() {
    config_ = dir_.write("watchdesk.toml", fmt::format(R"([watchdesk]
state = "{}"
user_agent = "watchdesk test test@example.com"
log_level = "warn"

[sources.xai-jobs]
kind = "jobs"
provider = "greenhouse"
board = "xai"
url = "{}"
every = "15m"
)",
                                                       (dir_.path() / "state.db").string(), server_.url("/board")));
  }

  void serve(HttpResponse response) { server_.on("/board", HttpServer::serve(std::move(response))); }

  watchdesk::testing::ProgramRun run(std::vector<std::string> args) const {
    args.insert(args.begin(), WATCHDESK_BINARY);
    args.insert(args.end(), {"-c", config_.string()});
    return watchdesk::testing::run_program(args, {dir_.path(), std::nullopt});
  }

  // The latest `xai-jobs.open_roles` as `status` shows it.
  Reading latest() const {
    const auto status = run({"status", "--format", "json"});
    BOOST_TEST_REQUIRE(status.status == 0, status.err);
    const json::value table = json::parse(status.out);
    for (const auto& row : table.as_array()) {
      if (row.at("row").as_string() != "xai-jobs.open_roles") continue;
      return {row.at("value").to_number<double>(), std::string(row.at("as_of").as_string())};
    }
    return {};
  }

 private:
  HttpServer server_;
  TempDir dir_;
  std::filesystem::path config_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(open_roles_follow_the_board_down_to_zero_and_a_removed_board_fails) {
  Board desk;
  struct Step {
    std::vector<long> ids;
    double expected;
  };
  const Step steps[] = {{{4012345001, 4012345002, 4012345003}, 3.0}, {{4012345001, 4012345003}, 2.0}, {{}, 0.0}};
  std::string previous_as_of;
  for (const auto& step : steps) {
    BOOST_TEST_CONTEXT(step.ids.size() << " postings") {
      desk.serve(HttpResponse::text(200, board(step.ids), "application/json"));
      const auto started = watchdesk::now_utc();
      const auto check = desk.run({"check"});
      BOOST_TEST_REQUIRE(check.status == 0, check.out << check.err);
      const auto reading = desk.latest();
      BOOST_TEST(reading.value == step.expected);
      // Stamped when fetched, not at the newest posting's time (which never changes here).
      const auto at = watchdesk::parse_rfc3339(reading.as_of);
      BOOST_TEST_REQUIRE(at.has_value());
      BOOST_TEST((*at >= started), reading.as_of);
      BOOST_TEST(reading.as_of >= previous_as_of);
      previous_as_of = reading.as_of;
    }
  }

  // The board removed: the source fails and the last reading stays 0 rather than a new 0 at a new time.
  desk.serve(HttpResponse::text(404, R"({"status":404,"error":"Job board not found"})", "application/json"));
  const auto check = desk.run({"check"});
  BOOST_TEST(check.status == 2);  // nothing fired, a source failed
  BOOST_TEST(check.out.find("404") != std::string::npos, check.out << check.err);
  const auto after = desk.latest();
  BOOST_TEST(after.value == 0.0);
  BOOST_TEST(after.as_of == previous_as_of);
}

BOOST_AUTO_TEST_SUITE_END()
