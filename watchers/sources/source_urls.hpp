// Default URLs of the price and job-board sources, built from their config keys.
#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"

namespace watchdesk::sources {

/// What a price URL asks for: the latest quote, or the daily history.
enum class PriceSpan { quote, history };

/// The default URL of a price source:
/// stooq quote `https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv`,
/// stooq history `https://stooq.com/q/d/l/?s=crwv.us&i=d`,
/// yahoo `https://query1.finance.yahoo.com/v8/finance/chart/CRWV?range=1mo&interval=1d` (the chart
/// holds a month of daily history either way).
std::string price_url(config::PriceProvider provider, std::string_view symbol, PriceSpan span);

/// The Stooq spelling of `symbol`: lower case, with `.us` appended when it names no market (no `.`)
/// and is not an index (`^spx`): `CRWV` gives `crwv.us`, `SAP.DE` gives `sap.de`.
std::string stooq_symbol(std::string_view symbol);

/// The default URL of a job board:
/// greenhouse `https://boards-api.greenhouse.io/v1/boards/BOARD/jobs?content=true`,
/// lever `https://api.lever.co/v0/postings/BOARD?mode=json`,
/// ashby `https://api.ashbyhq.com/posting-api/job-board/BOARD`.
std::string jobs_url(config::JobsProvider provider, std::string_view board);

/// The default URL of a `price` or `jobs` source from its keys (`provider`, `symbol`, `history`,
/// `board`); empty for other kinds, which have their own builders or need an explicit `url`.
std::string default_source_url(const config::Source& source);

}  // namespace watchdesk::sources
