// The `price` source parser: Stooq CSV (quote and daily history), Yahoo chart JSON, and Nasdaq
// quote JSON (through nasdaq_price.cpp).
#include "watchers/sources/price.hpp"

#include <boost/json/monotonic_resource.hpp>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <vector>

#include "core/body.hpp"
#include "core/json.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "watchers/sources/nasdaq_price.hpp"

namespace watchdesk::sources {
namespace {

using namespace std::chrono;

constexpr std::string_view kStooqExpected =
    "Stooq CSV (a header such as 'Symbol,Date,Time,Open,High,Low,Close,Volume' or "
    "'Date,Open,High,Low,Close,Volume')";
constexpr std::string_view kYahooExpected = "Yahoo chart JSON (an object with 'chart')";

// Latest instant a price may carry: 9999-12-31T23:59:59Z.
constexpr std::int64_t kMaxEpochSeconds = 253402300799;

// The series fields, in the order points are emitted for one time.
enum class Field { open, high, low, close, volume };
constexpr std::array<Field, 5> kFields{Field::open, Field::high, Field::low, Field::close, Field::volume};

std::string_view field_name(Field f) {
  switch (f) {
    case Field::open: return "open";
    case Field::high: return "high";
    case Field::low: return "low";
    case Field::close: return "close";
    case Field::volume: return "volume";
  }
  return "";
}

// Why a value was refused, for messages; empty when it was accepted.
std::string check_value(Field field, double value) {
  if (!std::isfinite(value)) return "is not a finite number";
  if (field == Field::volume && value < 0) return "is a negative volume";
  return {};
}

// A decimal number from CSV; the error says what is wrong with it.
Result<double> parse_decimal(std::string_view s, Field field) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return make_error("is out of range");
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return make_error("is not a number");
  std::string why = check_value(field, value);
  if (!why.empty()) return make_error(std::move(why));
  return value;
}

// --- Time helpers ---------------------------------------------------------------------------

// Europe/Warsaw (CET, CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC).
TimePoint warsaw_to_utc(TimePoint local) {
  const auto ymd = year_month_day{floor<days>(local)};
  const int y = static_cast<int>(ymd.year());
  const TimePoint summer_start = sys_days{year{y} / March / weekday_last{Sunday}} + hours{1};
  const TimePoint summer_end = sys_days{year{y} / October / weekday_last{Sunday}} + hours{1};
  const TimePoint as_summer = local - hours{2};
  if (as_summer >= summer_start && as_summer < summer_end) return as_summer;
  return local - hours{1};
}

// `2026-11-20` or `20261120`.
std::optional<sys_days> parse_csv_date(std::string_view s) {
  auto digits = [](std::string_view d, int& out) {
    const auto [ptr, ec] = std::from_chars(d.data(), d.data() + d.size(), out);
    return ec == std::errc() && ptr == d.data() + d.size() && !d.empty() && d.front() != '-';
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(s.substr(0, 4), y) || !digits(s.substr(5, 2), m) || !digits(s.substr(8, 2), d))
      return std::nullopt;
  } else if (s.size() == 8) {
    if (!digits(s.substr(0, 4), y) || !digits(s.substr(4, 2), m) || !digits(s.substr(6, 2), d))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd};
}

// `22:00:09` or `220009`.
std::optional<seconds> parse_csv_time(std::string_view s) {
  auto two = [](std::string_view d) -> int {
    if (d.size() != 2 || d[0] < '0' || d[0] > '9' || d[1] < '0' || d[1] > '9') return -1;
    return (d[0] - '0') * 10 + (d[1] - '0');
  };
  int h = -1;
  int m = -1;
  int sec = -1;
  if (s.size() == 8 && s[2] == ':' && s[5] == ':') {
    h = two(s.substr(0, 2));
    m = two(s.substr(3, 2));
    sec = two(s.substr(6, 2));
  } else if (s.size() == 6) {
    h = two(s.substr(0, 2));
    m = two(s.substr(2, 2));
    sec = two(s.substr(4, 2));
  } else if (s.size() == 5 && s[2] == ':') {
    h = two(s.substr(0, 2));
    m = two(s.substr(3, 2));
    sec = 0;
  }
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  return hours{h} + minutes{m} + seconds{sec};
}

// When a dated row without a time holds: the New York close for US symbols, else 00:00 UTC.
TimePoint daily_close(sys_days date, bool us_market) {
  if (!us_market) return TimePoint{date};
  const TimePoint local = TimePoint{date} + hours{16};
  return eastern_local_to_utc(local);
}

bool is_us_symbol(std::string_view symbol) {
  if (symbol.empty()) return false;
  if (symbol.front() == '^') return false;
  const std::size_t dot = symbol.rfind('.');
  if (dot == std::string_view::npos) return true;
  return text::iequals(symbol.substr(dot), ".us");
}

// --- Stooq CSV --------------------------------------------------------------------------------

// Splits one CSV line; fields may be double-quoted (`""` is a quote). False on an open quote.
bool split_csv(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && text::trim(field).empty() && !was_quoted) {
      field.clear();
      quoted = true;
      was_quoted = true;
    } else if (c == ',') {
      fields.emplace_back(was_quoted ? field : std::string(text::trim(field)));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.emplace_back(was_quoted ? field : std::string(text::trim(field)));
  return true;
}

// Which column holds what, by header name (English or Polish Stooq headers).
struct StooqColumns {
  int symbol = -1;
  int date = -1;
  int time = -1;
  std::array<int, 5> values{-1, -1, -1, -1, -1};
};

StooqColumns map_columns(const std::vector<std::string>& header) {
  struct Name {
    std::string_view name;
    int slot;  // 0-4: a Field; 5 symbol; 6 date; 7 time
  };
  static constexpr std::array<Name, 16> kNames{{
      {"open", 0}, {"high", 1}, {"low", 2}, {"close", 3}, {"volume", 4},
      {"otwarcie", 0}, {"najwyzszy", 1}, {"najnizszy", 2}, {"zamkniecie", 3}, {"wolumen", 4},
      {"symbol", 5}, {"date", 6}, {"time", 7}, {"data", 6}, {"czas", 7}, {"ticker", 5}}};
  StooqColumns cols;
  for (std::size_t i = 0; i < header.size(); ++i) {
    for (const auto& n : kNames) {
      if (!text::iequals(header[i], n.name)) continue;
      const int index = static_cast<int>(i);
      if (n.slot < 5) cols.values[static_cast<std::size_t>(n.slot)] = index;
      else if (n.slot == 5) cols.symbol = index;
      else if (n.slot == 6) cols.date = index;
      else cols.time = index;
    }
  }
  return cols;
}

Result<ParseOutput> parse_stooq(std::string_view body, const config::Source& source) {
  const std::string_view text = skip_bom_and_space(body);
  if (text.empty() || text.front() == '<') {
    return make_error("expected " + std::string(kStooqExpected) + " but got " +
                                    describe_body(body) + "; check the URL and the symbol");
  }
  const std::string_view first_line = text::trim(text.substr(0, text.find('\n')));
  if (text::iequals(text::trim(text), "No data") || text::iequals(first_line, "No data")) {
    return make_error("stooq has no data for symbol '" + source.symbol +
                                    "' (answer 'No data'); check the symbol (Stooq spells US "
                                    "stocks like crwv.us)");
  }
  if (first_line.find("xceeded") != std::string_view::npos) {
    return make_error("stooq refused the request: '" +
                                    text::sanitize_utf8(text::truncate_utf8(first_line, 80)) +
                                    "'; poll less often or set fallback = \"yahoo\"");
  }

  ParseOutput out;
  std::vector<std::string> fields;
  StooqColumns cols;
  std::vector<std::string> header;
  std::size_t header_size = 0;
  bool have_header = false;
  std::string missing_symbol;
  std::size_t row = 0;
  std::size_t pos = static_cast<std::size_t>(text.data() - body.data());
  // Rows are counted from the start of the body (the header is row 1 when it is the first line).
  for (std::size_t i = 0; i < pos; ++i)
    if (body[i] == '\n') ++row;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view line = text::trim(body.substr(pos, end - pos));
    pos = end + 1;
    ++row;
    if (line.empty()) continue;
    if (!split_csv(line, fields)) {
      return make_error("CSV row " + std::to_string(row) + " has an unterminated quote");
    }
    if (!have_header) {
      cols = map_columns(fields);
      if (cols.date < 0 || cols.values[static_cast<std::size_t>(Field::close)] < 0) {
        return make_error("expected " + std::string(kStooqExpected) + " but got " +
                                        describe_body(body) + "; check the URL and the symbol");
      }
      header = fields;
      header_size = fields.size();
      have_header = true;
      continue;
    }
    const std::string where = "CSV row " + std::to_string(row);
    if (fields.size() != header_size) {
      return make_error(where + " has " + std::to_string(fields.size()) +
                                      " fields but the header has " + std::to_string(header_size));
    }
    auto field_at = [&](int column) -> std::string_view {
      return column < 0 ? std::string_view{} : std::string_view(fields[static_cast<std::size_t>(column)]);
    };
    const std::string_view symbol = field_at(cols.symbol);
    const std::string_view date_text = field_at(cols.date);
    if (date_text == "N/D" || field_at(cols.values[static_cast<std::size_t>(Field::close)]) == "N/D") {
      missing_symbol = symbol.empty() ? source.symbol : std::string(symbol);
      continue;
    }
    const auto date = parse_csv_date(date_text);
    if (!date) {
      return make_error(where + ", column Date: '" +
                                      text::sanitize_utf8(text::truncate_utf8(date_text, 40)) +
                                      "' is not a date (YYYY-MM-DD)");
    }
    TimePoint at;
    const std::string_view time_text = field_at(cols.time);
    if (cols.time >= 0 && !time_text.empty()) {
      const auto time = parse_csv_time(time_text);
      if (!time) {
        return make_error(where + ", column Time: '" +
                                        text::sanitize_utf8(text::truncate_utf8(time_text, 40)) +
                                        "' is not a time (HH:MM:SS)");
      }
      at = warsaw_to_utc(TimePoint{*date} + *time);
    } else {
      at = daily_close(*date, is_us_symbol(symbol.empty() ? std::string_view(source.symbol) : symbol));
    }
    for (const Field f : kFields) {
      const int column = cols.values[static_cast<std::size_t>(f)];
      if (column < 0) continue;
      const std::string_view cell = field_at(column);
      if (cell.empty() || (f != Field::close && cell == "N/D")) continue;
      auto value = parse_decimal(cell, f);
      if (!value) {
        return make_error(where + ", column " + header[static_cast<std::size_t>(column)] + ": '" +
                                        text::sanitize_utf8(text::truncate_utf8(cell, 40)) + "' " +
                                        value.error().message);
      }
      out.points.push_back(SeriesPoint{std::string(field_name(f)), at, *value, "stooq"});
    }
  }
  if (out.points.empty()) {
    if (!missing_symbol.empty()) {
      return make_error("stooq has no quote for " +
                                      text::sanitize_utf8(text::truncate_utf8(missing_symbol, 40)) +
                                      " (N/D in every field); check the symbol (Stooq spells US "
                                      "stocks like crwv.us)");
    }
    return make_error("the stooq answer holds no prices (only a header); check the symbol");
  }
  return out;
}

// --- Yahoo chart JSON ---------------------------------------------------------------------------

// What is wrong with a JSON price value, as `VALUE is ...`; empty when it is usable. JSON has no
// infinities, so an infinite double comes from a literal too large for a number (`1e400`).
std::string json_value_problem(Field field, const boost::json::value& cell, std::optional<double> value) {
  if (!value) return json_excerpt(cell) + " is not a number";
  if (!std::isfinite(*value)) return "is out of range (too large for a number)";
  std::string why = check_value(field, *value);
  return why.empty() ? why : json_excerpt(cell) + " " + why;
}

Result<ParseOutput> parse_yahoo(std::string_view body, const config::Source& source) {
  unsigned char initial[4096];
  boost::json::monotonic_resource resource(initial, sizeof initial);
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(kYahooExpected);
  const boost::json::object* root = parsed->if_object();
  const boost::json::value* chart_value = root ? root->if_contains("chart") : nullptr;
  const boost::json::object* chart = chart_value ? chart_value->if_object() : nullptr;
  if (chart == nullptr) {
    return make_error("expected " + std::string(kYahooExpected) + " but the JSON has no "
                                    "'chart' object; check the URL");
  }
  if (const boost::json::value* error = chart->if_contains("error"); error && !error->is_null()) {
    std::string message = "yahoo answered with an error";
    if (const auto* e = error->if_object()) {
      const auto code = json_string(*e, "code");
      const auto description = json_string(*e, "description");
      if (code) message += ": " + std::string(text::truncate_utf8(*code, 80));
      if (description) message += (code ? " - " : ": ") + std::string(text::truncate_utf8(*description, 200));
    }
    message += "; check the symbol '" + source.symbol + "'";
    return make_error(text::sanitize_utf8(message));
  }
  const boost::json::value* result_value = chart->if_contains("result");
  const boost::json::array* results = result_value ? result_value->if_array() : nullptr;
  const boost::json::object* result =
      results && !results->empty() ? (*results)[0].if_object() : nullptr;
  if (result == nullptr) {
    return make_error("the yahoo chart holds no result; check the symbol '" + source.symbol + "'");
  }

  ParseOutput out;
  const boost::json::array* timestamps = nullptr;
  if (const auto* t = result->if_contains("timestamp")) timestamps = t->if_array();
  const boost::json::object* quote = nullptr;
  if (const auto* ind = result->if_contains("indicators"); ind && ind->is_object()) {
    if (const auto* q = ind->get_object().if_contains("quote"); q && q->is_array() && !q->get_array().empty())
      quote = q->get_array()[0].if_object();
  }
  std::optional<std::int64_t> last_time;
  if (timestamps != nullptr) {
    std::array<const boost::json::array*, 5> columns{};
    for (const Field f : kFields) {
      const boost::json::value* column = quote ? quote->if_contains(field_name(f)) : nullptr;
      if (column == nullptr || column->is_null()) continue;
      const auto* array = column->if_array();
      const std::string path = "chart.result[0].indicators.quote[0]." + std::string(field_name(f));
      if (array == nullptr) return make_error(path + " is not an array");
      if (array->size() != timestamps->size()) {
        return make_error(path + " has " + std::to_string(array->size()) +
                                        " entries but chart.result[0].timestamp has " +
                                        std::to_string(timestamps->size()));
      }
      columns[static_cast<std::size_t>(f)] = array;
    }
    out.points.reserve(timestamps->size() * 5);
    for (std::size_t i = 0; i < timestamps->size(); ++i) {
      const auto t = json_integer((*timestamps)[i]);
      if (!t || *t < 0 || *t > kMaxEpochSeconds) {
        return make_error("chart.result[0].timestamp[" + std::to_string(i) + "] " +
                                        json_excerpt((*timestamps)[i]) + " is not a time in epoch seconds");
      }
      const TimePoint at{seconds{*t}};
      for (const Field f : kFields) {
        const boost::json::array* column = columns[static_cast<std::size_t>(f)];
        if (column == nullptr) continue;
        const boost::json::value& cell = (*column)[i];
        if (cell.is_null()) continue;
        const auto value = json_number(cell);
        if (std::string why = json_value_problem(f, cell, value); !why.empty()) {
          return make_error("chart.result[0].indicators.quote[0]." + std::string(field_name(f)) +
                                          "[" + std::to_string(i) + "] " + why);
        }
        out.points.push_back(SeriesPoint{std::string(field_name(f)), at, *value, "yahoo"});
      }
      if (!last_time || *t > *last_time) last_time = *t;
    }
  }
  if (const auto* meta_value = result->if_contains("meta"); meta_value && meta_value->is_object()) {
    const auto& meta = meta_value->get_object();
    const auto* price = meta.if_contains("regularMarketPrice");
    const auto* time = meta.if_contains("regularMarketTime");
    if (price && time && !price->is_null() && !time->is_null()) {
      const auto value = json_number(*price);
      if (std::string why = json_value_problem(Field::close, *price, value); !why.empty()) {
        return make_error("chart.result[0].meta.regularMarketPrice " + why);
      }
      const auto t = json_integer(*time);
      if (!t || *t < 0 || *t > kMaxEpochSeconds) {
        return make_error("chart.result[0].meta.regularMarketTime " + json_excerpt(*time) +
                                        " is not a time in epoch seconds");
      }
      if (!last_time || *t > *last_time)
        out.points.push_back(SeriesPoint{"close", TimePoint{seconds{*t}}, *value, "yahoo"});
    }
  }
  if (out.points.empty()) {
    return make_error("the yahoo chart holds no prices (every value is null or missing); "
                                "check the symbol '" + source.symbol + "'");
  }
  return out;
}

bool starts_like_stooq_header(std::string_view text) {
  const std::string_view first = text::trim(text.substr(0, text.find('\n')));
  std::vector<std::string> fields;
  if (!split_csv(first, fields)) return false;
  const StooqColumns cols = map_columns(fields);
  return cols.date >= 0 && cols.values[static_cast<std::size_t>(Field::close)] >= 0;
}

}  // namespace

std::optional<config::PriceProvider> detect_price_format(std::string_view body) {
  const std::string_view text = skip_bom_and_space(body);
  if (text.empty()) return std::nullopt;
  if (text.front() == '{') return looks_like_nasdaq(text) ? config::PriceProvider::nasdaq : config::PriceProvider::yahoo;
  if (starts_like_stooq_header(text)) return config::PriceProvider::stooq;
  return std::nullopt;
}

Result<ParseOutput> parse_price_as(config::PriceProvider provider, std::string_view body,
                                   const config::Source& source) {
  switch (provider) {
    case config::PriceProvider::stooq: return parse_stooq(body, source);
    case config::PriceProvider::yahoo: return parse_yahoo(body, source);
    case config::PriceProvider::nasdaq: return parse_nasdaq(body, source);
  }
  return make_error("unknown price provider");
}

Result<ParseOutput> parse_price(std::string_view body, const config::Source& source) {
  const auto detected = detect_price_format(body);
  return parse_price_as(detected.value_or(source.price_provider), body, source);
}

}  // namespace watchdesk::sources
