// The TOML names of the configuration's enums, one table per enum: printing, parsing, listing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace watchdesk::config {

/// One enum value with its name in the configuration file.
template <class E>
struct Named {
  std::string_view name;
  E value;
};

/// The name table of each enum, in documentation order.
std::span<const Named<SourceKind>> names(SourceKind);
std::span<const Named<TriggerKind>> names(TriggerKind);
std::span<const Named<ChannelKind>> names(ChannelKind);
std::span<const Named<Confirmation>> names(Confirmation);
std::span<const Named<PriceProvider>> names(PriceProvider);
std::span<const Named<JobsProvider>> names(JobsProvider);

/// The name of `value` (`edgar-filings`, `metric-move`, `ai-prior`, ...).
template <class E>
std::string_view name_of(E value) {
  for (const auto& entry : names(E{}))
    if (entry.value == value) return entry.name;
  return "unknown";
}

/// The value named `name`, if any.
template <class E>
std::optional<E> parse_name(std::string_view name) {
  for (const auto& entry : names(E{}))
    if (entry.name == name) return entry.value;
  return std::nullopt;
}

/// Every name of enum `E`, in table order (for did-you-mean and messages).
template <class E>
std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const auto& entry : names(E{})) out.emplace_back(entry.name);
  return out;
}

}  // namespace watchdesk::config
