// Tests for `[digests.ID]`: schedule, timezone, channels and triggers, with errors at the right place.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "config/loader.hpp"

BOOST_AUTO_TEST_SUITE(config_loader_digests)

namespace {

using namespace watchdesk;
using namespace watchdesk::config;

const std::string kBase =
    "[watchdesk]\nstate = \"s.db\"\nuser_agent = \"Acme ops@acme.example\"\n"
    "[sources.news]\nkind = \"feed\"\nurl = \"https://news.example.com/rss\"\nevery = \"15m\"\n"
    "[triggers.tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\nchannels = [\"desk\"]\n"
    "[channels.desk]\nkind = \"stdout\"\n";  // 14 lines: a digest starts on line 15

Result<Config> load(const std::string& digest) { return load_config_text(kBase + digest, "test.toml"); }

struct BadDigest {
  const char* name;
  const char* text;
  int line;
  int column;
  const char* fragment;
};

}  // namespace

BOOST_AUTO_TEST_CASE(reads_a_digest_with_its_zone_and_triggers) {
  auto r = load("[digests.weekly]\nschedule = \"Mon 08:00\"\ntimezone = \"America/New_York\"\n"
                "channels = [\"desk\"]\ntriggers = [\"tenant\"]\n");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  BOOST_REQUIRE(r->digests.size() == 1u);
  const auto& d = r->digests[0];
  BOOST_TEST(d.id == "weekly");
  BOOST_TEST((d.schedule == WeeklySchedule{std::chrono::Monday, std::chrono::hours{8}, "America/New_York"}));
  BOOST_TEST(d.channels == std::vector<std::string>{"desk"});
  BOOST_TEST(d.triggers == std::vector<std::string>{"tenant"});
  BOOST_TEST(r->find_digest("weekly") == &d);
}

BOOST_AUTO_TEST_CASE(defaults_to_utc_and_every_trigger) {
  auto r = load("[digests.weekly]\nschedule = \"Fri 17:00\"\nchannels = [\"desk\"]\n");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  BOOST_TEST(r->digests[0].schedule.zone == "UTC");
  BOOST_TEST(r->digests[0].triggers.empty());
}

BOOST_AUTO_TEST_CASE(rejects_each_bad_digest_at_the_offending_place) {
  const std::vector<BadDigest> cases{
      {"bad_schedule", "[digests.w]\nschedule = \"Monday 8am\"\nchannels = [\"desk\"]\n", 16, 12,
       "[digests.w] 'schedule': expected a weekday and a 24-hour time"},
      {"unknown_zone", "[digests.w]\nschedule = \"Mon 08:00\"\ntimezone = \"US/Eastrn\"\nchannels = [\"desk\"]\n", 17, 12,
       "unknown time zone \"US/Eastrn\""},
      {"missing_schedule", "[digests.w]\nchannels = [\"desk\"]\n", 15, 1, "schedule"},
      {"missing_channels", "[digests.w]\nschedule = \"Mon 08:00\"\n", 15, 1, "missing required key 'channels'"},
      {"unknown_channel", "[digests.w]\nschedule = \"Mon 08:00\"\nchannels = [\"dsk\"]\n", 17, 13,
       "did you mean 'desk'?"},
      {"unknown_trigger", "[digests.w]\nschedule = \"Mon 08:00\"\nchannels = [\"desk\"]\ntriggers = [\"tenat\"]\n", 18, 13,
       "did you mean 'tenant'?"},
      {"unknown_key", "[digests.w]\nschedule = \"Mon 08:00\"\nchannels = [\"desk\"]\nzone = \"UTC\"\n", 18, 1, "zone"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto r = load(c.text);
      BOOST_TEST_REQUIRE(!r.ok());
      BOOST_TEST(r.error().position.line == c.line);
      BOOST_TEST(r.error().position.column == c.column);
      BOOST_TEST(r.error().message.find(c.fragment) != std::string::npos, r.error().message);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
