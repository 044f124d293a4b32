// The EDGAR source kinds behind one entry point.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "watchers/result.hpp"

namespace watchdesk::sources {

/// True for `edgar-filings`, `edgar-current`, `edgar-submissions`, `edgar-facts` and `edgar-search`.
bool is_edgar_kind(config::SourceKind kind);

/// Parses a document fetched for an EDGAR source with the parser of its kind; an error for the
/// other kinds.
Result<ParseOutput> parse_edgar(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
