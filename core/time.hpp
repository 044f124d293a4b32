// UTC time points and the date formats the public sources use, parsed and printed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>

namespace watchdesk {

/// A UTC instant with second precision; everything watchdesk stores is UTC.
using TimePoint = std::chrono::sys_seconds;
/// A span of time in seconds.
using Seconds = std::chrono::seconds;

/// The wall clock now, truncated to seconds.
TimePoint now_utc();

/// Parses RFC 3339 / ISO 8601 (`2026-06-01T16:02:11-04:00`, `...Z`, `....000Z`, `2026-06-01T16:02:11`
/// taken as UTC, and a bare `2026-06-01` as midnight UTC).
std::optional<TimePoint> parse_rfc3339(std::string_view text);

/// Parses RFC 822 / RFC 1123 dates (`Mon, 23 Nov 2026 14:03:00 GMT`) with numeric offsets and the
/// named zones `GMT`, `UT`, `UTC`, `Z`, `EST`, `EDT`, `CST`, `CDT`, `MST`, `MDT`, `PST`, `PDT`.
std::optional<TimePoint> parse_rfc822(std::string_view text);

/// Parses EDGAR's compact acceptance time `20260601160211` (US Eastern, DST-aware) to UTC.
std::optional<TimePoint> parse_edgar_compact(std::string_view text);

/// Tries RFC 3339, then RFC 822, then EDGAR's compact form.
std::optional<TimePoint> parse_any_date(std::string_view text);

/// Epoch milliseconds (Lever) to a time point.
TimePoint from_epoch_ms(std::int64_t ms);

/// Formats as RFC 3339 UTC: `2026-06-01T20:02:11Z`.
std::string format_rfc3339(TimePoint t);

/// Formats as a date only: `2026-06-01`.
std::string format_date(TimePoint t);

/// The UTC offset of US Eastern time (-5 h or -4 h in daylight saving time) at the wall time
/// `local_as_if_utc`, from the system time-zone database (tzdata), so every year's own rules apply.
Seconds us_eastern_offset(std::chrono::sys_seconds local_as_if_utc);

/// The instant at which the wall clock of `zone` reads `local_as_if_utc`; a wall time that a
/// daylight-saving change skips or repeats takes the earlier instant.
TimePoint zone_local_to_utc(const date::time_zone& zone, std::chrono::sys_seconds local_as_if_utc);

/// What the wall clock of `zone` reads at instant `t` (returned as if it were UTC).
std::chrono::sys_seconds utc_to_zone_local(const date::time_zone& zone, TimePoint t);

/// US Eastern time (`America/New_York`), where EDGAR and the US exchanges keep their clocks.
const date::time_zone& us_eastern_zone();

/// The instant at which the US Eastern wall clock reads `local_as_if_utc`.
TimePoint eastern_local_to_utc(std::chrono::sys_seconds local_as_if_utc);

/// What the US Eastern wall clock reads at instant `t` (returned as if it were UTC).
std::chrono::sys_seconds utc_to_eastern_local(TimePoint t);

}  // namespace watchdesk
