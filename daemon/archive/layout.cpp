// Archive file names, media types and listings.
#include "daemon/archive/layout.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace watchdesk::archive {
namespace {

namespace fs = std::filesystem;

// Extensions and the media types they stand for; the first row whose word the media type contains
// names its extension (`atom` and `rss` before `xml`).
struct MediaRow {
  std::string_view word;
  std::string_view extension;
  std::string_view media_type;
};
constexpr std::array<MediaRow, 7> kMedia{{
    {"atom", "atom", "application/atom+xml"},
    {"rss", "rss", "application/rss+xml"},
    {"json", "json", "application/json"},
    {"csv", "csv", "text/csv"},
    {"html", "html", "text/html"},
    {"xml", "xml", "application/xml"},
    {"text/plain", "txt", "text/plain"},
}};

bool contains_lower(std::string_view text, std::string_view word) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find(word) != std::string::npos;
}

// The digits `text[at, at + n)` as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  int value = 0;
  const char* first = text.data() + at;
  auto [end, ec] = std::from_chars(first, first + n, value);
  return ec == std::errc() && end == first + n ? value : -1;
}

}  // namespace

std::string file_name(TimePoint at, std::string_view extension) {
  // 2026-12-03T06:15:00Z -> 20261203T061500Z
  std::string stem = format_rfc3339(at);
  std::erase_if(stem, [](char c) { return c == '-' || c == ':'; });
  return stem + "." + std::string(extension);
}

std::optional<TimePoint> parse_file_time(std::string_view stem) {
  // 20261203T061500Z
  if (stem.size() != 16 || stem[8] != 'T' || stem[15] != 'Z') return std::nullopt;
  const int year = digits(stem, 0, 4), month = digits(stem, 4, 2), day = digits(stem, 6, 2);
  const int hour = digits(stem, 9, 2), minute = digits(stem, 11, 2), second = digits(stem, 13, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 ||
      second > 59)
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days{date} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

std::optional<TimePoint> parse_bound(std::string_view text, Bound bound) {
  if (auto compact = parse_file_time(text)) return compact;
  auto parsed = parse_rfc3339(text);
  if (!parsed) return std::nullopt;
  const bool date_only = text.size() == 10;
  if (date_only && bound == Bound::until) return *parsed + std::chrono::days{1} - std::chrono::seconds{1};
  return parsed;
}

std::string extension_for(std::string_view content_type, std::string_view body) {
  for (const auto& row : kMedia)
    if (!content_type.empty() && contains_lower(content_type, row.word)) return std::string(row.extension);
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (body[first] == '{' || body[first] == '[')) return "json";
  if (first != std::string_view::npos && body[first] == '<') return "xml";
  return "txt";
}

std::string media_type_for(std::string_view extension) {
  for (const auto& row : kMedia)
    if (row.extension == extension) return std::string(row.media_type);
  return {};
}

Result<std::vector<ArchivedBody>> list_bodies(const fs::path& dir, std::string_view source_id) {
  std::vector<ArchivedBody> out;
  const fs::path folder = dir / std::string(source_id);
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return out;
  fs::directory_iterator it(folder, ec);
  if (ec) return make_error("cannot read " + folder.string() + ": " + ec.message(), ErrorKind::io);
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return make_error("cannot read " + folder.string() + ": " + ec.message(), ErrorKind::io);
    const auto& path = it->path();
    if (!it->is_regular_file(ec) || path.filename().string().starts_with('.')) continue;
    auto at = parse_file_time(path.stem().string());
    if (!at) continue;
    std::string extension = path.extension().string();
    if (!extension.empty()) extension.erase(0, 1);
    out.push_back({std::string(source_id), *at, path, std::move(extension)});
  }
  std::sort(out.begin(), out.end(), [](const ArchivedBody& a, const ArchivedBody& b) { return a.at < b.at; });
  return out;
}

}  // namespace watchdesk::archive
