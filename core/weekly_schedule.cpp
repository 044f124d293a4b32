// Weekly schedules over the system tz database (Howard Hinnant's date/tz, USE_OS_TZDB).
#include "core/weekly_schedule.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <charconv>
#include <stdexcept>

#include "core/text/strings.hpp"

namespace watchdesk {
namespace {

constexpr std::array<std::string_view, 7> kShort{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> kLong{"sunday",   "monday", "tuesday", "wednesday",
                                                "thursday", "friday", "saturday"};

const date::time_zone* find_zone(std::string_view zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

std::optional<unsigned> parse_weekday(std::string_view word) {
  const std::string lower = text::to_lower_ascii(word);
  for (unsigned i = 0; i < 7; ++i)
    if (lower == kShort[i] || lower == kLong[i]) return i;
  return std::nullopt;
}

std::optional<int> parse_number(std::string_view digits) {
  int value = 0;
  if (digits.size() != 2) return std::nullopt;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The instant local time `local` names in `zone`: the change itself for a skipped time, the first
// instant for a repeated one.
TimePoint to_instant(const date::time_zone* zone, date::local_seconds local) {
  return date::floor<Seconds>(zone->to_sys(local, date::choose::earliest));
}

}  // namespace

bool is_known_zone(std::string_view zone) { return find_zone(zone) != nullptr; }

Result<WeeklySchedule> parse_weekly_schedule(std::string_view text, std::string_view zone) {
  const auto bad = [&] {
    return make_error(fmt::format("expected a weekday and a 24-hour time such as \"Mon 08:00\", got \"{}\"", text));
  };
  const auto trimmed = text::trim(text);
  const auto space = trimmed.find(' ');
  if (space == std::string_view::npos) return bad();
  const auto day = parse_weekday(trimmed.substr(0, space));
  const auto clock = text::trim(trimmed.substr(space + 1));
  if (!day || clock.size() != 5 || clock[2] != ':') return bad();
  const auto hours = parse_number(clock.substr(0, 2));
  const auto minutes = parse_number(clock.substr(3, 2));
  if (!hours || !minutes || *hours > 23 || *minutes > 59) return bad();
  if (!is_known_zone(zone)) {
    return make_error(fmt::format(
        "unknown time zone \"{}\": expected an IANA name from the tz database such as \"UTC\" or "
        "\"America/New_York\"",
        zone));
  }
  return WeeklySchedule{std::chrono::weekday{*day}, std::chrono::hours{*hours} + std::chrono::minutes{*minutes},
                        std::string(zone)};
}

TimePoint latest_occurrence(const WeeklySchedule& schedule, TimePoint t) {
  const auto* zone = date::locate_zone(schedule.zone);
  const auto local_now = zone->to_local(t);
  const auto today = date::floor<date::days>(local_now);
  // Eight days back always holds one occurrence at or before `t`, whatever the offset change.
  for (int back = 0; back <= 8; ++back) {
    const auto day = today - date::days{back};
    if (std::chrono::weekday{std::chrono::sys_days{day.time_since_epoch()}} != schedule.day) continue;
    const auto at = to_instant(zone, day + schedule.time_of_day);
    if (at <= t) return at;
  }
  return to_instant(zone, today - date::days{7} + schedule.time_of_day);
}

TimePoint next_occurrence(const WeeklySchedule& schedule, TimePoint t) {
  const auto* zone = date::locate_zone(schedule.zone);
  const auto today = date::floor<date::days>(zone->to_local(t));
  for (int ahead = 0; ahead <= 8; ++ahead) {
    const auto day = today + date::days{ahead};
    if (std::chrono::weekday{std::chrono::sys_days{day.time_since_epoch()}} != schedule.day) continue;
    const auto at = to_instant(zone, day + schedule.time_of_day);
    if (at > t) return at;
  }
  return to_instant(zone, today + date::days{14} + schedule.time_of_day);
}

std::string format_local(TimePoint t, std::string_view zone) {
  const auto* z = find_zone(zone);
  if (z == nullptr) return format_rfc3339(t);
  return date::format("%Y-%m-%d %H:%M %Z", date::make_zoned(z, t));
}

std::string to_string(const WeeklySchedule& schedule) {
  const auto minutes = schedule.time_of_day.count();
  std::string day(kShort[schedule.day.c_encoding()]);
  day[0] = static_cast<char>(day[0] - 'a' + 'A');
  return fmt::format("{} {:02}:{:02}", day, minutes / 60, minutes % 60);
}

}  // namespace watchdesk
