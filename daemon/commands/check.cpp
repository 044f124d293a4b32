// `watchdesk check`: fetch every needed source once, ingest, deliver what was raised, summarise, exit.
#include <boost/asio/io_context.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "core/secret_scrub.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/delivery/message_format.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/runtime/runtime.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

// One source's outcome as the summary needs it. A dry run keeps the observations to list them; a
// real run keeps only how many there were (they are in the state by then), so a check over
// thousands of sources does not hold every new entry until it exits.
struct SourceSummary {
  std::string source_id;
  bool healthy = false;
  /// No connection was free in time: not polled, and not a failure.
  bool deferred = false;
  std::string error;
  /// The whole report, on a dry run only (a real run over tens of thousands of sources keeps none).
  std::shared_ptr<const pipeline::IngestReport> report;
  std::size_t new_count = 0;
  std::size_t point_count = 0;
  /// Parsed, but lacking series that metrics need (with the reasons); empty otherwise.
  std::string degraded;
};

SourceSummary summarise(const pipeline::PollResult& result, DryRun dry_run) {
  SourceSummary s{result.source_id,
                  result.succeeded(),
                  result.outcome == pipeline::PollOutcome::deferred,
                  scrub_secrets(result.error),
                  {},
                  result.report.new_observations.size(),
                  result.report.points.size(),
                  result.report.degraded};
  if (dry_run == DryRun::yes) s.report = std::make_shared<const pipeline::IngestReport>(result.report);
  return s;
}

// A write that failed because of the state file itself (full, damaged, read-only, I/O), not
// because another process held it for a moment: the state is unusable (exit 74).
bool state_unusable(const pipeline::IngestReport& report) {
  return !report.store_error.empty() && report.store_error_kind != ErrorKind::busy;
}

json::object source_json(const SourceSummary& summary, DryRun dry_run) {
  json::object o{{"source", summary.source_id}, {"healthy", summary.healthy}, {"new", summary.new_count},
                 {"points", summary.point_count}};
  if (summary.deferred) o["deferred"] = true;
  if (!summary.degraded.empty()) o["degraded"] = summary.degraded;
  if (!summary.error.empty()) o["error"] = summary.error;
  if (dry_run == DryRun::yes && summary.report) {
    const auto& r = *summary.report;
    json::array observations, points;
    for (const auto& seen : r.new_observations)
      observations.push_back(
          json::object{{"key", seen.observation.key}, {"signal", seen.signal}, {"title", seen.observation.title}});
    for (const auto& [name, p] : r.points) {
      json::object point{{"series", name}, {"value", p.value}, {"at", format_rfc3339(p.at)}};
      if (!p.basis.empty()) point["basis"] = p.basis;
      points.push_back(std::move(point));
    }
    o["observations"] = std::move(observations);
    o["series_points"] = std::move(points);
  }
  return o;
}

bool is_health_alert(const pipeline::QueuedAlert& a) { return a.id.rfind("health/", 0) == 0; }

}  // namespace

int check(const CheckOptions& options) {
  const bool dry = options.dry_run == DryRun::yes;
  auto started = dry ? start_scratch(options.common) : start(options.common, store::Access::read_write);
  if (!started) return report_failure(started.error());
  auto config = std::make_shared<const config::Config>(std::move(started->config));
  std::shared_ptr<store::StateStore> store = std::move(started->store);

  for (const auto& id : options.triggers) {
    if (!config->find_trigger(id)) {
      std::cerr << "watchdesk check: no trigger '" << id << "' in " << options.common.config_file << "\n";
      return to_int(ExitCode::usage);
    }
  }

  // What is really outstanding after a dry run: what was before it (it sends nothing, and what it
  // queues stays in the scratch copy).
  std::size_t pending_before = 0;
  if (dry) {
    auto pending = store->pending_deliveries();
    if (!pending) return report_failure(std::move(pending).error().context("watchdesk check"));
    pending_before = pending->size();
  }

  int exit_code = to_int(ExitCode::ok);
  std::string state_error;
  std::vector<SourceSummary> reports;
  std::vector<pipeline::QueuedAlert> raised;
  {
    boost::asio::io_context io;
    observability::MetricsRegistry metrics;
    // A dry run commits into its private scratch copy of the state (`start_scratch`), never into
    // the state file: so one source's points meet another's in a metric, as they do in a real run.
    runtime::RuntimeOptions runtime_options{options.triggers, {}};
    // A dry run keeps nothing: not even the bodies it fetched.
    if (dry) runtime_options.archiving = runtime::Archiving::off;
    auto built = runtime::Runtime::build(io, config, store, metrics, std::cout, std::move(runtime_options));
    if (!built) return report_failure(built.error());
    auto& runtime = *built.value();
    runtime.on_poll = [&](const pipeline::PollResult& result) {
      if (state_unusable(result.report) && state_error.empty()) state_error = scrub_secrets(result.report.store_error);
      raised.insert(raised.end(), result.report.alerts.begin(), result.report.alerts.end());
      reports.push_back(summarise(result, options.dry_run));
    };
    runtime.poll_once([&] {
      raised.insert(raised.end(), runtime.ticked().begin(), runtime.ticked().end());
      if (!dry) runtime.deliver_until(std::chrono::steady_clock::now() + options.deliver_timeout, [] {});
    });
    io.run();
    runtime.abort_all("check finished");
    io.restart();
    io.poll();
  }

  bool fired = false;
  bool failed = false;
  // A silenced alert is recorded but, like a health alert, does not make the check "fired".
  for (const auto& a : raised) fired = fired || (!is_health_alert(a) && a.silenced_by.empty());
  for (const auto& s : reports) failed = failed || (!s.healthy && !s.deferred);
  if (!state_error.empty()) exit_code = to_int(ExitCode::state_unusable);
  else if (fired) exit_code = to_int(ExitCode::fired);
  else if (failed) exit_code = to_int(ExitCode::source_failed);

  std::size_t pending = pending_before;
  if (!dry) {
    auto outbox = store->pending_deliveries();
    if (!outbox) return report_failure(std::move(outbox).error().context("watchdesk check"));
    pending = outbox->size();
  }
  if (options.format == Format::json) {
    json::array srcs, alerts;
    for (const auto& r : reports) srcs.push_back(source_json(r, options.dry_run));
    for (const auto& a : raised) {
      json::error_code ec;
      auto v = json::parse(a.json, ec);
      if (ec || !v.is_object()) v = json::object{{"id", a.id}};
      if (!a.silenced_by.empty()) v.as_object()["silenced_by"] = a.silenced_by;
      alerts.push_back(std::move(v));
    }
    json::object summary{{"dry_run", dry}, {"exit", exit_code}, {"sources", std::move(srcs)},
                         {"alerts", std::move(alerts)}, {"pending_deliveries", pending}};
    if (!state_error.empty()) summary["state_error"] = state_error;
    std::cout << json::serialize(summary) << "\n";
    return exit_code;
  }

  std::cout << (dry ? "\nwatchdesk check --dry-run (nothing sent, no state changed)\n" : "\nwatchdesk check\n");
  for (const auto& summary : reports) {
    const char* word = !summary.degraded.empty() ? "DEGRADED"
                       : summary.healthy       ? "ok"
                       : summary.deferred      ? "deferred"
                                               : "FAILED";
    std::string line = fmt::format("  {:<24} {:<9}", summary.source_id, word);
    if (summary.healthy) line += fmt::format(" {} new, {} points", summary.new_count, summary.point_count);
    if (!summary.degraded.empty()) line += "; missing " + summary.degraded;
    else line += " " + summary.error;
    std::cout << line << "\n";
    if (dry && summary.report) {
      const auto& r = *summary.report;
      for (const auto& o : r.new_observations)
        std::cout << fmt::format("      + {} [signal {}] {}\n", o.observation.key, o.signal, o.observation.title);
      for (const auto& [name, p] : r.points)
        std::cout << fmt::format("      ~ {} = {} at {}{}\n", name, p.value, format_rfc3339(p.at),
                                 p.basis.empty() ? std::string() : " (" + p.basis + ")");
    }
  }
  if (raised.empty()) {
    std::cout << "  no alerts\n";
  } else {
    std::cout << fmt::format("  {} alert{}{}:\n", raised.size(), raised.size() == 1 ? "" : "s", dry ? " would be raised" : "");
    for (const auto& a : raised) {
      json::error_code ec;
      auto v = json::parse(a.json, ec);
      if (dry && !ec && v.is_object()) {
        std::cout << "\n" << delivery::alert_text(v.as_object());
      } else {
        std::string title = (!ec && v.is_object() && v.as_object().contains("title"))
                                ? std::string(v.as_object().at("title").as_string())
                                : a.id;
        std::cout << "    " << a.id << ": " << title
                  << (a.silenced_by.empty() ? "" : " (silenced by " + a.silenced_by + ", not sent)") << "\n";
      }
    }
  }
  if (!state_error.empty())
    std::cout << "  state file FAILED: " << state_error
              << "\n  nothing from the sources marked FAILED was recorded; they are fetched again by the next check\n";
  if (!dry && pending > 0)
    std::cout << fmt::format("  {} deliver{} still pending (retried by the next check or by `watchdesk run`)\n",
                             pending, pending == 1 ? "y" : "ies");
  return exit_code;
}

}  // namespace watchdesk::commands
