// Dispatching a fetched document to the parser of its source's kind.
#include "watchers/sources/parse.hpp"

#include <fmt/format.h>

#include "watchers/sources/edgar.hpp"
#include "watchers/sources/edgar_common.hpp"
#include "watchers/sources/feed.hpp"
#include "watchers/sources/jobs.hpp"
#include "watchers/sources/price.hpp"

namespace watchdesk::sources {
namespace {

// The media type an EDGAR kind is served with, as a substring of `Content-Type`.
std::string_view expected_media(config::SourceKind kind) {
  bool atom = kind == config::SourceKind::edgar_filings || kind == config::SourceKind::edgar_current;
  return atom ? "xml" : "json";
}

}  // namespace

Result<ParseOutput> parse_source(const config::Source& source, std::string_view body,
                                 std::string_view content_type) {
  switch (source.kind) {
    case config::SourceKind::price: return parse_price(body, source);
    case config::SourceKind::jobs: return parse_jobs(body, source);
    case config::SourceKind::feed: return parse_feed(body, source);
    case config::SourceKind::edgar_filings:
    case config::SourceKind::edgar_current:
    case config::SourceKind::edgar_submissions:
    case config::SourceKind::edgar_facts:
    case config::SourceKind::edgar_search: break;
  }
  auto parsed = parse_edgar(body, source);
  if (parsed || content_type.empty() || contains_ignoring_case(content_type, expected_media(source.kind)))
    return parsed;
  return make_error(fmt::format("{} (the server sent Content-Type: {})", parsed.error().message,
                                clean_text(content_type.substr(0, 100))));
}

}  // namespace watchdesk::sources
