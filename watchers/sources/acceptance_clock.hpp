// Which clock a submissions file writes its `acceptanceDateTime` values in, decided once per file.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace watchdesk::sources {

/// The clock behind the `...Z` acceptance times of one submissions file: true UTC, or the US
/// Eastern wall clock with a `Z` appended (both occur, in different companies' files).
enum class AcceptanceClock { utc, us_eastern };

/// One filing's acceptance text and filing date (`YYYY-MM-DD`, may be empty) as the file has them.
struct AcceptanceEntry {
  std::string_view accepted;
  std::string_view filing_date;
};

/// How many entries each reading makes implausible: accepted outside EDGAR's hours (06:00-22:00
/// Eastern) or on an Eastern day after the filing date.
struct ClockEvidence {
  std::size_t implausible_as_utc = 0;
  std::size_t implausible_as_eastern = 0;
  /// Entries ending in `Z` that were weighed.
  std::size_t weighed = 0;
};

/// Weighs every `Z` entry of a file under both readings; EDGAR's `T00:00:00.000Z` stand-ins for
/// "no acceptance time recorded" are not evidence and are left out.
ClockEvidence weigh_acceptance_clock(const std::vector<AcceptanceEntry>& entries);

/// The reading with fewer implausible entries; a tie (including no evidence) reads US Eastern, the
/// clock EDGAR keeps its acceptance records in.
AcceptanceClock decide_acceptance_clock(const ClockEvidence& evidence);

/// One `acceptanceDateTime` under the file's clock, in UTC; a value with an explicit non-`Z` offset
/// or in EDGAR's compact form keeps its own meaning. A `...T00:00:00.000Z` stand-in is no acceptance
/// time (nullopt): the filing is then dated by its filing date.
std::optional<TimePoint> read_acceptance(std::string_view text, AcceptanceClock clock);

}  // namespace watchdesk::sources
