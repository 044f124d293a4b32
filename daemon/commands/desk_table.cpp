// The desk's table in its three renderings: text, JSON and Markdown.
#include "daemon/commands/desk_table.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "daemon/pipeline/state_table_json.hpp"


namespace watchdesk::commands {
namespace {


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

void print_desk_table(const std::vector<triggers::Reading>& rows, Format format, std::ostream& out) {
  switch (format) {
    case Format::json: {
      const auto table = pipeline::state_table_json(rows);
      out << boost::json::serialize(table) << "\n";
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
