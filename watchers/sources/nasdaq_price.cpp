// The Nasdaq quote API parser: quote (`/info`) and daily history (`/historical`) JSON.
#include "watchers/sources/nasdaq_price.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <optional>
#include <vector>

#include "core/body.hpp"
#include "core/json.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "core/time.hpp"

namespace watchdesk::sources {
// Named rather than anonymous: the unity build puts this file in one translation unit with others.
namespace nasdaq_wire {

using namespace std::chrono;

constexpr std::string_view kExpected = "Nasdaq quote JSON (an object with 'data' and 'status')";

// The price fields of a history row, in the order points are emitted.
constexpr std::array<std::string_view, 5> kRowFields{"open", "high", "low", "close", "volume"};

std::string excerpt(std::string_view text) {
  return "'" + text::sanitize_utf8(text::truncate_utf8(text, 40)) + "'";
}

// A Nasdaq number (`$41.29`, `12,345,678`, `29,209.23`) without its dollar sign and thousands
// separators; nullopt for Nasdaq's "no value" (`N/A`, `--`, empty). The error says what is wrong.
Result<std::optional<double>> nasdaq_number(std::string_view text, std::string_view field) {
  text = text::trim(text);
  if (text.empty() || text == "N/A" || text == "--" || text == "NA") return std::optional<double>();
  std::string digits;
  digits.reserve(text.size());
  for (const char c : text)
    if (c != ',' && c != '$') digits += c;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && !std::isfinite(value)))
    return make_error(excerpt(text) + " is out of range");
  if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty())
    return make_error(excerpt(text) + " is not a number");
  if (field == "volume" && value < 0) return make_error(excerpt(text) + " is a negative volume");
  return std::optional<double>(value);
}

// 16:00 America/New_York of `date`, when a US trading day's close holds.
TimePoint close_of(sys_days date) { return eastern_local_to_utc(sys_seconds{date} + hours{16}); }

// `01/26/2024`.
std::optional<sys_days> us_date(std::string_view text) {
  text = text::trim(text);
  if (text.size() != 10 || text[2] != '/' || text[5] != '/') return std::nullopt;
  const auto number = [](std::string_view digits) -> int {
    if (!text::all_digits(digits)) return -1;
    int out = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return out;
  };
  const int m = number(text.substr(0, 2));
  const int d = number(text.substr(3, 2));
  const int y = number(text.substr(6, 4));
  if (m < 0 || d < 0 || y < 0) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

// The month of an English abbreviation or name (`Jul`, `Sept`, `July`), 0 when it is none.
unsigned month_of(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths{"jan", "feb", "mar", "apr", "may", "jun",
                                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  const std::string lower = text::to_lower_ascii(word.substr(0, 3));
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i]) return static_cast<unsigned>(i + 1);
  return 0;
}

// The instant a `lastTradeTimestamp` names: `Jul 27, 2026 12:51 PM ET`, `DATA AS OF Jul 28, 2020`,
// `DATA AS OF Nov 19, 2019 9:27 AM ET - PRE-MARKET`, `CLOSED AT 4:00 PM ET ON Nov 18, 2019`. The
// clock is US Eastern; a date without a time is that day's 16:00 close.
std::optional<TimePoint> trade_time(std::string_view text) {
  const std::vector<std::string_view> words = words_of(text::trim(text));
  std::optional<sys_days> date;
  std::optional<minutes> time;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!date && i + 2 < words.size() && month_of(words[i]) != 0 && words[i + 1].ends_with(',')) {
      const std::string_view day_text = words[i + 1].substr(0, words[i + 1].size() - 1);
      const std::string_view year_text = words[i + 2];
      if (text::all_digits(day_text) && !day_text.empty() && day_text.size() <= 2 && year_text.size() == 4 &&
          text::all_digits(year_text)) {
        int d = 0;
        int y = 0;
        std::from_chars(day_text.data(), day_text.data() + day_text.size(), d);
        std::from_chars(year_text.data(), year_text.data() + year_text.size(), y);
        const year_month_day ymd{year{y}, month{month_of(words[i])}, day{static_cast<unsigned>(d)}};
        if (ymd.ok()) date = sys_days{ymd};
      }
    }
    const std::size_t colon = words[i].find(':');
    if (!time && colon != std::string_view::npos && i + 1 < words.size() &&
        (text::iequals(words[i + 1], "AM") || text::iequals(words[i + 1], "PM"))) {
      const std::string_view h_text = words[i].substr(0, colon);
      const std::string_view m_text = words[i].substr(colon + 1);
      if (!h_text.empty() && h_text.size() <= 2 && text::all_digits(h_text) && m_text.size() == 2 &&
          text::all_digits(m_text)) {
        int h = 0;
        int m = 0;
        std::from_chars(h_text.data(), h_text.data() + h_text.size(), h);
        std::from_chars(m_text.data(), m_text.data() + m_text.size(), m);
        if (h >= 1 && h <= 12 && m <= 59) {
          const bool pm = text::iequals(words[i + 1], "PM");
          time = hours{h % 12 + (pm ? 12 : 0)} + minutes{m};
        }
      }
    }
  }
  if (!date) return std::nullopt;
  if (!time) return close_of(*date);
  return eastern_local_to_utc(sys_seconds{*date} + *time);
}

// What a `data: null` answer says: `Symbol not exists. (code 1001)`, else the top-level message,
// else the status code.
std::string status_message(const boost::json::value& root) {
  const boost::json::value* status = find_member(root, "status");
  if (status != nullptr) {
    if (const auto* codes = find_member(*status, "bCodeMessage"); codes && codes->is_array()) {
      std::vector<std::string> parts;
      for (const auto& entry : codes->get_array()) {
        auto text = string_member(entry, "errorMessage");
        if (!text) continue;
        std::string part(text::truncate_utf8(*text, 200));
        if (const auto* code = find_member(entry, "code"))
          if (auto n = json_integer(*code)) part += " (code " + std::to_string(*n) + ")";
        parts.push_back(std::move(part));
      }
      if (!parts.empty()) return text::join(parts, "; ");
    }
  }
  if (auto message = string_member(root, "message")) return std::string(text::truncate_utf8(*message, 200));
  if (status != nullptr)
    if (const auto* code = find_member(*status, "rCode"))
      if (auto n = json_integer(*code)) return "status " + std::to_string(*n) + " without data";
  return "no data";
}

// A number member of a row or of `primaryData`: nullopt when absent or Nasdaq's "no value".
Result<std::optional<double>> number_member(const boost::json::value& object, std::string_view name,
                                            const std::string& path) {
  const boost::json::value* member = find_member(object, name);
  if (member == nullptr || member->is_null()) return std::optional<double>();
  if (member->is_number()) {
    const auto value = json_number(*member);
    if (!value || !std::isfinite(*value)) return make_error(path + " is out of range");
    return value;
  }
  if (!member->is_string()) return make_error(path + " " + json_excerpt(*member) + " is not a number");
  const auto& s = member->get_string();
  auto value = nasdaq_number(std::string_view(s.data(), s.size()), name);
  if (!value) return make_error(path + " " + value.error().message);
  return value;
}

Result<ParseOutput> parse_history(const boost::json::array& rows) {
  ParseOutput out;
  out.points.reserve(rows.size() * kRowFields.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = "data.tradesTable.rows[" + std::to_string(i) + "]";
    const auto date_text = string_member(rows[i], "date");
    const auto date = date_text ? us_date(*date_text) : std::nullopt;
    if (!date) {
      return make_error(where + ".date " + (date_text ? excerpt(*date_text) : std::string("(missing)")) +
                        " is not a date (MM/DD/YYYY)");
    }
    const TimePoint at = close_of(*date);
    for (const std::string_view field : kRowFields) {
      auto value = number_member(rows[i], field, where + "." + std::string(field));
      if (!value) return value.error();
      if (*value) out.points.push_back(SeriesPoint{std::string(field), at, **value, "nasdaq"});
    }
  }
  return out;
}

Result<ParseOutput> parse_quote(const boost::json::value& primary) {
  ParseOutput out;
  auto price = number_member(primary, "lastSalePrice", "data.primaryData.lastSalePrice");
  if (!price) return price.error();
  if (!*price) return make_error("the nasdaq quote holds no price (data.primaryData.lastSalePrice is missing)");
  const auto stamp = string_member(primary, "lastTradeTimestamp");
  const auto at = stamp ? trade_time(*stamp) : std::nullopt;
  if (!at) {
    return make_error("data.primaryData.lastTradeTimestamp " + (stamp ? excerpt(*stamp) : std::string("(missing)")) +
                      " names no date (such as 'Jul 27, 2026 12:51 PM ET')");
  }
  out.points.push_back(SeriesPoint{"close", *at, **price, "nasdaq"});
  auto volume = number_member(primary, "volume", "data.primaryData.volume");
  if (!volume) return volume.error();
  if (*volume) out.points.push_back(SeriesPoint{"volume", *at, **volume, "nasdaq"});
  return out;
}

}  // namespace nasdaq_wire

bool looks_like_nasdaq(std::string_view body) {
  std::string_view text = skip_bom_and_space(body);
  if (text.empty() || text.front() != '{') return false;
  text = text::trim(text.substr(1));
  return text.starts_with("\"data\"");
}

Result<ParseOutput> parse_nasdaq(std::string_view body, const config::Source& source) {
  unsigned char initial[4096];
  boost::json::monotonic_resource resource(initial, sizeof initial);
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(nasdaq_wire::kExpected);
  const boost::json::value& root = *parsed;
  const boost::json::value* data = root.is_object() ? find_member(root, "data") : nullptr;
  if (data == nullptr) {
    return make_error("expected " + std::string(nasdaq_wire::kExpected) +
                      " but the JSON has no 'data' member; check the URL");
  }
  if (data->is_null()) {
    return make_error(text::sanitize_utf8("nasdaq answered: " + nasdaq_wire::status_message(root) +
                                          "; check the symbol '" + source.symbol + "'"));
  }
  Result<ParseOutput> out = ParseOutput{};
  if (const auto* table = find_member(*data, "tradesTable"); table != nullptr) {
    const boost::json::value* rows = table->is_object() ? find_member(*table, "rows") : nullptr;
    if (rows != nullptr && rows->is_array()) {
      out = nasdaq_wire::parse_history(rows->get_array());
    } else if (rows != nullptr && !rows->is_null()) {
      return make_error("data.tradesTable.rows is not an array");
    }
  } else if (const auto* primary = find_member(*data, "primaryData"); primary != nullptr && primary->is_object()) {
    out = nasdaq_wire::parse_quote(*primary);
  } else {
    return make_error("expected " + std::string(nasdaq_wire::kExpected) +
                      " with 'data.primaryData' (a quote) or 'data.tradesTable' (history); check the URL");
  }
  if (out && out->points.empty())
    return make_error("the nasdaq answer holds no prices; check the symbol '" + source.symbol + "'");
  return out;
}

}  // namespace watchdesk::sources
