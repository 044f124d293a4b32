// The `metric-move` trigger: the change of a series or metric over `window` against a threshold,
// and crossings of absolute levels, with hysteresis and cooldown.
#include <boost/json/serialize.hpp>

#include <cmath>

#include "core/text/strings.hpp"
#include "core/units.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// Which side of a level the value was on at the last evaluation.
enum class Side { under, over };

std::optional<Side> side_from(std::string_view text) {
  if (text == "over") return Side::over;
  if (text == "under") return Side::under;
  return std::nullopt;
}

json::value side_value(std::optional<Side> side) {
  if (!side) return nullptr;
  return json::value(*side == Side::over ? "over" : "under");
}

struct MoveState {
  /// True until a value has been evaluated once.
  bool first = true;
  bool armed = true;
  std::optional<TimePoint> last_move_alert;
  std::optional<Side> above_side;
  std::optional<Side> below_side;
  std::optional<TimePoint> last_above_alert;
  std::optional<TimePoint> last_below_alert;
  std::string last_alert_title;
  std::optional<TimePoint> last_alert_at;
};

MoveState load_move_state(std::optional<std::string_view> text) {
  MoveState state;
  const auto object = parse_state(text);
  if (!object) return state;
  state.first = !get_bool(*object, "valued", false);
  state.armed = get_bool(*object, "armed", true);
  state.last_move_alert = get_time(*object, "last_move_alert");
  state.above_side = side_from(get_string(*object, "above_side"));
  state.below_side = side_from(get_string(*object, "below_side"));
  state.last_above_alert = get_time(*object, "last_above_alert");
  state.last_below_alert = get_time(*object, "last_below_alert");
  state.last_alert_title = get_string(*object, "last_alert_title");
  state.last_alert_at = get_time(*object, "last_alert_at");
  return state;
}

std::string save_move_state(const MoveState& state, TimePoint now) {
  json::object out;
  out["evaluated_at"] = format_rfc3339(now);
  out["valued"] = !state.first;
  out["armed"] = state.armed;
  out["last_move_alert"] = time_value(state.last_move_alert);
  out["above_side"] = side_value(state.above_side);
  out["below_side"] = side_value(state.below_side);
  out["last_above_alert"] = time_value(state.last_above_alert);
  out["last_below_alert"] = time_value(state.last_below_alert);
  out["last_alert_title"] = state.last_alert_title;
  out["last_alert_at"] = time_value(state.last_alert_at);
  return json::serialize(out);
}

// The change measured in the threshold's terms: a fraction for `10%`, series units otherwise;
// nullopt for a relative threshold over a previous value of zero.
std::optional<double> measured_change(const config::Threshold& threshold, double latest,
                                      double previous) {
  const double change = latest - previous;
  if (!threshold.relative) return std::fabs(change);
  if (previous == 0) return std::nullopt;
  return std::fabs(change / previous);
}

// The alert body shared by moves and level crossings.
Alert base_alert(const config::Trigger& trigger, const Context& context, const MetricValue& latest,
                 const std::optional<MetricValue>& previous, std::string_view what) {
  Alert alert;
  alert.id = trigger.id + "/" + std::string(what) + "/" + format_rfc3339(latest.at);
  alert.trigger = trigger.id;
  alert.kind = "metric-move";
  alert.status = config::Confirmation::confirmed;
  alert.observed_at = context.now;
  alert.published_at = latest.at;
  for (const auto& input : latest.inputs) {
    alert.evidence.push_back(evidence_of(context.config, input));
  }
  alert.facts.push_back({"metric", trigger.metric});
  alert.facts.push_back({"value", format_number(latest.value)});
  alert.facts.push_back({"at", format_rfc3339(latest.at)});
  if (previous) {
    alert.facts.push_back({"previous_value", format_number(previous->value)});
    alert.facts.push_back({"previous_at", format_rfc3339(previous->at)});
    alert.facts.push_back({"change", format_number(latest.value - previous->value)});
    if (previous->value != 0) {
      alert.facts.push_back(
          {"change_percent", format_change_percent((latest.value - previous->value) /
                                                   std::fabs(previous->value))});
    }
  }
  if (trigger.window.count() > 0) alert.facts.push_back({"window", format_duration(trigger.window)});
  if (latest.inputs.size() > 1 || (latest.inputs.size() == 1 && latest.inputs[0].series != trigger.metric)) {
    for (const auto& input : latest.inputs) {
      alert.facts.push_back({"input." + input.series, format_number(input.point.value) + " at " +
                                                          format_rfc3339(input.point.at)});
    }
  }
  return alert;
}

std::string value_sentence(const config::Trigger& trigger, const MetricValue& latest) {
  return trigger.metric + " is " + format_number(latest.value) + " at " + format_rfc3339(latest.at);
}

Alert move_alert(const config::Trigger& trigger, const Context& context, const MetricValue& latest,
                 const MetricValue& previous) {
  Alert alert = base_alert(trigger, context, latest, previous, "move");
  const double change = latest.value - previous.value;
  const std::string direction = change >= 0 ? "up" : "down";
  const std::string window = format_duration(trigger.window);
  std::string amount;
  if (previous.value != 0) {
    const double fraction = change / std::fabs(previous.value);
    amount = format_change_percent(fraction).substr(1);  // without the sign: `12.3%`
    if (!trigger.threshold->relative) amount = format_number(std::fabs(change)) + " (" + amount + ")";
  } else {
    amount = format_number(std::fabs(change));
  }
  alert.title = trigger.metric + " " + direction + " " + amount + " over " + window;
  alert.summary = value_sentence(trigger, latest) + ", " + direction + " " + amount + " from " +
                  format_number(previous.value) + " at " + format_rfc3339(previous.at) +
                  " (window " + window + ", threshold " + format_threshold(*trigger.threshold) + ").";
  alert.facts.push_back({"threshold", format_threshold(*trigger.threshold)});
  return alert;
}

Alert level_alert(const config::Trigger& trigger, const Context& context, const MetricValue& latest,
                  const std::optional<MetricValue>& previous, Side crossed_to, double level) {
  const bool up = crossed_to == Side::over;
  Alert alert = base_alert(trigger, context, latest, previous, up ? "above" : "below");
  alert.title = trigger.metric + (up ? " rose above " : " fell below ") + format_number(level) +
                ": " + format_number(latest.value);
  alert.summary = value_sentence(trigger, latest) + (up ? ", at or above " : ", at or below ") +
                  format_number(level) + ".";
  if (previous) {
    alert.summary += " It was " + format_number(previous->value) + " at " +
                     format_rfc3339(previous->at) + ".";
  }
  alert.facts.push_back({up ? "above" : "below", format_number(level)});
  return alert;
}

void remember(MoveState& state, const Alert& alert, TimePoint now) {
  state.last_alert_title = alert.title;
  state.last_alert_at = now;
}

}  // namespace

Outcome evaluate_metric_move(const config::Trigger& trigger, std::optional<std::string_view> text,
                             const Context& context) {
  MoveState state = load_move_state(text);
  Outcome outcome;
  const auto latest = latest_value(context.config, context.series, trigger.metric);
  if (!latest) {
    // No value (an input has no point yet): nothing to compare; keep the state as it was, and
    // the first value seen later is still treated as a first evaluation.
    outcome.state = save_move_state(state, context.now);
    return outcome;
  }
  std::optional<MetricValue> previous;
  if (trigger.window.count() > 0) {
    auto earlier = comparable_value_at_or_before(context.config, context.series, trigger.metric,
                                                 latest->at - trigger.window, *latest);
    if (earlier) previous = std::move(earlier.value());
  }
  const auto max_age = effective_max_age(trigger);
  // On the first evaluation a value older than max_age is a baseline, never news.
  const bool fresh = !(state.first && max_age && context.now - latest->at > *max_age);
  const Seconds cooldown = trigger.cooldown.value_or(trigger.window);

  if (trigger.threshold && previous) {
    const auto change = measured_change(*trigger.threshold, latest->value, previous->value);
    if (change) {
      const double threshold = trigger.threshold->value;
      if (state.armed && *change >= threshold) {
        if (!fresh) {
          state.armed = false;
        } else if (!in_cooldown(state.last_move_alert, cooldown, context.now)) {
          Alert alert = move_alert(trigger, context, *latest, *previous);
          remember(state, alert, context.now);
          outcome.alerts.push_back(std::move(alert));
          state.armed = false;
          state.last_move_alert = context.now;
        }
      } else if (!state.armed && *change < trigger.rearm * threshold) {
        state.armed = true;
      }
    }
  }

  struct Level {
    std::optional<double> level;
    Side fires_on;
    std::optional<Side>* side;
    std::optional<TimePoint>* last_alert;
  };
  const Level levels[] = {{trigger.above, Side::over, &state.above_side, &state.last_above_alert},
                          {trigger.below, Side::under, &state.below_side, &state.last_below_alert}};
  for (const Level& l : levels) {
    if (!l.level) continue;
    auto side_of = [&](double value) {
      if (l.fires_on == Side::over) return value >= *l.level ? Side::over : Side::under;
      return value <= *l.level ? Side::under : Side::over;
    };
    const Side now_side = side_of(latest->value);
    std::optional<Side> before = *l.side;
    if (!before && previous) before = side_of(previous->value);
    if (before && *before != l.fires_on && now_side == l.fires_on && fresh &&
        !in_cooldown(*l.last_alert, cooldown, context.now)) {
      Alert alert = level_alert(trigger, context, *latest, previous, l.fires_on, *l.level);
      remember(state, alert, context.now);
      outcome.alerts.push_back(std::move(alert));
      *l.last_alert = context.now;
    }
    *l.side = now_side;
  }
  state.first = false;
  outcome.state = save_move_state(state, context.now);
  return outcome;
}

std::vector<Reading> read_metric_move(const config::Trigger& trigger,
                                      std::optional<std::string_view> text,
                                      const Context& context) {
  const MoveState state = load_move_state(text);
  Reading reading;
  reading.row = trigger.id;
  reading.kind = "metric-move";
  const auto latest = latest_value(context.config, context.series, trigger.metric);
  if (!latest) {
    reading.reading = "no value: " + latest.error().message;
    return {reading};
  }
  reading.reading = trigger.metric + " " + format_number(latest->value);
  if (trigger.window.count() > 0) {
    const auto previous = comparable_value_at_or_before(context.config, context.series, trigger.metric,
                                                        latest->at - trigger.window, *latest);
    if (previous && previous->value != 0) {
      reading.reading += ", " +
                         format_change_percent((latest->value - previous->value) /
                                               std::fabs(previous->value)) +
                         " over " + format_duration(trigger.window);
    } else if (!previous) {
      reading.reading += ", no value " + format_duration(trigger.window) + " earlier";
    }
  }
  std::vector<std::string> limits;
  if (trigger.threshold) limits.push_back("threshold " + format_threshold(*trigger.threshold));
  if (trigger.above) limits.push_back("above " + format_number(*trigger.above));
  if (trigger.below) limits.push_back("below " + format_number(*trigger.below));
  if (!limits.empty()) reading.reading += " (" + text::join(limits, ", ") + ")";
  if (state.last_alert_at) {
    reading.reading += "; last alert " + format_rfc3339(*state.last_alert_at) + ": " +
                       state.last_alert_title;
  }
  reading.status = config::Confirmation::confirmed;
  reading.as_of = latest->at;
  if (!latest->inputs.empty()) reading.evidence = evidence_of(context.config, latest->inputs.front());
  return {reading};
}

}  // namespace watchdesk::triggers
