// The desk's table: rows from the triggers' readings, the sources' health and the latest series
// points, and their three renderings.
#include "daemon/commands/desk_table.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "core/secret_scrub.hpp"
#include "daemon/pipeline/store_views.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/metric_values.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

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

std::string status_text(const triggers::Reading& r) {
  if (r.status) return std::string(config::to_string(*r.status));
  return r.status_label.empty() ? std::string("-") : r.status_label;
}

std::string evidence_text(const triggers::Reading& r) {
  if (!r.evidence) return "-";
  std::string out = "signal " + r.evidence->signal;
  if (!r.evidence->url.empty()) out += " " + r.evidence->url;
  return out;
}

std::string as_of_text(const triggers::Reading& r) { return r.as_of ? format_rfc3339(*r.as_of) : "-"; }

std::string md_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

Result<std::vector<triggers::Reading>> desk_rows(const config::Config& cfg, store::StateStore& store, TimePoint now) {
  pipeline::StoreSeries series(store);
  pipeline::StoreObservations observations(store);
  triggers::Context context{now, cfg, series, observations, {}};
  std::optional<Error> failure;
  auto rows = triggers::read_all(context, [&](std::string_view id) -> std::optional<std::string> {
    auto state = store.trigger_state(id);
    if (state) return *state;
    if (!failure) failure = state.error();
    return std::nullopt;
  });
  if (auto added = add_source_rows(cfg, store, rows); !added.ok() && !failure) failure = added.error();
  if (!failure) failure = series.failure() ? series.failure() : observations.failure();
  if (failure) return *failure;
  return rows;
}

void print_desk_table(const std::vector<triggers::Reading>& rows, Format format, std::ostream& out) {
  switch (format) {
    case Format::json: {
      json::array table;
      for (const auto& r : rows) {
        json::object o{{"row", r.row}, {"kind", r.kind}, {"reading", r.reading}};
        o["value"] = r.value ? json::value(*r.value) : json::value(nullptr);
        o["status"] = r.status ? json::value(config::to_string(*r.status))
                               : r.status_label.empty() ? json::value(nullptr) : json::value(r.status_label);
        o["as_of"] = r.as_of ? json::value(format_rfc3339(*r.as_of)) : json::value(nullptr);
        if (r.evidence) o["evidence"] = json::object{{"signal", r.evidence->signal}, {"url", r.evidence->url}};
        else o["evidence"] = nullptr;
        table.push_back(std::move(o));
      }
      out << json::serialize(table) << "\n";
      break;
    }
    case Format::markdown:
      out << "| what | kind | reading | status | as of | evidence |\n|---|---|---|---|---|---|\n";
      for (const auto& r : rows)
        out << fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_cell(r.row), r.kind, md_cell(r.reading),
                                 status_text(r), as_of_text(r), md_cell(evidence_text(r)));
      break;
    case Format::text: {
      std::size_t w_row = 4, w_kind = 4;
      for (const auto& r : rows) {
        w_row = std::max(w_row, r.row.size());
        w_kind = std::max(w_kind, r.kind.size());
      }
      out << fmt::format("{:<{}}  {:<{}}  {:<10}  {:<20}  {}\n", "what", w_row, "kind", w_kind, "status", "as of",
                               "reading / evidence");
      for (const auto& r : rows) {
        out << fmt::format("{:<{}}  {:<{}}  {:<10}  {:<20}  {}\n", r.row, w_row, r.kind, w_kind, status_text(r),
                                 as_of_text(r), r.reading);
        if (r.evidence)
          out << fmt::format("{:<{}}  {}\n", "", w_row + w_kind + 38, evidence_text(r));
      }
      break;
    }
  }
}

}  // namespace watchdesk::commands
