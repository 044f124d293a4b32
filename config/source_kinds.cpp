// The rows of the source-kind table.
#include "config/source_kinds.hpp"

#include <array>

#include "config/default_urls.hpp"
#include "core/urls.hpp"

namespace watchdesk::config {
namespace {

using Keys = std::span<const std::string_view>;

constexpr std::array<std::string_view, 5> kCommonKeys{"kind", "every", "url", "jitter", "max_body"};

constexpr std::array<std::string_view, 2> kFilingsKeys{"cik", "forms"};
constexpr std::array<std::string_view, 3> kCurrentKeys{"forms", "ciks", "companies"};
constexpr std::array<std::string_view, 2> kSubmissionsKeys{"cik", "forms"};
constexpr std::array<std::string_view, 1> kFactsKeys{"cik"};
constexpr std::array<std::string_view, 4> kSearchKeys{"query", "forms", "ciks", "since"};
constexpr std::array<std::string_view, 6> kPriceKeys{"provider", "fallback", "fallback_url", "symbol", "history",
                                                     "api_key"};
constexpr std::array<std::string_view, 3> kJobsKeys{"provider", "board", "match"};

constexpr std::array<std::string_view, 2> kFactsSeries{"revenue_ttm", "shares_outstanding"};
constexpr std::array<std::string_view, 5> kPriceSeries{"close", "open", "high", "low", "volume"};
constexpr std::array<std::string_view, 1> kJobsSeries{"open_roles"};

const std::array<SourceKindSpec, 8> kKinds{{
    {SourceKind::edgar_filings, "edgar-filings", "EDGAR company filings Atom feed", kFilingsKeys, {},
     Yields::filings, true, Media::xml, false, &edgar_filings_url},
    {SourceKind::edgar_current, "edgar-current", "EDGAR latest filings Atom feed (all companies)", kCurrentKeys, {},
     Yields::filings, true, Media::xml, false, &edgar_current_url},
    {SourceKind::edgar_submissions, "edgar-submissions", "EDGAR submissions JSON of one company", kSubmissionsKeys,
     {}, Yields::filings, true, Media::json, false, &edgar_submissions_url},
    {SourceKind::edgar_facts, "edgar-facts", "EDGAR XBRL company facts: revenue_ttm, shares_outstanding",
     kFactsKeys, kFactsSeries, Yields::series, true, Media::json, false, &edgar_facts_url},
    {SourceKind::edgar_search, "edgar-search", "EDGAR full-text search", kSearchKeys, {}, Yields::filings, true,
     Media::json, false, &edgar_search_url},
    {SourceKind::price, "price", "stock prices: close, open, high, low, volume", kPriceKeys, kPriceSeries,
     Yields::series, false, Media::csv_or_json, false, &price_source_url},
    {SourceKind::jobs, "jobs", "job board postings: open_roles", kJobsKeys, kJobsSeries, Yields::items, false,
     Media::json, false, &jobs_url},
    {SourceKind::feed, "feed", "RSS 2.0 or Atom 1.0 news feed", {}, {}, Yields::items, false, Media::xml, true,
     &no_default_url},
}};

}  // namespace

std::span<const SourceKindSpec> source_kinds() { return kKinds; }

const SourceKindSpec& spec_of(SourceKind kind) {
  for (const auto& spec : kKinds)
    if (spec.kind == kind) return spec;
  return kKinds.back();
}

bool follows_sec_rules(const Source& source) { return spec_of(source.kind).sec || is_sec_host(url_host(source.url)); }

std::span<const std::string_view> common_source_keys() { return kCommonKeys; }

std::string default_url(const Source& source, TimePoint today) { return spec_of(source.kind).default_url(source, today); }

}  // namespace watchdesk::config
