// Counters, gauges and a latency histogram, rendered in the Prometheus text exposition format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
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
  /// Records one observation of histogram `name`, in seconds; `bounds` (ascending) are fixed by the
  /// first observation of the family.
  void observe(std::string_view name, std::string_view help, const Labels& labels, double seconds,
               std::span<const double> bounds = buckets);

  /// The current value of a counter or gauge series (0 when absent), for tests and status.
  double value(std::string_view name, const Labels& labels) const;

  /// The whole registry in Prometheus text format 0.0.4.
  std::string render() const;

  /// Histogram bucket upper bounds, in seconds.
  static constexpr std::array<double, 11> buckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  /// Finer bounds for scheduling lateness, so that its p50 and p99 can be read off to a few ms.
  static constexpr std::array<double, 22> lateness_buckets{0.001, 0.002, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03,
                                                           0.05,  0.075, 0.1,  0.125,  0.15, 0.2,   0.25, 0.3,
                                                           0.5,   1,     2.5,  5,      10,   30};

 private:
  enum class Type { counter, gauge, histogram };
  struct Histogram {
    std::vector<std::uint64_t> counts;
    std::uint64_t total = 0;
    double sum = 0;
  };
  struct Family {
    Type type = Type::counter;
    std::string help;
    std::map<std::string, double> values;         // rendered label set -> value
    std::map<std::string, Histogram> histograms;  // rendered label set -> histogram
    std::vector<double> bounds;                    // histogram bucket upper bounds
  };
  Family& family(std::string_view name, std::string_view help, Type type);
  std::map<std::string, Family, std::less<>> families_;
};

/// Renders labels as `{a="x",b="y"}` with Prometheus escaping (empty string for no labels).
std::string render_labels(const Labels& labels);

}  // namespace watchdesk::observability
