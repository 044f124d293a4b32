// Parsing and printing the units of config values: durations, sizes, percentages and dates.
#include "core/units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace watchdesk {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads the run of digits at the front of `text` into `value`; false when there is none or it
// overflows.
bool take_integer(std::string_view& text, std::uint64_t& value) {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n])) ++n;
  if (n == 0) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + n, value);
  if (ec != std::errc() || end != text.data() + n) return false;
  text.remove_prefix(n);
  return true;
}

struct DurationUnit {
  char suffix;
  std::int64_t seconds;
};

// Largest first: a combination must list its units in this order (`1h30m`, not `30m1h`).
constexpr std::array<DurationUnit, 5> duration_units{
    {{'w', 7 * 86400}, {'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

struct SizeUnit {
  std::string_view suffix;
  std::uint64_t bytes;
};

constexpr std::array<SizeUnit, 9> size_units{{{"B", 1},
                                              {"KiB", 1ull << 10},
                                              {"MiB", 1ull << 20},
                                              {"GiB", 1ull << 30},
                                              {"TiB", 1ull << 40},
                                              {"KB", 1000ull},
                                              {"MB", 1000ull * 1000},
                                              {"GB", 1000ull * 1000 * 1000},
                                              {"TB", 1000ull * 1000 * 1000 * 1000}}};

}  // namespace

std::optional<Seconds> parse_duration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  constexpr auto max_seconds = std::numeric_limits<std::int64_t>::max() / 2;
  std::int64_t total = 0;
  std::size_t next_unit = 0;  // units must appear largest first, each at most once
  while (!text.empty()) {
    std::uint64_t count = 0;
    if (!take_integer(text, count) || text.empty()) return std::nullopt;
    char suffix = text.front();
    text.remove_prefix(1);
    std::size_t i = next_unit;
    while (i < duration_units.size() && duration_units[i].suffix != suffix) ++i;
    if (i == duration_units.size()) return std::nullopt;
    next_unit = i + 1;
    const auto unit = duration_units[i].seconds;
    if (count > static_cast<std::uint64_t>(max_seconds / unit)) return std::nullopt;
    total += static_cast<std::int64_t>(count) * unit;
    if (total > max_seconds) return std::nullopt;
  }
  return Seconds{total};
}

std::optional<std::size_t> parse_size(std::string_view text) {
  std::uint64_t count = 0;
  if (!take_integer(text, count)) return std::nullopt;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::uint64_t unit = 1;
  if (!text.empty()) {
    bool found = false;
    for (const auto& u : size_units) {
      if (u.suffix == text) {
        unit = u.bytes;
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
  }
  if (count > std::numeric_limits<std::size_t>::max() / unit) return std::nullopt;
  return static_cast<std::size_t>(count * unit);
}

std::optional<double> parse_percent(std::string_view text) {
  if (text.size() < 2 || text.back() != '%') return std::nullopt;
  text.remove_suffix(1);
  if (!is_digit(text.front()) && text.front() != '.') return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value / 100.0;
}

std::optional<TimePoint> parse_date(std::string_view text) {
  // Exactly YYYY-MM-DD.
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_digit(text[i])) return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  std::from_chars(text.data(), text.data() + 4, y);
  std::from_chars(text.data() + 5, text.data() + 7, m);
  std::from_chars(text.data() + 8, text.data() + 10, d);
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint{std::chrono::sys_days{ymd}};
}

std::string format_duration(Seconds duration) {
  long long seconds = duration.count();
  if (seconds == 0) return "0s";
  std::string out;
  if (seconds < 0) {
    out += "-";
    seconds = -seconds;
  }
  // Days and smaller units, largest first (`1h30m`); weeks left out so that `14d` prints as written.
  for (const auto& unit : duration_units) {
    if (unit.suffix == 'w' || seconds < unit.seconds) continue;
    out += std::to_string(seconds / unit.seconds);
    out += unit.suffix;
    seconds %= unit.seconds;
  }
  return out;
}

}  // namespace watchdesk
