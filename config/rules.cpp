// The cross-cutting rules of a configuration.
#include "config/rules.hpp"

#include <algorithm>

#include "config/source_kinds.hpp"
#include "core/urls.hpp"

namespace watchdesk::config {
namespace {

bool is_printable_ascii(char c) { return c >= 0x20 && c < 0x7F; }

bool is_email_char(char c) {
  const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return alnum || std::string_view("._%+-").find(c) != std::string_view::npos;
}

// The email around the `@` at `at` in `text`: `local@domain.tld` in ASCII, the local part and the
// domain made of `is_email_char`, the domain with a dot that neither starts nor ends it.
bool is_email_at(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && is_email_char(text[begin - 1])) --begin;
  std::size_t end = at + 1;
  while (end < text.size() && is_email_char(text[end])) ++end;
  const auto domain = text.substr(at + 1, end - at - 1);
  const auto dot = domain.rfind('.');
  return begin < at && dot != std::string_view::npos && dot > 0 && dot + 1 < domain.size() && domain.front() != '.';
}

}  // namespace

bool has_email(std::string_view text) {
  for (auto at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1))
    if (is_email_at(text, at)) return true;
  return false;
}

bool valid_mail_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '@' || is_email_char(c); }) &&
         is_email_at(text, at);
}

std::optional<std::string> user_agent_problem(std::string_view user_agent) {
  for (char c : user_agent) {
    if (is_printable_ascii(c)) continue;
    if (static_cast<unsigned char>(c) >= 0x80)
      return std::string("must be plain ASCII (it is sent as an HTTP header); write non-ASCII letters without accents");
    return std::string("must be one line without control characters");
  }
  return std::nullopt;
}

const Source* source_breaking_sec_user_agent(std::string_view user_agent, const std::vector<Source>& sources,
                                             const std::function<bool(std::size_t)>& counted) {
  if (has_email(user_agent)) return nullptr;
  for (std::size_t i = 0; i < sources.size(); ++i)
    if ((!counted || counted(i)) && follows_sec_rules(sources[i])) return &sources[i];
  return nullptr;
}

std::optional<std::string> file_url_problem(const Source& source, const Settings& settings) {
  if (url_scheme(source.url) != "file" || settings.allow_file_urls) return std::nullopt;
  return "[sources." + source.id +
         "] file: URLs read local snapshots; set allow_file_urls = true in [watchdesk] to allow them (offline "
         "demos and tests only)";
}

std::optional<std::string> webhook_value_problem(const Secret& webhook) {
  const std::string& value = webhook.reveal();
  const auto scheme = url_scheme(value);
  const bool spaces = std::any_of(value.begin(), value.end(), [](char c) { return !is_printable_ascii(c) || c == ' '; });
  if ((scheme == "https" || scheme == "http") && !url_host(value).empty() && !spaces) return std::nullopt;
  return std::string("is not an https:// URL (a Slack incoming-webhook URL)");
}

}  // namespace watchdesk::config
