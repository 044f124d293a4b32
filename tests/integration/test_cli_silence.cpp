// `watchdesk silence add|list|expire` as a script sees it: ids, states, and the contract's exit codes.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "support/run_program.hpp"
#include "unit/config/support.hpp"

using watchdesk::config::testing::TempDir;

BOOST_AUTO_TEST_SUITE(integration_cli_silence)

namespace {

namespace json = boost::json;

const char* kConfig =
    "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"watchdesk-test test@example.com\"\n"
    "\n[sources.spacex-filings]\nkind = \"edgar-filings\"\ncik = \"1181412\"\nevery = \"10m\"\n"
    "\n[triggers.s1-public]\nkind = \"filing\"\nsource = \"spacex-filings\"\nforms = [\"S-1\"]\n"
    "channels = [\"console\"]\n\n[channels.console]\nkind = \"stdout\"\n";

struct CliFixture {
  TempDir dir;
  std::string config = dir.write("watchdesk.toml", kConfig).string();

  watchdesk::testing::ProgramRun run(std::vector<std::string> args) const {
    std::vector<std::string> argv{WATCHDESK_BINARY, "silence"};
    argv.insert(argv.end(), args.begin(), args.end());
    return watchdesk::testing::run_program(argv, {dir.path(), std::nullopt});
  }

  json::array list() const {
    const auto r = run({"list", "-c", config, "--format", "json"});
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    return json::parse(r.out).as_array();
  }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(add_prints_an_id_that_list_and_expire_know, CliFixture) {
  const auto added = run({"add", "-c", config, "--trigger", "s1-public", "--match", "S-1/A", "--for", "2h",
                          "--reason", "amendments are expected"});
  BOOST_TEST_REQUIRE(added.status == 0, added.err);
  const std::string id = added.out.substr(0, added.out.find('\n'));
  BOOST_TEST(id.size() == 12u);
  BOOST_TEST(id.find_first_not_of("0123456789abcdef") == std::string::npos);

  auto silences = list();
  BOOST_REQUIRE(silences.size() == 1u);
  const auto& s = silences[0].as_object();
  BOOST_TEST(std::string(s.at("id").as_string()) == id);
  BOOST_TEST(std::string(s.at("trigger").as_string()) == "s1-public");
  BOOST_TEST(std::string(s.at("match").as_string()) == "S-1/A");
  BOOST_TEST(std::string(s.at("reason").as_string()) == "amendments are expected");
  BOOST_TEST(std::string(s.at("state").as_string()) == "active");

  const auto text = run({"list", "-c", config});
  BOOST_TEST(text.status == 0);
  BOOST_TEST(text.out.find(id + "  active") != std::string::npos, text.out);

  const auto expired = run({"expire", "-c", config, id});
  BOOST_TEST(expired.status == 0, expired.err);
  BOOST_TEST(std::string(list()[0].as_object().at("state").as_string()) == "expired");
}

BOOST_FIXTURE_TEST_CASE(unknown_names_and_bad_options_are_usage_errors, CliFixture) {
  const auto typo = run({"add", "-c", config, "--trigger", "s1-publc", "--for", "1h", "--reason", "x"});
  BOOST_TEST(typo.status == 64);
  BOOST_TEST(typo.err.find("did you mean 's1-public'") != std::string::npos, typo.err);

  const auto source = run({"add", "-c", config, "--trigger", "health", "--match", "spacex-filing", "--for", "1h",
                           "--reason", "x"});
  BOOST_TEST(source.status == 64);
  BOOST_TEST(source.err.find("did you mean 'spacex-filings'") != std::string::npos, source.err);

  BOOST_TEST(run({"add", "-c", config, "--trigger", "s1-public", "--for", "soon", "--reason", "x"}).status == 64);
  BOOST_TEST(run({"add", "-c", config, "--trigger", "s1-public", "--for", "1h"}).status == 64);
  BOOST_TEST(run({"expire", "-c", config, "0123456789ab"}).status == 64);
  BOOST_TEST(run({"list", "-c", config, "extra"}).status == 64);
  BOOST_TEST(list().empty());
}

BOOST_FIXTURE_TEST_CASE(health_silence_of_every_source_needs_no_match, CliFixture) {
  const auto added = run({"add", "-c", config, "--trigger", "health", "--for", "30m", "--reason", "network work"});
  BOOST_TEST(added.status == 0, added.err);
  BOOST_TEST(list().size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
