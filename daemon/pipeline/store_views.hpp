// The state store seen through the triggers' read-only views (series and observations).
#pragma once

#include "daemon/store/state_store.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::pipeline {

/// Series lookups answered by the store (inside an open transaction, new points are visible).
class StoreSeries final : public triggers::SeriesView {
 public:
  explicit StoreSeries(store::StateStore& store) : store_(store) {}
  std::optional<SeriesPoint> latest(std::string_view name) const override;
  std::optional<SeriesPoint> at_or_before(std::string_view name, TimePoint t) const override;

 private:
  store::StateStore& store_;
};

/// Observation lookups answered by the store, filtered by publication time.
class StoreObservations final : public triggers::ObservationView {
 public:
  explicit StoreObservations(store::StateStore& store) : store_(store) {}
  std::vector<triggers::SeenObservation> observations(std::string_view source_id,
                                                      TimePoint published_since) const override;

 private:
  store::StateStore& store_;
};

}  // namespace watchdesk::pipeline
