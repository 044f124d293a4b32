// Default URLs of the price and job-board sources.
#include "watchers/sources/source_urls.hpp"

namespace watchdesk::sources {
namespace {

// Percent-encodes everything but the RFC 3986 unreserved characters.
std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
                            (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string stooq_symbol(std::string_view symbol) {
  std::string out;
  out.reserve(symbol.size() + 3);
  for (const char c : symbol) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (!out.empty() && out.find('.') == std::string::npos && out.front() != '^') out += ".us";
  return out;
}

std::string price_url(config::PriceProvider provider, std::string_view symbol, PriceSpan span) {
  switch (provider) {
    case config::PriceProvider::stooq: {
      const std::string s = percent_encode(stooq_symbol(symbol));
      if (span == PriceSpan::history) return "https://stooq.com/q/d/l/?s=" + s + "&i=d";
      return "https://stooq.com/q/l/?s=" + s + "&f=sd2t2ohlcv&h&e=csv";
    }
    case config::PriceProvider::yahoo:
      return "https://query1.finance.yahoo.com/v8/finance/chart/" + percent_encode(symbol) +
             "?range=1mo&interval=1d";
  }
  return {};
}

std::string jobs_url(config::JobsProvider provider, std::string_view board) {
  const std::string b = percent_encode(board);
  switch (provider) {
    case config::JobsProvider::greenhouse:
      return "https://boards-api.greenhouse.io/v1/boards/" + b + "/jobs?content=true";
    case config::JobsProvider::lever:
      return "https://api.lever.co/v0/postings/" + b + "?mode=json";
    case config::JobsProvider::ashby:
      return "https://api.ashbyhq.com/posting-api/job-board/" + b;
  }
  return {};
}

std::string default_source_url(const config::Source& source) {
  switch (source.kind) {
    case config::SourceKind::price:
      return price_url(source.price_provider, source.symbol,
                       source.history ? PriceSpan::history : PriceSpan::quote);
    case config::SourceKind::jobs:
      return jobs_url(source.jobs_provider, source.board);
    default:
      return {};
  }
}

}  // namespace watchdesk::sources
