// URL helpers: scheme and host extraction, percent-encoding, loopback and SEC hosts, file URIs.
#include "core/urls.hpp"

#include <cctype>
#include <charconv>

#include "core/text/strings.hpp"

namespace watchdesk {

std::string url_scheme(std::string_view url) {
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  for (std::size_t i = 0; i < colon; ++i) {
    auto c = static_cast<unsigned char>(url[i]);
    bool ok = std::isalpha(c) || (i > 0 && (std::isdigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) return {};
  }
  return text::to_lower_ascii(url.substr(0, colon));
}

std::string url_host(std::string_view url) {
  auto marker = url.find("://");
  if (marker == std::string_view::npos) return {};
  auto authority = url.substr(marker + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return {};
    return text::to_lower_ascii(authority.substr(1, close - 1));
  }
  return text::to_lower_ascii(authority.substr(0, authority.find(':')));
}

std::string percent_encode(std::string_view text, std::string_view keep) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || keep.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 0x0f]);
    }
  }
  return out;
}

bool is_loopback_host(std::string_view host) {
  auto h = text::to_lower_ascii(host);
  if (h == "localhost" || h == "::1") return true;
  // 127.x.y.z, each part a number up to 255.
  if (!h.starts_with("127.")) return false;
  std::string_view rest = h;
  int parts = 0;
  while (!rest.empty()) {
    auto dot = rest.find('.');
    auto part = rest.substr(0, dot);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size() || value > 255) return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
    if (rest.empty()) return false;
  }
  return parts == 4;
}

bool is_sec_host(std::string_view host) {
  std::string lower = text::to_lower_ascii(host);
  if (!lower.empty() && lower.back() == '.') lower.pop_back();  // fully qualified `sec.gov.`
  constexpr std::string_view domain = "sec.gov";
  if (lower == domain) return true;
  return lower.size() > domain.size() + 1 && lower.ends_with(domain) && lower[lower.size() - domain.size() - 1] == '.';
}

std::string file_uri(const std::filesystem::path& path, std::string_view query) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) absolute = path;
  std::string uri = "file://" + percent_encode(absolute.lexically_normal().string(), "/");
  if (!query.empty()) {
    uri += '?';
    uri += query;
  }
  return uri;
}

}  // namespace watchdesk
