// `watchdesk replay` end to end: `check` runs with `archive` against a loopback server whose answers
// change between polls, then the archive is replayed and raises exactly the alerts the live runs
// raised, at the same times; a changed threshold is backtested; the exit codes of the contract.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/time.hpp"
#include "support/child_process.hpp"
#include "support/http_server.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_replay)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace json = boost::json;
using config::testing::TempDir;
using testing::HttpResponse;
using testing::HttpServer;

// An alert as both commands print it: id, trigger and the time it was raised.
using Raised = std::tuple<std::string, std::string, std::string>;

std::string fixture(const std::string& path) {
  std::ifstream in(fs::path(WATCHDESK_FIXTURES) / path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Raised raised_of(const json::value& alert) {
  return {std::string(alert.at("id").as_string()), std::string(alert.at("trigger").as_string()),
          std::string(alert.at("observed_at").as_string())};
}

// A desk watching a filings feed and a job board on the loopback server, archiving what it fetches.
class Desk {
 public:
  Desk() { write_config(10); }

  /// Writes the config with the hiring trigger's threshold `above`.
  void write_config(int above, const std::string& name = "watchdesk.toml") {
    config_ = dir_.write(name, fmt::format(R"([watchdesk]
state = "state.db"
user_agent = "watchdesk tests tests@example.com"
log_level = "warn"
archive = "archive"

[sources.filings]
kind = "edgar-filings"
cik = "1181412"
url = "{base}/filings.atom"
every = "10m"

[sources.jobs]
kind = "jobs"
provider = "greenhouse"
board = "xai"
url = "{base}/jobs.json"
every = "10m"

[sources.quiet]
kind = "feed"
url = "{base}/never-fetched.rss"
every = "10m"

[triggers.s1]
kind = "filing"
source = "filings"
forms = ["S-1", "S-1/A", "424B4"]
channels = ["console"]

[triggers.hiring]
kind = "count"
source = "jobs"
window = "36500d"
max_age = "36500d"
above = {above}
channels = ["console"]

[channels.console]
kind = "stdout"
)",
                                                   fmt::arg("base", server_.base_url()), fmt::arg("above", above)));
  }

  /// Serves these fixture files from now on.
  void serve(const std::string& filings, const std::string& jobs) {
    server_.on("/filings.atom", HttpServer::serve(HttpResponse::text(200, fixture(filings), "application/atom+xml")));
    server_.on("/jobs.json", HttpServer::serve(HttpResponse::text(200, fixture(jobs), "application/json")));
  }

  /// One `check --trigger s1 --trigger hiring` (the quiet source is never polled); the alerts it raised.
  std::set<Raised> check() {
    // Archive file names have a resolution of one second: each poll starts in a second of its own.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (now_utc() <= last_check_ && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(5ms);
    auto finished = testing::run_to_completion(
        {WATCHDESK_BINARY, "check", "-c", config_.string(), "--format", "json", "--trigger", "s1", "--trigger",
         "hiring"},
        60s);
    last_check_ = now_utc();
    BOOST_TEST_REQUIRE(finished.exit_code <= 1, "check exited " << finished.exit_code << ": " << finished.out);
    std::set<Raised> out;
    std::istringstream lines(finished.out);
    for (std::string line; std::getline(lines, line);) {
      auto value = json::parse(line);
      if (!value.as_object().contains("dry_run")) continue;
      for (const auto& alert : value.at("alerts").as_array()) out.insert(raised_of(alert));
    }
    return out;
  }

  /// `watchdesk replay ARGS...` over the archive.
  testing::Finished replay(std::vector<std::string> args, const std::string& config = {}) {
    std::vector<std::string> argv{WATCHDESK_BINARY, "replay", "-c", config.empty() ? config_.string() : config,
                                  "--from", archive().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_to_completion(argv, 60s);
  }

  /// The alerts of `replay --format json ARGS...` and its exit status.
  std::pair<std::set<Raised>, int> replayed(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--format", "json"});
    auto finished = replay(std::move(args));
    std::set<Raised> out;
    std::istringstream lines(finished.out);
    for (std::string line; std::getline(lines, line);) out.insert(raised_of(json::parse(line)));
    return {out, finished.exit_code};
  }

  fs::path archive() const { return dir_.path() / "archive"; }
  const fs::path& config() const { return config_; }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  HttpServer server_;
  fs::path config_;
  TimePoint last_check_{};
};

std::size_t files_in(const fs::path& folder) {
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(folder)) n += entry.is_regular_file() ? 1 : 0;
  return n;
}

std::set<std::string> times_of(const std::set<Raised>& alerts) {
  std::set<std::string> out;
  for (const auto& a : alerts) out.insert(std::get<2>(a));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(replay_raises_what_the_live_runs_raised_at_the_same_times) {
  Desk desk;
  std::set<Raised> live;
  desk.serve("edgar/filings_one.atom", "jobs/greenhouse_board.json");
  live.merge(desk.check());
  // Unchanged answers: nothing new to archive.
  live.merge(desk.check());
  desk.serve("edgar/filings_spacex.atom", "jobs/greenhouse_300.json");
  live.merge(desk.check());

  BOOST_TEST(files_in(desk.archive() / "filings") == 2u);
  BOOST_TEST(files_in(desk.archive() / "jobs") == 2u);
  BOOST_TEST(!fs::exists(desk.archive() / "quiet"));
  // Alerts at two different times: the S-1 first, the amendments and the hiring count later.
  BOOST_TEST_REQUIRE(live.size() >= 3u);
  BOOST_TEST(times_of(live).size() == 2u);

  auto [replayed, exit_code] = desk.replayed();
  BOOST_TEST(exit_code == 1);
  BOOST_TEST(replayed == live);
}

BOOST_AUTO_TEST_CASE(replay_backtests_a_changed_threshold_and_reports_unarchived_sources) {
  Desk desk;
  desk.serve("edgar/filings_one.atom", "jobs/greenhouse_board.json");
  desk.check();
  desk.serve("edgar/filings_one.atom", "jobs/greenhouse_300.json");
  const auto live = desk.check();
  std::set<std::string> live_triggers;
  for (const auto& a : live) live_triggers.insert(std::get<1>(a));
  BOOST_TEST_REQUIRE(live_triggers.count("hiring") == 1u);

  // The same archive with a threshold the board never crossed: the hiring alert goes, nothing else.
  desk.write_config(100000, "backtest.toml");
  auto text = desk.replay({}, desk.config().parent_path().string() + "/backtest.toml");
  BOOST_TEST(text.exit_code == 1);
  BOOST_TEST(text.out.find("hiring/above") == std::string::npos);
  BOOST_TEST(text.out.find("s1/") != std::string::npos);
  BOOST_TEST(text.out.find("source quiet: no archived body; not fetched") != std::string::npos);
  BOOST_TEST(text.out.find("The desk at ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(since_and_until_select_bodies_by_their_time) {
  Desk desk;
  desk.serve("edgar/filings_one.atom", "jobs/greenhouse_board.json");
  const auto first = desk.check();
  desk.serve("edgar/filings_spacex.atom", "jobs/greenhouse_board.json");
  const auto second = desk.check();
  BOOST_TEST_REQUIRE(times_of(first).size() == 1u);
  BOOST_TEST_REQUIRE(times_of(second).size() == 1u);
  const std::string first_time = *times_of(first).begin();
  const std::string second_time = *times_of(second).begin();

  auto [until_first, until_exit] = desk.replayed({"--until", first_time});
  BOOST_TEST(until_exit == 1);
  BOOST_TEST(until_first == first);

  // From the second body on, the feed's S-1 is new to the throw-away state as well.
  auto [from_second, since_exit] = desk.replayed({"--since", second_time});
  BOOST_TEST(since_exit == 1);
  BOOST_TEST(times_of(from_second) == std::set<std::string>{second_time});

  // A range with no body raises nothing and exits 0.
  auto [none, none_exit] = desk.replayed({"--until", "2001-01-01"});
  BOOST_TEST(none_exit == 0);
  BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_CASE(exit_codes_follow_the_contract) {
  Desk desk;
  fs::create_directories(desk.archive());
  BOOST_TEST(desk.replay({"--since", "yesterday"}).exit_code == 64);
  BOOST_TEST(desk.replay({"--format", "markdown"}).exit_code == 64);
  BOOST_TEST(desk.replay({"--since", "2026-06-02", "--until", "2026-06-01"}).exit_code == 64);
  auto missing = testing::run_to_completion(
      {WATCHDESK_BINARY, "replay", "-c", desk.config().string(), "--from", (desk.dir().path() / "nowhere").string()},
      60s);
  BOOST_TEST(missing.exit_code == 64);
  const auto broken = desk.dir().write("broken.toml", "[watchdesk]\nstate = \"s.db\"\nnot_a_key = 1\n");
  BOOST_TEST(desk.replay({}, broken.string()).exit_code == 78);
  // An empty archive: nothing to raise, every source reported.
  auto empty = desk.replay({});
  BOOST_TEST(empty.exit_code == 0);
  BOOST_TEST(empty.out.find("source filings: no archived body; not fetched") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
