// The offline demo: `watchdesk check -c config/demo.toml` over the bundled snapshots prints the
// seed's three alerts as JSON lines, exits 1, and a second run raises nothing and exits 0.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/child_process.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(integration_demo)

namespace {

struct Run {
  int exit_code = -1;
  std::vector<std::string> lines;
};

Run check(const fs::path& config) {
  watchdesk::testing::ChildProcess child({WATCHDESK_BINARY, "check", "-c", config.string()});
  Run run;
  while (auto line = child.read_line(30s)) run.lines.push_back(*line);
  auto status = child.wait(30s);
  BOOST_TEST_REQUIRE(status.has_value());
  run.exit_code = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
  return run;
}

std::set<std::string> alert_triggers(const Run& run) {
  std::set<std::string> out;
  for (const auto& line : run.lines) {
    if (line.empty() || line.front() != '{') continue;
    auto v = boost::json::parse(line);
    out.insert(std::string(v.at("trigger").as_string()));
    BOOST_TEST(!v.at("evidence").as_array().empty());
    auto status = std::string(v.at("status").as_string());
    BOOST_TEST((status == "confirmed" || status == "reported"));
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(demo_prints_the_three_seed_alerts_offline) {
  std::string t = (fs::temp_directory_path() / "watchdesk-demo-XXXXXX").string();
  fs::path dir = ::mkdtemp(t.data());
  const fs::path source_dir = fs::path(WATCHDESK_SOURCE_DIR) / "config";
  std::ifstream in(source_dir / "demo.toml");
  std::stringstream text;
  text << in.rdbuf();
  // The same demo, with its state in the temp dir and the snapshots where they are shipped.
  std::string config = text.str();
  auto state_at = config.find("state = \"");
  BOOST_TEST_REQUIRE(state_at != std::string::npos, "demo.toml has no state key");
  auto state_end = config.find('"', state_at + 9);
  config.replace(state_at, state_end + 1 - state_at, "state = \"" + (dir / "state.db").string() + "\"");
  const std::string shipped = "file:snapshots/";
  const std::string here = "file:" + (source_dir / "snapshots").string() + "/";
  for (auto at = config.find(shipped); at != std::string::npos; at = config.find(shipped, at + here.size()))
    config.replace(at, shipped.size(), here);
  std::ofstream(dir / "demo.toml") << config;

  auto first = check(dir / "demo.toml");
  BOOST_TEST(first.exit_code == 1);
  auto triggers = alert_triggers(first);
  BOOST_TEST((triggers == std::set<std::string>{"s1-public", "coreweave-move", "second-tenant"}));

  auto second = check(dir / "demo.toml");
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(alert_triggers(second).empty());
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
