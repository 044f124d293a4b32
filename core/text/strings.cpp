// Plain string helpers: trimming, ASCII case, joining, digits, whitespace, line and column.
#include "core/text/strings.hpp"

#include <algorithm>
#include <cstring>

#include "core/text/utf8.hpp"

namespace watchdesk::text {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_space_code_point(char32_t cp) {
  return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

void collapse_whitespace_in_place(std::string& text, std::size_t from) {
  const std::size_t n = text.size();
  if (from >= n) return;
  // Printable ASCII with single spaces between words needs no change.
  bool unchanged = text[from] != ' ' && text.back() != ' ';
  for (std::size_t i = from; unchanged && i < n; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    unchanged = (b > 0x20 && b < 0x7F) || (b == ' ' && text[i + 1] != ' ');
  }
  if (unchanged) return;

  // Every write lands at or before the byte being read, so one buffer serves both.
  char* data = text.data();
  std::size_t written = from;
  bool pending_space = false;
  std::size_t i = from;
  while (i < n) {
    std::size_t run = i;
    while (run < n && static_cast<unsigned char>(data[run]) > 0x20 && static_cast<unsigned char>(data[run]) < 0x7F)
      ++run;
    if (run > i) {
      if (pending_space) data[written++] = ' ';
      pending_space = false;
      std::memmove(data + written, data + i, run - i);
      written += run - i;
      i = run;
      continue;
    }
    const auto b = static_cast<unsigned char>(data[i]);
    if (b < 0x80) {  // ASCII whitespace, another control character or DEL
      pending_space = written > from;
      ++i;
      continue;
    }
    const CodePoint d = code_point_at(text, i);
    if (d.valid && is_space_code_point(d.value)) {
      pending_space = written > from;
    } else {
      if (pending_space) data[written++] = ' ';
      pending_space = false;
      std::memmove(data + written, data + i, d.length);
      written += d.length;
    }
    i += d.length;
  }
  text.resize(written);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out(text);
  collapse_whitespace_in_place(out, 0);
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

LineColumn line_column_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn at;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++at.line;
      line_start = i + 1;
    }
  }
  at.column = offset - line_start + 1;
  return at;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace watchdesk::text
