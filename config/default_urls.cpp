// Default URLs of every source kind, following the endpoint shapes in SOURCES.md.
#include "config/default_urls.hpp"

#include <algorithm>
#include <chrono>

#include "core/text/strings.hpp"
#include "core/urls.hpp"

namespace watchdesk::config {
namespace {

std::string join_encoded(const std::vector<std::string>& items, std::string_view keep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += percent_encode(item, keep);
  }
  return out;
}

// Nasdaq's URLs spell symbols in capitals (`CRWV`).
std::string upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

std::string cik10(std::string_view cik) {
  std::string digits(cik);
  if (digits.size() >= 10) return digits;
  return std::string(10 - digits.size(), '0') + digits;
}

std::string form_prefix(const std::vector<std::string>& forms) {
  const std::string* best = nullptr;
  for (const auto& candidate : forms) {
    bool prefix_of_all =
        std::all_of(forms.begin(), forms.end(), [&](const std::string& form) { return form.starts_with(candidate); });
    if (prefix_of_all && (best == nullptr || candidate.size() < best->size())) best = &candidate;
  }
  return best ? *best : std::string();
}

std::string stooq_symbol(std::string_view symbol) {
  std::string out = text::to_lower_ascii(symbol);
  if (!out.empty() && out.find('.') == std::string::npos && out.front() != '^') out += ".us";
  return out;
}

std::string price_url(PriceProvider provider, std::string_view symbol, PriceHistory history, TimePoint today) {
  switch (provider) {
    case PriceProvider::stooq: {
      const std::string s = stooq_symbol(symbol);
      if (history == PriceHistory::daily) return "https://stooq.com/q/d/l/?s=" + percent_encode(s) + "&i=d";
      return "https://stooq.com/q/l/?s=" + percent_encode(s) + "&f=sd2t2ohlcv&h&e=csv";
    }
    case PriceProvider::yahoo:
      return "https://query1.finance.yahoo.com/v8/finance/chart/" + percent_encode(symbol, "^=") +
             "?range=1mo&interval=1d";
    case PriceProvider::nasdaq: {
      const std::string base = "https://api.nasdaq.com/api/quote/" + percent_encode(upper_ascii(symbol));
      if (history == PriceHistory::latest) return base + "/info?assetclass=stocks";
      const TimePoint from = today - std::chrono::days{31};
      return base + "/historical?assetclass=stocks&fromdate=" + format_date(from) +
             "&limit=" + std::to_string(kNasdaqHistoryRows);
    }
  }
  return {};
}

std::string edgar_filings_url(const Source& source, TimePoint) {
  return "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=" + source.cik +
         "&type=" + percent_encode(form_prefix(source.forms), "/") + "&dateb=&owner=include&count=40&output=atom";
}

std::string edgar_current_url(const Source& source, TimePoint) {
  return "https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=" +
         percent_encode(form_prefix(source.forms), "/") + "&company=&dateb=&owner=include&start=0&count=100&output=atom";
}

std::string edgar_submissions_url(const Source& source, TimePoint) {
  return "https://data.sec.gov/submissions/CIK" + cik10(source.cik) + ".json";
}

std::string edgar_facts_url(const Source& source, TimePoint) {
  return "https://data.sec.gov/api/xbrl/companyfacts/CIK" + cik10(source.cik) + ".json";
}

std::string edgar_search_url(const Source& source, TimePoint today) {
  std::string url = "https://efts.sec.gov/LATEST/search-index?q=" + percent_encode(source.query);
  if (!source.forms.empty()) url += "&forms=" + join_encoded(source.forms, "/");
  if (!source.ciks.empty()) {
    std::vector<std::string> padded;
    for (const auto& cik : source.ciks) padded.push_back(cik10(cik));
    url += "&ciks=" + join_encoded(padded, "");
  }
  const auto start = source.since ? *source.since : today - std::chrono::days{365};
  url += "&dateRange=custom&startdt=" + format_date(start) + "&enddt=" + format_date(today);
  return url;
}

std::string price_source_url(const Source& source, TimePoint today) {
  return price_url(source.price_provider, source.symbol, source.history ? PriceHistory::daily : PriceHistory::latest,
                   today);
}

std::string jobs_url(const Source& source, TimePoint) {
  switch (source.jobs_provider) {
    case JobsProvider::greenhouse:
      return "https://boards-api.greenhouse.io/v1/boards/" + percent_encode(source.board) + "/jobs?content=true";
    case JobsProvider::lever: return "https://api.lever.co/v0/postings/" + percent_encode(source.board) + "?mode=json";
    case JobsProvider::ashby: return "https://api.ashbyhq.com/posting-api/job-board/" + percent_encode(source.board);
  }
  return {};
}

std::string no_default_url(const Source&, TimePoint) { return {}; }

}  // namespace watchdesk::config
