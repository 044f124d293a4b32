// Slack, e-mail and webhook renderings of an alert JSON document.
#include "daemon/delivery/message_format.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "daemon/digest/digest_render.hpp"

namespace watchdesk::delivery {
namespace {

namespace json = boost::json;

std::string str(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return {};
  return std::string(it->value().get_string());
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xf];
  }
  return out;
}

std::string base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()), static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c == '\r' || c == '\n') return false;
  return true;
}

// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks under 76 characters.
std::string quoted_printable(std::string_view text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto put = [&](std::string_view piece) {
    if (line + piece.size() > 75) {
      out += "=\r\n";
      line = 0;
    }
    out += piece;
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\r\n";
      line = 0;
      continue;
    }
    if (c == '\r') continue;
    bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !at_line_end)) {
      char ch = static_cast<char>(c);
      put(std::string_view(&ch, 1));
    } else {
      char enc[3] = {'=', digits[c >> 4], digits[c & 0xf]};
      put(std::string_view(enc, 3));
    }
  }
  return out;
}

std::string rfc5322_date(TimePoint t) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day_point = floor<std::chrono::days>(t);
  year_month_day ymd{day_point};
  weekday wd{day_point};
  hh_mm_ss hms{t - day_point};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", days[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), months[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

// Removes CR and LF so a value cannot inject headers.
std::string header_value(std::string_view v) {
  std::string out;
  for (char c : v)
    if (c != '\r' && c != '\n') out += c;
  return out;
}

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return "localhost";
  auto d = address.substr(at + 1);
  while (!d.empty() && (d.back() == '>' || d.back() == ' ')) d.remove_suffix(1);
  return std::string(d);
}

bool is_digest(const json::object& document) { return str(document, "kind") == "digest"; }

// A digest for Slack: its Markdown as the fallback text and in sections of at most 2900 characters,
// cut at line ends.
std::string slack_digest_payload(const json::object& digest) {
  const std::string markdown = digest::digest_markdown(digest);
  json::array blocks;
  blocks.push_back(json::object{
      {"type", "header"}, {"text", json::object{{"type", "plain_text"}, {"text", str(digest, "title").substr(0, 150)}}}});
  std::size_t at = 0;
  while (at < markdown.size() && blocks.size() < 50) {
    std::size_t end = std::min(at + 2900, markdown.size());
    if (end < markdown.size()) {
      const auto line_end = markdown.rfind('\n', end);
      if (line_end != std::string::npos && line_end > at) end = line_end + 1;
    }
    blocks.push_back(json::object{{"type", "section"},
                                  {"text", json::object{{"type", "mrkdwn"}, {"text", markdown.substr(at, end - at)}}}});
    at = end;
  }
  return json::serialize(json::object{{"text", markdown.substr(0, 3000)}, {"blocks", std::move(blocks)}});
}

}  // namespace

std::string alert_text(const json::object& alert) {
  std::string out = str(alert, "title") + "\n";
  out += "status: " + str(alert, "status") + " | trigger: " + str(alert, "trigger") + " | id: " +
         str(alert, "id") + "\n";
  auto summary = str(alert, "summary");
  if (!summary.empty()) out += "\n" + summary + "\n";
  if (auto it = alert.find("facts"); it != alert.end() && it->value().is_object() &&
                                      !it->value().get_object().empty()) {
    out += "\n";
    for (const auto& kv : it->value().get_object()) {
      out += std::string(kv.key()) + ": ";
      out += kv.value().is_string() ? std::string(kv.value().get_string()) : json::serialize(kv.value());
      out += "\n";
    }
  }
  if (auto it = alert.find("evidence"); it != alert.end() && it->value().is_array()) {
    out += "\nevidence:\n";
    for (const auto& e : it->value().get_array()) {
      if (!e.is_object()) continue;
      const auto& eo = e.get_object();
      out += "  signal " + str(eo, "signal") + " (" + str(eo, "source") + ") " + str(eo, "url") + "\n";
    }
  }
  out += "\nobserved " + str(alert, "observed_at");
  auto published = str(alert, "published_at");
  if (!published.empty()) out += ", published " + published;
  out += "\n";
  return out;
}

std::string slack_payload(const json::object& alert) {
  if (is_digest(alert)) return slack_digest_payload(alert);
  const std::string title = str(alert, "title");
  const std::string status = str(alert, "status");
  json::array blocks;
  blocks.push_back(json::object{
      {"type", "header"}, {"text", json::object{{"type", "plain_text"}, {"text", title.substr(0, 150)}}}});
  std::string body = "*" + status + "*";
  auto summary = str(alert, "summary");
  if (!summary.empty()) body += "\n" + summary;
  blocks.push_back(json::object{{"type", "section"},
                                {"text", json::object{{"type", "mrkdwn"}, {"text", body.substr(0, 2900)}}}});
  // Context: the evidence links, then the alert id (what `watchdesk alerts` and receivers key on).
  json::array context;
  if (auto it = alert.find("evidence"); it != alert.end() && it->value().is_array()) {
    std::string lines;
    for (const auto& e : it->value().get_array()) {
      if (!e.is_object()) continue;
      const auto& eo = e.get_object();
      auto url = str(eo, "url");
      lines += "• signal `" + str(eo, "signal") + "` " + (url.empty() ? str(eo, "source") : "<" + url + "|" + str(eo, "source") + ">") + "\n";
    }
    if (!lines.empty()) context.push_back(json::object{{"type", "mrkdwn"}, {"text", lines.substr(0, 2900)}});
  }
  const std::string id = str(alert, "id");
  if (!id.empty()) context.push_back(json::object{{"type", "mrkdwn"}, {"text", "alert `" + id.substr(0, 2900) + "`"}});
  if (!context.empty()) blocks.push_back(json::object{{"type", "context"}, {"elements", std::move(context)}});
  json::object payload{{"text", "[" + status + "] " + title}, {"blocks", std::move(blocks)}};
  return json::serialize(payload);
}

std::string encode_header_word(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  // RFC 2047: an encoded-word is at most 75 characters, a line holding one at most 76, and no
  // word splits a character. 39 bytes make 52 base64 characters, a 64-character word, so even
  // `Subject: ` plus the first word fits.
  constexpr std::size_t max_bytes = 39;
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(at + max_bytes, text.size());
    // Back up to the start of a character (never past `at`: a lone continuation byte goes as is).
    while (end < text.size() && end > at + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

EmailEnvelope email_message(const json::object& alert, std::string_view from,
                            const std::vector<std::string>& to, TimePoint now) {
  EmailEnvelope env;
  env.from = std::string(from);
  env.to = to;
  std::string to_line;
  for (const auto& r : to) to_line += (to_line.empty() ? "" : ", ") + header_value(r);
  const std::string id = str(alert, "id");
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  EVP_Digest(id.data(), id.size(), digest.data(), &len, EVP_sha256(), nullptr);
  std::string& m = env.message;
  m += "Date: " + rfc5322_date(now) + "\r\n";
  m += "Message-ID: <" + hex(digest.data(), 16) + "." + std::to_string(now.time_since_epoch().count()) +
       "@" + domain_of(from) + ">\r\n";
  m += "From: " + header_value(from) + "\r\n";
  m += "To: " + to_line + "\r\n";
  m += "Subject: " + encode_header_word(header_value("[watchdesk] " + str(alert, "title"))) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "X-Watchdesk-Alert-Id: " + header_value(id) + "\r\n";
  if (is_digest(alert)) {
    // A digest goes as multipart/alternative: its Markdown as plain text, then HTML. The boundary
    // starts with `=_`, which quoted-printable text never contains (`=` is always followed by two
    // hex digits or a line end there).
    const std::string boundary = "=_watchdesk_" + hex(digest.data(), 12);
    m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    m += "\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    m += quoted_printable(digest::digest_markdown(alert));
    m += "\r\n--" + boundary + "\r\n";
    m += "Content-Type: text/html; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    m += quoted_printable(digest::digest_html(alert));
    m += "\r\n--" + boundary + "--\r\n";
    return env;
  }
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: quoted-printable\r\n";
  m += "\r\n";
  m += quoted_printable(alert_text(alert));
  if (m.size() < 2 || m.substr(m.size() - 2) != "\r\n") m += "\r\n";
  return env;
}

std::string webhook_signature(std::string_view secret, std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac.data(), &len);
  return "sha256=" + hex(mac.data(), len);
}

}  // namespace watchdesk::delivery
