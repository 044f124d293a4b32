// Store-backed trigger views.
#include "daemon/pipeline/store_views.hpp"

namespace watchdesk::pipeline {

std::optional<SeriesPoint> StoreSeries::latest(std::string_view name) const {
  return value_or_note(store_.latest_point(name), std::optional<SeriesPoint>());
}

std::optional<SeriesPoint> StoreSeries::at_or_before(std::string_view name, TimePoint t,
                                                     std::optional<std::string_view> ref) const {
  return value_or_note(store_.point_at_or_before(name, t, ref), std::optional<SeriesPoint>());
}

std::vector<triggers::SeenObservation> StoreObservations::observations(std::string_view source_id,
                                                                       TimePoint published_since) const {
  std::vector<triggers::SeenObservation> out;
  for (auto& s : value_or_note(store_.observations(source_id, TimePoint{}), std::vector<store::StoredObservation>())) {
    auto published = s.observation.published.value_or(s.first_seen);
    if (published < published_since) continue;
    out.push_back({s.source_id, s.signal, s.first_seen, std::move(s.observation)});
  }
  return out;
}

}  // namespace watchdesk::pipeline
