// Units in config values and options: durations, sizes, percentages, dates.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace watchdesk {

/// `90s`, `10m`, `6h`, `7d`, `2w` (and combinations such as `1h30m`); nullopt when malformed.
std::optional<Seconds> parse_duration(std::string_view text);

/// `16MiB`, `512KiB`, `1GiB`, `1000000` (bytes), `10MB`; nullopt when malformed or out of range.
std::optional<std::size_t> parse_size(std::string_view text);

/// `10%` as 0.10; nullopt when malformed.
std::optional<double> parse_percent(std::string_view text);

/// `2026-06-12` as midnight UTC; nullopt when malformed.
std::optional<TimePoint> parse_date(std::string_view text);

/// Prints a duration in the same notation, days and smaller units largest first (`7d`, `10m`,
/// `1h30m`, `90s` as `1m30s`).
std::string format_duration(Seconds duration);

}  // namespace watchdesk
