// The offline demo: `watchdesk replay -c config/demo.toml --from config/demo-archive` replays the
// bundled snapshots at their own time (2026-05-20): the seed's three alerts, and a desk whose
// figures are those of that evening (hiring counted in the 90 days before it, the listing deadline
// still ahead and watched).
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "support/child_process.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(integration_demo)

namespace {

const fs::path config_dir = fs::path(WATCHDESK_SOURCE_DIR) / "config";

watchdesk::testing::Finished replay_demo(const std::string& format) {
  return watchdesk::testing::run_to_completion({WATCHDESK_BINARY, "replay", "-c", (config_dir / "demo.toml").string(),
                                                "--from", (config_dir / "demo-archive").string(), "--format", format},
                                               60s);
}

// The desk table's line for `row` in the text output (empty when absent).
std::string desk_line(const std::string& out, const std::string& row) {
  const auto table = out.find("The desk at ");
  if (table == std::string::npos) return {};
  std::istringstream lines(out.substr(table));
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(row + " ", 0) == 0) return line;
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(demo_replays_the_three_seed_alerts_at_the_snapshots_time) {
  auto json = replay_demo("json");
  BOOST_TEST(json.exit_code == 1);
  std::set<std::string> triggers;
  std::istringstream lines(json.out);
  for (std::string line; std::getline(lines, line);) {
    auto v = boost::json::parse(line);
    triggers.insert(std::string(v.at("trigger").as_string()));
    BOOST_TEST(!v.at("evidence").as_array().empty());
    const std::string status(v.at("status").as_string());
    BOOST_TEST((status == "confirmed" || status == "reported"));
    // Raised on the evening of the snapshots, not today.
    BOOST_TEST(std::string(v.at("observed_at").as_string()).rfind("2026-05-20T", 0) == 0u, line);
  }
  BOOST_TEST((triggers == std::set<std::string>{"s1-public", "coreweave-move", "second-tenant"}));
}

BOOST_AUTO_TEST_CASE(demo_figures_are_coherent_at_the_snapshots_date) {
  auto text = replay_demo("text");
  BOOST_TEST(text.exit_code == 1);
  BOOST_TEST(text.out.find("The desk at 2026-05-20T23:00:00Z") != std::string::npos, text.out);
  // The jobs snapshot's openings were posted in the 90 days before it: counted, not "0".
  const std::string hiring = desk_line(text.out, "ai-infra-hiring");
  BOOST_TEST_REQUIRE(!hiring.empty(), text.out);
  BOOST_TEST(hiring.find("  0 ") == std::string::npos, hiring);
  BOOST_TEST(hiring.find("in the last 90d") != std::string::npos, hiring);
  // The listing deadline (2026-06-12) lies ahead of the snapshots: watched and open.
  const std::string tenant = desk_line(text.out, "second-tenant");
  BOOST_TEST_REQUIRE(!tenant.empty(), text.out);
  BOOST_TEST(tenant.find("deadline 2026-06-12: open") != std::string::npos, tenant);
  BOOST_TEST(tenant.find("not watched") == std::string::npos, tenant);
  // Nothing was missing from the archive, and nothing was fetched.
  BOOST_TEST(text.out.find("no archived body") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
