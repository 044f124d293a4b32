// Trigger evaluation: (trigger, stored state, inputs, now) -> (new state, alerts), one kind per file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/triggers/alert.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::triggers {

/// What one evaluation produced: the state to store (a JSON document the kind owns; store it as is
/// and hand it back next time) and the alerts to queue.
struct Outcome {
  std::string state;
  std::vector<Alert> alerts;
};

/// Evaluates `trigger` at `context.now` given its stored `state` (nullopt on the first evaluation;
/// a document that does not parse is treated as none). Pure: the same inputs give the same outcome.
Outcome evaluate(const config::Trigger& trigger, std::optional<std::string_view> state,
                 const Context& context);

/// The `max_age` in force for a trigger: its own, else 3 days, except `filing` (none).
std::optional<Seconds> effective_max_age(const config::Trigger& trigger);

/// The default `max_age`: 3 days.
inline constexpr Seconds kDefaultMaxAge{3 * 24 * 3600};

}  // namespace watchdesk::triggers
