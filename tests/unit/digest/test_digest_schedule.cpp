// Tests for the digest schedule under a virtual clock: first sight, on time, DST-shifted Mondays, and
// a missed send made once at the next start.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "daemon/digest/digest_schedule.hpp"
#include "unit/digest/digest_test_support.hpp"

BOOST_AUTO_TEST_SUITE(digest_schedule)

namespace {

using namespace watchdesk;
using namespace watchdesk::digest;
using namespace watchdesk::digest::testing;

TimePoint utc(const char* text) { return *parse_rfc3339(text); }

// Runs the schedule at virtual time `now` and returns what it did to the only digest.
DigestOutcome run_at(DigestDesk& desk, const char* now) {
  DigestSchedule schedule(desk.config, *desk.store);
  auto outcomes = must(schedule.run_due(utc(now)));
  BOOST_TEST_REQUIRE(outcomes.size() == 1u);
  return outcomes[0];
}

// The digest records in the outbox, oldest first.
std::vector<store::AlertHistory> digests_in_outbox(DigestDesk& desk) {
  std::vector<store::AlertHistory> out;
  auto all = must(desk.store->alerts_since(TimePoint{}));
  for (auto it = all.rbegin(); it != all.rend(); ++it)
    if (it->alert.trigger == "digest") out.push_back(*it);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(first_sight_sends_nothing_then_sends_on_the_hour) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York"));
  auto first = run_at(desk, "2026-12-03T12:00:00Z");  // a Thursday
  BOOST_TEST((first.step == DigestStep::started));
  BOOST_TEST(format_rfc3339(first.scheduled_for) == "2026-11-30T13:00:00Z");
  BOOST_TEST(digests_in_outbox(desk).empty());

  BOOST_TEST((run_at(desk, "2026-12-07T12:59:59Z").step == DigestStep::not_due));
  auto due = run_at(desk, "2026-12-07T13:00:00Z");  // Monday 08:00 EST
  BOOST_TEST((due.step == DigestStep::queued));
  BOOST_TEST(due.outbox_id == "digest/weekly/2026-12-07T13:00:00Z");
  BOOST_TEST((run_at(desk, "2026-12-07T13:01:00Z").step == DigestStep::not_due));

  const auto queued = digests_in_outbox(desk);
  BOOST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].alert.id == "digest/weekly/2026-12-07T13:00:00Z");
  BOOST_REQUIRE(queued[0].deliveries.size() == 1u);
  BOOST_TEST(queued[0].deliveries[0].channel == "console");
  BOOST_TEST(to_string(queued[0].deliveries[0].status) == "pending");
  const auto doc = boost::json::parse(queued[0].alert.json).as_object();
  BOOST_TEST(doc.at("kind").as_string() == "digest");
  BOOST_TEST(doc.at("local_time").as_string() == "2026-12-07 08:00 EST");
}

BOOST_AUTO_TEST_CASE(a_monday_after_the_clocks_change_comes_an_hour_earlier_in_utc) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York"));
  BOOST_TEST((run_at(desk, "2026-03-05T12:00:00Z").step == DigestStep::started));
  // US daylight time began on Sunday 2026-03-08: 08:00 EDT is 12:00 UTC, no longer 13:00.
  BOOST_TEST((run_at(desk, "2026-03-09T11:59:59Z").step == DigestStep::not_due));
  auto due = run_at(desk, "2026-03-09T12:00:00Z");
  BOOST_TEST((due.step == DigestStep::queued));
  BOOST_TEST(format_rfc3339(due.scheduled_for) == "2026-03-09T12:00:00Z");
  BOOST_TEST((run_at(desk, "2026-03-09T13:00:00Z").step == DigestStep::not_due));
}

BOOST_AUTO_TEST_CASE(southern_zone_leaving_daylight_time_comes_an_hour_later_in_utc) {
  DigestDesk desk(desk_config("Mon 08:00", "Australia/Sydney"));
  BOOST_TEST((run_at(desk, "2026-04-01T00:00:00Z").step == DigestStep::started));
  BOOST_TEST((run_at(desk, "2026-04-05T21:00:00Z").step == DigestStep::not_due));
  auto due = run_at(desk, "2026-04-05T22:00:00Z");  // Monday 08:00 AEST
  BOOST_TEST((due.step == DigestStep::queued));
}

BOOST_AUTO_TEST_CASE(missed_sends_go_out_once_at_the_next_start) {
  DigestDesk desk(desk_config("Mon 08:00", "Europe/London"));
  BOOST_TEST((run_at(desk, "2026-12-03T12:00:00Z").step == DigestStep::started));
  // No daemon ran on 2026-12-07 nor on 2026-12-14; it starts again on Wednesday 2026-12-16.
  auto late = run_at(desk, "2026-12-16T09:30:00Z");
  BOOST_TEST((late.step == DigestStep::queued));
  BOOST_TEST(format_rfc3339(late.scheduled_for) == "2026-12-14T08:00:00Z");
  // A second start (or the next minute's tick) sends nothing more.
  BOOST_TEST((run_at(desk, "2026-12-16T09:31:00Z").step == DigestStep::not_due));
  BOOST_TEST((run_at(desk, "2026-12-20T23:00:00Z").step == DigestStep::not_due));
  const auto queued = digests_in_outbox(desk);
  BOOST_REQUIRE(queued.size() == 1u);
  BOOST_TEST(queued[0].alert.id == "digest/weekly/2026-12-14T08:00:00Z");
  // The next Monday is on schedule again.
  BOOST_TEST((run_at(desk, "2026-12-21T08:00:00Z").step == DigestStep::queued));
  BOOST_TEST(digests_in_outbox(desk).size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
