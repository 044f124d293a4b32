// `SourceIndex`: a hash table from source id to position, checked against the vector it indexes.
#include "config/source_index.hpp"

#include <algorithm>

#include "config/config.hpp"

namespace watchdesk::config {

const Source* SourceIndex::find(const std::vector<Source>& sources, std::string_view id) const {
  if (sources.data() != data_ || sources.size() != size_) {
    positions_.clear();
    positions_.reserve(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) positions_.emplace(sources[i].id, i);
    data_ = sources.data();
    size_ = sources.size();
  }
  if (auto it = positions_.find(id); it != positions_.end() && it->second < sources.size() &&
                                     sources[it->second].id == id) {
    return &sources[it->second];
  }
  auto it = std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return s.id == id; });
  return it == sources.end() ? nullptr : &*it;
}

}  // namespace watchdesk::config
