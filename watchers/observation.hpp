// What a source yields from one fetch: observations (items with a stable key) and series points.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/flat_map.hpp>

#include "core/time.hpp"

namespace watchdesk {

/// Typed details of an observation by name, sorted by name: one contiguous block per observation
/// rather than a tree node per fact; looked up by any string-like name.
using Facts = boost::container::flat_map<std::string, std::string, std::less<>>;

/// One item a source saw: a filing, a posting, an article, a search hit.
struct Observation {
  /// Stable key within its source (accession number, guid, job id); the same item always has the
  /// same key, on every fetch and after a restart.
  std::string key;
  /// Human-readable headline.
  std::string title;
  /// Link to the item itself (filing index, article, posting).
  std::string url;
  /// When the item says it was published (UTC), if it says.
  std::optional<TimePoint> published;
  /// Typed details by name: `form`, `accession`, `company`, `cik`, `filing_date`, `accepted`,
  /// `publisher`, `summary`, `location`, `department`, ... (values are UTF-8 text).
  Facts facts;
};

/// One named number at a time: `close`, `revenue_ttm`, `shares_outstanding`, `open_roles`.
struct SeriesPoint {
  /// Whether `at` is the time the value holds as the document says, or the fetch time (a reading
  /// of the document as a whole, such as a job board's count), filled in by the caller.
  enum class Stamp { as_reported, at_fetch };

  /// Field name within the source; the series is named `SOURCE-ID.FIELD`.
  std::string field;
  /// When the value holds (quote time, period end, fetch time).
  TimePoint at;
  /// The value.
  double value = 0;
  /// Provenance, such as the accession number a fact came from; may be empty.
  std::string ref;
  /// How the value was read or computed (`dei:EntityCommonStockSharesOutstanding, 2 classes summed`,
  /// `ifrs-full:Revenue (EUR), two halves`); shown by `check`, not stored; may be empty.
  std::string basis = {};
  /// How `at` is set.
  Stamp stamp = Stamp::as_reported;
};

/// Whether the store already holds an observation of the source being parsed under `key`. The store
/// keeps the first observation of a key and ignores later ones, so a parser that can read an item's
/// key before the rest of it skips such an item without cleaning or copying anything of it. An
/// empty function knows no key: every item is read whole.
using KnownKey = std::function<bool(std::string_view key)>;

/// Everything parsed from one fetched document.
struct ParseOutput {
  std::vector<Observation> observations;
  std::vector<SeriesPoint> points;
  /// Items dropped for a missing key field, each with the reason (logged by the caller).
  std::vector<std::string> dropped;
};

/// The stable evidence id of an observation: the first 8 hex digits of SHA-256 over
/// `SOURCE-ID "/" KEY` (the seed cites evidence as "signal 47c46e8d").
std::string signal_id(std::string_view source_id, std::string_view key);

}  // namespace watchdesk
