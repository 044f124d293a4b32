// Counters, gauges and a latency histogram, rendered in the Prometheus text exposition format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace watchdesk::observability {

/// Label pairs of one series, e.g. {{"source", "crwv-price"}, {"outcome", "ok"}}.
using Labels = std::vector<std::pair<std::string, std::string>>;

/// The daemon's metrics. Single-threaded: updated and rendered on the event loop.
class MetricsRegistry {
 public:
  /// Adds `by` to counter `name` with `labels` (declared with `help` on first use).
  void count(std::string_view name, std::string_view help, const Labels& labels, double by = 1);
  /// Sets gauge `name` with `labels`.
  void set(std::string_view name, std::string_view help, const Labels& labels, double value);
  /// Records one observation of the fetch-latency style histogram `name`, in seconds.
  void observe(std::string_view name, std::string_view help, const Labels& labels, double seconds);

  /// The current value of a counter or gauge series (0 when absent), for tests and status.
  double value(std::string_view name, const Labels& labels) const;

  /// The whole registry in Prometheus text format 0.0.4.
  std::string render() const;

  /// Histogram bucket upper bounds, in seconds.
  static constexpr std::array<double, 11> buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

 private:
  enum class Type { counter, gauge, histogram };
  struct Histogram {
    std::array<std::uint64_t, buckets.size()> counts{};
    std::uint64_t total = 0;
    double sum = 0;
  };
  struct Family {
    Type type = Type::counter;
    std::string help;
    std::map<std::string, double> values;         // rendered label set -> value
    std::map<std::string, Histogram> histograms;  // rendered label set -> histogram
  };
  Family& family(std::string_view name, std::string_view help, Type type);
  std::map<std::string, Family, std::less<>> families_;
};

/// Renders labels as `{a="x",b="y"}` with Prometheus escaping (empty string for no labels).
std::string render_labels(const Labels& labels);

}  // namespace watchdesk::observability
