// Tests for weekly schedules in IANA zones: parsing, and occurrences across daylight-saving changes
// in both hemispheres (expected instants worked out from each zone's published rules).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/weekly_schedule.hpp"

BOOST_AUTO_TEST_SUITE(core_weekly_schedule)

namespace {

using namespace watchdesk;

TimePoint utc(const char* text) { return *parse_rfc3339(text); }

WeeklySchedule schedule(const char* text, const char* zone) {
  auto parsed = parse_weekly_schedule(text, zone);
  BOOST_TEST_REQUIRE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
  return *parsed;
}

struct OccurrenceCase {
  const char* schedule;
  const char* zone;
  const char* now;
  const char* latest;
  const char* next;
};

}  // namespace

BOOST_AUTO_TEST_CASE(parses_weekday_and_24_hour_time) {
  BOOST_TEST((schedule("Mon 08:00", "UTC") ==
              WeeklySchedule{std::chrono::Monday, std::chrono::hours{8}, "UTC"}));
  BOOST_TEST((schedule("friday 17:45", "Europe/London").day == std::chrono::Friday));
  BOOST_TEST(schedule("SUN 23:59", "UTC").time_of_day.count() == 23 * 60 + 59);
  BOOST_TEST(to_string(schedule("wednesday 07:05", "UTC")) == "Wed 07:05");
  for (const char* bad : {"Mon 8:00", "Mon 24:00", "Mon 08:60", "Funday 08:00", "Mon", "08:00 Mon", ""}) {
    auto parsed = parse_weekly_schedule(bad, "UTC");
    BOOST_TEST(!parsed.ok(), bad);
    if (!parsed.ok()) BOOST_TEST(parsed.error().message.find("\"Mon 08:00\"") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(refuses_zones_missing_from_the_tz_database) {
  BOOST_TEST(is_known_zone("America/New_York"));
  BOOST_TEST(!is_known_zone("Mars/Olympus_Mons"));
  auto parsed = parse_weekly_schedule("Mon 08:00", "Mars/Olympus_Mons");
  BOOST_TEST_REQUIRE(!parsed.ok());
  BOOST_TEST(parsed.error().message.find("unknown time zone \"Mars/Olympus_Mons\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(occurrences_follow_each_zones_daylight_saving_rules) {
  const std::vector<OccurrenceCase> cases{
      // New York, winter (EST, -5) and summer (EDT, -4).
      {"Mon 08:00", "America/New_York", "2026-12-03T12:00:00Z", "2026-11-30T13:00:00Z", "2026-12-07T13:00:00Z"},
      {"Mon 08:00", "America/New_York", "2026-07-09T12:00:00Z", "2026-07-06T12:00:00Z", "2026-07-13T12:00:00Z"},
      // The Monday after US daylight time began (Sunday 2026-03-08): one hour earlier in UTC.
      {"Mon 08:00", "America/New_York", "2026-03-05T12:00:00Z", "2026-03-02T13:00:00Z", "2026-03-09T12:00:00Z"},
      // An occurrence is its own latest, and the next one is a week on.
      {"Mon 08:00", "America/New_York", "2026-11-30T13:00:00Z", "2026-11-30T13:00:00Z", "2026-12-07T13:00:00Z"},
      // 02:30 does not exist on 2026-03-08 in New York: it happens at the change (02:00 EST).
      {"Sun 02:30", "America/New_York", "2026-03-07T00:00:00Z", "2026-03-01T07:30:00Z", "2026-03-08T07:00:00Z"},
      // 01:30 happens twice on 2026-11-01 in New York: the first one (EDT) counts.
      {"Sun 01:30", "America/New_York", "2026-10-31T00:00:00Z", "2026-10-25T05:30:00Z", "2026-11-01T05:30:00Z"},
      // London changes on the last Sunday of March (2026-03-29): GMT, then BST.
      {"Mon 08:00", "Europe/London", "2026-03-25T00:00:00Z", "2026-03-23T08:00:00Z", "2026-03-30T07:00:00Z"},
      // Sydney leaves daylight time on the first Sunday of April (2026-04-05): AEDT +11, then AEST +10.
      {"Mon 08:00", "Australia/Sydney", "2026-04-01T00:00:00Z", "2026-03-29T21:00:00Z", "2026-04-05T22:00:00Z"},
      // Kolkata has no daylight time and a half-hour offset; the local weekday is already Monday.
      {"Mon 08:00", "Asia/Kolkata", "2026-12-06T22:00:00Z", "2026-11-30T02:30:00Z", "2026-12-07T02:30:00Z"},
      {"Mon 08:00", "UTC", "2026-12-07T07:59:59Z", "2026-11-30T08:00:00Z", "2026-12-07T08:00:00Z"},
  };
  for (const auto& c : cases) {
    const auto s = schedule(c.schedule, c.zone);
    BOOST_TEST(format_rfc3339(latest_occurrence(s, utc(c.now))) == c.latest, c.schedule << " " << c.zone << " at " << c.now);
    BOOST_TEST(format_rfc3339(next_occurrence(s, utc(c.now))) == c.next, c.schedule << " " << c.zone << " at " << c.now);
  }
}

BOOST_AUTO_TEST_CASE(formats_local_time_with_the_zone_abbreviation) {
  BOOST_TEST(format_local(utc("2026-12-07T13:00:00Z"), "America/New_York") == "2026-12-07 08:00 EST");
  BOOST_TEST(format_local(utc("2026-07-06T12:00:00Z"), "America/New_York") == "2026-07-06 08:00 EDT");
}

BOOST_AUTO_TEST_SUITE_END()
