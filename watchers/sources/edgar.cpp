// Dispatching the EDGAR source kinds to their parsers.
#include "watchers/sources/edgar.hpp"

#include <fmt/format.h>

#include "watchers/sources/edgar_atom.hpp"
#include "watchers/sources/edgar_facts.hpp"
#include "watchers/sources/edgar_search.hpp"
#include "watchers/sources/edgar_submissions.hpp"

namespace watchdesk::sources {

bool is_edgar_kind(config::SourceKind kind) {
  switch (kind) {
    case config::SourceKind::edgar_filings:
    case config::SourceKind::edgar_current:
    case config::SourceKind::edgar_submissions:
    case config::SourceKind::edgar_facts:
    case config::SourceKind::edgar_search: return true;
    case config::SourceKind::price:
    case config::SourceKind::jobs:
    case config::SourceKind::feed: break;
  }
  return false;
}

Result<ParseOutput> parse_edgar(std::string_view body, const config::Source& source) {
  switch (source.kind) {
    case config::SourceKind::edgar_filings: return parse_edgar_filings(body, source);
    case config::SourceKind::edgar_current: return parse_edgar_current(body, source);
    case config::SourceKind::edgar_submissions: return parse_edgar_submissions(body, source);
    case config::SourceKind::edgar_facts: return parse_edgar_facts(body, source);
    case config::SourceKind::edgar_search: return parse_edgar_search(body, source);
    case config::SourceKind::price:
    case config::SourceKind::jobs:
    case config::SourceKind::feed: break;
  }
  return make_error(fmt::format("source {}: its kind is not an EDGAR kind", source.id));
}

}  // namespace watchdesk::sources
