// Dispatch of `evaluate()` to the trigger kinds, and the `max_age` default.
#include "watchers/triggers/evaluate.hpp"

#include "watchers/triggers/kinds.hpp"

namespace watchdesk::triggers {

Outcome evaluate(const config::Trigger& trigger, std::optional<std::string_view> state,
                 const Context& context) {
  switch (trigger.kind) {
    case config::TriggerKind::filing:
      return evaluate_filing(trigger, state, context);
    case config::TriggerKind::metric_move:
      return evaluate_metric_move(trigger, state, context);
    case config::TriggerKind::tenant:
      return evaluate_tenant(trigger, state, context);
    case config::TriggerKind::count:
      return evaluate_count(trigger, state, context);
  }
  return Outcome{std::string(state.value_or("{}")), {}};
}

std::optional<Seconds> effective_max_age(const config::Trigger& trigger) {
  if (trigger.max_age) return trigger.max_age;
  if (trigger.kind == config::TriggerKind::filing) return std::nullopt;
  return kDefaultMaxAge;
}

}  // namespace watchdesk::triggers
