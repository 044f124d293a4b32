// `KeyIndex`: finds an item of a vector by its string key through positions sorted by key.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string_view>
#include <vector>

namespace watchdesk {

/// Positions of `count` items sorted by their keys, read through `key(position)` whenever it is
/// needed: the index holds 4 bytes per item and no copy of any key (a hash table of copied keys
/// holds about 70). Lookups take a binary search. The items' keys must not change while indexed.
/// When keys repeat, `find` gives the first position with the key.
class KeyIndex {
 public:
  /// Indexes items `0 .. count - 1`; `key(i)` gives item `i`'s key as a `std::string_view`.
  template <class Key>
  void build(std::size_t count, const Key& key) {
    order_.resize(count);
    std::iota(order_.begin(), order_.end(), std::uint32_t{0});
    std::stable_sort(order_.begin(), order_.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return std::string_view(key(a)) < std::string_view(key(b)); });
  }

  /// The position of the item whose key is `wanted`, if one is indexed.
  template <class Key>
  std::optional<std::size_t> find(std::string_view wanted, const Key& key) const {
    auto it = std::lower_bound(order_.begin(), order_.end(), wanted,
                               [&](std::uint32_t i, std::string_view w) { return std::string_view(key(i)) < w; });
    if (it == order_.end() || std::string_view(key(*it)) != wanted) return std::nullopt;
    return *it;
  }

  /// Items indexed.
  std::size_t size() const { return order_.size(); }

 private:
  std::vector<std::uint32_t> order_;
};

}  // namespace watchdesk
