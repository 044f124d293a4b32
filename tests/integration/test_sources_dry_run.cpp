// The shipped config end to end against a local server that serves the fixtures: `check --dry-run`
// lists every source kind's observations and series points and leaves no state behind; `check`
// records them, and `status` shows the latest value of every series.
#include <boost/test/unit_test.hpp>

#include <boost/json/parse.hpp>
#include <fmt/format.h>
#include "config/toml.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/loader.hpp"
#include "support/http_server.hpp"
#include "support/run_program.hpp"
#include "unit/config/support.hpp"
#include "watchers/observation.hpp"
#include "watchers/sources/parse.hpp"
#include "core/time.hpp"

BOOST_AUTO_TEST_SUITE(integration_sources_dry_run)

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using watchdesk::config::SourceKind;
using watchdesk::config::testing::TempDir;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::ProgramRun;

// What the local server answers for one source of the shipped config.
struct Served {
  std::string fixture;  // under tests/fixtures
  std::string content_type;
};

// One entry per source of config/watchdesk.toml: a source added there without a fixture here
// fails the test instead of reaching out to the real endpoint.
const std::map<std::string, Served, std::less<>> served_fixtures{
    {"spacex-filings", {"edgar/filings_spacex.atom", "application/atom+xml"}},
    {"sec-latest", {"edgar/current_mixed.atom", "application/atom+xml"}},
    {"spacex-submissions", {"edgar/submissions_spacex.json", "application/json"}},
    {"crwv-price", {"price/stooq_quote.csv", "text/csv"}},
    {"spcx-price", {"price/stooq_quote_summer.csv", "text/csv"}},
    {"crwv-facts", {"edgar/companyfacts_crwv.json", "application/json"}},
    {"spcx-facts", {"edgar/companyfacts_concept_switch.json", "application/json"}},
    {"colossus-news", {"feed/google_news.xml", "application/rss+xml"}},
    {"colossus-tenant-news", {"feed/atom.xml", "application/atom+xml"}},
    {"colossus-filings", {"edgar/search_colossus.json", "application/json"}},
    {"xai-jobs", {"jobs/greenhouse_board.json", "application/json"}},
    {"spacex-jobs", {"jobs/greenhouse_board.json", "application/json"}},
};

// The source kinds whose documents are items, and those that carry series.
const std::vector<SourceKind> item_kinds{SourceKind::edgar_filings,     SourceKind::edgar_current,
                                         SourceKind::edgar_submissions, SourceKind::edgar_search,
                                         SourceKind::jobs,              SourceKind::feed};
const std::vector<SourceKind> series_kinds{SourceKind::price, SourceKind::edgar_facts, SourceKind::jobs};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool same_number(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

// The `Close` column of a one-row quote CSV (`Symbol,Date,Time,Open,High,Low,Close,Volume`).
double csv_close(const std::string& csv) {
  std::istringstream lines(csv);
  std::string header, row;
  std::getline(lines, header);
  std::getline(lines, row);
  auto cells = [](const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) out.push_back(cell);
    return out;
  };
  const auto names = cells(header);
  const auto values = cells(row);
  const auto column = static_cast<std::size_t>(std::find(names.begin(), names.end(), "Close") - names.begin());
  BOOST_TEST_REQUIRE(column < values.size(), "no Close column in " << csv);
  return std::stod(values[column]);
}

// The newest point of every series in `points`, by series name.
std::map<std::string, watchdesk::SeriesPoint> newest(const std::map<std::string, std::vector<watchdesk::SeriesPoint>>& points) {
  std::map<std::string, watchdesk::SeriesPoint> out;
  for (const auto& [name, list] : points) {
    auto it = std::max_element(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    if (it != list.end()) out.emplace(name, *it);
  }
  return out;
}

// What `check --dry-run` listed under each source: its status word and the `+` and `~` lines.
struct Listing {
  std::string health;
  std::vector<std::string> items;
  std::vector<std::string> points;
};

std::map<std::string, Listing> listings(const std::string& out, const std::set<std::string>& source_ids) {
  std::map<std::string, Listing> by_source;
  Listing* current = nullptr;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string first, second;
    words >> first >> second;
    if (line.rfind("  ", 0) == 0 && line[2] != ' ' && source_ids.count(first) != 0) {
      current = &by_source[first];
      current->health = second;
    } else if (current && line.rfind("      + ", 0) == 0) {
      current->items.push_back(line.substr(6));
    } else if (current && line.rfind("      ~ ", 0) == 0) {
      current->points.push_back(line.substr(6));
    } else if (line.rfind("      ", 0) != 0) {
      current = nullptr;
    }
  }
  return by_source;
}

// A `~ NAME = VALUE at TIME` line taken apart.
struct ListedPoint {
  std::string series;
  double value = 0;
  std::string at;
};

std::vector<ListedPoint> parse_points(const std::vector<std::string>& lines) {
  std::vector<ListedPoint> out;
  for (const auto& line : lines) {
    std::istringstream words(line);
    std::string tilde, equals, value, at_word;
    ListedPoint p;
    words >> tilde >> p.series >> equals >> value >> at_word >> p.at;
    BOOST_TEST_REQUIRE((tilde == "~" && equals == "=" && at_word == "at"), "not a point line: " << line);
    p.value = std::stod(value);
    out.push_back(std::move(p));
  }
  return out;
}

// The shipped config with every source pointed at a local server, its state in a temp dir, and
// what each source's fixture parses to.
class Desk {
 public:
  Desk() {
    fs::create_directories(tmp_);
    fs::create_directories(state_file_.parent_path());
    auto shipped = toml::parse_file((fs::path(WATCHDESK_SOURCE_DIR) / "config" / "watchdesk.toml").string());
    auto* settings = shipped["watchdesk"].as_table();
    BOOST_TEST_REQUIRE(settings != nullptr);
    settings->insert_or_assign("state", state_file_.string());
    settings->insert_or_assign("host_rate", 100);  // 12 sources on one host: no need to pace them here
    auto* sources = shipped["sources"].as_table();
    BOOST_TEST_REQUIRE(sources != nullptr);
    for (auto& [key, node] : *sources) {
      const std::string id(key.str());
      const auto served = served_fixtures.find(id);
      BOOST_TEST_REQUIRE((served != served_fixtures.end()), "no fixture is served for the shipped source " << id);
      const std::string body = slurp(fs::path(WATCHDESK_FIXTURES) / served->second.fixture);
      server_.on("/sources/" + id, HttpServer::serve(HttpResponse::text(200, body, served->second.content_type)));
      node.as_table()->insert_or_assign("url", server_.url("/sources/" + id));
    }
    std::ostringstream text;
    text << shipped;
    config_file_ = dir_.write("watchdesk.toml", text.str());

    auto loaded = watchdesk::config::load_config(config_file_);
    BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
    config_ = std::move(*loaded);
    for (const auto& source : config_.sources) {
      const auto& served = served_fixtures.at(source.id);
      const std::string body = served_body(source.id);
      auto parsed = watchdesk::sources::parse_source(source, body, served.content_type);
      BOOST_TEST_REQUIRE(parsed.ok(), source.id << ": " << (parsed.ok() ? "" : parsed.error().message));
      for (auto& point : parsed->points) points_[source.id + "." + point.field].push_back(point);
      parsed_.emplace(source.id, std::move(*parsed));
    }
  }

  // Runs the binary with `args` and `-c` the config, in an environment of its own.
  ProgramRun run(std::vector<std::string> args) const {
    args.insert(args.begin(), WATCHDESK_BINARY);
    args.insert(args.end(), {"-c", config_file_.string()});
    return watchdesk::testing::run_program(args, {dir_.path(), std::vector<std::string>{"TMPDIR=" + tmp_.string()}});
  }

  // The fixture served for `source_id`.
  std::string served_body(const std::string& source_id) const {
    return slurp(fs::path(WATCHDESK_FIXTURES) / served_fixtures.at(source_id).fixture);
  }

  std::set<std::string> source_ids() const {
    std::set<std::string> out;
    for (const auto& source : config_.sources) out.insert(source.id);
    return out;
  }

  // Files that the state database leaves next to it (the database, its journal or WAL).
  std::vector<fs::path> state_files() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(state_file_.parent_path()))
      if (entry.path().filename().string().rfind(state_file_.filename().string(), 0) == 0) out.push_back(entry.path());
    return out;
  }

  // The bytes of each state file, by name.
  std::map<std::string, std::string> state_contents() const {
    std::map<std::string, std::string> out;
    for (const auto& file : state_files()) out[file.filename().string()] = slurp(file);
    return out;
  }

  TempDir dir_;
  fs::path tmp_ = dir_.path() / "tmp";
  fs::path state_file_ = dir_.path() / "state" / "state.db";
  HttpServer server_;
  fs::path config_file_;
  watchdesk::config::Config config_;
  std::map<std::string, watchdesk::ParseOutput> parsed_;
  std::map<std::string, std::vector<watchdesk::SeriesPoint>> points_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(dry_run_lists_every_source_kinds_observations_and_points_and_keeps_no_state) {
  Desk desk;
  const auto run = desk.run({"check", "--dry-run"});
  BOOST_TEST_INFO("stderr: " << run.err);
  // The fixtures hold SpaceX's S-1 and its amendments, which the shipped s1-public trigger reports.
  BOOST_TEST(run.status == 1);
  BOOST_TEST(run.out.find("watchdesk check --dry-run (nothing sent, no state changed)") != std::string::npos);
  BOOST_TEST(run.out.find("alerts would be raised:") != std::string::npos);

  const auto listed = listings(run.out, desk.source_ids());
  std::set<SourceKind> kinds_with_items, kinds_with_points;
  for (const auto& source : desk.config_.sources) {
    BOOST_TEST_CONTEXT("source " << source.id) {
      const auto it = listed.find(source.id);
      BOOST_TEST_REQUIRE((it != listed.end()), run.out);
      BOOST_TEST(it->second.health == "ok");
      const auto& parsed = desk.parsed_.at(source.id);

      // Every item of the fixture once, with its signal id and title.
      std::set<std::string> expected_items;
      for (const auto& o : parsed.observations)
        expected_items.insert(fmt::format("+ {} [signal {}] {}", o.key, watchdesk::signal_id(source.id, o.key), o.title));
      const std::set<std::string> items(it->second.items.begin(), it->second.items.end());
      BOOST_TEST(items == expected_items, boost::test_tools::per_element());
      BOOST_TEST(it->second.items.size() == items.size());
      if (!items.empty()) kinds_with_items.insert(source.kind);

      // Every point of the fixture, with its value and time.
      const auto points = parse_points(it->second.points);
      BOOST_TEST(points.size() == parsed.points.size());
      for (const auto& p : parsed.points) {
        const std::string series = source.id + "." + p.field;
        const std::string at = watchdesk::format_rfc3339(p.at);
        // A reading of the whole document (a board's open roles) is stamped with the fetch time.
        const bool at_fetch = p.stamp == watchdesk::SeriesPoint::Stamp::at_fetch;
        const bool found = std::any_of(points.begin(), points.end(), [&](const ListedPoint& l) {
          return l.series == series && same_number(l.value, p.value) && (at_fetch || l.at == at);
        });
        BOOST_TEST(found, "~ " << series << " = " << p.value << " at " << at << " is not listed");
      }
      if (!points.empty()) kinds_with_points.insert(source.kind);
    }
  }
  for (auto kind : item_kinds)
    BOOST_TEST(kinds_with_items.count(kind) == 1u, watchdesk::config::to_string(kind) << " listed no observation");
  for (auto kind : series_kinds)
    BOOST_TEST(kinds_with_points.count(kind) == 1u, watchdesk::config::to_string(kind) << " listed no series point");

  // Nothing written: no state database, and the scratch copy is gone too.
  BOOST_TEST(desk.state_files().empty());
  BOOST_TEST(fs::is_empty(desk.tmp_));
  BOOST_TEST(desk.server_.count() == desk.config_.sources.size());
}

BOOST_AUTO_TEST_CASE(dry_run_json_lists_the_same_observations_and_points) {
  Desk desk;
  const auto run = desk.run({"check", "--dry-run", "--format", "json"});
  BOOST_TEST_INFO("stderr: " << run.err);
  BOOST_TEST(run.status == 1);
  const auto summary = json::parse(run.out).as_object();
  BOOST_TEST(summary.at("dry_run").as_bool());
  BOOST_TEST(summary.at("exit").to_number<int>() == 1);
  const auto& sources = summary.at("sources").as_array();
  BOOST_TEST(sources.size() == desk.config_.sources.size());
  for (const auto& value : sources) {
    const auto& s = value.as_object();
    const std::string id(s.at("source").as_string());
    BOOST_TEST_CONTEXT("source " << id) {
      const auto& parsed = desk.parsed_.at(id);
      BOOST_TEST(s.at("healthy").as_bool());
      std::set<std::string> keys, expected_keys;
      for (const auto& o : s.at("observations").as_array()) {
        const std::string key(o.at("key").as_string());
        keys.insert(key);
        BOOST_TEST(o.at("signal").as_string() == watchdesk::signal_id(id, key));
      }
      for (const auto& o : parsed.observations) expected_keys.insert(o.key);
      BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());
      const auto& points = s.at("series_points").as_array();
      BOOST_TEST_REQUIRE(points.size() == parsed.points.size());
      for (std::size_t i = 0; i < points.size(); ++i) {
        BOOST_TEST(points[i].at("series").as_string() == id + "." + parsed.points[i].field);
        BOOST_TEST(same_number(points[i].at("value").to_number<double>(), parsed.points[i].value));
        if (parsed.points[i].stamp != watchdesk::SeriesPoint::Stamp::at_fetch)
          BOOST_TEST(points[i].at("at").as_string() == watchdesk::format_rfc3339(parsed.points[i].at));
        else
          BOOST_TEST(points[i].at("at").as_string() != watchdesk::format_rfc3339(watchdesk::TimePoint{}));
        if (!parsed.points[i].basis.empty()) BOOST_TEST(points[i].at("basis").as_string() == parsed.points[i].basis);
      }
    }
  }
  BOOST_TEST(desk.state_files().empty());
  BOOST_TEST(fs::is_empty(desk.tmp_));
}

BOOST_AUTO_TEST_CASE(status_after_a_check_shows_the_latest_value_of_every_series) {
  Desk desk;
  const auto started = watchdesk::now_utc();
  const auto check = desk.run({"check"});
  const auto finished = watchdesk::now_utc();
  BOOST_TEST_INFO("check stderr: " << check.err);
  BOOST_TEST_REQUIRE(check.status == 1);
  BOOST_TEST(!desk.state_files().empty());

  // A dry run over that state finds nothing new and leaves the files as they were.
  const auto before = desk.state_contents();
  const auto again = desk.run({"check", "--dry-run"});
  BOOST_TEST(again.status == 0, again.out << again.err);
  BOOST_TEST(again.out.find("no alerts") != std::string::npos);
  BOOST_TEST((desk.state_contents() == before));

  const auto expected = newest(desk.points_);
  // The price fixture's own close, read from its CSV: the value the desk's P/S multiple rests on.
  BOOST_TEST(expected.at("crwv-price.close").value == csv_close(desk.served_body("crwv-price")));
  for (const auto* name : {"crwv-price.close", "crwv-facts.revenue_ttm", "crwv-facts.shares_outstanding",
                           "spcx-price.close", "spcx-facts.revenue_ttm", "spcx-facts.shares_outstanding",
                           "xai-jobs.open_roles", "spacex-jobs.open_roles"})
    BOOST_TEST(expected.count(name) == 1u, name << " has no point in the fixtures");

  // Text: one `series` row per series, with its as-of time and value.
  const auto text = desk.run({"status"});
  BOOST_TEST_REQUIRE(text.status == 0, text.err);
  std::map<std::string, std::vector<std::string>> rows;
  std::istringstream lines(text.out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::vector<std::string> cells;
    for (std::string w; words >> w;) cells.push_back(w);
    if (cells.size() >= 5 && cells[1] == "series") rows[cells[0]] = cells;
  }
  BOOST_TEST(rows.size() == expected.size(), text.out);
  for (const auto& [name, point] : expected) {
    BOOST_TEST_CONTEXT(name) {
      const auto row = rows.find(name);
      BOOST_TEST_REQUIRE((row != rows.end()), text.out);
      if (point.stamp == watchdesk::SeriesPoint::Stamp::at_fetch) {
        const auto at = watchdesk::parse_rfc3339(row->second[3]);
        BOOST_TEST_REQUIRE(at.has_value());
        BOOST_TEST((*at >= started && *at <= finished), row->second[3] << " is not the time of the check");
      } else {
        BOOST_TEST(row->second[3] == watchdesk::format_rfc3339(point.at));
      }
      BOOST_TEST(same_number(std::stod(row->second[4]), point.value), row->second[4] << " != " << point.value);
    }
  }

  // JSON: the same rows with the value as a number, and the metric the shipped triggers watch.
  const auto as_json = desk.run({"status", "--format", "json"});
  BOOST_TEST_REQUIRE(as_json.status == 0, as_json.err);
  std::map<std::string, json::object> by_row;
  const json::value table = json::parse(as_json.out);
  for (const auto& row : table.as_array()) by_row[std::string(row.at("row").as_string())] = row.as_object();
  for (const auto& [name, point] : expected) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST_REQUIRE(by_row.count(name) == 1u);
      const auto& row = by_row.at(name);
      BOOST_TEST(row.at("kind").as_string() == "series");
      BOOST_TEST(same_number(row.at("value").to_number<double>(), point.value));
      if (point.stamp == watchdesk::SeriesPoint::Stamp::at_fetch)
        BOOST_TEST(row.at("as_of").as_string() == rows.at(name)[3]);  // the check's time, as the text showed
      else
        BOOST_TEST(row.at("as_of").as_string() == watchdesk::format_rfc3339(point.at));
      BOOST_TEST(row.at("status").as_string() == "confirmed");
      BOOST_TEST(row.at("evidence").is_object());
    }
  }
  const double crwv_ps = expected.at("crwv-price.close").value * expected.at("crwv-facts.shares_outstanding").value /
                         expected.at("crwv-facts.revenue_ttm").value;
  BOOST_TEST_REQUIRE(by_row.count("crwv-ps") == 1u);
  BOOST_TEST(same_number(by_row.at("crwv-ps").at("value").to_number<double>(), crwv_ps));
}

BOOST_AUTO_TEST_SUITE_END()
