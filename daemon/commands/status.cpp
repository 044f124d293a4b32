// `watchdesk status`: the desk's observable-state table, read from the state database only.
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/desk_table.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/state_table.hpp"
#include "daemon/web/series_chart.hpp"
#include "daemon/web/status_document.hpp"

namespace watchdesk::commands {

int status(const StatusOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  auto& cfg = started->config;
  const auto now = now_utc();
  auto rows = pipeline::read_state_table(cfg, *started->store, now);
  if (!rows) return report_failure(rows.error().context("watchdesk status: state database " + cfg.watchdesk.state.string()));
  print_desk_table(*rows, options.format, std::cout);
  if (options.format == Format::markdown) {
    // Each chart as an SVG data URI image, its alt text the chart in words.
    auto charts = web::build_all_series(cfg, *started->store, now);
    if (!charts) return report_failure(charts.error().context("watchdesk status: state database " + cfg.watchdesk.state.string()));
    if (!charts->empty()) std::cout << "\n## Series (last 90 days)\n\n";
    for (const auto& c : *charts) {
      const auto& entry = c.as_object();
      std::cout << "![" << web::series_summary(entry) << "](" << web::series_data_uri(entry) << ")\n\n";
    }
  }
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
