// The observable-state table: trigger, metric and figure readings, source health, latest series values.
#include "daemon/pipeline/state_table.hpp"

#include <fmt/format.h>

#include "core/secret_scrub.hpp"
#include "daemon/pipeline/store_views.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/health.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::pipeline {
namespace {

// Source health and the latest value of every series, after the triggers', metrics' and figures'.
Status add_source_rows(const config::Config& cfg, store::StateStore& store, std::vector<triggers::Reading>& rows) {
  for (const auto& source : cfg.sources) {
    triggers::Reading r;
    r.row = source.id;
    r.kind = "source";
    auto stored = store.fetch_state(source.id);
    if (!stored) return stored.error();
    const auto& state = *stored;
    if (!state || !state->last_attempt) {
      r.reading = "not fetched yet";
    } else if (state->consecutive_failures == 0 && state->last_error.rfind(triggers::degraded_marker, 0) == 0) {
      r.reading = "DEGRADED: " + scrub_secrets(state->last_error.substr(triggers::degraded_marker.size()));
      r.as_of = state->last_success;
    } else if (state->consecutive_failures == 0) {
      r.reading = "healthy";
      r.as_of = state->last_success;
    } else {
      r.reading = fmt::format("FAILING: {} failure{} in a row; last error: {}", state->consecutive_failures,
                              state->consecutive_failures == 1 ? "" : "s", scrub_secrets(state->last_error));
      if (state->last_success) r.reading += "; last success " + format_rfc3339(*state->last_success);
      r.as_of = state->last_attempt;
    }
    rows.push_back(std::move(r));
  }
  auto names = store.series_names();
  if (!names) return names.error();
  for (const auto& name : *names) {
    auto latest = store.latest_point(name);
    if (!latest) return latest.error();
    const auto& p = *latest;
    if (!p) continue;
    triggers::Reading r;
    r.row = name;
    r.kind = "series";
    r.reading = fmt::format("{}", p->value);
    if (!p->ref.empty()) r.reading += " (" + p->ref + ")";
    r.value = p->value;
    r.as_of = p->at;
    // A series of a source still configured is as confirmed as what that source says by itself.
    const auto source_id = triggers::split_series_name(name).first;
    if (cfg.find_source(source_id)) {
      r.status = triggers::source_confirmation(cfg, source_id);
      r.evidence = triggers::evidence_of(cfg, triggers::InputPoint{name, *p});
    }
    rows.push_back(std::move(r));
  }
  return ok_status();
}

// Reads rows through `read` with views over `store`; the first failed read is the error.
template <class Read>
Result<std::vector<triggers::Reading>> with_views(const config::Config& config, store::StateStore& store, TimePoint now,
                                                  const Read& read) {
  StoreSeries series(store);
  StoreObservations observations(store);
  triggers::Context context{now, config, series, observations, {}};
  std::optional<Error> failure;
  const triggers::StateLookup state_of = [&](std::string_view id) -> std::optional<std::string> {
    auto state = store.trigger_state(id);
    if (state) return *state;
    if (!failure) failure = state.error();
    return std::nullopt;
  };
  auto rows = read(context, state_of);
  if (!failure) failure = series.failure() ? series.failure() : observations.failure();
  if (failure) return *failure;
  return rows;
}

}  // namespace

Result<std::vector<triggers::Reading>> read_trigger_rows(const config::Config& config, store::StateStore& store,
                                                         const std::vector<std::string>& trigger_ids, TimePoint now) {
  return with_views(config, store, now, [&](const triggers::Context& context, const triggers::StateLookup& state_of) {
    std::vector<triggers::Reading> rows;
    const auto add = [&](const config::Trigger& trigger) {
      const std::optional<std::string> state = state_of(trigger.id);
      std::optional<std::string_view> view;
      if (state) view = *state;
      for (auto& r : triggers::read(trigger, view, context)) rows.push_back(std::move(r));
    };
    if (trigger_ids.empty()) {
      for (const auto& trigger : config.triggers) add(trigger);
    } else {
      for (const auto& id : trigger_ids)
        if (const auto* trigger = config.find_trigger(id)) add(*trigger);
    }
    return rows;
  });
}

Result<std::vector<triggers::Reading>> read_state_table(const config::Config& config, store::StateStore& store,
                                                        TimePoint now) {
  auto rows = with_views(config, store, now, [&](const triggers::Context& context,
                                                 const triggers::StateLookup& state_of) {
    return triggers::read_all(context, state_of);
  });
  if (!rows) return rows;
  if (auto added = add_source_rows(config, store, *rows); !added.ok()) return added.error();
  return rows;
}

}  // namespace watchdesk::pipeline
