// Helpers shared by the trigger kinds: freshness (`max_age`), evidence, number and duration
// formatting, and reading and writing their JSON state documents.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/units.hpp"
#include "watchers/triggers/alert.hpp"
#include "watchers/triggers/inputs.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::triggers {

/// Whether an item may raise alerts.
enum class Freshness { fresh, stale };

/// An item is stale when it was first seen more than `max_age` after it was published; an item
/// with no publication time, or no `max_age`, is fresh.
Freshness freshness(const SeenObservation& seen, std::optional<Seconds> max_age);

/// The time an item counts from: its publication time, else when it was first seen.
TimePoint published_or_seen(const SeenObservation& seen);

/// The evidence entry for an observation.
Evidence evidence_of(const SeenObservation& seen);

/// The evidence entry for a series point: signal `signal_id(SOURCE, FIELD "@" TIME)`, and a link
/// to the EDGAR filing when the point's ref is an accession number, else to the source's URL.
Evidence evidence_of(const config::Config& config, const InputPoint& input);

/// The confirmation status of what a source says by itself: `reported` for news feeds,
/// `confirmed` for SEC, market data and company job boards.
config::Confirmation source_confirmation(const config::Config& config, std::string_view source_id);

/// A fact of an observation, or `fallback` when absent or empty.
std::string fact_or(const Observation& observation, std::string_view name,
                    std::string_view fallback = {});

/// A number for people: integers in full (`5100000000`), others with up to six significant digits.
std::string format_number(double value);

/// A fraction as a signed percentage with one decimal: `+12.3%`.
std::string format_change_percent(double fraction);

/// A threshold as configured: `10%` or `2.5`.
std::string format_threshold(const config::Threshold& threshold);

/// True while `now` is within `cooldown` of the trigger's last alert.
bool in_cooldown(std::optional<TimePoint> last_alert, Seconds cooldown, TimePoint now);

/// Parses a stored state document; nullopt when absent or not a JSON object.
std::optional<boost::json::object> parse_state(std::optional<std::string_view> state);

/// State member helpers: read with a default when absent or of the wrong type.
std::optional<TimePoint> get_time(const boost::json::object& object, std::string_view key);
std::optional<double> get_number(const boost::json::object& object, std::string_view key);
bool get_bool(const boost::json::object& object, std::string_view key, bool fallback);
std::string get_string(const boost::json::object& object, std::string_view key);
std::vector<std::string> get_strings(const boost::json::object& object, std::string_view key);

/// A time as a JSON value (RFC 3339 string, or null).
boost::json::value time_value(std::optional<TimePoint> t);

/// Evidence to and from a JSON object in state documents.
boost::json::object evidence_to_object(const Evidence& evidence);
Evidence evidence_from_value(const boost::json::value& value);

}  // namespace watchdesk::triggers
