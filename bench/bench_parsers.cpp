// Parse throughput of each source parser on its largest realistic input, beside the raw parser
// underneath (pugixml `load_buffer`, `boost::json::parse`) alone; writes a Markdown table to bench/out/.
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <tuple>
#include <utility>
#include <string>
#include <vector>

#include "bench/parser_inputs.hpp"
#include "watchers/sources/edgar_atom.hpp"
#include "watchers/sources/edgar_facts.hpp"
#include "watchers/sources/feed.hpp"
#include "watchers/sources/jobs.hpp"

namespace {

using namespace watchdesk;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string fixture(const std::string& relative) {
  return read_file(std::string(WATCHDESK_SOURCE_DIR) + "/tests/fixtures/" + relative);
}

double elapsed_ms(const std::function<void()>& fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> xs) {
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(xs.size() / 2), xs.end());
  return xs[xs.size() / 2];
}

// The median times in ms of one call of `a` and of `b`, called alternately (so that both see the
// same load on a shared machine) at least 25 times each and for at least 1 s.
std::pair<double, double> median_ms_alternating(const std::function<void()>& a, const std::function<void()>& b) {
  a();
  b();
  std::vector<double> ta, tb;
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (ta.size() < 25 || std::chrono::steady_clock::now() < until) {
    ta.push_back(elapsed_ms(a));
    tb.push_back(elapsed_ms(b));
  }
  return {median(std::move(ta)), median(std::move(tb))};
}

// One row of the table: a parser on one input, and the raw parser on the same bytes.
struct Row {
  std::string parser;
  std::string input;
  std::size_t bytes = 0;
  std::size_t items = 0;
  double ms = 0;
  double raw_ms = 0;
  std::string raw_name;
};

Row measure(std::string parser, std::string input, const std::string& body, const config::Source& source,
            Result<ParseOutput> (*parse)(std::string_view, const config::Source&), bool xml) {
  Row row{std::move(parser), std::move(input), body.size(), 0, 0, 0, xml ? "pugixml load_buffer" : "boost::json::parse, monotonic_resource"};
  std::size_t items = 0;
  bool ok = true;
  bool raw_ok = true;
  auto ours = [&] {
    auto out = parse(body, source);
    ok = ok && out.ok();
    items = out.ok() ? out->observations.size() + out->points.size() : 0;
  };
  auto raw = [&] {
    if (xml) {
      pugi::xml_document doc;
      raw_ok = raw_ok && doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
    } else {
      unsigned char initial[16384];
      boost::json::monotonic_resource storage(initial, sizeof initial);
      boost::system::error_code ec;
      auto v = boost::json::parse(body, ec, &storage);
      raw_ok = raw_ok && !ec;
    }
  };
  std::tie(row.ms, row.raw_ms) = median_ms_alternating(ours, raw);
  if (!ok) {
    std::fprintf(stderr, "%s failed on %s\n", row.parser.c_str(), row.input.c_str());
    std::exit(1);
  }
  row.items = items;
  if (!raw_ok) {
    std::fprintf(stderr, "the raw parser failed on %s\n", row.input.c_str());
    std::exit(1);
  }
  return row;
}

double mb_per_s(std::size_t bytes, double ms) { return static_cast<double>(bytes) / 1e3 / ms; }

}  // namespace

int main() {
  std::vector<Row> rows;

  config::Source filings;
  filings.id = "bench-filings";
  filings.kind = config::SourceKind::edgar_filings;
  filings.cik = "1181412";
  rows.push_back(measure("edgar-filings", "company Atom feed, 100 entries (ISO-8859-1)",
                         fixture("edgar/filings_100.atom"), filings, sources::parse_edgar_filings, true));

  config::Source facts;
  facts.id = "bench-facts";
  facts.kind = config::SourceKind::edgar_facts;
  rows.push_back(measure("edgar-facts", "companyfacts JSON, 600 concepts x 40 facts",
                         bench::synthetic_companyfacts(600, 40), facts, sources::parse_edgar_facts, false));

  config::Source greenhouse;
  greenhouse.id = "bench-greenhouse";
  greenhouse.kind = config::SourceKind::jobs;
  greenhouse.jobs_provider = config::JobsProvider::greenhouse;
  greenhouse.board = "xai";
  greenhouse.match = {"infrastructure", "datacenter", "GPU"};
  rows.push_back(measure("jobs (greenhouse)", "job board, 300 jobs with content", fixture("jobs/greenhouse_300.json"),
                         greenhouse, sources::parse_jobs, false));

  config::Source lever = greenhouse;
  lever.id = "bench-lever";
  lever.jobs_provider = config::JobsProvider::lever;
  rows.push_back(measure("jobs (lever)", "postings, 300 jobs", bench::synthetic_lever_postings(300), lever,
                         sources::parse_jobs, false));

  config::Source feed;
  feed.id = "bench-feed";
  feed.kind = config::SourceKind::feed;
  rows.push_back(measure("feed", "RSS 2.0, 100 items (Google News)", fixture("feed/rss_100_items.xml"), feed,
                         sources::parse_feed, true));

  std::string table =
      "# Parse throughput: watchdesk parser vs the raw parser underneath\n\n"
      "Medians over at least 25 calls and 1 s, the watchdesk parser and the raw parser called alternately, in-process, one thread. Items are the observations and "
      "series points a parse yields; the raw parser builds its DOM only.\n\n"
      "| parser | input | bytes | watchdesk ms | MB/s | items/s | raw parser | raw ms | raw MB/s | raw items/s | "
      "watchdesk/raw throughput |\n|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|\n";
  bool all_met = true;
  for (const auto& r : rows) {
    double ratio = r.raw_ms / r.ms;
    all_met = all_met && ratio >= 0.5;
    table += fmt::format("| {} | {} | {} | {:.3f} | {:.1f} | {:.0f} | {} | {:.3f} | {:.1f} | {:.0f} | {:.2f}x |\n",
                         r.parser, r.input, r.bytes, r.ms, mb_per_s(r.bytes, r.ms),
                         static_cast<double>(r.items) * 1e3 / r.ms, r.raw_name, r.raw_ms, mb_per_s(r.bytes, r.raw_ms),
                         static_cast<double>(r.items) * 1e3 / r.raw_ms, ratio);
  }
  table += fmt::format("\nTarget: watchdesk parser >= 0.5x the raw parser's throughput: {}.\n",
                       all_met ? "met for every parser" : "NOT met for every parser (see the last column)");
  std::fputs(table.c_str(), stdout);
  const auto out_dir = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "bench" / "out";
  std::filesystem::create_directories(out_dir);
  std::ofstream(out_dir / "parsers.md") << table;
  return 0;
}
