// Fault suite: one `run` against a server that misbehaves in every way a source
// can (compression and entity bombs, drips, hangs, deep nesting, oversized,
// truncated and foreign bodies, redirect loops, bytes that are not HTTP, prices
// no market has). The daemon stays up, each hostile source fails with a reason,
// implausible prices are kept aside as rejected, and a healthy neighbour is
// still alerted on.
#include <fmt/format.h>
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <cstdlib>
#include <string>
#include <vector>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/hostile_bodies.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_hostile_sources)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::Framing;
using testing::HttpResponse;
using testing::HttpServer;

// One misbehaving source: its id, the lines of its `[sources.ID]` section after
// `url`, and what the server answers at `/ID`.
struct Hostile {
  std::string id;
  std::string section;
  HttpResponse answer;
};

HttpResponse rss(std::string body) { return HttpResponse::text(200, std::move(body), "application/rss+xml"); }

std::vector<Hostile> hostile_sources() {
  const std::string feed = "kind = \"feed\"\n";
  const std::string filings = "kind = \"edgar-filings\"\ncik = \"1181412\"\n";
  const std::string facts = "kind = \"edgar-facts\"\ncik = \"1769628\"\n";
  std::vector<Hostile> all;

  HttpResponse bomb = rss(testing::gzip_bomb());
  bomb.with_header("Content-Encoding", "gzip");
  all.push_back({"gzip-bomb", feed + "max_body = \"16KiB\"\n", bomb});

  all.push_back({"deep-json", facts, HttpResponse::text(200, testing::nested_json(100000), "application/json")});

  HttpResponse drip = rss(faults::one_item_feed("slow"));
  drip.drip = 200ms;
  all.push_back({"drip", feed, drip});

  HttpResponse hang = rss(faults::one_item_feed("late"));
  hang.delay = 60s;
  all.push_back({"hang", feed, hang});

  all.push_back({"oversized", feed + "max_body = \"64KiB\"\n", rss(std::string(200 * 1024, ' ') + "<rss/>")});

  HttpResponse truncated = rss(faults::one_item_feed("cut"));
  truncated.truncate_after = 60;
  all.push_back({"truncated", feed, truncated});

  HttpResponse chunked = rss(faults::one_item_feed("cut in a chunk"));
  chunked.framing = Framing::chunked;
  chunked.chunk_size = 16;
  chunked.truncate_after = 70;
  all.push_back({"truncated-chunks", feed, chunked});

  all.push_back({"nul-byte", feed, rss(faults::one_item_feed(std::string("Colossus \0 tenant", 17)))});
  all.push_back(
      {"html-for-atom", filings,
       HttpResponse::text(
           200, "<!DOCTYPE html><html><body>Your Request Originates from an Undeclared Automated Tool</body></html>",
           "text/html")});
  all.push_back({"json-for-atom", filings, HttpResponse::text(200, "{\"feed\": []}", "application/json")});
  all.push_back({"empty-body", feed, rss("")});
  all.push_back({"server-error", feed, HttpResponse::text(500, std::string(512 * 1024, 'e'))});
  all.push_back({"redirect-loop", feed, HttpResponse::redirect(302, "/redirect-loop")});

  HttpResponse garbage;
  garbage.raw = std::string("NOT HTTP AT ALL\r\n\r\n") + std::string(4096, '\x7f');
  garbage.close = true;
  all.push_back({"not-http", feed, garbage});
  return all;
}

// Yahoo's chart answer with the first close replaced by a value no market has.
std::string chart_with_close(const std::string& close) {
  std::ifstream in(std::string(WATCHDESK_FIXTURES) + "/price/yahoo_chart.json", std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string key = "\"close\":[";
  const auto at = body.find(key);
  BOOST_REQUIRE(at != std::string::npos);
  const auto first = at + key.size();
  return body.replace(first, body.find_first_of(",]", first) - first, close);
}

// The process's peak resident memory in KiB (`VmHWM` in /proc/PID/status), or -1.
long peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  const std::string key = "VmHWM:";
  for (std::string line; std::getline(status, line);)
    if (line.starts_with(key)) return std::strtol(line.c_str() + key.size(), nullptr, 10);
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_daemon_outlives_every_hostile_source_and_says_why_each_failed) {
  HttpServer hostile, healthy;
  const auto sources = hostile_sources();
  std::string config = faults::watchdesk_section("timeout = \"3s\"\nconnect_timeout = \"2s\"\n");
  for (const auto& s : sources) {
    hostile.on("/" + s.id, HttpServer::serve(s.answer));
    config += fmt::format("\n[sources.{}]\n{}url = \"{}\"\nevery = \"1s\"\njitter = \"0%\"\n", s.id, s.section,
                          hostile.url("/" + s.id));
  }
  // Entities are never expanded: the feed is read with its title as written.
  hostile.on("/billion-laughs", HttpServer::serve(rss(testing::billion_laughs_feed())));
  config += fmt::format("\n[sources.billion-laughs]\nkind = \"feed\"\nurl = \"{}\"\nevery = \"1s\"\n",
                        hostile.url("/billion-laughs"));
  hostile.on("/price", HttpServer::serve(HttpResponse::text(200, chart_with_close("1.7e308"), "application/json")));
  config += fmt::format(
      "\n[sources.price]\nkind = \"price\"\nprovider = \"yahoo\"\nsymbol = \"CRWV\"\nurl = \"{}\"\nevery = \"1s\"\n",
      hostile.url("/price"));
  healthy.on("/filings", HttpServer::serve(HttpResponse::text(200, faults::filings_feed(3), "application/atom+xml")));
  healthy.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  config += faults::filings_source_and_trigger("filings", healthy.url("/filings"), "1s", "[\"hook\"]");
  config += "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + healthy.url("/hook") + "\"\n";

  testing::ScratchDir dir;
  testing::write(dir.path / "watchdesk.toml", config);
  const auto state = dir.path / "state.db";
  auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", (dir.path / "watchdesk.toml").string()}, dir.path, "run");

  // Every hostile source must have failed this many times in a row while the
  // daemon kept running.
  const int wanted = faults::rounds(1, 4);
  const auto failed_enough = [&] {
    if (!std::filesystem::exists(state) ||
        faults::query_int(state, "SELECT count(*) FROM sqlite_master WHERE name = 'fetch_state'") == 0)
      return false;
    return faults::query_int(
               state,
               fmt::format("SELECT count(*) FROM fetch_state WHERE consecutive_failures >= {} AND last_error != ''",
                           wanted)) >= static_cast<std::int64_t>(sources.size());
  };
  BOOST_TEST(testing::wait_until(failed_enough, faults::long_mode() ? 300s : 60s));
  BOOST_TEST(testing::wait_until([&] { return healthy.count("/hook") >= 3u; }, 30s));
  BOOST_TEST_REQUIRE(!faults::wait_exit(daemon.pid, 0ms).has_value(), "the daemon died: " << faults::slurp(daemon.err));

  int with_reason = 0;
  for (const auto& s : sources) {
    const auto reason = faults::query(state, "SELECT last_error FROM fetch_state WHERE source_id = '" + s.id + "'");
    BOOST_TEST_CONTEXT("source " << s.id) {
      BOOST_TEST_REQUIRE(reason.size() == 1u);
      BOOST_TEST(!reason.front().empty());
      with_reason += reason.front().empty() ? 0 : 1;
    }
  }
  const auto rejected = faults::query_int(state, "SELECT count(*) FROM rejected_points");
  const auto stored_huge = faults::query_int(state, "SELECT count(*) FROM series_points WHERE value > 1e300");
  const auto laughs = faults::query(state, "SELECT title FROM observations WHERE source_id = 'billion-laughs'");
  BOOST_TEST_REQUIRE(laughs.size() == 1u);
  BOOST_TEST(laughs.front() == "&lol9;");
  BOOST_TEST(rejected == 1);
  BOOST_TEST(stored_huge == 0);

  const long peak_kib = peak_rss_kib(daemon.pid);

  ::kill(daemon.pid, SIGTERM);
  const auto code = faults::wait_exit(daemon.pid, 15s);
  BOOST_TEST(code.value_or(-1) == 0, faults::slurp(daemon.err));
  faults::report(
      fmt::format("hostile sources: modes={} failed with a reason={} (each {}+ times in a row) entity bomb title={} "
                  "rejected prices={} alerts from the healthy source={} peak RSS={} MiB exit={}",
                  sources.size() + 2, with_reason, wanted, laughs.front(), rejected, healthy.count("/hook"),
                  peak_kib / 1024, code.value_or(-1)));
  BOOST_TEST(peak_kib > 0);
  BOOST_TEST(peak_kib < 512 * 1024);
}

BOOST_AUTO_TEST_SUITE_END()
