// Runs the built `watchdesk` binary: `validate` on good and bad files, usage errors, --version, --help.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "support/run_program.hpp"
#include "unit/config/support.hpp"

using watchdesk::config::testing::TempDir;

BOOST_AUTO_TEST_SUITE(integration_cli_validate)

namespace {

// Runs the binary with `args`, stdout and stderr captured in files of `dir`; `env` replaces the
// environment when given.
watchdesk::testing::ProgramRun run(const TempDir& dir, const std::vector<std::string>& args,
                                   const std::vector<std::string>* env = nullptr) {
  std::vector<std::string> argv{WATCHDESK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  watchdesk::testing::ProgramSetup setup{dir.path(), std::nullopt};
  if (env) setup.environment = *env;
  return watchdesk::testing::run_program(argv, setup);
}

const std::filesystem::path design_example =
    std::filesystem::path(WATCHDESK_FIXTURES) / "config" / "design_example.toml";

}  // namespace

BOOST_AUTO_TEST_CASE(validate_prints_a_one_line_summary_for_a_good_file) {
  TempDir dir;
  dir.write("creds/smtp-password", "pw\n");
  // The child gets only this environment: the secrets the example refers to, nothing else.
  const std::vector<std::string> env{"WATCHDESK_SLACK_WEBHOOK=https://hooks.slack.com/services/T/B/C",
                                     "CREDENTIALS_DIRECTORY=" + (dir.path() / "creds").string()};
  auto r = run(dir, {"validate", "-c", design_example.string()}, &env);
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out == design_example.string() + ": ok: 5 sources, 1 metrics, 4 triggers, 4 channels, 2 figures; "
                                                "state " + (design_example.parent_path() / "state.db").string() + "\n");
  BOOST_TEST(r.err.empty());
  BOOST_TEST(r.out.find("hooks.slack.com") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(validate_accepts_the_shipped_config_with_an_empty_environment) {
  TempDir dir;
  const std::vector<std::string> env{};
  const auto shipped = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "config" / "watchdesk.toml";
  auto r = run(dir, {"validate", "-c", shipped.string()}, &env);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.rfind(shipped.string() + ": ok: ", 0) == 0u, r.out);
  BOOST_TEST(r.out.find("state /var/lib/watchdesk/state.db\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(validate_exits_78_with_file_line_column_on_stderr) {
  TempDir dir;
  auto file = dir.write("bad.toml",
                        "[watchdesk]\nstate = \"s.db\"\n\n[sources.x]\nkind = \"feed\"\n"
                        "url = \"https://example.com/feed\"\nevry = \"10m\"\n");
  auto r = run(dir, {"validate", "-c", file.string()});
  BOOST_TEST(r.status == 78);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err == file.string() + ":7:1: unknown key 'evry' in [sources.x]; did you mean 'every'?\n");
}

BOOST_AUTO_TEST_CASE(validate_exits_78_for_a_missing_secret_without_printing_it) {
  TempDir dir;
  auto file = dir.write("w.toml",
                        "[watchdesk]\nstate = \"s.db\"\n[channels.desk]\nkind = \"slack\"\n"
                        "webhook = \"env:WATCHDESK_SLACK_WEBHOOK\"\n");
  const std::vector<std::string> env{};
  auto r = run(dir, {"validate", "-c", file.string()}, &env);
  BOOST_TEST(r.status == 78);
  BOOST_TEST(r.err == file.string() +
                          ":5:11: channel desk: webhook: environment variable WATCHDESK_SLACK_WEBHOOK is not set\n");
}

BOOST_AUTO_TEST_CASE(validate_exits_78_for_an_unreadable_file) {
  TempDir dir;
  auto missing = (dir.path() / "none.toml").string();
  auto r = run(dir, {"validate", "-c", missing});
  BOOST_TEST(r.status == 78);
  BOOST_TEST(r.err == missing + ": cannot read the configuration file: No such file or directory\n");
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_64) {
  TempDir dir;
  const std::vector<std::vector<std::string>> cases{
      {"frobnicate", "-c", design_example.string()},
      {"validate"},
      {},
      {"validate", "-c"},
      {"validate", "-c", design_example.string(), "--no-such-option"},
  };
  for (const auto& args : cases) {
    BOOST_TEST_CONTEXT(args.size() << " arguments") {
      auto r = run(dir, args);
      BOOST_TEST(r.status == 64);
      BOOST_TEST(r.out.empty());
      BOOST_TEST(!r.err.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(version_and_help_exit_0) {
  TempDir dir;
  auto version = run(dir, {"--version"});
  BOOST_TEST(version.status == 0);
  BOOST_TEST(version.out.rfind("watchdesk ", 0) == 0u, version.out);
  auto help = run(dir, {"--help"});
  BOOST_TEST(help.status == 0);
  BOOST_TEST(help.out.find("validate") != std::string::npos);
  BOOST_TEST(help.out.find("78 configuration error") != std::string::npos);
  auto sub_help = run(dir, {"validate", "--help"});
  BOOST_TEST(sub_help.status == 0);
  BOOST_TEST(sub_help.out.find("--config") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
