// UTF-8: decoding and encoding code points, validation, repair, ISO-8859-1 and truncation.
#include "core/text/utf8.hpp"

#include <array>
#include <cstdint>
#include <cstring>

namespace watchdesk::text {
namespace {

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// windows-1252 code points for the bytes 0x80-0x9F (undefined bytes keep their C1 value).
constexpr std::array<char16_t, 32> kWindows1252High{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

}  // namespace

CodePoint code_point_at(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1, true};
  std::size_t length = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {0, 1, false};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= s.size()) return {0, k, false};
    const auto b = static_cast<unsigned char>(s[i + k]);
    const bool in_range = k == 1 ? (b >= lo && b <= hi) : is_continuation(b);
    if (!in_range) return {0, k, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, length, true};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

char32_t windows1252_code_point(unsigned char byte) {
  return byte >= 0x80 && byte <= 0x9F ? char32_t{kWindows1252High[byte - 0x80]} : char32_t{byte};
}

// The code point that ends just before byte `pos` of `s` (nullopt at the start or when invalid).
std::optional<char32_t> code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0) return std::nullopt;
  std::size_t start = pos - 1;
  for (int back = 0; back < 3 && start > 0 && is_continuation(static_cast<unsigned char>(s[start])); ++back)
    --start;
  const CodePoint d = code_point_at(s, start);
  if (!d.valid || start + d.length != pos) return std::nullopt;
  return d.value;
}

std::size_t ascii_prefix(std::string_view text) {
  constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if (word & high_bits) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = ascii_prefix(text);
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const CodePoint d = code_point_at(text, i);
    if (!d.valid) return false;
    i += d.length;
  }
  return true;
}

std::string sanitize_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t i = 0;
  while (i < text.size()) {
    const CodePoint d = code_point_at(text, i);
    if (d.valid) {
      out.append(text.substr(i, d.length));
    } else {
      append_utf8(out, kReplacementCharacter);
    }
    i += d.length;
  }
  return out;
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  while (!text.empty()) {
    const std::size_t run = ascii_prefix(text);
    out.append(text.data(), run);
    if (run == text.size()) break;
    const auto b = static_cast<unsigned char>(text[run]);
    append_utf8(out, windows1252_code_point(b));
    text.remove_prefix(run + 1);
  }
  return out;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  for (int back = 0; back < 3 && cut > 0 && is_continuation(static_cast<unsigned char>(text[cut])); ++back)
    --cut;
  return text.substr(0, cut);
}

}  // namespace watchdesk::text
