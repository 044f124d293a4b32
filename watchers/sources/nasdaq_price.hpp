// The Nasdaq quote API's answers (`/api/quote/SYMBOL/info` and `/historical`) read as price points.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "core/result.hpp"
#include "watchers/observation.hpp"

namespace watchdesk::sources {

/// Parses a Nasdaq quote API answer into series points, each with `ref` `nasdaq`. Numbers are text
/// (`"$41.29"`, `"12,345,678"`); `"N/A"` and `"--"` are no value.
/// - `/info`: `data.primaryData.lastSalePrice` as `close` (and `volume` when given) at its
///   `lastTradeTimestamp` (`Jul 27, 2026 12:51 PM ET`; a date alone is that day's 16:00 close);
/// - `/historical`: each row of `data.tradesTable.rows` (`date` `MM/DD/YYYY`, `open`, `high`,
///   `low`, `close`, `volume`) at 16:00 America/New_York of its date.
/// Errors: `"data": null` (Nasdaq's answer for an unknown symbol) with the status message
/// (`nasdaq answered: Symbol not exists. (code 1001)`), an answer without prices, a value that is
/// not a number, malformed JSON, and a body that is not this format.
Result<ParseOutput> parse_nasdaq(std::string_view body, const config::Source& source);

/// True when `body` starts as a Nasdaq quote API answer: a JSON object whose first member is
/// `data`.
bool looks_like_nasdaq(std::string_view body);

}  // namespace watchdesk::sources
