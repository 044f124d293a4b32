// The observable-state table: dispatch to the trigger kinds, metric values and figure tags.
#include "watchers/triggers/reading.hpp"

#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::triggers {

std::vector<Reading> read(const config::Trigger& trigger, std::optional<std::string_view> state,
                          const Context& context) {
  switch (trigger.kind) {
    case config::TriggerKind::filing:
      return read_filing(trigger, state, context);
    case config::TriggerKind::metric_move:
      return read_metric_move(trigger, state, context);
    case config::TriggerKind::tenant:
      return read_tenant(trigger, state, context);
    case config::TriggerKind::count:
      return read_count(trigger, state, context);
  }
  return {};
}

Reading read_metric(const config::Metric& metric, const Context& context) {
  Reading reading;
  reading.row = metric.name;
  reading.kind = "metric";
  const auto value = latest_value(context.config, context.series, metric.name);
  if (!value) {
    reading.reading = "no value: " + value.error().message;
    return reading;
  }
  reading.reading = format_number(value->value) + " = " + metric.expr;
  reading.value = value->value;
  reading.status = config::Confirmation::confirmed;
  reading.as_of = value->at;
  if (!value->inputs.empty()) reading.evidence = evidence_of(context.config, value->inputs.front());
  return reading;
}

Reading read_figure(const config::Figure& figure) {
  Reading reading;
  reading.row = figure.label.empty() ? figure.name : figure.label;
  reading.kind = "figure";
  reading.reading = figure.value;
  if (!figure.note.empty()) reading.reading += " (" + figure.note + ")";
  reading.status = figure.status;
  if (!figure.as_of.empty()) reading.as_of = parse_rfc3339(figure.as_of);
  if (!figure.signals.empty()) {
    Evidence evidence;
    evidence.signal = figure.signals.front();
    reading.evidence = std::move(evidence);
  }
  return reading;
}

std::vector<Reading> read_all(const Context& context, const StateLookup& state_of) {
  std::vector<Reading> rows;
  for (const auto& trigger : context.config.triggers) {
    const std::optional<std::string> state = state_of(trigger.id);
    std::optional<std::string_view> view;
    if (state) view = *state;
    for (auto& row : read(trigger, view, context)) rows.push_back(std::move(row));
  }
  for (const auto& metric : context.config.metrics) rows.push_back(read_metric(metric, context));
  for (const auto& figure : context.config.figures) rows.push_back(read_figure(figure));
  return rows;
}

}  // namespace watchdesk::triggers
