// Lookups on a loaded configuration.
#include "config/config.hpp"

#include <algorithm>

namespace watchdesk::config {
namespace {

template <class T, class Key>
const T* find_by(const std::vector<T>& items, Key T::*key, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*key == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Source* Config::find_source(std::string_view id) const { return source_index.find(sources, id); }

const Channel* Config::find_channel(std::string_view id) const { return find_by(channels, &Channel::id, id); }

const Metric* Config::find_metric(std::string_view name) const { return find_by(metrics, &Metric::name, name); }

const Trigger* Config::find_trigger(std::string_view id) const { return find_by(triggers, &Trigger::id, id); }
const Digest* Config::find_digest(std::string_view id) const { return find_by(digests, &Digest::id, id); }

}  // namespace watchdesk::config
