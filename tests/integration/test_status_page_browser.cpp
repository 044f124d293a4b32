// The status page in a real browser: the demo's archive (with one hostile headline added) is
// replayed into a kept state, `watchdesk run` serves it, and headless Chromium loads the page. The
// DOM must hold the state table, one chart per series and metric, the alerts, and the hostile
// headline as inert text; the screenshot lands in the build folder (build/test-output/).
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <curl/curl.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/count_of.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_get.hpp"
#include "support/run_program.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using watchdesk::testing::NotifySocket;
using watchdesk::testing::ScratchDir;
using watchdesk::testing::http_get;

using watchdesk::testing::count_of;

BOOST_AUTO_TEST_SUITE(integration_status_page_browser)

namespace {

const fs::path kDemoConfigDir = fs::path(WATCHDESK_SOURCE_DIR) / "config";
const char* const kChromium = "/usr/bin/chromium";
const std::string kHostileMark = "document.title='pwned'";

// An item whose headline carries markup, escaped once more as some feeds do: after XML and HTML
// decoding the title holds a real `<script>` and `<img onerror>`.
const std::string kHostileItem =
    "<item>\n<title>Cohere signs on to rent GPU capacity on xAI's Colossus "
    "&amp;lt;script&amp;gt;document.title='pwned'&amp;lt;/script&amp;gt;&amp;lt;img src=x "
    "onerror=alert(1)&amp;gt; - Example Wire</title>\n"
    "<link>https://news.google.com/rss/articles/CBMiHostile01?oc=5</link>\n"
    "<guid isPermaLink=\"false\">CBMiHostile01</guid>\n<pubDate>Wed, 20 May 2026 20:05:00 GMT</pubDate>\n"
    "<description>Cohere signs on to rent GPU capacity on xAI's Colossus</description>\n"
    "<source url=\"https://wire.example.com\">Example Wire</source>\n</item>\n";

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, "not found: " << from);
  return text.replace(at, from.size(), to);
}

// The demo's archive and configuration copied into `dir`, the hostile item added to the news
// snapshot, the state kept beside them and the listener on `port`.
fs::path prepare_demo(const fs::path& dir, unsigned short port) {
  fs::copy(kDemoConfigDir / "demo-archive", dir / "demo-archive", fs::copy_options::recursive);
  const auto rss = dir / "demo-archive" / "colossus-news" / "20260520T230000Z.rss";
  watchdesk::testing::write(rss, replace_once(file_text(rss), "<item>", kHostileItem + "<item>"));
  std::string config = file_text(kDemoConfigDir / "demo.toml");
  config = replace_once(config, "state = \"../build/demo-state.db\"",
                        "state = \"state.db\"\nmetrics = \"127.0.0.1:" + std::to_string(port) + "\"");
  watchdesk::testing::write(dir / "demo.toml", config);
  return dir / "demo.toml";
}

// Chromium, headless, in its own profile folder, bounded in time; its output.
watchdesk::testing::ProgramRun chromium(const fs::path& scratch, const std::vector<std::string>& args) {
  std::vector<std::string> argv{kChromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                "--disable-dev-shm-usage", "--user-data-dir=" + (scratch / "profile").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return watchdesk::testing::run_program(argv, {scratch, std::nullopt, 90s});
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_demo_page_renders_in_chromium_with_charts_alerts_and_inert_hostile_text) {
  ScratchDir dir;
  const auto port = watchdesk::testing::free_port();
  const auto config = prepare_demo(dir.path, port);

  const auto replayed = watchdesk::testing::run_program(
      {WATCHDESK_BINARY, "replay", "-c", config.string(), "--from", (dir.path / "demo-archive").string(), "--state",
       (dir.path / "state.db").string()},
      {dir.path, std::nullopt, 60s});
  BOOST_TEST_REQUIRE(replayed.status == 1, replayed.out << replayed.err);
  BOOST_TEST(replayed.out.find("state kept in") != std::string::npos);

  // A kept state is never overwritten by a second replay.
  const auto again = watchdesk::testing::run_program(
      {WATCHDESK_BINARY, "replay", "-c", config.string(), "--from", (dir.path / "demo-archive").string(), "--state",
       (dir.path / "state.db").string()},
      {dir.path, std::nullopt, 60s});
  BOOST_TEST(again.status == 64, again.err);
  // `status --format markdown` carries the same charts as SVG data URIs.
  const auto markdown = watchdesk::testing::run_program(
      {WATCHDESK_BINARY, "status", "-c", config.string(), "--format", "markdown"}, {dir.path, std::nullopt, 60s});
  BOOST_TEST_REQUIRE(markdown.status == 0, markdown.err);
  const auto charts_in_markdown = count_of(markdown.out, "](data:image/svg+xml;base64,");
  BOOST_TEST(charts_in_markdown >= 5u);

  NotifySocket notify(dir.path / "notify.sock");
  auto daemon = watchdesk::testing::start_daemon(config, notify, 0);
  BOOST_TEST_REQUIRE(notify.wait_for("READY=1", 20s).has_value(), "the daemon never said READY=1");
  const std::string base = "http://127.0.0.1:" + std::to_string(port);

  long status = 0;
  const auto api = boost::json::parse(http_get(base + "/api/status", status)).as_object();
  BOOST_TEST_REQUIRE(status == 200);
  const auto series = api.at("series").as_array().size();
  const auto rows = api.at("table").as_array().size();
  BOOST_TEST(series >= 5u);  // crwv close, revenue, shares, open roles and the P/S metric at least
  BOOST_TEST(series == charts_in_markdown);

  const auto scratch = dir.path / "chromium";
  fs::create_directories(scratch);
  const auto dumped = chromium(scratch, {"--dump-dom", base + "/"});
  BOOST_TEST_REQUIRE(dumped.status == 0, dumped.err);
  const auto& dom = dumped.out;
  BOOST_TEST(count_of(dom, "<svg ") == series);
  BOOST_TEST(count_of(dom, "<tr class=\"row\">") == rows);
  BOOST_TEST(count_of(dom, "<tr class=\"alert\">") >= 3u);
  BOOST_TEST(dom.find("Mistral named as a Colossus tenant") != std::string::npos);
  BOOST_TEST(dom.find("crwv-ps") != std::string::npos);
  // The hostile headline is there as text; no element came of it and no script ran.
  BOOST_TEST(dom.find("&lt;script&gt;" + kHostileMark) != std::string::npos);
  BOOST_TEST(dom.find("<script") == std::string::npos);
  BOOST_TEST(dom.find("<img") == std::string::npos);
  BOOST_TEST(dom.find("<title>watchdesk status</title>") != std::string::npos);

  const auto output = fs::path(WATCHDESK_BINARY).parent_path() / "test-output";
  fs::create_directories(output);
  const auto png = output / "status-page.png";
  fs::remove(png);
  const auto shot = chromium(scratch, {"--screenshot=" + png.string(), "--window-size=1280,2600",
                                       "--hide-scrollbars", base + "/"});
  BOOST_TEST_REQUIRE(shot.status == 0, shot.err);
  const auto image = file_text(png);
  BOOST_TEST(image.size() > 10000u);
  BOOST_TEST(image.rfind("\x89PNG\r\n\x1a\n", 0) == 0u);

  watchdesk::testing::stop_gracefully(*daemon, notify);
}

BOOST_AUTO_TEST_SUITE_END()
