// `watchdesk status`: the desk's observable-state table, read from the state database only.
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/pipeline/state_table.hpp"

namespace watchdesk::commands {
namespace {

namespace json = boost::json;

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

int status(const StatusOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  auto& cfg = started->config;
  auto& store = *started->store;

  auto table = pipeline::read_state_table(cfg, store, now_utc());
  if (!table) return report_failure(table.error().context("watchdesk status: state database " + cfg.watchdesk.state.string()));
  const auto& rows = *table;

  switch (options.format) {
    case Format::json: {
      json::array out;
      for (const auto& r : rows) {
        json::object o{{"row", r.row}, {"kind", r.kind}, {"reading", r.reading}};
        o["value"] = r.value ? json::value(*r.value) : json::value(nullptr);
        o["status"] = r.status ? json::value(config::to_string(*r.status))
                               : r.status_label.empty() ? json::value(nullptr) : json::value(r.status_label);
        o["as_of"] = r.as_of ? json::value(format_rfc3339(*r.as_of)) : json::value(nullptr);
        if (r.evidence) o["evidence"] = json::object{{"signal", r.evidence->signal}, {"url", r.evidence->url}};
        else o["evidence"] = nullptr;
        out.push_back(std::move(o));
      }
      std::cout << json::serialize(out) << "\n";
      break;
    }
    case Format::markdown:
      std::cout << "| what | kind | reading | status | as of | evidence |\n|---|---|---|---|---|---|\n";
      for (const auto& r : rows)
        std::cout << fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_cell(r.row), r.kind, md_cell(r.reading),
                                 status_text(r), as_of_text(r), md_cell(evidence_text(r)));
      break;
    case Format::text: {
      std::size_t w_row = 4, w_kind = 4;
      for (const auto& r : rows) {
        w_row = std::max(w_row, r.row.size());
        w_kind = std::max(w_kind, r.kind.size());
      }
      std::cout << fmt::format("{:<{}}  {:<{}}  {:<10}  {:<20}  {}\n", "what", w_row, "kind", w_kind, "status", "as of",
                               "reading / evidence");
      for (const auto& r : rows) {
        std::cout << fmt::format("{:<{}}  {:<{}}  {:<10}  {:<20}  {}\n", r.row, w_row, r.kind, w_kind, status_text(r),
                                 as_of_text(r), r.reading);
        if (r.evidence)
          std::cout << fmt::format("{:<{}}  {}\n", "", w_row + w_kind + 38, evidence_text(r));
      }
      break;
    }
  }
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
