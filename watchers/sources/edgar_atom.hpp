// The EDGAR Atom feeds: a company's filings (`edgar-filings`) and the latest filings (`edgar-current`).
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses a company filings feed (`browse-edgar?action=getcompany...&output=atom`): one observation
/// per filing, keyed by accession number, with the company from the feed's `company-info`; only the
/// source's `forms` are kept (exact form names: the URL's `type` is only a prefix filter).
Result<ParseOutput> parse_edgar_filings(std::string_view body, const config::Source& source);

/// Parses the latest-filings feed (`browse-edgar?action=getcurrent...&output=atom`): one observation
/// per accession (the feed repeats a filing once per filer role: Filer, Subject, Reporting, Issuer),
/// the company being the entity in the first role of Subject, Issuer, Filer, Filed by, Reporting and,
/// among several in that role (co-registrants all file as `Filer`), the one the source's `ciks` or
/// `companies` name; the fact `entities` lists them all. Kept: the source's `forms`, and when `ciks`
/// or `companies` are set, filings where any entity has one of those CIKs or a name containing one of
/// those strings.
Result<ParseOutput> parse_edgar_current(std::string_view body, const config::Source& source);

/// `parse_edgar_filings` that reads each entry's accession number first and nothing more of an
/// entry whose accession is `known` (no observation for it); the other filings yield what
/// `parse_edgar_filings` yields for them.
Result<ParseOutput> parse_edgar_filings(std::string_view body, const config::Source& source, const KnownKey& known);

/// `parse_edgar_current` that reads each entry's accession number first and nothing more of the
/// entries of a `known` accession (no observation for it); the other filings yield what
/// `parse_edgar_current` yields for them.
Result<ParseOutput> parse_edgar_current(std::string_view body, const config::Source& source, const KnownKey& known);

}  // namespace watchdesk::sources
