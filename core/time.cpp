// Parsing and printing the date formats of the public sources; everything ends up UTC.
#include "core/time.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "core/text/strings.hpp"

namespace watchdesk {
namespace {

using namespace std::chrono;

// A tiny cursor over the text being parsed.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void skip_spaces() {
    while (!done() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  // Reads exactly `n` digits (or between `min` and `n` when `min` is given).
  std::optional<int> digits(std::size_t n, std::size_t min = 0) {
    if (min == 0) min = n;
    std::size_t start = pos_;
    while (pos_ < text_.size() && pos_ - start < n &&
           std::isdigit(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
    if (pos_ - start < min) return std::nullopt;
    int value = 0;
    std::from_chars(text_.data() + start, text_.data() + pos_, value);
    return value;
  }
  std::string_view word() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && std::isalpha(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  std::string_view rest() const { return text_.substr(pos_); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::optional<TimePoint> make_time(int y, int mo, int d, int h, int mi, int s) {
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return std::nullopt;
  if (s == 60) s = 59;  // leap second: clamp
  return TimePoint{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s};
}

// `+hh:mm`, `+hhmm`, `-hh`, or `Z`; returns the offset east of UTC.
std::optional<Seconds> parse_numeric_offset(Cursor& c) {
  if (c.eat('Z') || c.eat('z')) return Seconds{0};
  int sign = 0;
  if (c.eat('+')) sign = 1;
  else if (c.eat('-')) sign = -1;
  else return std::nullopt;
  auto hh = c.digits(2);
  if (!hh) return std::nullopt;
  c.eat(':');
  int mm = 0;
  if (std::isdigit(static_cast<unsigned char>(c.peek()))) {
    auto m = c.digits(2);
    if (!m) return std::nullopt;
    mm = *m;
  }
  if (*hh > 23 || mm > 59) return std::nullopt;
  return Seconds{sign * (*hh * 3600 + mm * 60)};
}

std::optional<Seconds> named_zone_offset(std::string_view zone) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 12> zones{{{"GMT", 0}, {"UT", 0}, {"UTC", 0}, {"Z", 0},
                                               {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
                                               {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}}};
  for (const auto& z : zones)
    if (text::iequals(z.name, zone)) return Seconds{z.hours * 3600};
  return std::nullopt;
}

std::optional<int> month_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (name.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (text::iequals(names[i], name.substr(0, 3))) return static_cast<int>(i) + 1;
  return std::nullopt;
}

}  // namespace

TimePoint now_utc() { return floor<seconds>(system_clock::now()); }

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
  Cursor c(text);
  c.skip_spaces();
  auto y = c.digits(4);
  if (!y || !c.eat('-')) return std::nullopt;
  auto mo = c.digits(2);
  if (!mo || !c.eat('-')) return std::nullopt;
  auto d = c.digits(2);
  if (!d) return std::nullopt;
  c.skip_spaces();
  if (c.done()) return make_time(*y, *mo, *d, 0, 0, 0);
  if (!c.eat('T') && !c.eat('t') && !c.eat(' ')) return std::nullopt;
  auto h = c.digits(2);
  if (!h || !c.eat(':')) return std::nullopt;
  auto mi = c.digits(2);
  if (!mi) return std::nullopt;
  int s = 0;
  if (c.eat(':')) {
    auto sec = c.digits(2);
    if (!sec) return std::nullopt;
    s = *sec;
    if (c.eat('.') || c.eat(',')) {
      if (!c.digits(9, 1)) return std::nullopt;
    }
  }
  Seconds offset{0};
  if (!c.done()) {
    auto off = parse_numeric_offset(c);
    if (!off) return std::nullopt;
    offset = *off;
  }
  c.skip_spaces();
  if (!c.done()) return std::nullopt;
  auto t = make_time(*y, *mo, *d, *h, *mi, s);
  if (!t) return std::nullopt;
  return *t - offset;
}

std::optional<TimePoint> parse_rfc822(std::string_view text) {
  Cursor c(text);
  c.skip_spaces();
  // Optional day name: "Mon,".
  if (std::isalpha(static_cast<unsigned char>(c.peek()))) {
    c.word();
    c.eat(',');
    c.skip_spaces();
  }
  auto d = c.digits(2, 1);
  if (!d) return std::nullopt;
  c.skip_spaces();
  c.eat('-');
  auto mo = month_from_name(c.word());
  if (!mo) return std::nullopt;
  c.skip_spaces();
  c.eat('-');
  auto y = c.digits(4, 2);
  if (!y) return std::nullopt;
  if (*y < 100) *y += *y < 50 ? 2000 : 1900;
  c.skip_spaces();
  int h = 0, mi = 0, s = 0;
  if (!c.done()) {
    auto hh = c.digits(2, 1);
    if (!hh || !c.eat(':')) return std::nullopt;
    auto mm = c.digits(2);
    if (!mm) return std::nullopt;
    h = *hh;
    mi = *mm;
    if (c.eat(':')) {
      auto ss = c.digits(2);
      if (!ss) return std::nullopt;
      s = *ss;
    }
  }
  c.skip_spaces();
  Seconds offset{0};
  if (!c.done()) {
    if (c.peek() == '+' || c.peek() == '-') {
      auto off = parse_numeric_offset(c);
      if (!off) return std::nullopt;
      offset = *off;
    } else {
      auto zone = named_zone_offset(c.word());
      if (!zone) return std::nullopt;
      offset = *zone;
    }
  }
  c.skip_spaces();
  if (!c.done()) return std::nullopt;
  auto t = make_time(*y, *mo, *d, h, mi, s);
  if (!t) return std::nullopt;
  return *t - offset;
}

Seconds us_eastern_offset(sys_seconds local_as_if_utc) {
  return local_as_if_utc - eastern_local_to_utc(local_as_if_utc);
}

TimePoint zone_local_to_utc(const date::time_zone& zone, sys_seconds local_as_if_utc) {
  const date::local_seconds local{local_as_if_utc.time_since_epoch()};
  // A wall time skipped by a spring-forward gap or repeated in the autumn takes the earlier instant.
  return floor<seconds>(zone.to_sys(local, date::choose::earliest));
}

sys_seconds utc_to_zone_local(const date::time_zone& zone, TimePoint t) {
  return sys_seconds{zone.to_local(t).time_since_epoch()};
}

const date::time_zone& us_eastern_zone() {
  static const date::time_zone* const zone = date::locate_zone("America/New_York");
  return *zone;
}

TimePoint eastern_local_to_utc(sys_seconds local_as_if_utc) {
  return zone_local_to_utc(us_eastern_zone(), local_as_if_utc);
}

sys_seconds utc_to_eastern_local(TimePoint t) { return utc_to_zone_local(us_eastern_zone(), t); }

std::optional<TimePoint> parse_edgar_compact(std::string_view text) {
  if (text.size() != 14) return std::nullopt;
  Cursor c(text);
  auto y = c.digits(4);
  auto mo = c.digits(2);
  auto d = c.digits(2);
  auto h = c.digits(2);
  auto mi = c.digits(2);
  auto s = c.digits(2);
  if (!y || !mo || !d || !h || !mi || !s) return std::nullopt;
  auto local = make_time(*y, *mo, *d, *h, *mi, *s);
  if (!local) return std::nullopt;
  return eastern_local_to_utc(*local);
}

std::optional<TimePoint> parse_any_date(std::string_view text) {
  if (auto t = parse_rfc3339(text)) return t;
  if (auto t = parse_rfc822(text)) return t;
  return parse_edgar_compact(text);
}

TimePoint from_epoch_ms(std::int64_t ms) { return TimePoint{seconds{ms / 1000}}; }

std::string format_rfc3339(TimePoint t) {
  auto day_point = floor<days>(t);
  year_month_day ymd{day_point};
  hh_mm_ss hms{t - day_point};
  const int year = static_cast<int>(ymd.year());
  char buf[32];
  if (year < 0 || year > 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year, static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buf;
  }
  // The usual four-digit year, without the cost of a printf call (this runs once per observation).
  auto put2 = [](char* at, long long v) {
    at[0] = static_cast<char>('0' + v / 10);
    at[1] = static_cast<char>('0' + v % 10);
  };
  std::memcpy(buf, "0000-00-00T00:00:00Z", 20);
  put2(buf, year / 100);
  put2(buf + 2, year % 100);
  put2(buf + 5, static_cast<unsigned>(ymd.month()));
  put2(buf + 8, static_cast<unsigned>(ymd.day()));
  put2(buf + 11, hms.hours().count());
  put2(buf + 14, hms.minutes().count());
  put2(buf + 17, hms.seconds().count());
  return std::string(buf, 20);
}

std::string format_date(TimePoint t) { return format_rfc3339(t).substr(0, 10); }

}  // namespace watchdesk
