// The URL each source kind fetches when its table gives no `url` (SOURCES.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace watchdesk::config {

/// Whether a price URL asks for the latest quote or the daily history (stooq and nasdaq).
enum class PriceHistory { latest, daily };

/// The 10-digit zero-padded CIK of EDGAR's JSON APIs (`1181412` -> `0001181412`).
std::string cik10(std::string_view cik);

/// EDGAR's `type` filter is a prefix: the form among `forms` that is a prefix of all the others
/// (`S-1` for `S-1`, `S-1/A`), or empty (no filter) when there is none.
std::string form_prefix(const std::vector<std::string>& forms);

/// The Stooq spelling of `symbol`: lower case, with `.us` appended when it names no market (no `.`)
/// and is not an index (`^spx`): `CRWV` gives `crwv.us`, `SAP.DE` gives `sap.de`.
std::string stooq_symbol(std::string_view symbol);

/// The quote URL of `provider` for `symbol` (`CRWV`; stooq spells it as `stooq_symbol` does).
/// Nasdaq's daily history asks for the month before `today`, at most `kNasdaqHistoryRows` rows.
std::string price_url(PriceProvider provider, std::string_view symbol, PriceHistory history,
                      TimePoint today = TimePoint{});

/// The most rows a Nasdaq daily-history URL asks for (a month of trading days and some).
inline constexpr int kNasdaqHistoryRows = 31;

/// The default URL of each source kind, built from its keys (the `default_url` column of the
/// source-kind table); `today` ends an `edgar-search` date range. `feed` has none.
std::string edgar_filings_url(const Source& source, TimePoint today);
std::string edgar_current_url(const Source& source, TimePoint today);
std::string edgar_submissions_url(const Source& source, TimePoint today);
std::string edgar_facts_url(const Source& source, TimePoint today);
std::string edgar_search_url(const Source& source, TimePoint today);
std::string price_source_url(const Source& source, TimePoint today);
std::string jobs_url(const Source& source, TimePoint today);
std::string no_default_url(const Source& source, TimePoint today);

/// The default URL of `source`, from its kind's row of the source-kind table.
std::string default_url(const Source& source, TimePoint today);

}  // namespace watchdesk::config
