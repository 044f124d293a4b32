// The EDGAR submissions JSON (`edgar-submissions`): a company's recent filings, in columns.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses `https://data.sec.gov/submissions/CIK##########.json` (or one of its `files` pages): one
/// observation per filing in `filings.recent` (index i across the columns is one filing), keyed by
/// accession number, with `accepted` from `acceptanceDateTime` and `document_url` built from
/// `primaryDocument`; only the source's `forms` are kept.
Result<ParseOutput> parse_edgar_submissions(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
