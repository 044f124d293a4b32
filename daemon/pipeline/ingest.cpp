// Ingestion: parse, record, evaluate dependent triggers and health, queue alerts, commit once.
#include "daemon/pipeline/ingest.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "core/secret_scrub.hpp"
#include "daemon/pipeline/store_views.hpp"
#include "watchers/sources/parse.hpp"
#include "watchers/sources/price_bounds.hpp"
#include "watchers/triggers/alert.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/health.hpp"
#include "watchers/triggers/inputs.hpp"
#include "watchers/triggers/metric_values.hpp"
#include "watchers/triggers/silence.hpp"

namespace watchdesk::pipeline {
namespace {

// The source ids a series or metric name depends on, following metrics recursively.
void collect_sources(const config::Config& config, std::string_view name, std::set<std::string>& out,
                     int depth = 0) {
  if (depth > 32) return;
  if (const auto* metric = config.find_metric(name)) {
    for (const auto& input : metric->inputs) collect_sources(config, input, out, depth + 1);
    return;
  }
  auto dot = name.find('.');
  out.insert(std::string(name.substr(0, dot)));
}

std::set<std::string> trigger_sources(const config::Config& config, const config::Trigger& t) {
  std::set<std::string> out;
  switch (t.kind) {
    case config::TriggerKind::filing:
    case config::TriggerKind::count:
      out.insert(t.source);
      break;
    case config::TriggerKind::tenant:
      out.insert(t.sources.begin(), t.sources.end());
      break;
    case config::TriggerKind::metric_move:
      collect_sources(config, t.metric, out);
      break;
  }
  return out;
}

// Queues `alert` on `channels` (silenced when one of `silences` in force at `now` matches it); the
// queued alert when its id is new.
Result<std::optional<QueuedAlert>> queue_alert(store::Transaction& tx, const triggers::Alert& alert,
                                               const std::vector<std::string>& channels,
                                               const std::vector<triggers::Silence>& silences, TimePoint now) {
  std::string json = triggers::to_json(alert);
  const auto* silence = triggers::silencing(silences, alert, now);
  std::string silenced_by = silence != nullptr ? silence->id : std::string();
  auto added = tx.add_alert({alert.id, alert.trigger, json, now, silenced_by}, channels);
  if (!added.ok()) return added.error();
  if (!*added) return std::optional<QueuedAlert>();
  if (silence != nullptr)
    spdlog::info("trigger {}: alert {} silenced by {} ({}), not sent", alert.trigger, alert.id, silence->id,
                 silence->reason);
  return std::optional<QueuedAlert>(QueuedAlert{alert.id, alert.trigger, std::move(json), std::move(silenced_by)});
}

// The series of `source` that metrics need and `parsed` lacks, each with the parser's reason when it
// gave one (`revenue_ttm: no facts ...`); empty when nothing is missing.
std::string missing_series(const config::Config& config, const config::Source& source, const ParseOutput& parsed) {
  std::string out;
  std::set<std::string_view> checked;
  for (const auto& metric : config.metrics) {
    for (const auto& input : metric.inputs) {
      const auto [source_id, field] = triggers::split_series_name(input);
      if (source_id != source.id || field.empty() || !checked.insert(field).second) continue;
      const bool present = std::any_of(parsed.points.begin(), parsed.points.end(),
                                       [&](const SeriesPoint& p) { return p.field == field; });
      if (present) continue;
      std::string why = std::string(field) + ": not in the answer";
      const std::string prefix = std::string(field) + ":";
      for (const auto& reason : parsed.dropped)
        if (reason.rfind(prefix, 0) == 0) why = reason;
      out += (out.empty() ? "" : "; ") + why;
    }
  }
  return out;
}

// Nothing of a transaction that failed was recorded: the report says so and lists nothing new.
void unrecorded(IngestReport& report, const Error& e) {
  report.store_error = e.message;
  report.store_error_kind = e.kind;
  report.new_observations.clear();
  report.points.clear();
  report.rejected.clear();
  report.alerts.clear();
}

}  // namespace

Ingestor::Ingestor(const config::Config& config, store::StateStore& store, Commit commit,
                   std::vector<std::string> only_triggers)
    : config_(config), store_(store), commit_(commit), only_(std::move(only_triggers)) {}

bool Ingestor::selected(const config::Trigger& trigger) const {
  return only_.empty() || std::find(only_.begin(), only_.end(), trigger.id) != only_.end();
}

std::vector<const config::Trigger*> Ingestor::dependents(std::string_view source_id) const {
  std::vector<const config::Trigger*> out;
  for (const auto& t : config_.triggers)
    if (selected(t) && trigger_sources(config_, t).count(std::string(source_id))) out.push_back(&t);
  return out;
}

std::vector<const config::Source*> Ingestor::needed_sources() const {
  std::vector<const config::Source*> out;
  if (only_.empty()) {
    for (const auto& s : config_.sources) out.push_back(&s);
    return out;
  }
  std::set<std::string> needed;
  for (const auto& t : config_.triggers)
    if (selected(t)) needed.merge(trigger_sources(config_, t));
  for (const auto& s : config_.sources)
    if (needed.count(s.id)) out.push_back(&s);
  return out;
}

std::optional<ParseOutput> Ingestor::parse(const config::Source& source, const FetchOutcome& outcome,
                                           IngestReport& report) const {
  report.source_id = source.id;
  std::optional<ParseOutput> parsed;
  std::string failure;
  if (outcome.kind == FetchOutcome::Kind::failed) {
    failure = outcome.error;
  } else if (outcome.kind == FetchOutcome::Kind::body) {
    if (outcome.body.empty()) {
      failure = "empty answer (" + std::to_string(outcome.status) + ") from " + source.url;
    } else {
      // A source that answered before has seen most of what it answers now (a changed feed usually
      // brings one new item in a hundred): the parsers that can skip the items the store holds read
      // nothing more of them than their keys. A lookup that fails knows nothing: the item is read
      // whole, and `record` meets the store's failure again.
      KnownKey known;
      if (auto state = store_.fetch_state(source.id); state.ok() && state->has_value() && (*state)->last_success) {
        known = [this, &source](std::string_view key) {
          auto seen = store_.has_observation(source.id, key);
          return seen.ok() && *seen;
        };
      }
      auto result = sources::parse_source(source, outcome.body, outcome.content_type, known);
      if (result.ok()) parsed = std::move(result).value();
      else failure = result.error().message;
    }
  }
  report.healthy = failure.empty();
  report.error = failure;
  return parsed;
}

IngestReport Ingestor::ingest(const config::Source& source, const FetchOutcome& outcome, TimePoint now) {
  IngestReport report;
  auto parsed = parse(source, outcome, report);
  auto tx = store_.begin();
  if (!tx.ok()) {
    report.store_error = tx.error().message;
    return report;
  }
  if (auto s = record(*tx, source, outcome, parsed, now, report); !s.ok()) {
    unrecorded(report, s.error());
    return report;
  }
  if (commit_ == Commit::yes) {
    if (auto s = tx->commit(); !s.ok()) unrecorded(report, s.error());
  }
  return report;
}

std::vector<IngestReport> Ingestor::ingest_all(const std::vector<IngestItem>& items) {
  std::vector<IngestReport> reports(items.size());
  const auto fail_all = [&](const Error& e) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (reports[i].source_id.empty()) parse(*items[i].source, *items[i].outcome, reports[i]);
      if (reports[i].store_error.empty()) unrecorded(reports[i], e);
    }
    return std::move(reports);
  };
  auto tx = store_.begin();
  if (!tx.ok()) {
    // As for one source: a transaction that cannot begin is reported by its message alone.
    for (std::size_t i = 0; i < items.size(); ++i) {
      parse(*items[i].source, *items[i].outcome, reports[i]);
      reports[i].store_error = tx.error().message;
    }
    return reports;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    // Each body is parsed just before it is recorded: one parsed document is held at a time.
    auto parsed = parse(*items[i].source, *items[i].outcome, reports[i]);
    if (auto s = tx->mark(); !s.ok()) return fail_all(s.error());
    auto s = record(*tx, *items[i].source, *items[i].outcome, parsed, items[i].now, reports[i]);
    if (s.ok()) s = tx->keep();
    if (s.ok()) continue;
    unrecorded(reports[i], s.error());
    // A full disk or an I/O error can roll the whole transaction back: then nothing of the batch
    // was recorded. Otherwise only this source's writes are undone.
    if (!tx->alive() || !tx->undo().ok()) return fail_all(s.error());
  }
  if (commit_ == Commit::yes) {
    if (auto s = tx->commit(); !s.ok()) return fail_all(s.error());
  }
  return reports;
}

Status Ingestor::record(store::Transaction& tx, const config::Source& source, const FetchOutcome& outcome,
                        std::optional<ParseOutput>& parsed, TimePoint now, IngestReport& report) {
  // Fetch state and health.
  auto stored = store_.fetch_state(source.id);
  if (!stored) return stored.error();
  auto state = stored->value_or(store::FetchState{});
  const std::optional<TimePoint> previous_success = state.last_success;
  state.source_id = source.id;
  if (state.url != source.url) {
    state.etag.clear();
    state.last_modified.clear();
    state.url = source.url;
  }
  state.last_attempt = now;
  state.last_status = outcome.status;
  const std::string& failure = report.error;
  const bool was_degraded =
      state.consecutive_failures == 0 && state.last_error.rfind(triggers::degraded_marker, 0) == 0;
  if (parsed) report.degraded = missing_series(config_, source, *parsed);
  if (report.healthy) {
    state.last_success = now;
    // A source that parsed but lacks a series a metric needs is degraded, not quietly ok; a
    // not-modified answer keeps what the last parse said.
    if (parsed) state.last_error = report.degraded.empty() ? std::string() : std::string(triggers::degraded_marker) + report.degraded;
    else if (!was_degraded) state.last_error.clear();
    state.consecutive_failures = 0;
    if (outcome.kind == FetchOutcome::Kind::body) {
      state.etag = outcome.etag;
      state.last_modified = outcome.last_modified;
    }
  } else {
    state.last_error = scrub_secrets(failure);
    // Paused by SEC's throttle, not failing: the pause raises its own one alert.
    if (!outcome.sec_throttled) state.consecutive_failures += 1;
  }

  if (!state.first_attempt) state.first_attempt = now;
  triggers::SourceHealth health;
  health.source_id = source.id;
  health.every = source.every;
  health.consecutive_failures = state.consecutive_failures;
  health.last_success = state.last_success;
  health.last_attempt = now;
  health.last_error = state.last_error;
  health.first_attempt = *state.first_attempt;
  health.unhealthy_alerted = state.unhealthy_alerted;
  health.url = source.url;
  auto health_outcome = triggers::check_health(
      health, {config_.watchdesk.fail_after, config_.watchdesk.stale_after}, now);
  state.unhealthy_alerted = health_outcome.unhealthy_alerted;

  std::vector<std::pair<triggers::Alert, std::vector<std::string>>> raised;
  const auto raise_health = [&](triggers::Alert alert) {
    std::vector<std::string> channels = config_.watchdesk.health_channels;
    if (channels.empty())
      for (const auto& c : config_.channels) channels.push_back(c.id);
    raised.emplace_back(std::move(alert), std::move(channels));
  };
  if (health_outcome.alert) raise_health(std::move(*health_outcome.alert));
  if (outcome.sec_throttled) raise_health(triggers::sec_throttled_alert(health, now));
  // One alert per degraded spell: when a source turns degraded, not on every poll that stays so.
  if (!report.degraded.empty() && !was_degraded) raise_health(triggers::degraded_alert(health, report.degraded, now));

  if (auto s = tx.put_fetch_state(state); !s.ok()) return s.error();
  report.consecutive_failures = state.consecutive_failures;

  if (parsed) {
    report.dropped = std::move(parsed->dropped);
    // Keys the store holds (those the parser could not skip) are skipped before their signal and
    // facts are serialised for an insert that would do nothing. A first answer is all new.
    const bool answered_before = previous_success.has_value();
    for (auto& obs : parsed->observations) {
      if (answered_before) {
        auto seen = store_.has_observation(source.id, obs.key);
        if (!seen.ok()) return seen.error();
        if (*seen) continue;
      }
      std::string signal = signal_id(source.id, obs.key);
      auto added = tx.add_observation(source.id, obs, now, signal);
      if (!added.ok()) return added.error();
      if (*added) report.new_observations.push_back({source.id, std::move(signal), now, std::move(obs)});
    }
    std::optional<double> last_close;
    if (source.kind == config::SourceKind::price) {
      auto latest = store_.latest_point(source.id + ".close");
      if (!latest) return latest.error();
      if (latest->has_value()) last_close = (*latest)->value;
    }
    for (auto& p : parsed->points) {
      if (p.stamp == SeriesPoint::Stamp::at_fetch) p.at = now;
      std::string name = source.id + "." + p.field;
      if (source.kind == config::SourceKind::price) {
        if (auto problem = sources::implausible_price(p, last_close, config_.watchdesk.price_factor)) {
          if (auto s = tx.add_rejected_point({name, p.at, p.value, *problem, now}); !s.ok()) return s.error();
          report.rejected.push_back(name + ": " + *problem);
          continue;
        }
        if (p.field == "close") last_close = p.value;
      }
      if (auto s = tx.add_point(name, p); !s.ok()) return s.error();
      report.points.emplace_back(std::move(name), std::move(p));
    }
  }

  // Triggers that depend on this source (the new observations are copied for them only when
  // there are some).
  const auto dependent_triggers = dependents(source.id);
  if (parsed && !dependent_triggers.empty()) {
    StoreSeries series(store_);
    StoreObservations observations(store_);
    triggers::Context context{now, config_, series, observations, {}};
    for (const auto& s : report.new_observations)
      context.new_observations.push_back({s.source_id, s.signal, s.first_seen, s.observation});
    for (const auto* trigger : dependent_triggers) {
      auto previous = store_.trigger_state(trigger->id);
      if (!previous) return previous.error();
      auto result = triggers::evaluate(
          *trigger, previous->has_value() ? std::optional<std::string_view>(**previous) : std::nullopt, context);
      // A trigger that read an incomplete picture decides nothing: the fetch is recorded again.
      if (series.failure()) return *series.failure();
      if (observations.failure()) return *observations.failure();
      if (auto s = tx.put_trigger_state(trigger->id, result.state); !s.ok()) return s.error();
      for (auto& alert : result.alerts) raised.emplace_back(std::move(alert), trigger->channels);
    }
  }

  if (!raised.empty()) {
    // Silences are read where they are used, so one added by `watchdesk silence add` counts at once.
    auto silences = store_.active_silences(now);
    if (!silences) return silences.error();
    for (auto& [alert, channels] : raised) {
      auto queued = queue_alert(tx, alert, channels, *silences, now);
      if (!queued.ok()) return queued.error();
      if (*queued) report.alerts.push_back(std::move(**queued));
    }
  }

  return ok_status();
}

std::vector<QueuedAlert> Ingestor::tick(TimePoint now) {
  std::vector<QueuedAlert> out;
  auto tx = store_.begin();
  if (!tx.ok()) {
    spdlog::error("state store: cannot evaluate deadlines: {}", tx.error().message);
    return out;
  }
  StoreSeries series(store_);
  StoreObservations observations(store_);
  triggers::Context context{now, config_, series, observations, {}};
  std::optional<std::vector<triggers::Silence>> silences;
  for (const auto& trigger : config_.triggers) {
    if (!selected(trigger) || trigger.kind != config::TriggerKind::tenant) continue;
    auto previous = store_.trigger_state(trigger.id);
    if (!previous) {
      spdlog::error("trigger {}: cannot evaluate its deadline: {}", trigger.id, previous.error().message);
      return {};
    }
    auto result = triggers::evaluate(
        trigger, previous->has_value() ? std::optional<std::string_view>(**previous) : std::nullopt, context);
    if (const auto& failure = series.failure() ? series.failure() : observations.failure()) {
      spdlog::error("trigger {}: cannot evaluate its deadline: {}", trigger.id, failure->message);
      return {};
    }
    // An unchanged state is not rewritten: an idle daemon then leaves the disk alone every minute.
    if ((!previous->has_value() || **previous != result.state) &&
        !tx->put_trigger_state(trigger.id, result.state).ok())
      return {};
    if (!result.alerts.empty() && !silences) {
      auto read = store_.active_silences(now);
      if (!read) {
        spdlog::error("trigger {}: cannot read silences: {}", trigger.id, read.error().message);
        return {};
      }
      silences = std::move(read).value();
    }
    for (auto& alert : result.alerts) {
      auto queued = queue_alert(*tx, alert, trigger.channels, *silences, now);
      if (queued.ok() && *queued) out.push_back(std::move(**queued));
    }
  }
  if (commit_ == Commit::yes && !tx->commit().ok()) return {};
  return out;
}

}  // namespace watchdesk::pipeline
