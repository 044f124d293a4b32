// The EDGAR full-text search answer (`edgar-search`): filings whose documents match a query.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses an `https://efts.sec.gov/LATEST/search-index?q=...` answer: one observation per filing
/// (accession number), however many of its documents matched (the hits are ordered by relevance,
/// and the first hit of a filing gives its document); `url` and `document_url` are that document,
/// `filer_names` the filers joined with "; " (without the `(TICKER)` and `(CIK ...)` suffixes);
/// `company` and `cik` are the filer among the source's `ciks`, else for Forms 3, 4 and 5 the issuer
/// (EFTS lists it after the reporting owners), else the first filer.
/// Kept: the source's `forms`, matched against `form` and the hit's `root_forms` (as EFTS does, so
/// `S-1` keeps `S-1/A`).
Result<ParseOutput> parse_edgar_search(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
