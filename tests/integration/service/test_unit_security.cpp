// The shipped systemd unit's hardening, as systemd-analyze rates it (when systemd-analyze exists).
#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "support/child_process.hpp"

BOOST_AUTO_TEST_SUITE(integration_unit_security)

BOOST_AUTO_TEST_CASE(unit_exposure_is_at_most_1_5) {
  const std::filesystem::path analyze = "/usr/bin/systemd-analyze";
  // The test dependencies (scripts/install-deps test) install systemd; without it there is
  // nothing to measure with, and that is a failure of the environment, not a pass.
  BOOST_TEST_REQUIRE(std::filesystem::exists(analyze), "systemd-analyze is missing: run scripts/install-deps test");
  watchdesk::testing::ChildProcess child(
      {analyze.string(), "security", "--offline=true", "--no-pager", WATCHDESK_UNIT_FILE});
  std::string all;
  while (auto line = child.read_line(std::chrono::seconds(60))) all += *line + "\n";
  child.stop();
  const std::string label = "Overall exposure level for ";
  auto at = all.find(label);
  BOOST_TEST_REQUIRE(at != std::string::npos, "no exposure level in:\n" << all);
  auto colon = all.find(": ", at + label.size());
  BOOST_TEST_REQUIRE(colon != std::string::npos, "no exposure level in:\n" << all);
  double exposure = std::stod(all.substr(colon + 2));
  BOOST_TEST(exposure <= 1.5, "exposure " << exposure << " > 1.5:\n" << all);
}

BOOST_AUTO_TEST_CASE(unit_is_notify_type_with_watchdog_and_reload) {
  FILE* f = std::fopen(WATCHDESK_UNIT_FILE, "r");
  BOOST_TEST_REQUIRE(f != nullptr);
  std::string text;
  std::array<char, 4096> buf{};
  while (auto n = std::fread(buf.data(), 1, buf.size(), f)) text.append(buf.data(), n);
  std::fclose(f);
  for (const char* line : {"Type=notify\n", "ExecReload=/bin/kill -HUP $MAINPID\n", "Restart=on-failure\n",
                           "DynamicUser=yes\n", "StateDirectory=watchdesk\n", "ConfigurationDirectory=watchdesk\n"})
    BOOST_TEST(text.find(line) != std::string::npos, "missing " << line);
  BOOST_TEST(text.find("WatchdogSec=") != std::string::npos);
  BOOST_TEST(text.find("@CMAKE") == std::string::npos, "unit not configured");
}

BOOST_AUTO_TEST_SUITE_END()
