// Weekly schedules in IANA time zones (`Mon 08:00` in `America/New_York`), through the system tz
// database: when the last occurrence was and when the next one is, across daylight-saving changes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace watchdesk {

/// A weekday and a local time of day in a named zone.
struct WeeklySchedule {
  std::chrono::weekday day;
  std::chrono::minutes time_of_day{0};
  /// An IANA zone name of the system tz database (`UTC`, `Europe/London`).
  std::string zone;

  bool operator==(const WeeklySchedule&) const = default;
};

/// Parses `Mon 08:00` (an English weekday, three letters or whole, any case; a 24-hour `HH:MM`) in
/// `zone`, which must be in the system tz database. The error says what was expected.
Result<WeeklySchedule> parse_weekly_schedule(std::string_view text, std::string_view zone);

/// True when `zone` names a zone of the system tz database.
bool is_known_zone(std::string_view zone);

/// The latest occurrence of `schedule` at or before `t`. A local time skipped by a daylight-saving
/// change happens at the change; a repeated one at its first instant.
TimePoint latest_occurrence(const WeeklySchedule& schedule, TimePoint t);

/// The first occurrence of `schedule` after `t`.
TimePoint next_occurrence(const WeeklySchedule& schedule, TimePoint t);

/// `t` as local time in `zone`: `2026-12-07 08:00 EST`.
std::string format_local(TimePoint t, std::string_view zone);

/// The schedule as written: `Mon 08:00`.
std::string to_string(const WeeklySchedule& schedule);

}  // namespace watchdesk
