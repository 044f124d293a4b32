// Shared checks for the parsers: body sniffing, HTML titles, XML declarations, JSON parsing, errors.
#include "watchers/sources/payload_support.hpp"

#include <algorithm>
#include <limits>

#include "watchers/text.hpp"

namespace watchdesk::sources {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text::iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace

Error source_error(const config::Source& source, std::string_view message) {
  std::string out = "source ";
  out += source.id;
  out += ": ";
  out += message;
  return make_error(std::move(out));
}

std::string_view skip_bom_and_space(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  while (!body.empty() && is_space(body.front())) body.remove_prefix(1);
  return body;
}

std::string_view xml_declared_encoding(std::string_view body) {
  body = skip_bom_and_space(body);
  if (body.substr(0, 5) != "<?xml") return {};
  const std::size_t end = body.substr(0, 512).find("?>");
  if (end == std::string_view::npos) return {};
  const std::string_view decl = body.substr(0, end);
  const std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 8;
  while (i < decl.size() && is_space(decl[i])) ++i;
  if (i >= decl.size() || decl[i] != '=') return {};
  ++i;
  while (i < decl.size() && is_space(decl[i])) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return {};
  const char quote = decl[i];
  const std::size_t close = decl.find(quote, i + 1);
  if (close == std::string_view::npos) return {};
  return decl.substr(i + 1, close - i - 1);
}

std::string html_title(std::string_view body) {
  const std::size_t limit = std::min<std::size_t>(body.size(), 64 * 1024);
  for (std::size_t i = 0; i + 7 <= limit; ++i) {
    if (body[i] != '<' || !starts_with_ci(body.substr(i), "<title")) continue;
    const std::size_t gt = body.find('>', i);
    if (gt == std::string_view::npos) return {};
    std::size_t end = gt + 1;
    while (end < body.size() && !(body[end] == '<' && starts_with_ci(body.substr(end), "</title"))) ++end;
    const std::string title = text::strip_html(body.substr(gt + 1, end - gt - 1));
    return text::sanitize_utf8(text::truncate_utf8(title, 80));
  }
  return {};
}

bool looks_like_html(std::string_view body) {
  const std::string_view b = skip_bom_and_space(body);
  return starts_with_ci(b, "<!doctype html") || starts_with_ci(b, "<html") ||
         starts_with_ci(b, "<head") || starts_with_ci(b, "<body");
}

std::string describe_body(std::string_view body) {
  const std::string_view b = skip_bom_and_space(body);
  if (b.empty()) return "an empty answer";
  if (looks_like_html(b)) {
    const std::string title = html_title(b);
    if (title.empty()) return "an HTML page";
    return "an HTML page titled '" + title + "'";
  }
  std::string start(text::truncate_utf8(b.substr(0, b.find_first_of("\r\n")), 40));
  for (char& c : start)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return "text starting '" + text::sanitize_utf8(start) + "'";
}

Result<boost::json::value> parse_json_body(std::string_view body, boost::json::storage_ptr storage,
                                           const config::Source& source, std::string_view expected) {
  const std::string_view b = skip_bom_and_space(body);
  if (b.empty() || b.front() == '<' || (b.front() != '{' && b.front() != '[')) {
    return source_error(source, "expected " + std::string(expected) + " but got " +
                                    describe_body(body) + "; check the URL and the provider");
  }
  // The parser's working stack starts on this one, as in `boost::json::parse`: no heap growth for
  // the usual nesting depth.
  unsigned char stack_buffer[BOOST_JSON_STACK_BUFFER_SIZE];
  boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), stack_buffer,
                             sizeof stack_buffer);
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  const std::size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec) {
    const text::LineColumn at = text::line_column_at(body, consumed);
    return source_error(source, "the answer is not valid JSON at line " + std::to_string(at.line) +
                                    ", column " + std::to_string(at.column) + " (byte " +
                                    std::to_string(consumed) + "): " + ec.message() +
                                    "; expected " + std::string(expected) +
                                    " (a truncated download looks like this)");
  }
  return parser.release();
}

std::optional<std::string_view> json_string(const boost::json::object& object, std::string_view key) {
  const boost::json::value* v = object.if_contains(key);
  if (v == nullptr) return std::nullopt;
  const boost::json::string* s = v->if_string();
  if (s == nullptr) return std::nullopt;
  return std::string_view(s->data(), s->size());
}

std::optional<std::int64_t> json_integer(const boost::json::value& value) {
  if (const auto* i = value.if_int64()) return *i;
  if (const auto* u = value.if_uint64()) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(*u);
  }
  if (const auto* d = value.if_double()) {
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    if (!(*d >= -9223372036854775808.0 && *d < 9223372036854775808.0)) return std::nullopt;
    const auto i = static_cast<std::int64_t>(*d);
    if (static_cast<double>(i) != *d) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

std::optional<double> json_number(const boost::json::value& value) {
  if (const auto* i = value.if_int64()) return static_cast<double>(*i);
  if (const auto* u = value.if_uint64()) return static_cast<double>(*u);
  if (const auto* d = value.if_double()) return *d;
  return std::nullopt;
}

std::string json_excerpt(const boost::json::value& value) {
  std::string out = boost::json::serialize(value);
  if (out.size() > 40) {
    out = std::string(text::truncate_utf8(out, 37));
    out += "...";
  }
  return out;
}

}  // namespace watchdesk::sources
