// The desk's observable-state table (`watchdesk status`): one reading per trigger, metric and figure.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/triggers/alert.hpp"
#include "watchers/triggers/inputs.hpp"

namespace watchdesk::triggers {

/// One row of the table.
struct Reading {
  /// The trigger id, metric name or figure label.
  std::string row;
  /// What the row is: a trigger kind (`filing`, `metric-move`, `tenant`, `count`), `metric` or
  /// `figure`.
  std::string kind;
  /// The current reading, in words (`OpenAI (reported, signal 1a2b3c4d); known: Anthropic`).
  std::string reading;
  /// The number the reading states, for metrics and series (`--format json` prints it).
  std::optional<double> value;
  /// Its confirmation status, when it rests on evidence or a tagged figure.
  std::optional<config::Confirmation> status;
  /// What `status` shows when there is no confirmation status yet (`candidate`: only hedges and
  /// talks name a tenant); empty for `-`.
  std::string status_label;
  /// When the reading holds.
  std::optional<TimePoint> as_of;
  /// The evidence to cite (signal id and link; for figures, the first listed signal).
  std::optional<Evidence> evidence;
};

/// The reading of one trigger from its stored `state` (nullopt: never evaluated) and the stored
/// series and observations in `context` (its `new_observations` are not used).
std::vector<Reading> read(const config::Trigger& trigger, std::optional<std::string_view> state,
                          const Context& context);

/// The reading of one `[metrics.*]`: its latest value and time, or why it has none.
Reading read_metric(const config::Metric& metric, const Context& context);

/// The reading of one `[figures.*]`: its value with its confirmation tag.
Reading read_figure(const config::Figure& figure);

/// Looks up a trigger's stored state by trigger id.
using StateLookup = std::function<std::optional<std::string>(std::string_view trigger_id)>;

/// The whole table for `context.config`: triggers, then metrics, then figures, in config order.
std::vector<Reading> read_all(const Context& context, const StateLookup& state_of);

}  // namespace watchdesk::triggers
