// Silence matching: trigger id, then a source id for health alerts or text for the others.
#include "watchers/triggers/silence.hpp"

#include <algorithm>

#include "core/text/strings.hpp"

namespace watchdesk::triggers {
namespace {

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return text::to_lower_ascii(haystack).find(text::to_lower_ascii(needle)) != std::string::npos;
}

std::optional<std::string_view> fact(const Alert& alert, std::string_view name) {
  for (const auto& f : alert.facts)
    if (f.name == name) return f.value;
  return std::nullopt;
}

}  // namespace

bool is_active(const Silence& silence, TimePoint now) {
  return silence.created_at <= now && now < silence.ends_at;
}

bool matches(const Silence& silence, const Alert& alert) {
  if (silence.trigger != alert.trigger) return false;
  if (silence.match.empty()) return true;
  if (alert.trigger == "health") {
    const auto source = fact(alert, "source");
    return source && text::iequals(*source, silence.match);
  }
  const bool cited = std::any_of(alert.evidence.begin(), alert.evidence.end(),
                                 [&](const Evidence& e) { return text::iequals(e.source, silence.match); });
  return cited || contains_ignoring_case(alert.id, silence.match) ||
         contains_ignoring_case(alert.title, silence.match) ||
         contains_ignoring_case(alert.summary, silence.match);
}

const Silence* silencing(const std::vector<Silence>& silences, const Alert& alert, TimePoint now) {
  for (const auto& silence : silences)
    if (is_active(silence, now) && matches(silence, alert)) return &silence;
  return nullptr;
}

}  // namespace watchdesk::triggers
