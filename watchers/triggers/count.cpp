// The `count` trigger: how many observations of a source (matching words, or all) were published
// in the trailing window, firing when the count crosses `above` or `below`.
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

#include "core/text/strings.hpp"
#include "core/text/words.hpp"
#include "core/units.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// How many newest items an alert cites.
constexpr std::size_t kEvidenceItems = 5;

struct CountState {
  std::optional<TimePoint> evaluated_at;
  std::size_t count = 0;
  std::optional<TimePoint> last_above_alert;
  std::optional<TimePoint> last_below_alert;
  std::string last_alert_title;
  std::optional<TimePoint> last_alert_at;
};

CountState load_count_state(std::optional<std::string_view> text) {
  CountState state;
  const auto object = parse_state(text);
  if (!object) return state;
  state.evaluated_at = get_time(*object, "evaluated_at");
  state.count = static_cast<std::size_t>(std::max(0.0, get_number(*object, "count").value_or(0)));
  state.last_above_alert = get_time(*object, "last_above_alert");
  state.last_below_alert = get_time(*object, "last_below_alert");
  state.last_alert_title = get_string(*object, "last_alert_title");
  state.last_alert_at = get_time(*object, "last_alert_at");
  return state;
}

std::string save_count_state(const CountState& state) {
  json::object out;
  out["evaluated_at"] = time_value(state.evaluated_at);
  out["count"] = state.count;
  out["last_above_alert"] = time_value(state.last_above_alert);
  out["last_below_alert"] = time_value(state.last_below_alert);
  out["last_alert_title"] = state.last_alert_title;
  out["last_alert_at"] = time_value(state.last_alert_at);
  return json::serialize(out);
}

// The counted items: stored and new observations of the source, published within the window
// and matching the words; each once, newest first.
std::vector<SeenObservation> counted(const config::Trigger& trigger, const Context& context) {
  const TimePoint since = context.now - trigger.window;
  std::vector<SeenObservation> items = context.observations.observations(trigger.source, since);
  for (const auto& item : context.new_observations) {
    if (item.source_id == trigger.source) items.push_back(item);
  }
  std::set<std::string> signals;
  std::vector<SeenObservation> out;
  for (auto& item : items) {
    if (published_or_seen(item) < since) continue;
    if (!trigger.match.empty() && !text::contains_any_word(item.observation.title, trigger.match)) continue;
    if (!signals.insert(item.signal).second) continue;
    out.push_back(std::move(item));
  }
  std::stable_sort(out.begin(), out.end(), [](const SeenObservation& a, const SeenObservation& b) {
    return published_or_seen(a) > published_or_seen(b);
  });
  return out;
}

std::string what_counted(const config::Trigger& trigger) {
  std::string out = "items from " + trigger.source;
  if (!trigger.match.empty()) out += " matching " + text::join(trigger.match, ", ");
  return out;
}

enum class Direction { above, below };

Alert count_alert(const config::Trigger& trigger, const Context& context,
                  const std::vector<SeenObservation>& items, std::size_t previous,
                  Direction direction, double level) {
  const bool up = direction == Direction::above;
  const std::string window = format_duration(trigger.window);
  Alert alert;
  alert.id = trigger.id + "/" + (up ? "above" : "below") + "/" + format_rfc3339(context.now);
  alert.trigger = trigger.id;
  alert.kind = "count";
  alert.status = source_confirmation(context.config, trigger.source);
  alert.observed_at = context.now;
  if (!items.empty()) alert.published_at = items.front().observation.published;
  alert.title = trigger.id + ": " + std::to_string(items.size()) + " " + what_counted(trigger) +
                " in " + window + (up ? ", above " : ", below ") + format_number(level);
  alert.summary = std::to_string(items.size()) + " " + what_counted(trigger) +
                  " were published in the " + window + " to " + format_rfc3339(context.now) +
                  " (previously " + std::to_string(previous) + "): " +
                  (up ? "more than " : "fewer than ") + format_number(level) + ".";
  for (std::size_t i = 0; i < items.size() && i < kEvidenceItems; ++i) {
    alert.evidence.push_back(evidence_of(items[i]));
  }
  alert.facts.push_back({"source", trigger.source});
  alert.facts.push_back({"count", std::to_string(items.size())});
  alert.facts.push_back({"previous_count", std::to_string(previous)});
  alert.facts.push_back({"window", window});
  alert.facts.push_back({up ? "above" : "below", format_number(level)});
  if (!trigger.match.empty()) alert.facts.push_back({"match", text::join(trigger.match, ", ")});
  return alert;
}

}  // namespace

Outcome evaluate_count(const config::Trigger& trigger, std::optional<std::string_view> text,
                       const Context& context) {
  CountState state = load_count_state(text);
  const std::vector<SeenObservation> items = counted(trigger, context);
  const auto max_age = effective_max_age(trigger);
  // Items that were already old when first seen are added to the previous count, so they can
  // never be what carries the count across a level.
  std::size_t stale_new = 0;
  for (const auto& item : items) {
    const bool new_since_last = !state.evaluated_at || item.first_seen > *state.evaluated_at;
    if (new_since_last && freshness(item, max_age) == Freshness::stale) ++stale_new;
  }
  const std::size_t previous = (state.evaluated_at ? state.count : 0) + stale_new;
  const std::size_t now_count = items.size();
  const Seconds cooldown = trigger.cooldown.value_or(trigger.window);

  Outcome outcome;
  const auto fire = [&](Direction direction, double level, std::optional<TimePoint>& last_alert) {
    if (in_cooldown(last_alert, cooldown, context.now)) return;
    Alert alert = count_alert(trigger, context, items, previous, direction, level);
    state.last_alert_title = alert.title;
    state.last_alert_at = context.now;
    last_alert = context.now;
    outcome.alerts.push_back(std::move(alert));
  };
  const auto n = static_cast<double>(now_count);
  const auto p = static_cast<double>(previous);
  if (trigger.above && p <= *trigger.above && n > *trigger.above) {
    fire(Direction::above, *trigger.above, state.last_above_alert);
  }
  if (trigger.below && p >= *trigger.below && n < *trigger.below) {
    fire(Direction::below, *trigger.below, state.last_below_alert);
  }
  state.count = now_count;
  state.evaluated_at = context.now;
  outcome.state = save_count_state(state);
  return outcome;
}

std::vector<Reading> read_count(const config::Trigger& trigger,
                                std::optional<std::string_view> text, const Context& context) {
  const CountState state = load_count_state(text);
  const std::vector<SeenObservation> items = counted(trigger, context);
  Reading reading;
  reading.row = trigger.id;
  reading.kind = "count";
  reading.reading = std::to_string(items.size()) + " " + what_counted(trigger) + " in the last " +
                    format_duration(trigger.window);
  std::vector<std::string> limits;
  if (trigger.above) limits.push_back("above " + format_number(*trigger.above));
  if (trigger.below) limits.push_back("below " + format_number(*trigger.below));
  if (!limits.empty()) reading.reading += " (fires " + text::join(limits, ", ") + ")";
  if (state.last_alert_at) {
    reading.reading += "; last alert " + format_rfc3339(*state.last_alert_at) + ": " +
                       state.last_alert_title;
  }
  reading.status = source_confirmation(context.config, trigger.source);
  reading.as_of = context.now;
  if (!items.empty()) reading.evidence = evidence_of(items.front());
  return {reading};
}

}  // namespace watchdesk::triggers
