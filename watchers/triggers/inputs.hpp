// What triggers read: the observations new in this pass, and small read-only views of the stored
// series and observations (the daemon adapts its state store to them; tests use in-memory fakes).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/time.hpp"

namespace watchdesk::triggers {

/// An observation as recorded: its source, signal id and when watchdesk first saw it.
struct SeenObservation {
  std::string source_id;
  /// `signal_id(source_id, observation.key)`.
  std::string signal;
  TimePoint first_seen;
  Observation observation;
};

/// Read access to stored series (`SOURCE.FIELD`); only source series, never `[metrics.*]`.
class SeriesView {
 public:
  virtual ~SeriesView() = default;
  /// The newest point of series `name`.
  virtual std::optional<SeriesPoint> latest(std::string_view name) const = 0;
  /// The newest point of series `name` whose time is at or before `t` and, when `ref` is given,
  /// whose `ref` is `ref` (a price series' provider).
  virtual std::optional<SeriesPoint> at_or_before(std::string_view name, TimePoint t,
                                                  std::optional<std::string_view> ref) const = 0;
};

/// Read access to stored observations (for `count`).
class ObservationView {
 public:
  virtual ~ObservationView() = default;
  /// Observations of `source_id` whose publication time (their first-seen time when they carry
  /// none) is at or after `published_since`, oldest first. An adapter over the state store can
  /// fetch those first seen at or after `published_since` (a superset) and filter.
  virtual std::vector<SeenObservation> observations(std::string_view source_id,
                                                    TimePoint published_since) const = 0;
};

/// Everything a trigger evaluation may look at.
struct Context {
  /// The evaluation time.
  TimePoint now;
  const config::Config& config;
  const SeriesView& series;
  const ObservationView& observations;
  /// Observations first recorded in this pass, from any source; each kind keeps its own sources'.
  std::vector<SeenObservation> new_observations;
};

}  // namespace watchdesk::triggers
