// In-memory series and observation views for trigger tests, and small builders for their inputs.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/time.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::triggers::testing {

/// A time from RFC 3339 text; the test fails loudly on a typo.
inline TimePoint at(std::string_view text) {
  const auto t = parse_rfc3339(text);
  if (!t) throw std::invalid_argument("bad test time: " + std::string(text));
  return *t;
}

/// Days as `Seconds`.
inline Seconds days(int n) { return Seconds{static_cast<long long>(n) * 86400}; }

/// Series held in memory, by name.
class FakeSeries : public SeriesView {
 public:
  /// Adds a point to series `name` (`SOURCE.FIELD`).
  void add(const std::string& name, TimePoint t, double value, std::string ref = {}) {
    const auto dot = name.rfind('.');
    points_[name].push_back(SeriesPoint{name.substr(dot + 1), t, value, std::move(ref)});
    std::sort(points_[name].begin(), points_[name].end(),
              [](const SeriesPoint& a, const SeriesPoint& b) { return a.at < b.at; });
  }

  std::optional<SeriesPoint> latest(std::string_view name) const override {
    const auto it = points_.find(std::string(name));
    if (it == points_.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
  }

  std::optional<SeriesPoint> at_or_before(std::string_view name, TimePoint t,
                                          std::optional<std::string_view> ref) const override {
    const auto it = points_.find(std::string(name));
    if (it == points_.end()) return std::nullopt;
    std::optional<SeriesPoint> best;
    for (const auto& p : it->second) {
      if (p.at <= t && (!ref || p.ref == *ref)) best = p;
    }
    return best;
  }

 private:
  std::map<std::string, std::vector<SeriesPoint>> points_;
};

/// Stored observations held in memory.
class FakeObservations : public ObservationView {
 public:
  std::vector<SeenObservation> items;

  std::vector<SeenObservation> observations(std::string_view source_id,
                                            TimePoint published_since) const override {
    std::vector<SeenObservation> out;
    for (const auto& item : items) {
      const TimePoint t = item.observation.published.value_or(item.first_seen);
      if (item.source_id == source_id && t >= published_since) out.push_back(item);
    }
    return out;
  }
};

/// An observation as recorded, its signal id computed from source and key.
inline SeenObservation seen(std::string source, std::string key, std::string title,
                            std::optional<TimePoint> published, TimePoint first_seen,
                            Facts facts = {}, std::string url = {}) {
  SeenObservation s;
  s.signal = signal_id(source, key);
  s.source_id = std::move(source);
  s.first_seen = first_seen;
  s.observation.key = std::move(key);
  s.observation.title = std::move(title);
  s.observation.url = url.empty() ? "https://example.com/" + s.observation.key : std::move(url);
  s.observation.published = published;
  s.observation.facts = std::move(facts);
  return s;
}

/// A source of a kind, with a URL.
inline config::Source source(std::string id, config::SourceKind kind, std::string cik = {}) {
  config::Source s;
  s.url = "https://source.example/" + id;
  s.id = std::move(id);
  s.kind = kind;
  s.cik = std::move(cik);
  return s;
}

}  // namespace watchdesk::triggers::testing
