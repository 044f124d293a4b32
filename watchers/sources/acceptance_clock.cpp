// Deciding the clock of a submissions file's acceptance times from all of its entries at once.
#include "watchers/sources/acceptance_clock.hpp"

#include "core/text/strings.hpp"
#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::hours;

bool ends_in_z(std::string_view text) {
  text = text::trim(text);
  return !text.empty() && (text.back() == 'Z' || text.back() == 'z');
}

// EDGAR writes `T00:00:00.000Z` for a filing it recorded no acceptance time for (Apple's filings
// before 2002, for one): a date, not an instant, under either reading.
bool is_date_placeholder(TimePoint t) { return floor<days>(t) == t; }

// Whether an acceptance at Eastern wall time `eastern` fits EDGAR's hours and the filing date.
bool plausible(std::chrono::sys_seconds eastern, std::optional<TimePoint> filing_day) {
  const auto hour = floor<hours>(eastern - floor<days>(eastern)).count();
  if (hour < 6 || hour >= 22) return false;
  return !filing_day || floor<days>(eastern) <= *filing_day;
}

}  // namespace

ClockEvidence weigh_acceptance_clock(const std::vector<AcceptanceEntry>& entries) {
  ClockEvidence evidence;
  for (const auto& entry : entries) {
    if (!ends_in_z(entry.accepted)) continue;
    auto wall = parse_acceptance(entry.accepted);
    if (!wall || is_date_placeholder(*wall)) continue;
    std::optional<TimePoint> filing_day;
    if (auto date = canonical_date(entry.filing_date)) filing_day = parse_rfc3339(*date);
    ++evidence.weighed;
    if (!plausible(utc_to_eastern_local(*wall), filing_day)) ++evidence.implausible_as_utc;
    if (!plausible(*wall, filing_day)) ++evidence.implausible_as_eastern;
  }
  return evidence;
}

AcceptanceClock decide_acceptance_clock(const ClockEvidence& evidence) {
  return evidence.implausible_as_utc < evidence.implausible_as_eastern ? AcceptanceClock::utc
                                                                       : AcceptanceClock::us_eastern;
}

std::optional<TimePoint> read_acceptance(std::string_view text, AcceptanceClock clock) {
  auto t = parse_acceptance(text);
  if (!t || !ends_in_z(text)) return t;
  if (is_date_placeholder(*t)) return std::nullopt;
  if (clock == AcceptanceClock::utc) return t;
  return eastern_local_to_utc(*t);
}

}  // namespace watchdesk::sources
