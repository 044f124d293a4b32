// Default URLs of the EDGAR source kinds, built from a source's keys (the config loader fills
// `Source::url` with them when no `url` is given).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "watchers/time.hpp"

namespace watchdesk::sources {

/// The longest prefix common to all `forms` (`S-1`, `S-1/A` -> `S-1`; `S-1`, `F-1` -> empty): what
/// EDGAR's `type` prefix filter can narrow to without losing a wanted form.
std::string common_form_prefix(const std::vector<std::string>& forms);

/// `edgar-filings`: the company's filings Atom feed,
/// `https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001181412&type=S-1&dateb=&owner=include&count=40&output=atom`.
/// `type` is the forms' common prefix (omitted when there is none, and then 100 filings are asked
/// for, since the forms are filtered client-side).
std::string edgar_filings_url(const config::Source& source);

/// `edgar-current`: the latest-filings Atom feed,
/// `https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=S-1&company=&dateb=&owner=include&start=0&count=100&output=atom`,
/// `type` as for `edgar_filings_url` (CIK and company filters are applied client-side).
std::string edgar_current_url(const config::Source& source);

/// `edgar-submissions`: `https://data.sec.gov/submissions/CIK0001181412.json`.
std::string edgar_submissions_url(const config::Source& source);

/// `edgar-facts`: `https://data.sec.gov/api/xbrl/companyfacts/CIK0001769628.json`.
std::string edgar_facts_url(const config::Source& source);

/// `edgar-search`: `https://efts.sec.gov/LATEST/search-index?q=%22Colossus%22&forms=10-Q,8-K&ciks=0001181412&dateRange=custom&startdt=2025-11-23&enddt=2026-11-23`.
/// The query is quoted as a phrase unless it already holds quotes; `ciks` are the source's `ciks`
/// and `cik`, zero-padded; the range runs from `since` (default: 365 days before `now`) to `now`.
std::string edgar_search_url(const config::Source& source, TimePoint now);

/// The default URL of an EDGAR source kind; nullopt for the other kinds.
std::optional<std::string> edgar_default_url(const config::Source& source, TimePoint now);

}  // namespace watchdesk::sources
