// `watchdesk replay`: the archived bodies, in time order, through the pipeline of `run` with a
// virtual clock at each body's time, on a throw-away state; prints what would have been raised.
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "core/secret_scrub.hpp"
#include "daemon/archive/archive_writer.hpp"
#include "daemon/archive/layout.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/commands/desk_table.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/state_table.hpp"
#include "daemon/runtime/runtime.hpp"

namespace watchdesk::commands {
namespace {

namespace fs = std::filesystem;

// An alert the replay raised, with the virtual time it was raised at.
struct ReplayedAlert {
  TimePoint at;
  pipeline::QueuedAlert alert;
};

// What the archive holds for the configured sources within the range, oldest first (bodies of
// one time in the order of the config), and the sources it holds nothing for.
struct ArchiveSelection {
  std::vector<archive::ArchivedBody> bodies;
  std::vector<std::string> missing;
};

Result<ArchiveSelection> select_bodies(const config::Config& cfg, const ReplayOptions& options) {
  ArchiveSelection out;
  for (const auto& source : cfg.sources) {
    auto listed = archive::list_bodies(options.from, source.id);
    if (!listed) return std::move(listed).error();
    std::size_t kept = 0;
    for (auto& body : *listed) {
      if ((options.since && body.at < *options.since) || (options.until && body.at > *options.until)) continue;
      out.bodies.push_back(std::move(body));
      ++kept;
    }
    if (kept == 0) out.missing.push_back(source.id);
  }
  std::stable_sort(out.bodies.begin(), out.bodies.end(),
                   [](const archive::ArchivedBody& a, const archive::ArchivedBody& b) { return a.at < b.at; });
  return out;
}

// Source health is about fetching, which a replay does not do: its alerts are not replayed.
bool is_health(const pipeline::QueuedAlert& a) { return a.id.rfind("health/", 0) == 0; }

std::string title_of(const pipeline::QueuedAlert& a) {
  boost::json::error_code ec;
  auto v = boost::json::parse(a.json, ec);
  if (ec || !v.is_object() || !v.as_object().contains("title") || !v.as_object().at("title").is_string()) return a.id;
  return std::string(v.as_object().at("title").as_string());
}

void print_text(const ReplayOptions& options, const ArchiveSelection& selection, const std::vector<ReplayedAlert>& raised,
                const std::vector<std::string>& failures, TimePoint end, const std::vector<triggers::Reading>& desk) {
  std::cout << fmt::format("watchdesk replay of {}: {} bod{}", options.from.string(), selection.bodies.size(),
                           selection.bodies.size() == 1 ? "y" : "ies");
  if (!selection.bodies.empty())
    std::cout << fmt::format(" from {} to {}", format_rfc3339(selection.bodies.front().at),
                             format_rfc3339(selection.bodies.back().at));
  std::cout << fmt::format(" (nothing fetched, nothing sent, state {})\n",
                           options.state.empty() ? std::string("thrown away") : "kept in " + options.state.string());
  for (const auto& id : selection.missing)
    std::cout << fmt::format("  source {}: no archived body{}; not fetched\n", id,
                             options.since || options.until ? " in the range" : "");
  for (const auto& failure : failures) std::cout << "  " << failure << "\n";
  if (raised.empty()) {
    std::cout << "  no alerts would have been raised\n";
  } else {
    std::cout << fmt::format("  {} alert{} would have been raised:\n", raised.size(), raised.size() == 1 ? "" : "s");
    for (const auto& r : raised)
      std::cout << fmt::format("    {}  {}  {}\n      {}\n", format_rfc3339(r.at), r.alert.trigger, r.alert.id,
                               title_of(r.alert));
  }
  std::cout << fmt::format("\nThe desk at {} (virtual time):\n", format_rfc3339(end));
  print_desk_table(desk, Format::text, std::cout);
}

}  // namespace

int replay(const ReplayOptions& options) {
  auto loaded = load(options.common);
  if (!loaded) return report_failure(loaded.error());
  auto config = std::make_shared<const config::Config>(std::move(loaded).value());
  std::error_code ec;
  if (!fs::is_directory(options.from, ec)) {
    std::cerr << "watchdesk replay: --from " << options.from.string() << " is not a folder\n";
    return to_int(ExitCode::usage);
  }
  if (options.since && options.until && *options.until < *options.since) {
    std::cerr << "watchdesk replay: --until is before --since\n";
    return to_int(ExitCode::usage);
  }
  auto selected = select_bodies(*config, options);
  if (!selected) return report_failure(selected.error().context("watchdesk replay: archive"));
  const auto& selection = *selected;
  if (!options.state.empty() && fs::exists(options.state, ec)) {
    std::cerr << "watchdesk replay: --state " << options.state.string()
              << " exists; a replay keeps its state only in a new file\n";
    return to_int(ExitCode::usage);
  }
  auto opened = options.state.empty() ? store::StateStore::open_empty_scratch()
                                      : store::StateStore::open(options.state, store::Access::read_write);
  if (!opened) return report_failure(opened.error().context("watchdesk replay: state"));
  std::shared_ptr<store::StateStore> store = std::move(opened).value();

  // With no body in the range, the desk is read at the end of the range (or its start, or now).
  const TimePoint start = !selection.bodies.empty() ? selection.bodies.front().at
                                                    : options.until.value_or(options.since.value_or(now_utc()));
  VirtualClock clock(start);
  std::vector<ReplayedAlert> raised;
  std::vector<std::string> failures;
  std::string state_error;
  const auto keep = [&](const std::vector<pipeline::QueuedAlert>& alerts) {
    for (const auto& a : alerts)
      if (!is_health(a)) raised.push_back({clock.now(), a});
  };
  {
    boost::asio::io_context io;
    observability::MetricsRegistry metrics;
    std::ostringstream unsent;
    runtime::RuntimeOptions runtime_options;
    runtime_options.clock = clock.clock();
    runtime_options.archiving = runtime::Archiving::off;
    auto built = runtime::Runtime::build(io, config, store, metrics, unsent, std::move(runtime_options));
    if (!built) return report_failure(built.error());
    auto& runtime = *built.value();
    runtime.on_poll = [&](const pipeline::PollResult& result) {
      const auto& report = result.report;
      if (!report.store_error.empty() && state_error.empty()) state_error = scrub_secrets(report.store_error);
      else if (!result.succeeded())
        failures.push_back(fmt::format("source {} at {}: {}", result.source_id, format_rfc3339(clock.now()),
                                       scrub_secrets(result.error)));
      keep(report.alerts);
    };
    for (const auto& body : selection.bodies) {
      // What `run` evaluates every minute happens up to this body's time first.
      clock.set(body.at);
      keep(runtime.evaluate_deadlines());
      auto bytes = archive::read_whole_file(body.path);
      if (!bytes) return report_failure(bytes.error().context("watchdesk replay: archive"));
      http::Response response;
      response.status = 200;
      response.content_type = archive::media_type_for(body.extension);
      response.bytes = bytes->size();
      response.body = std::move(bytes).value();
      runtime.ingest(*config->find_source(body.source_id), std::move(response));
      if (!state_error.empty()) break;
    }
    if (state_error.empty()) {
      if (options.until && *options.until > clock.now()) clock.set(*options.until);
      keep(runtime.evaluate_deadlines());
    }
    runtime.abort_all("replay finished");
    io.restart();
    io.poll();
  }
  if (!state_error.empty()) {
    std::cerr << "watchdesk replay: throw-away state: " << state_error << "\n";
    return to_int(ExitCode::state_unusable);
  }

  if (options.format == Format::json) {
    for (const auto& r : raised) std::cout << r.alert.json << "\n";
    for (const auto& id : selection.missing)
      std::cerr << "watchdesk replay: source " << id << ": no archived body; not fetched\n";
    for (const auto& failure : failures) std::cerr << "watchdesk replay: " << failure << "\n";
  } else {
    auto desk = pipeline::read_state_table(*config, *store, clock.now());
    if (!desk) return report_failure(desk.error().context("watchdesk replay: throw-away state"));
    print_text(options, selection, raised, failures, clock.now(), *desk);
  }
  return to_int(raised.empty() ? ExitCode::ok : ExitCode::fired);
}

}  // namespace watchdesk::commands
