// Helpers shared by the parser suites: fixture files and lookups in a parser's output.
#pragma once

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watchers/observation.hpp"
#include "core/time.hpp"

namespace watchdesk::testing {

/// The bytes of `tests/fixtures/DIR/NAME`; the test fails when the file is missing.
inline std::string read_fixture(std::string_view dir, std::string_view name) {
  const std::string path = std::string(WATCHDESK_FIXTURES) + "/" + std::string(dir) + "/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "fixture " << dir << "/" << name << " is missing");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The keys of the observations in `out`, in order.
inline std::vector<std::string> keys_of(const ParseOutput& out) {
  std::vector<std::string> keys;
  for (const auto& o : out.observations) keys.push_back(o.key);
  return keys;
}

/// The observation with `key`, or nullptr.
inline const Observation* find_key(const ParseOutput& out, std::string_view key) {
  auto it = std::find_if(out.observations.begin(), out.observations.end(),
                         [&](const Observation& o) { return o.key == key; });
  return it == out.observations.end() ? nullptr : &*it;
}

/// The points of `out` whose field is `field`, in order.
inline std::vector<SeriesPoint> points_of(const ParseOutput& out, std::string_view field) {
  std::vector<SeriesPoint> found;
  for (const auto& p : out.points)
    if (p.field == field) found.push_back(p);
  return found;
}

/// The fact `name` of `o`, or `<none>`.
inline std::string fact(const Observation& o, const std::string& name) {
  auto it = o.facts.find(name);
  return it == o.facts.end() ? std::string("<none>") : it->second;
}

/// `t` in RFC 3339 UTC, or `<none>`.
inline std::string utc(const std::optional<TimePoint>& t) { return t ? format_rfc3339(*t) : "<none>"; }

/// `t` in RFC 3339 UTC.
inline std::string utc(TimePoint t) { return format_rfc3339(t); }

}  // namespace watchdesk::testing
