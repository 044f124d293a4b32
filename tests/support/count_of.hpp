// Counting occurrences of a string, for tests that check rendered pages and charts.
#pragma once

#include <cstddef>
#include <string>

namespace watchdesk::testing {

/// How many times `needle` occurs in `text`, without overlaps.
inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace watchdesk::testing
