// The `price` source parser: Stooq quote and daily-history CSV, Yahoo chart JSON, Nasdaq quote JSON.
#pragma once

#include <optional>
#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses a price answer into series points (no observations): `close`, and `open`, `high`, `low`,
/// `volume` where given, each point's `ref` naming the provider (`stooq`, `yahoo`, `nasdaq`).
/// The format is `source.price_provider`'s, unless the body is clearly another provider's (a
/// fallback fetch): then that one is parsed. Times:
/// - Stooq quote: its `Date` and `Time`, which Stooq gives in Warsaw time (CET/CEST);
/// - Stooq history rows and quotes without `Time`: the date's 16:00 New York close for US symbols
///   (`.us`, or no market suffix), otherwise 00:00 UTC of the date;
/// - Yahoo: every `timestamp[i]` with its non-null values, plus `meta.regularMarketPrice` as `close`
///   at `meta.regularMarketTime` when that is later than the last timestamp;
/// - Nasdaq: as `parse_nasdaq` says (history rows at 16:00 New York, a quote at its trade time).
/// Errors (each starting `source ID: `): a missing quote (Stooq `N/D`, `No data`, a Yahoo chart
/// error object, with the provider's message), an answer without any price, malformed CSV or JSON
/// (with the CSV row or the JSON line and column), a value that is not a finite number or a negative
/// volume, and a body in neither format (an HTML page says so).
Result<ParseOutput> parse_price(std::string_view body, const config::Source& source);

/// Parses `body` strictly as `provider`'s format, whatever `source.price_provider` says.
Result<ParseOutput> parse_price_as(config::PriceProvider provider, std::string_view body,
                                   const config::Source& source);

/// The provider whose format `body` clearly is (a JSON object whose first member is `data`: Nasdaq;
/// another JSON object: Yahoo; a CSV header Stooq writes: Stooq), or nullopt when it is none.
std::optional<config::PriceProvider> detect_price_format(std::string_view body);

}  // namespace watchdesk::sources
