// Parse throughput of each source parser on its largest realistic input, beside the raw parser
// underneath (pugixml `load_buffer`, `boost::json::parse`) alone and, for the XML parsers, beside the
// copy floor (the DOM load plus copying each item's fields out as they stand) and the realistic
// parse of a changed feed (every key but one known to the store); writes a Markdown table to
// bench/out/.
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
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

// The median time in ms of one call of each of `fns`, called in turn (so that all see the same
// load on a shared machine) at least 25 times each and for at least 1 s.
std::vector<double> median_ms_alternating(const std::vector<std::function<void()>>& fns) {
  for (const auto& fn : fns) fn();
  std::vector<std::vector<double>> times(fns.size());
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (times[0].size() < 25 || std::chrono::steady_clock::now() < until) {
    for (std::size_t i = 0; i < fns.size(); ++i) times[i].push_back(elapsed_ms(fns[i]));
  }
  std::vector<double> medians;
  for (auto& t : times) medians.push_back(median(std::move(t)));
  return medians;
}

// The copy floor of the RSS parser: the DOM load, then per item its guid, title, link, source
// and description copied out as they stand into an observation: no trimming, entity or HTML
// decoding, UTF-8 checks, dates or keys.
std::size_t rss_copy_floor(const std::string& body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8)) return 0;
  std::vector<Observation> out;
  const pugi::xml_node channel = doc.document_element().child("channel");
  for (pugi::xml_node item = channel.child("item"); item; item = item.next_sibling("item")) {
    Observation& obs = out.emplace_back();
    obs.key = item.child_value("guid");
    obs.title = item.child_value("title");
    obs.url = item.child_value("link");
    obs.facts.reserve(3);
    obs.facts.emplace("guid", obs.key);
    obs.facts.emplace("publisher", item.child_value("source"));
    obs.facts.emplace("summary", item.child_value("description"));
  }
  return out.size();
}

// The copy floor of the EDGAR company-feed parser: the DOM load, then per entry the accession
// number, title, filing link, update time, form and filing date copied out as they stand, plus the
// company's name and CIK, into an observation: no transcoding, formatting, date parsing or checks.
std::size_t edgar_copy_floor(const std::string& body) {
  pugi::xml_document doc;
  if (!doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8)) return 0;
  const pugi::xml_node root = doc.document_element();
  const pugi::xml_node info = root.child("company-info");
  const std::string_view company = info.child_value("conformed-name");
  const std::string_view cik = info.child_value("cik");
  std::vector<Observation> out;
  for (pugi::xml_node entry = root.child("entry"); entry; entry = entry.next_sibling("entry")) {
    Observation& obs = out.emplace_back();
    obs.facts.reserve(6);
    const pugi::xml_node content = entry.child("content");
    obs.key = content.child_value("accession-number");
    obs.title = entry.child_value("title");
    obs.url = content.child_value("filing-href");
    obs.facts.emplace("accepted", entry.child_value("updated"));
    obs.facts.emplace("accession", obs.key);
    obs.facts.emplace("cik", cik);
    obs.facts.emplace("company", company);
    obs.facts.emplace("filing_date", content.child_value("filing-date"));
    obs.facts.emplace("form", content.child_value("filing-type"));
  }
  return out.size();
}

// One row of the table: a parser on one input, the raw parser on the same bytes and, when there
// is one, the copy floor.
struct Row {
  std::string parser;
  std::string input;
  std::size_t bytes = 0;
  std::size_t items = 0;
  double ms = 0;
  double raw_ms = 0;
  std::string raw_name;
  double floor_ms = 0;
  // The parse with every key but the first known (0: the parser has no known-key path).
  double one_new_ms = 0;
};

using Parse = Result<ParseOutput> (*)(std::string_view, const config::Source&);
using LazyParse = Result<ParseOutput> (*)(std::string_view, const config::Source&, const KnownKey&);

Row measure(std::string parser, std::string input, const std::string& body, const config::Source& source,
            Parse parse, bool xml, std::size_t (*copy_floor)(const std::string&) = nullptr,
            LazyParse lazy = nullptr) {
  Row row{std::move(parser), std::move(input), body.size(), 0, 0, 0, xml ? "pugixml load_buffer" : "boost::json::parse, monotonic_resource", 0};
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
  std::size_t floor_items = 0;
  std::vector<std::function<void()>> fns{ours, raw};
  if (copy_floor != nullptr) fns.emplace_back([&] { floor_items = copy_floor(body); });
  // A changed feed as the store meets it: every key but the newest known (an in-memory set stands
  // in for the store's index).
  std::set<std::string, std::less<>> known;
  if (auto whole = parse(body, source); whole.ok())
    for (std::size_t i = 1; i < whole->observations.size(); ++i) known.insert(whole->observations[i].key);
  const KnownKey is_known = [&](std::string_view key) { return known.find(key) != known.end(); };
  std::size_t one_new_items = 0;
  if (lazy != nullptr) fns.emplace_back([&] {
    auto out = lazy(body, source, is_known);
    ok = ok && out.ok();
    one_new_items = out.ok() ? out->observations.size() : 0;
  });
  const std::vector<double> medians = median_ms_alternating(fns);
  row.ms = medians[0];
  row.raw_ms = medians[1];
  if (lazy != nullptr) {
    row.one_new_ms = medians.back();
    if (one_new_items != 1) {
      std::fprintf(stderr, "%s with all keys but one known yielded %zu items\n", row.parser.c_str(), one_new_items);
      std::exit(1);
    }
  }
  if (copy_floor != nullptr) {
    row.floor_ms = medians[2];
    if (floor_items != items) {
      std::fprintf(stderr, "the copy floor of %s found %zu items, the parser %zu\n", row.parser.c_str(), floor_items,
                   items);
      std::exit(1);
    }
  }
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
                         fixture("edgar/filings_100.atom"), filings, sources::parse_edgar_filings, true, edgar_copy_floor,
                         sources::parse_edgar_filings));

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
                         sources::parse_feed, true, rss_copy_floor, sources::parse_feed));

  std::string table =
      "# Parse throughput: watchdesk parser vs the raw parser underneath\n\n"
      "Medians over at least 25 calls and 1 s, the watchdesk parser, the raw parser, the copy floor and the one-new "
      "parse called in turn, in-process, one thread. Items are the observations and series points a parse yields; the "
      "raw parser builds its DOM only. The copy floor (XML parsers) is the DOM load plus copying each item's fields, as "
      "they stand in the document, into an observation: the least any parser that hands out observations owning their "
      "text can do. All new: every item read whole, as in a source's first answer. One new in the document (the EDGAR "
      "Atom and feed parsers): every key but the newest known to the store (an in-memory set stands in for the store's "
      "index), as in a changed feed's answer; these parsers read a known item's key and nothing more of it.\n\n"
      "| parser | input | bytes | all new ms | MB/s | items/s | raw parser | raw ms | raw MB/s | "
      "all new/raw throughput | one new ms | one new/raw throughput | copy floor ms | copy floor/raw throughput |\n"
      "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n";
  bool all_met = true;
  for (const auto& r : rows) {
    // The target is for what a source's answer costs as it is ingested: one new item in a hundred
    // where the parser can skip known keys, everything new where it cannot.
    const double ratio = r.raw_ms / (r.one_new_ms > 0 ? r.one_new_ms : r.ms);
    all_met = all_met && ratio >= 0.5;
    const std::string one_new = r.one_new_ms > 0 ? fmt::format("{:.3f} | {:.2f}x", r.one_new_ms, r.raw_ms / r.one_new_ms)
                                                 : std::string("- | -");
    const std::string floor = r.floor_ms > 0 ? fmt::format("{:.3f} | {:.2f}x", r.floor_ms, r.raw_ms / r.floor_ms)
                                             : std::string("- | -");
    table += fmt::format("| {} | {} | {} | {:.3f} | {:.1f} | {:.0f} | {} | {:.3f} | {:.1f} | {:.2f}x | {} | {} |\n",
                         r.parser, r.input, r.bytes, r.ms, mb_per_s(r.bytes, r.ms),
                         static_cast<double>(r.items) * 1e3 / r.ms, r.raw_name, r.raw_ms, mb_per_s(r.bytes, r.raw_ms),
                         r.raw_ms / r.ms, one_new, floor);
  }
  table += fmt::format(
      "\nTarget: watchdesk parser >= 0.5x the raw parser's throughput, on a changed answer (one new item in the "
      "document) for the parsers that skip known keys and on the whole document for the others: {}.\n",
      all_met ? "met for every parser" : "NOT met for every parser (see the ratio columns)");
  std::fputs(table.c_str(), stdout);
  const auto out_dir = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "bench" / "out";
  std::filesystem::create_directories(out_dir);
  std::ofstream(out_dir / "parsers.md") << table;
  return 0;
}
