// Sniffing fetched bodies: BOM, XML declaration, HTML pages and their titles, short descriptions.
#include "core/body.hpp"

#include <algorithm>

#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"

namespace watchdesk {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text::iequals(text.substr(0, prefix.size()), prefix);
}

// The name of the first element of an XML text (after the declaration and comments), cut to 64 bytes.
std::string xml_root_name(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    pos = text.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= text.size()) return {};
    const char next = text[pos + 1];
    if (next == '?' || next == '!') {
      pos = text.find('>', pos);
      if (pos == std::string_view::npos) return {};
      continue;
    }
    std::size_t end = pos + 1;
    while (end < text.size() && text[end] != '>' && text[end] != '/' && !is_space(text[end])) ++end;
    return text::sanitize_utf8(text::truncate_utf8(text.substr(pos + 1, end - pos - 1), 64));
  }
  return {};
}

}  // namespace

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
  return starts_with_ci(b, "<!doctype html") || starts_with_ci(b, "<html") || starts_with_ci(b, "<head") ||
         starts_with_ci(b, "<body");
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

std::optional<std::string> describe_foreign_document(std::string_view body, Syntax expected) {
  body = skip_bom_and_space(body);
  if (body.empty()) return std::nullopt;
  if (expected == Syntax::xml && (body.front() == '{' || body.front() == '[')) return std::string("a JSON document");
  if (body.front() != '<') return std::nullopt;
  // Skip an XML declaration and comments before deciding.
  std::string_view rest = body;
  while (true) {
    rest = skip_bom_and_space(rest);
    if (rest.substr(0, 5) == "<?xml") {
      const auto end = rest.find("?>");
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 2);
    } else if (rest.substr(0, 4) == "<!--") {
      const auto end = rest.find("-->");
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 3);
    } else {
      break;
    }
  }
  if (looks_like_html(rest)) return describe_body(rest);
  if (expected == Syntax::json) {
    const std::string root = xml_root_name(body);
    if (root.empty()) return std::string("an XML document");
    return "an XML document (root element <" + root + ">)";
  }
  return std::nullopt;
}

std::string describe_position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace watchdesk
