// Layout of the status page from the status document.
#include "daemon/web/status_page.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <initializer_list>

#include "core/json_array.hpp"
#include "core/text/escape_html.hpp"
#include "daemon/web/series_chart.hpp"

namespace watchdesk::web {
namespace {
namespace page_layout {

namespace json = boost::json;
using text::escape_html;

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1100px}"
    "table{border-collapse:collapse;margin-bottom:1.5em;width:100%}"
    "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}"
    "th{background:#f4f4f4}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:10px}figure{margin:0}figcaption{font-size:12px;padding:0 6px 6px}"
    ".chart{border:1px solid #ddd}.reported{color:#8a6d00}.confirmed{color:#1e7e34}.ai-prior{color:#6f42c1}"
    ".summary{color:#444;font-size:13px}.failing{color:#c0392b;font-weight:bold}.degraded{color:#8a6d00}.muted{color:#777}";

// The member `key` as text: a string as it is, a number as JSON, null or absent as "-".
std::string field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return "-";
  if (v->is_string()) return std::string(v->get_string());
  return json::serialize(*v);
}

// A link to `url` when it is http(s), else the text alone.
std::string link(const std::string& url, const std::string& label) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return escape_html(label);
  return "<a href=\"" + escape_html(url) + "\" rel=\"noreferrer\">" + escape_html(label) + "</a>";
}

// A cell with a class (an escaped token) and escaped text.
std::string cell(const std::string& text, const std::string& css = {}) {
  if (css.empty()) return "<td>" + escape_html(text) + "</td>";
  return "<td class=\"" + escape_html(css) + "\">" + escape_html(text) + "</td>";
}

// A section heading with its anchor, and the start of its table: class and header cells.
std::string section_table(std::string_view id, std::string_view heading, std::initializer_list<std::string_view> headers) {
  std::string out = fmt::format("<h2 id=\"{}\">{}</h2>\n<table class=\"{}\">\n<tr>", id, heading, id);
  for (auto h : headers) out += fmt::format("<th>{}</th>", h);
  return out + "</tr>\n";
}

std::string state_table(const json::object& status) {
  std::string out =
      section_table("state", "Observable state", {"what", "kind", "reading", "status", "as of", "evidence"});
  for (const auto& v : json_array(status, "table")) {
    const auto& r = v.get_object();
    std::string evidence = "-";
    if (const auto* e = r.if_contains("evidence"); e != nullptr && e->is_object())
      evidence = link(field(e->get_object(), "url"), "signal " + field(e->get_object(), "signal"));
    out += "<tr class=\"row\">" + cell(field(r, "row")) + cell(field(r, "kind")) + cell(field(r, "reading")) +
           cell(field(r, "status"), field(r, "status")) + cell(field(r, "as_of")) + "<td>" + evidence + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string charts(const json::object& status) {
  std::string out = "<h2 id=\"charts\">Series and metrics</h2>\n<div class=\"charts\">\n";
  for (const auto& v : json_array(status, "series"))
    out += "<figure class=\"chart\">" + series_svg(v.get_object()) + "<figcaption class=\"muted\">" +
           escape_html(series_summary(v.get_object())) + "</figcaption></figure>\n";
  return out + "</div>\n";
}

std::string alerts(const json::object& status) {
  const auto& all = json_array(status, "alerts");
  if (all.empty()) return "<h2 id=\"alerts\">Recent alerts</h2>\n<p class=\"muted\">no alerts in the last year</p>\n";
  std::string out = section_table("alerts", "Recent alerts",
                                  {"raised", "id", "status", "alert and summary", "evidence", "deliveries"});
  for (const auto& v : all) {
    const auto& a = v.get_object();
    std::string deliveries;
    for (const auto& d : json_array(a, "deliveries")) {
      const auto& o = d.get_object();
      std::string line = field(o, "channel") + ": " + field(o, "status");
      if (o.contains("last_error")) line += " (" + field(o, "last_error") + ")";
      deliveries += (deliveries.empty() ? "" : "<br>") + escape_html(line);
    }
    std::string title = field(a, "title");
    if (a.contains("silenced_by")) title += " (silenced by " + field(a, "silenced_by") + ")";
    std::string evidence;
    for (const auto& e : json_array(a, "evidence")) {
      if (!e.is_object()) continue;
      const auto& o = e.get_object();
      evidence += (evidence.empty() ? "" : "<br>") + link(field(o, "url"), "signal " + field(o, "signal"));
    }
    out += "<tr class=\"alert\">" + cell(field(a, "raised_at")) + cell(field(a, "id")) +
           cell(field(a, "status"), field(a, "status")) + "<td><strong>" + escape_html(title) +
           "</strong><div class=\"summary\">" + escape_html(field(a, "summary")) + "</div></td><td>" + evidence +
           "</td><td>" + deliveries + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string silences(const json::object& status) {
  const auto& all = json_array(status, "silences");
  if (all.empty()) return "<h2 id=\"silences\">Silences in force</h2>\n<p class=\"muted\">none</p>\n";
  std::string out = section_table("silences", "Silences in force", {"id", "trigger", "match", "until", "reason"});
  for (const auto& v : all) {
    const auto& s = v.get_object();
    out += "<tr>" + cell(field(s, "id")) + cell(field(s, "trigger")) + cell(field(s, "match")) +
           cell(field(s, "ends_at")) + cell(field(s, "reason")) + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string sources(const json::object& status) {
  std::string out = section_table("sources", "Sources",
                                  {"source", "state", "failures in a row", "last success", "last error"});
  for (const auto& v : json_array(status, "sources")) {
    const auto& s = v.get_object();
    out += "<tr>" + cell(field(s, "source")) + cell(field(s, "state"), field(s, "state")) +
           cell(field(s, "consecutive_failures")) + cell(field(s, "last_success")) + cell(field(s, "last_error")) + "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace page_layout
}  // namespace

using namespace page_layout;

std::string status_page(const json::object& status) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>watchdesk status</title><style>{}</style></head><body>\n"
      "<h1>watchdesk status</h1>\n<p class=\"muted\">generated at {}; the same data as JSON at "
      "<code>/api/status</code>, <code>/api/series/NAME</code>, <code>/api/alerts</code></p>\n{}{}{}{}{}"
      "</body></html>\n",
      kStyle, escape_html(field(status, "generated_at")), state_table(status), charts(status), alerts(status),
      silences(status), sources(status));
}

}  // namespace watchdesk::web
