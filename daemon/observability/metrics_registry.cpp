// The metrics registry and its Prometheus text rendering.
#include "daemon/observability/metrics_registry.hpp"

#include <fmt/format.h>

namespace watchdesk::observability {
namespace {

std::string escape(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string number(double v) { return fmt::format("{}", v); }

std::string with_le(const std::string& labels, const std::string& le) {
  if (labels.empty()) return "{le=\"" + le + "\"}";
  return labels.substr(0, labels.size() - 1) + ",le=\"" + le + "\"}";
}

}  // namespace

std::string render_labels(const Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ",";
    out += labels[i].first + "=\"" + escape(labels[i].second) + "\"";
  }
  return out + "}";
}

MetricsRegistry::Family& MetricsRegistry::family(std::string_view name, std::string_view help, Type type) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    it = families_.emplace(std::string(name), Family{}).first;
    it->second.type = type;
    it->second.help = std::string(help);
  }
  return it->second;
}

void MetricsRegistry::count(std::string_view name, std::string_view help, const Labels& labels, double by) {
  family(name, help, Type::counter).values[render_labels(labels)] += by;
}

void MetricsRegistry::set(std::string_view name, std::string_view help, const Labels& labels, double value) {
  family(name, help, Type::gauge).values[render_labels(labels)] = value;
}

void MetricsRegistry::observe(std::string_view name, std::string_view help, const Labels& labels, double seconds,
                              std::span<const double> bounds) {
  auto& f = family(name, help, Type::histogram);
  if (f.bounds.empty()) f.bounds.assign(bounds.begin(), bounds.end());
  auto& h = f.histograms[render_labels(labels)];
  if (h.counts.empty()) h.counts.resize(f.bounds.size());
  for (std::size_t i = 0; i < f.bounds.size(); ++i)
    if (seconds <= f.bounds[i]) ++h.counts[i];
  ++h.total;
  h.sum += seconds;
}

double MetricsRegistry::value(std::string_view name, const Labels& labels) const {
  auto it = families_.find(name);
  if (it == families_.end()) return 0;
  auto v = it->second.values.find(render_labels(labels));
  return v == it->second.values.end() ? 0 : v->second;
}

std::string MetricsRegistry::render() const {
  std::string out;
  for (const auto& [name, f] : families_) {
    static constexpr const char* types[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + name + " " + f.help + "\n";
    out += "# TYPE " + name + " " + types[static_cast<int>(f.type)] + "\n";
    for (const auto& [labels, v] : f.values) out += name + labels + " " + number(v) + "\n";
    for (const auto& [labels, h] : f.histograms) {
      for (std::size_t i = 0; i < f.bounds.size(); ++i)
        out += name + "_bucket" + with_le(labels, number(f.bounds[i])) + " " + std::to_string(h.counts[i]) + "\n";
      out += name + "_bucket" + with_le(labels, "+Inf") + " " + std::to_string(h.total) + "\n";
      out += name + "_sum" + labels + " " + number(h.sum) + "\n";
      out += name + "_count" + labels + " " + std::to_string(h.total) + "\n";
    }
  }
  return out;
}

}  // namespace watchdesk::observability
