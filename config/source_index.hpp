// `SourceIndex`: finds a source by id without scanning every source.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace watchdesk::config {

struct Source;

/// Positions of sources by id, built on first use and rebuilt when the indexed vector's storage or
/// size changed (so a copied `Config` rebuilds its own). A hit is checked against the vector and a
/// miss falls back to a scan, so edits in place never give a wrong answer. Single-threaded, like
/// `Config`.
class SourceIndex {
 public:
  /// The source called `id` in `sources`, or nullptr.
  const Source* find(const std::vector<Source>& sources, std::string_view id) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> positions_;
  mutable const Source* data_ = nullptr;
  mutable std::size_t size_ = 0;
};

}  // namespace watchdesk::config
