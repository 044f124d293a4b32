// `watchdesk check`: fetch every needed source once, ingest, deliver what was raised, summarise, exit.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/delivery/dispatcher.hpp"
#include "daemon/delivery/message_format.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/pipeline/source_fetch.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

// One source's outcome as the summary needs it. A dry run keeps the observations to list them; a
// real run keeps only how many there were (they are in the state by then), so a check over
// thousands of sources does not hold every new entry until it exits.
struct SourceSummary {
  pipeline::IngestReport report;
  std::size_t new_count = 0;
  std::size_t point_count = 0;
};

SourceSummary summarise(pipeline::IngestReport report, DryRun dry_run) {
  SourceSummary s{std::move(report), 0, 0};
  s.new_count = s.report.new_observations.size();
  s.point_count = s.report.points.size();
  if (dry_run == DryRun::no) {
    s.report.new_observations = {};
    s.report.points = {};
  }
  return s;
}

// One source's line of the summary; a dry run also lists what the fetch brought, as the text does.
json::object source_json(const SourceSummary& summary, DryRun dry_run) {
  const auto& r = summary.report;
  json::object o{{"source", r.source_id}, {"healthy", r.healthy}, {"new", summary.new_count},
                 {"points", summary.point_count}};
  if (!r.error.empty()) o["error"] = r.error;
  if (!r.store_error.empty()) o["store_error"] = r.store_error;
  if (dry_run == DryRun::yes) {
    json::array observations, points;
    for (const auto& seen : r.new_observations)
      observations.push_back(
          json::object{{"key", seen.observation.key}, {"signal", seen.signal}, {"title", seen.observation.title}});
    for (const auto& [name, p] : r.points)
      points.push_back(json::object{{"series", name}, {"value", p.value}, {"at", format_rfc3339(p.at)}});
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
  if (auto* code = std::get_if<int>(&started)) return *code;
  auto& cfg = std::get<Started>(started).config;
  auto& store = *std::get<Started>(started).store;

  for (const auto& id : options.triggers) {
    if (!cfg.find_trigger(id)) {
      std::cerr << "watchdesk check: no trigger '" << id << "' in " << options.common.config_file << "\n";
      return to_int(ExitCode::usage);
    }
  }

  // What is really outstanding after a dry run: what was before it (it sends nothing, and what it
  // queues stays in the scratch copy).
  const std::size_t pending_before = dry ? store.pending_deliveries().size() : 0;

  boost::asio::io_context io;
  int exit_code = to_int(ExitCode::ok);
  std::vector<SourceSummary> reports;
  std::vector<pipeline::QueuedAlert> raised;
  {
    http::Client client(io, http::ClientOptions::from_settings(cfg.watchdesk));
    // A dry run commits into its private scratch copy of the state (`start_scratch`), never into
    // the state file: so one source's points meet another's in a metric, as they do in a real run.
    pipeline::Ingestor ingestor(cfg, store, pipeline::Commit::yes, options.triggers);
    delivery::ChannelTransport transport(client);
    delivery::Dispatcher dispatcher(cfg, store, transport, std::cout);

    auto sources = ingestor.needed_sources();
    std::size_t remaining = sources.size();
    auto deliver_deadline = std::chrono::steady_clock::now();
    boost::asio::steady_timer pump_timer(io);
    boost::asio::steady_timer deadline_timer(io);
    bool past_deadline = false;

    // Delivery: pump now, and again whenever a retry falls due before the deadline; when nothing
    // more can happen before it, the deadline timer is cancelled and the loop runs out of work.
    std::function<void()> pump = [&] {
      if (dry || past_deadline) {
        deadline_timer.cancel();
        return;
      }
      dispatcher.pump(now_utc());
      if (dispatcher.in_flight() > 0) return;  // the outcome callback pumps again
      if (auto next = dispatcher.next_due()) {
        auto wait = std::chrono::seconds(std::max<long long>(0, (*next - now_utc()).count()));
        if (std::chrono::steady_clock::now() + wait <= deliver_deadline) {
          pump_timer.expires_after(wait);
          pump_timer.async_wait([&](const boost::system::error_code& ec) {
            if (!ec) pump();
          });
          return;
        }
      }
      deadline_timer.cancel();
    };
    dispatcher.on_outcome = [&](const store::Delivery&, const delivery::Judgement&) {
      if (dispatcher.in_flight() == 0) pump();
    };

    auto all_fetched = [&] {
      auto ticked = ingestor.tick(now_utc());
      raised.insert(raised.end(), ticked.begin(), ticked.end());
      deliver_deadline = std::chrono::steady_clock::now() + options.deliver_timeout;
      if (!dry) {
        deadline_timer.expires_at(deliver_deadline);
        deadline_timer.async_wait([&](const boost::system::error_code& ec) {
          if (ec) return;
          past_deadline = true;
          pump_timer.cancel();
          client.abort_all("the --deliver-timeout of check expired");
        });
      }
      pump();
    };

    for (const auto* source : sources) {
      pipeline::fetch_source(client, *source, store.fetch_state(source->id), [&](pipeline::Fetched fetched) {
        auto report = ingestor.ingest(fetched.source, pipeline::outcome_of(fetched.response), now_utc());
        if (!report.store_error.empty())
          spdlog::error("source {}: cannot record this fetch: {}", report.source_id, report.store_error);
        else if (!report.healthy)
          spdlog::warn("source {}: {}", report.source_id, report.error);
        for (const auto& reason : report.dropped) spdlog::info("source {}: dropped an item: {}", report.source_id, reason);
        raised.insert(raised.end(), report.alerts.begin(), report.alerts.end());
        reports.push_back(summarise(std::move(report), options.dry_run));
        if (--remaining == 0) all_fetched();
      });
    }
    if (sources.empty()) all_fetched();
    io.run();
    client.abort_all("check finished");
    io.restart();
    io.poll();
  }

  bool fired = false;
  bool failed = false;
  for (const auto& a : raised) fired = fired || !is_health_alert(a);
  for (const auto& s : reports) failed = failed || !s.report.healthy || !s.report.store_error.empty();
  if (fired) exit_code = to_int(ExitCode::fired);
  else if (failed) exit_code = to_int(ExitCode::source_failed);

  const std::size_t pending = dry ? pending_before : store.pending_deliveries().size();
  if (options.format == Format::json) {
    json::array srcs, alerts;
    for (const auto& r : reports) srcs.push_back(source_json(r, options.dry_run));
    for (const auto& a : raised) {
      json::error_code ec;
      auto v = json::parse(a.json, ec);
      alerts.push_back(ec ? json::value(a.id) : v);
    }
    json::object summary{{"dry_run", dry}, {"exit", exit_code}, {"sources", std::move(srcs)},
                         {"alerts", std::move(alerts)}, {"pending_deliveries", pending}};
    std::cout << json::serialize(summary) << "\n";
    return exit_code;
  }

  std::cout << (dry ? "\nwatchdesk check --dry-run (nothing sent, no state changed)\n" : "\nwatchdesk check\n");
  for (const auto& summary : reports) {
    const auto& r = summary.report;
    std::string line = fmt::format("  {:<24} {:<9}", r.source_id, r.healthy ? "ok" : "FAILED");
    if (r.healthy) line += fmt::format(" {} new, {} points", summary.new_count, summary.point_count);
    else line += " " + r.error;
    std::cout << line << "\n";
    if (dry) {
      for (const auto& o : r.new_observations)
        std::cout << fmt::format("      + {} [signal {}] {}\n", o.observation.key, o.signal, o.observation.title);
      for (const auto& [name, p] : r.points)
        std::cout << fmt::format("      ~ {} = {} at {}\n", name, p.value, format_rfc3339(p.at));
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
        std::cout << "    " << a.id << ": " << title << "\n";
      }
    }
  }
  if (!dry && pending > 0)
    std::cout << fmt::format("  {} deliver{} still pending (retried by the next check or by `watchdesk run`)\n",
                             pending, pending == 1 ? "y" : "ies");
  return exit_code;
}

}  // namespace watchdesk::commands
