// Building the default URLs of the EDGAR source kinds.
#include "watchers/sources/edgar_urls.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::string common_form_prefix(const std::vector<std::string>& forms) {
  if (forms.empty()) return {};
  std::string prefix(trimmed(forms.front()));
  for (char& c : prefix) c = upper(c);
  for (const auto& form : forms) {
    std::string_view f = trimmed(form);
    std::size_t n = 0;
    while (n < prefix.size() && n < f.size() && upper(f[n]) == prefix[n]) ++n;
    prefix.resize(n);
  }
  return std::string(trimmed(prefix));
}

std::string edgar_filings_url(const config::Source& source) {
  std::string prefix = common_form_prefix(source.forms);
  std::string type = prefix.empty() ? std::string() : "&type=" + percent_encode(prefix);
  return fmt::format("https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK={}{}&dateb=&owner=include"
                     "&count={}&output=atom",
                     percent_encode(pad_cik(source.cik)), type, prefix.empty() ? 100 : 40);
}

std::string edgar_current_url(const config::Source& source) {
  std::string prefix = common_form_prefix(source.forms);
  return fmt::format(
      "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type={}&company=&dateb=&owner=include&start=0"
      "&count=100&output=atom",
      percent_encode(prefix));
}

std::string edgar_submissions_url(const config::Source& source) {
  return fmt::format("https://data.sec.gov/submissions/CIK{}.json", percent_encode(pad_cik(source.cik)));
}

std::string edgar_facts_url(const config::Source& source) {
  return fmt::format("https://data.sec.gov/api/xbrl/companyfacts/CIK{}.json", percent_encode(pad_cik(source.cik)));
}

std::string edgar_search_url(const config::Source& source, TimePoint now) {
  std::string query(trimmed(source.query));
  if (query.find('"') == std::string::npos) query = fmt::format("\"{}\"", query);
  std::string url = fmt::format("https://efts.sec.gov/LATEST/search-index?q={}", percent_encode(query));
  std::string forms;
  for (const auto& form : source.forms) {
    auto f = trimmed(form);
    if (f.empty()) continue;
    if (!forms.empty()) forms += ',';
    forms += percent_encode(f);
  }
  if (!forms.empty()) url += "&forms=" + forms;
  std::vector<std::string> ciks;
  auto add_cik = [&](std::string_view cik) {
    if (trimmed(cik).empty()) return;
    std::string padded = pad_cik(cik);
    if (std::find(ciks.begin(), ciks.end(), padded) == ciks.end()) ciks.push_back(std::move(padded));
  };
  add_cik(source.cik);
  for (const auto& cik : source.ciks) add_cik(cik);
  if (!ciks.empty()) {
    url += "&ciks=";
    for (std::size_t i = 0; i < ciks.size(); ++i) url += (i ? "," : "") + percent_encode(ciks[i]);
  }
  TimePoint start = source.since ? *source.since : now - std::chrono::days{365};
  url += fmt::format("&dateRange=custom&startdt={}&enddt={}", format_date(start), format_date(now));
  return url;
}

std::optional<std::string> edgar_default_url(const config::Source& source, TimePoint now) {
  switch (source.kind) {
    case config::SourceKind::edgar_filings: return edgar_filings_url(source);
    case config::SourceKind::edgar_current: return edgar_current_url(source);
    case config::SourceKind::edgar_submissions: return edgar_submissions_url(source);
    case config::SourceKind::edgar_facts: return edgar_facts_url(source);
    case config::SourceKind::edgar_search: return edgar_search_url(source, now);
    case config::SourceKind::price:
    case config::SourceKind::jobs:
    case config::SourceKind::feed: break;
  }
  return std::nullopt;
}

}  // namespace watchdesk::sources
