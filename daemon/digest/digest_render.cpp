// Markdown and HTML renderings of the digest document, built from one list of sections.
#include "daemon/digest/digest_render.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <vector>

#include "core/json_array.hpp"
#include "core/text/escape_html.hpp"
#include "daemon/web/series_chart.hpp"

namespace watchdesk::digest {
namespace {

namespace json = boost::json;
using text::escape_html;

// The member `key` as shown to a reader: a string as it is, a number or flag as JSON, null as empty.
std::string shown(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

std::string or_dash(std::string s) { return s.empty() ? std::string("-") : s; }

// A table: header cells and rows of cells, plain text.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// A bullet list under a heading, with what to say when it is empty.
struct List {
  std::string heading;
  std::vector<std::string> items;
};

// The digest as neutral pieces: both renderings walk these.
struct Pieces {
  std::string title;
  std::string subtitle;
  Table triggers;
  std::vector<List> changes;
  Table figures;
};

std::string evidence_cell(const json::object& row) {
  const auto* e = row.if_contains("evidence");
  if (e == nullptr || !e->is_object()) return "-";
  std::string out = "signal " + shown(e->get_object(), "signal");
  const auto url = shown(e->get_object(), "url");
  if (!url.empty()) out += " " + url;
  return out;
}

std::string number(const json::value& v) {
  if (v.is_double()) return fmt::format("{}", v.get_double());
  if (v.is_int64()) return fmt::format("{}", v.get_int64());
  if (v.is_uint64()) return fmt::format("{}", v.get_uint64());
  return "-";
}

Pieces pieces_of(const json::object& d) {
  Pieces p;
  p.title = shown(d, "title");
  p.subtitle = "digest " + shown(d, "digest") + " for " + shown(d, "local_time") + "; changes since " +
               shown(d, "since");
  p.triggers.header = {"trigger", "reading", "status", "as of", "evidence"};
  for (const auto& v : json_array(d, "triggers")) {
    const auto& r = v.get_object();
    p.triggers.rows.push_back({shown(r, "trigger"), shown(r, "reading"), or_dash(shown(r, "status")),
                               or_dash(shown(r, "as_of")), evidence_cell(r)});
  }
  const auto* changes_value = d.if_contains("changes");
  const json::object no_changes;
  const auto& changes = changes_value != nullptr && changes_value->is_object() ? changes_value->get_object() : no_changes;

  List alerts{"Alerts raised", {}};
  for (const auto& v : json_array(changes, "alerts")) {
    const auto& a = v.get_object();
    std::string item = shown(a, "raised_at") + " `" + shown(a, "id") + "` [" + shown(a, "status") + "] " +
                       shown(a, "title");
    if (a.contains("silenced_by")) item += " (silenced by " + shown(a, "silenced_by") + ")";
    alerts.items.push_back(std::move(item));
  }
  List figures{"Figures whose status changed", {}};
  for (const auto& v : json_array(changes, "figures")) {
    const auto& f = v.get_object();
    figures.items.push_back(shown(f, "label") + ": " + shown(f, "from") + " -> " + shown(f, "to"));
  }
  List series{"Series moves", {}};
  for (const auto& v : json_array(changes, "series")) {
    const auto& s = v.get_object();
    std::string item = shown(s, "series") + ": ";
    const auto& from = s.at("from");
    const auto* provider = s.if_contains("provider");
    if (!from.is_null())
      item += number(from) + " -> " + number(s.at("to"));
    else if (provider != nullptr)
      item += number(s.at("to")) + " (no earlier " + shown(s, "provider") + " price to compare with)";
    else
      item += "new, " + number(s.at("to"));
    if (const auto& change = s.at("change"); !change.is_null())
      item += fmt::format(" ({:+}%)", change.is_double() ? change.get_double() : 0.0);
    item += " at " + shown(s, "at");
    series.items.push_back(std::move(item));
  }
  List sources{"Sources that failed", {}};
  for (const auto& v : json_array(changes, "sources")) {
    const auto& s = v.get_object();
    std::string item = shown(s, "source") + ": ";
    if (s.at("failing_now").as_bool()) {
      item += "failing now, " + shown(s, "consecutive_failures") + " failures in a row";
      const auto error = shown(s, "last_error");
      if (!error.empty()) item += "; last error: " + error;
    } else {
      item += "failed, recovered since";
    }
    sources.items.push_back(std::move(item));
  }
  p.changes = {std::move(alerts), std::move(figures), std::move(series), std::move(sources)};

  p.figures.header = {"figure", "value", "status", "signals"};
  for (const auto& v : json_array(d, "figures")) {
    const auto& f = v.get_object();
    std::string signals;
    for (const auto& s : json_array(f, "signals")) signals += (signals.empty() ? "" : ", ") + std::string(s.as_string());
    p.figures.rows.push_back({shown(f, "label"), shown(f, "value"), shown(f, "status"), or_dash(signals)});
  }
  return p;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string md_table(const Table& t) {
  std::string out = "|";
  for (const auto& h : t.header) out += " " + h + " |";
  out += "\n|";
  for (std::size_t i = 0; i < t.header.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + md_cell(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string html_table(const Table& t) {
  std::string out = "<table>\n<tr>";
  for (const auto& h : t.header) out += "<th>" + escape_html(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const auto& cell : row) out += "<td>" + escape_html(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string digest_markdown(const json::object& digest) {
  const auto p = pieces_of(digest);
  std::string out = "# " + p.title + "\n\n_" + p.subtitle + "_\n\n## Triggers\n\n" + md_table(p.triggers);
  out += "\n## What changed\n";
  for (const auto& list : p.changes) {
    out += "\n**" + list.heading + "**\n";
    if (list.items.empty()) out += "- none\n";
    for (const auto& item : list.items) out += "- " + md_cell(item) + "\n";
  }
  out += "\n## Figures\n\n" + md_table(p.figures);
  const auto& charts = json_array(digest, "charts");
  if (!charts.empty()) {
    out += "\n## Series (last 90 days)\n\n";
    for (const auto& c : charts)
      if (c.is_object()) out += "- " + md_cell(web::series_summary(c.get_object())) + "\n";
  }
  return out;
}

std::string digest_html(const json::object& digest) {
  const auto p = pieces_of(digest);
  std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape_html(p.title) +
                    "</title></head><body>\n<h1>" + escape_html(p.title) + "</h1>\n<p><em>" + escape_html(p.subtitle) +
                    "</em></p>\n<h2>Triggers</h2>\n" + html_table(p.triggers) + "<h2>What changed</h2>\n";
  for (const auto& list : p.changes) {
    out += "<h3>" + escape_html(list.heading) + "</h3>\n<ul>\n";
    if (list.items.empty()) out += "<li>none</li>\n";
    for (const auto& item : list.items) out += "<li>" + escape_html(item) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<h2>Figures</h2>\n" + html_table(p.figures);
  const auto& charts = json_array(digest, "charts");
  if (!charts.empty()) out += "<h2>Series (last 90 days)</h2>\n";
  for (const auto& c : charts) {
    if (!c.is_object()) continue;
    // The SVG for clients that show it; the line in words for those that strip it.
    out += "<div>" + web::series_svg(c.get_object()) + "<p>" + escape_html(web::series_summary(c.get_object())) +
           "</p></div>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace watchdesk::digest
