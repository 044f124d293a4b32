// The state store seen through the triggers' read-only views (series and observations).
#pragma once

#include <optional>

#include "core/result.hpp"
#include "daemon/store/state_store.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::pipeline {

/// The first read failure of a view: triggers see an empty answer, and whoever evaluated them asks
/// `failure()` afterwards and fails the evaluation rather than act on a partial picture.
class ReadFailure {
 public:
  /// The first read error, if any.
  const std::optional<Error>& failure() const { return failure_; }

 protected:
  /// The value of `read`, or `fallback` after keeping its error.
  template <class T>
  T value_or_note(Result<T> read, T fallback) const {
    if (read.ok()) return std::move(read).value();
    if (!failure_) failure_ = std::move(read).error();
    return fallback;
  }

 private:
  mutable std::optional<Error> failure_;
};

/// Series lookups answered by the store (inside an open transaction, new points are visible).
class StoreSeries final : public triggers::SeriesView, public ReadFailure {
 public:
  explicit StoreSeries(store::StateStore& store) : store_(store) {}
  std::optional<SeriesPoint> latest(std::string_view name) const override;
  std::optional<SeriesPoint> at_or_before(std::string_view name, TimePoint t,
                                          std::optional<std::string_view> ref) const override;

 private:
  store::StateStore& store_;
};

/// Observation lookups answered by the store, filtered by publication time.
class StoreObservations final : public triggers::ObservationView, public ReadFailure {
 public:
  explicit StoreObservations(store::StateStore& store) : store_(store) {}
  std::vector<triggers::SeenObservation> observations(std::string_view source_id,
                                                      TimePoint published_since) const override;

 private:
  store::StateStore& store_;
};

}  // namespace watchdesk::pipeline
