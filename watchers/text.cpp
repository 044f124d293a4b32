// Text helpers: HTML stripping, character references, UTF-8 checks, whitespace and word matching.
#include "watchers/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>

namespace watchdesk::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

CodePoint decode_at(std::string_view s, std::size_t i) {
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

// windows-1252 code points for the bytes 0x80-0x9F (undefined bytes keep their C1 value).
constexpr std::array<char16_t, 32> kWindows1252High{
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

struct NamedEntity {
  std::string_view name;
  char32_t cp;
};

// The HTML 4 named character references plus `&apos;`, sorted by name for binary search.
constexpr NamedEntity kEntities[] = {
    {"AElig", 0xC6}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Agrave", 0xC0}, {"Alpha", 0x391},
    {"Aring", 0xC5}, {"Atilde", 0xC3}, {"Auml", 0xC4}, {"Beta", 0x392}, {"Ccedil", 0xC7},
    {"Chi", 0x3A7}, {"Dagger", 0x2021}, {"Delta", 0x394}, {"ETH", 0xD0}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA}, {"Egrave", 0xC8}, {"Epsilon", 0x395}, {"Eta", 0x397}, {"Euml", 0xCB},
    {"Gamma", 0x393}, {"Iacute", 0xCD}, {"Icirc", 0xCE}, {"Igrave", 0xCC}, {"Iota", 0x399},
    {"Iuml", 0xCF}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Ntilde", 0xD1},
    {"Nu", 0x39D}, {"OElig", 0x152}, {"Oacute", 0xD3}, {"Ocirc", 0xD4}, {"Ograve", 0xD2},
    {"Omega", 0x3A9}, {"Omicron", 0x39F}, {"Oslash", 0xD8}, {"Otilde", 0xD5}, {"Ouml", 0xD6},
    {"Phi", 0x3A6}, {"Pi", 0x3A0}, {"Prime", 0x2033}, {"Psi", 0x3A8}, {"Rho", 0x3A1},
    {"Scaron", 0x160}, {"Sigma", 0x3A3}, {"THORN", 0xDE}, {"Tau", 0x3A4}, {"Theta", 0x398},
    {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Ugrave", 0xD9}, {"Upsilon", 0x3A5}, {"Uuml", 0xDC},
    {"Xi", 0x39E}, {"Yacute", 0xDD}, {"Yuml", 0x178}, {"Zeta", 0x396}, {"aacute", 0xE1},
    {"acirc", 0xE2}, {"acute", 0xB4}, {"aelig", 0xE6}, {"agrave", 0xE0}, {"alefsym", 0x2135},
    {"alpha", 0x3B1}, {"amp", 0x26}, {"and", 0x2227}, {"ang", 0x2220}, {"apos", 0x27},
    {"aring", 0xE5}, {"asymp", 0x2248}, {"atilde", 0xE3}, {"auml", 0xE4}, {"bdquo", 0x201E},
    {"beta", 0x3B2}, {"brvbar", 0xA6}, {"bull", 0x2022}, {"cap", 0x2229}, {"ccedil", 0xE7},
    {"cedil", 0xB8}, {"cent", 0xA2}, {"chi", 0x3C7}, {"circ", 0x2C6}, {"clubs", 0x2663},
    {"cong", 0x2245}, {"copy", 0xA9}, {"crarr", 0x21B5}, {"cup", 0x222A}, {"curren", 0xA4},
    {"dArr", 0x21D3}, {"dagger", 0x2020}, {"darr", 0x2193}, {"deg", 0xB0}, {"delta", 0x3B4},
    {"diams", 0x2666}, {"divide", 0xF7}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"egrave", 0xE8},
    {"empty", 0x2205}, {"emsp", 0x2003}, {"ensp", 0x2002}, {"epsilon", 0x3B5}, {"equiv", 0x2261},
    {"eta", 0x3B7}, {"eth", 0xF0}, {"euml", 0xEB}, {"euro", 0x20AC}, {"exist", 0x2203},
    {"fnof", 0x192}, {"forall", 0x2200}, {"frac12", 0xBD}, {"frac14", 0xBC}, {"frac34", 0xBE},
    {"frasl", 0x2044}, {"gamma", 0x3B3}, {"ge", 0x2265}, {"gt", 0x3E}, {"hArr", 0x21D4},
    {"harr", 0x2194}, {"hearts", 0x2665}, {"hellip", 0x2026}, {"iacute", 0xED}, {"icirc", 0xEE},
    {"iexcl", 0xA1}, {"igrave", 0xEC}, {"image", 0x2111}, {"infin", 0x221E}, {"int", 0x222B},
    {"iota", 0x3B9}, {"iquest", 0xBF}, {"isin", 0x2208}, {"iuml", 0xEF}, {"kappa", 0x3BA},
    {"lArr", 0x21D0}, {"lambda", 0x3BB}, {"lang", 0x2329}, {"laquo", 0xAB}, {"larr", 0x2190},
    {"lceil", 0x2308}, {"ldquo", 0x201C}, {"le", 0x2264}, {"lfloor", 0x230A}, {"lowast", 0x2217},
    {"loz", 0x25CA}, {"lrm", 0x200E}, {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", 0x3C},
    {"macr", 0xAF}, {"mdash", 0x2014}, {"micro", 0xB5}, {"middot", 0xB7}, {"minus", 0x2212},
    {"mu", 0x3BC}, {"nabla", 0x2207}, {"nbsp", 0xA0}, {"ndash", 0x2013}, {"ne", 0x2260},
    {"ni", 0x220B}, {"not", 0xAC}, {"notin", 0x2209}, {"nsub", 0x2284}, {"ntilde", 0xF1},
    {"nu", 0x3BD}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"oelig", 0x153}, {"ograve", 0xF2},
    {"oline", 0x203E}, {"omega", 0x3C9}, {"omicron", 0x3BF}, {"oplus", 0x2295}, {"or", 0x2228},
    {"ordf", 0xAA}, {"ordm", 0xBA}, {"oslash", 0xF8}, {"otilde", 0xF5}, {"otimes", 0x2297},
    {"ouml", 0xF6}, {"para", 0xB6}, {"part", 0x2202}, {"permil", 0x2030}, {"perp", 0x22A5},
    {"phi", 0x3C6}, {"pi", 0x3C0}, {"piv", 0x3D6}, {"plusmn", 0xB1}, {"pound", 0xA3},
    {"prime", 0x2032}, {"prod", 0x220F}, {"prop", 0x221D}, {"psi", 0x3C8}, {"quot", 0x22},
    {"rArr", 0x21D2}, {"radic", 0x221A}, {"rang", 0x232A}, {"raquo", 0xBB}, {"rarr", 0x2192},
    {"rceil", 0x2309}, {"rdquo", 0x201D}, {"real", 0x211C}, {"reg", 0xAE}, {"rfloor", 0x230B},
    {"rho", 0x3C1}, {"rlm", 0x200F}, {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"scaron", 0x161}, {"sdot", 0x22C5}, {"sect", 0xA7}, {"shy", 0xAD}, {"sigma", 0x3C3},
    {"sigmaf", 0x3C2}, {"sim", 0x223C}, {"spades", 0x2660}, {"sub", 0x2282}, {"sube", 0x2286},
    {"sum", 0x2211}, {"sup", 0x2283}, {"sup1", 0xB9}, {"sup2", 0xB2}, {"sup3", 0xB3},
    {"supe", 0x2287}, {"szlig", 0xDF}, {"tau", 0x3C4}, {"there4", 0x2234}, {"theta", 0x3B8},
    {"thetasym", 0x3D1}, {"thinsp", 0x2009}, {"thorn", 0xFE}, {"tilde", 0x2DC}, {"times", 0xD7},
    {"trade", 0x2122}, {"uArr", 0x21D1}, {"uacute", 0xFA}, {"uarr", 0x2191}, {"ucirc", 0xFB},
    {"ugrave", 0xF9}, {"uml", 0xA8}, {"upsih", 0x3D2}, {"upsilon", 0x3C5}, {"uuml", 0xFC},
    {"weierp", 0x2118}, {"xi", 0x3BE}, {"yacute", 0xFD}, {"yen", 0xA5}, {"yuml", 0xFF},
    {"zeta", 0x3B6}, {"zwj", 0x200D}, {"zwnj", 0x200C},
};

std::optional<char32_t> lookup_entity(std::string_view name) {
  const auto* end = std::end(kEntities);
  const auto* it = std::lower_bound(std::begin(kEntities), end, name,
                                    [](const NamedEntity& e, std::string_view n) { return e.name < n; });
  if (it == end || it->name != name) return std::nullopt;
  return it->cp;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A numeric character reference's value as HTML reads it.
char32_t numeric_reference_value(std::uint32_t value, bool overflow) {
  if (overflow || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
    return kReplacement;
  if (value >= 0x80 && value <= 0x9F) return kWindows1252High[value - 0x80];
  return value;
}

// Appends `text` to `out` with its character references decoded.
void decode_entities_into(std::string& out, std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    const std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      return;
    }
    out.append(text.substr(i, amp - i));
    std::size_t j = amp + 1;
    if (j < n && text[j] == '#') {
      ++j;
      int base = 10;
      if (j < n && (text[j] == 'x' || text[j] == 'X')) {
        base = 16;
        ++j;
      }
      const std::size_t digits_start = j;
      std::uint32_t value = 0;
      bool overflow = false;
      while (j < n) {
        const int d = base == 16 ? hex_value(text[j]) : (text[j] >= '0' && text[j] <= '9' ? text[j] - '0' : -1);
        if (d < 0) break;
        value = value * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
        if (value > 0x10FFFF) {
          overflow = true;
          value = 0x110000;
        }
        ++j;
      }
      if (j > digits_start && j < n && text[j] == ';') {
        append_utf8(out, numeric_reference_value(value, overflow));
        i = j + 1;
        continue;
      }
    } else {
      constexpr std::size_t kMaxName = 32;
      while (j < n && j - amp - 1 < kMaxName && is_ascii_alnum(text[j])) ++j;
      if (j > amp + 1 && j < n && text[j] == ';') {
        if (auto cp = lookup_entity(text.substr(amp + 1, j - amp - 1))) {
          append_utf8(out, *cp);
          i = j + 1;
          continue;
        }
      }
    }
    out += '&';
    i = amp + 1;
  }
}

bool is_space_cp(char32_t cp) {
  return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
         cp == 0xFEFF;
}

// Letters and digits for whole-word matching (see `contains_word`).
bool is_word_cp(char32_t cp) {
  if (cp < 0x80) return is_ascii_alnum(static_cast<char>(cp));
  if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, math, shapes
  if (cp >= 0x2E00 && cp <= 0x2E7F) return false;  // supplemental punctuation
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK symbols and punctuation
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;  // private use
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;  // vertical and small forms
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // fullwidth punctuation
  if (cp >= 0xFF1A && cp <= 0xFF20) return false;
  if (cp >= 0xFF3B && cp <= 0xFF40) return false;
  if (cp >= 0xFF5B && cp <= 0xFF65) return false;
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;  // specials, U+FFFD
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji and pictographs
  return true;
}

// The lower-case counterpart of a two-byte code point, or `cp` itself.
char32_t fold_two_byte(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
  if (cp >= 0x100 && cp <= 0x17F) {
    if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (cp == 0x178) return 0xFF;
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if (odd_upper) return (cp % 2 == 1) ? cp + 1 : cp;
    return (cp % 2 == 0) ? cp + 1 : cp;
  }
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 0x25;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 0x3F;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
  return cp;
}

// The code point that ends just before byte `pos` of `s` (nullopt at the start or when invalid).
std::optional<char32_t> code_point_before(std::string_view s, std::size_t pos) {
  if (pos == 0) return std::nullopt;
  std::size_t start = pos - 1;
  for (int back = 0; back < 3 && start > 0 && is_continuation(static_cast<unsigned char>(s[start])); ++back)
    --start;
  const CodePoint d = decode_at(s, start);
  if (!d.valid || start + d.length != pos) return std::nullopt;
  return d.value;
}

std::optional<char32_t> valid_code_point_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return std::nullopt;
  const CodePoint d = decode_at(s, pos);
  if (!d.valid) return std::nullopt;
  return d.value;
}

bool is_word_at_boundary(std::optional<char32_t> cp) { return cp && is_word_cp(*cp); }

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ci(std::string_view s, std::size_t pos, std::string_view prefix) {
  if (s.size() - pos < prefix.size()) return false;
  return iequals(s.substr(pos, prefix.size()), prefix);
}

bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 34> kBlock{
      "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
      "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
      "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "img"};
  return std::find(kBlock.begin(), kBlock.end(), name) != kBlock.end();
}

// The offset of the `>` that ends a tag whose attributes start at `from` (a `>` inside a quoted
// attribute value does not count), or `html.size()` when the tag is unterminated.
std::size_t tag_end(std::string_view html, std::size_t from) {
  const std::size_t n = html.size();
  while (from < n) {
    const std::size_t gt = html.find('>', from);
    if (gt == std::string_view::npos) return n;
    // The first quote before that `>`, if any, opens a value that may hold it.
    const std::string_view span = html.substr(from, gt - from);
    const std::size_t double_quote = span.find('"');
    const std::size_t single_quote = span.find('\'');
    const std::size_t quote = std::min(double_quote, single_quote);
    if (quote == std::string_view::npos) return gt;
    const std::size_t close = html.find(span[quote], from + quote + 1);
    if (close == std::string_view::npos) return n;
    from = close + 1;
  }
  return n;
}

// The first whole-word occurrence of `folded_word` in `folded_text` at or after `from`, or npos.
std::size_t find_folded_word(std::string_view folded_text, std::string_view folded_word, std::size_t from) {
  if (folded_word.empty() || folded_word.size() > folded_text.size()) return std::string_view::npos;
  for (std::size_t pos = folded_text.find(folded_word, from); pos != std::string_view::npos;
       pos = folded_text.find(folded_word, pos + 1)) {
    if (is_whole_word(folded_text, {pos, pos + folded_word.size()})) return pos;
  }
  return std::string_view::npos;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  decode_entities_into(out, text);
  return out;
}

void append_html_text(std::string& out, std::string_view html) {
  const std::size_t start = out.size();
  const std::size_t n = html.size();
  std::size_t i = 0;
  while (i < n) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) {
      decode_entities_into(out, html.substr(i));
      break;
    }
    decode_entities_into(out, html.substr(i, lt - i));
    i = lt;
    const std::string_view rest = html.substr(i);
    if (rest.starts_with("<!--")) {
      const std::size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t end = html.find("]]>", i + 9);
      out.append(html.substr(i + 9, (end == std::string_view::npos ? n : end) - i - 9));
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    const char next = i + 1 < n ? html[i + 1] : '\0';
    const bool closing = next == '/';
    const bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    const bool after_slash_letter =
        closing && i + 2 < n &&
        ((html[i + 2] >= 'a' && html[i + 2] <= 'z') || (html[i + 2] >= 'A' && html[i + 2] <= 'Z'));
    if (next == '!' || next == '?') {
      const std::size_t end = html.find('>', i);
      i = end == std::string_view::npos ? n : end + 1;
      continue;
    }
    if (!letter && !after_slash_letter) {
      out += '<';
      ++i;
      continue;
    }
    // A tag: read its name (lowered, at most 16 bytes kept), then skip to its `>` (quoted
    // attribute values may hold `>`).
    std::size_t j = i + (closing ? 2 : 1);
    std::array<char, 16> name_buffer{};
    std::size_t name_size = 0;
    while (j < n && (is_ascii_alnum(html[j]) || html[j] == '-' || html[j] == ':')) {
      if (name_size < name_buffer.size()) name_buffer[name_size++] = ascii_lower(html[j]);
      ++j;
    }
    const std::string_view name(name_buffer.data(), name_size);
    j = tag_end(html, j);
    if (j >= n) break;  // an unterminated tag at the end: drop it
    i = j + 1;
    if (!closing && (name == "script" || name == "style")) {
      const std::string end_tag = "</" + std::string(name);
      std::size_t k = html.find("</", i);
      while (k != std::string_view::npos && !starts_with_ci(html, k, end_tag)) k = html.find("</", k + 2);
      if (k == std::string_view::npos) k = n;
      if (k >= n) {
        i = n;
      } else {
        const std::size_t gt = html.find('>', k);
        i = gt == std::string_view::npos ? n : gt + 1;
      }
      continue;
    }
    if (is_block_tag(name)) out += ' ';
  }
  collapse_whitespace_in_place(out, start);
}

std::string strip_html(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  append_html_text(out, html);
  return out;
}

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
    const CodePoint d = decode_at(text, i);
    if (d.valid && is_space_cp(d.value)) {
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
    const CodePoint d = decode_at(text, i);
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
    const CodePoint d = decode_at(text, i);
    if (d.valid) {
      out.append(text.substr(i, d.length));
    } else {
      append_utf8(out, kReplacement);
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
    append_utf8(out, b < 0xA0 ? char32_t{kWindows1252High[b - 0x80]} : char32_t{b});
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

CodePoint code_point_at(std::string_view text, std::size_t offset) { return decode_at(text, offset); }

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

std::string fold_case(std::string_view text) {
  std::string out;
  fold_case_into(out, text);
  return out;
}

void fold_case_into(std::string& out, std::string_view text) {
  out.assign(text);
  std::size_t i = 0;
  while (i < out.size()) {
    const auto b = static_cast<unsigned char>(out[i]);
    if (b < 0x80) {
      out[i] = ascii_lower(out[i]);
      ++i;
      continue;
    }
    const CodePoint d = decode_at(out, i);
    if (d.valid && d.length == 2) {
      const char32_t folded = fold_two_byte(d.value);
      if (folded != d.value) {
        out[i] = static_cast<char>(0xC0 | (folded >> 6));
        out[i + 1] = static_cast<char>(0x80 | (folded & 0x3F));
      }
    }
    i += d.length;
  }
}

bool contains_word(std::string_view text, std::string_view word) {
  word = trim(word);
  if (word.empty() || word.size() > text.size()) return false;
  return contains_folded_word(fold_case(text), fold_case(word));
}

bool contains_folded_word(std::string_view folded_text, std::string_view folded_word) {
  return find_folded_word(folded_text, trim(folded_word), 0) != std::string_view::npos;
}

bool contains_any_word(std::string_view text, const std::vector<std::string>& words) {
  if (words.empty()) return false;
  const std::string folded = fold_case(text);
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& word) { return contains_folded_word(folded, fold_case(word)); });
}

std::vector<Span> find_words(std::string_view text, std::string_view word) {
  std::vector<Span> found;
  word = trim(word);
  if (word.empty() || word.size() > text.size()) return found;
  // Folding keeps byte lengths, so offsets in the folded text are offsets in `text`.
  const std::string folded_text = fold_case(text);
  const std::string folded_word = fold_case(word);
  for (std::size_t pos = find_folded_word(folded_text, folded_word, 0); pos != std::string_view::npos;
       pos = find_folded_word(folded_text, folded_word, pos + 1))
    found.push_back({pos, pos + folded_word.size()});
  return found;
}

bool is_whole_word(std::string_view text, Span span) {
  if (span.begin >= span.end || span.end > text.size()) return false;
  const std::string_view word = text.substr(span.begin, span.end - span.begin);
  const bool starts_with_letter = is_word_at_boundary(valid_code_point_at(word, 0));
  const bool ends_with_letter = is_word_at_boundary(code_point_before(word, word.size()));
  const bool glued_before = starts_with_letter && is_word_at_boundary(code_point_before(text, span.begin));
  const bool glued_after = ends_with_letter && is_word_at_boundary(valid_code_point_at(text, span.end));
  return !glued_before && !glued_after;
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
