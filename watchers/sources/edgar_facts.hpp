// The EDGAR XBRL company facts (`edgar-facts`): trailing-twelve-month revenue and shares outstanding.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// One duration fact (`start`..`end`, both inclusive) of a revenue concept, as companyfacts lists it.
struct PeriodFact {
  std::chrono::sys_days start;
  std::chrono::sys_days end;
  double value = 0;
  /// The filing that reported it (`accn`).
  std::string accession;
  /// When that filing was made (`filed`); later filings win for the same period.
  std::chrono::sys_days filed;
};

/// Trailing-twelve-month revenue at every period end it can be computed for, oldest first, as
/// `revenue_ttm` points at the period end with the accession of the filing that reported that end.
/// Facts for the same period are deduplicated keeping the latest `filed` (prior-year comparatives,
/// restatements). At a fiscal year end the annual figure is the value; elsewhere the sum of four
/// consecutive quarters (about 90 days each), where a fourth quarter that is not tagged alone is the
/// annual figure minus the year's three quarters (or minus its nine-month figure); failing that,
/// last annual + year-to-date - the same year-to-date a year earlier. Period lengths allow 52/53-week
/// fiscal calendars.
std::vector<SeriesPoint> revenue_ttm_history(const std::vector<PeriodFact>& facts);

/// Parses `https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json` into two series points:
/// `revenue_ttm` (the latest of `revenue_ttm_history`, from 10-K/10-Q/20-F/40-F/6-K facts of the
/// concept, among us-gaap `Revenues` and `RevenueFromContractWithCustomerExcludingAssessedTax` and
/// ifrs-full `Revenue` and `RevenueFromContractsWithCustomers`, whose latest period end is newest
/// (on a tie the total, which includes the part from contracts with customers), in USD when
/// reported so and else in the filer's currency; the other concepts of the same taxonomy
/// fill periods the chosen one lacks; four quarters, two halves or the latest year, as the filer
/// reports) and `shares_outstanding` (dei `EntityCommonStockSharesOutstanding`, else us-gaap
/// `CommonStockSharesOutstanding`, at its latest date, summed over the share classes the latest
/// filing reports for that date). Each point is at its period end, carries the accession in `ref`
/// and says in `basis` which concept, currency and periods or classes it used. A document with
/// neither series is an error.
Result<ParseOutput> parse_edgar_facts(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
