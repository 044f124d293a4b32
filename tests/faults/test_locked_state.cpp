// Fault suite: the state file locked by another process while `run` delivers. Outcomes that cannot
// be recorded are held and recorded later; nothing is sent twice; the loop keeps answering.
#include <boost/test/unit_test.hpp>
#include <curl/curl.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_locked_state)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;

// Another process's write lock on the state file, taken and released by the test.
class WriteLock {
 public:
  explicit WriteLock(const std::filesystem::path& db) {
    sqlite3_open_v2(db.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~WriteLock() {
    release();
    sqlite3_close_v2(db_);
  }
  bool take() {
    std::lock_guard lock(mutex_);
    if (held_) return true;
    held_ = sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK;
    return held_;
  }
  void release() {
    std::lock_guard lock(mutex_);
    if (held_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    held_ = false;
  }

 private:
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  bool held_ = false;
};

// How long GET `url` takes, or nothing when it fails.
std::optional<std::chrono::milliseconds> time_get(const std::string& url) {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, +[](char*, size_t s, size_t n, void*) { return s * n; });
  const auto t0 = std::chrono::steady_clock::now();
  const bool ok = curl_easy_perform(easy) == CURLE_OK;
  curl_easy_cleanup(easy);
  if (!ok) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(outcomes_that_cannot_be_recorded_are_held_and_never_resent) {
  HttpServer server;
  testing::ScratchDir dir;
  const auto config = dir.path / "watchdesk.toml";
  const auto state = dir.path / "state.db";
  const unsigned short metrics_port = [] {
    HttpServer probe;
    return probe.port();
  }();
  const int alerts = 3;
  server.on("/filings", HttpServer::serve(HttpResponse::text(200, faults::filings_feed(alerts), "application/atom+xml")));
  testing::write(config, faults::watchdesk_section(fmt::format("metrics = \"127.0.0.1:{}\"\n", metrics_port)) +
                             faults::filings_source_and_trigger("filings", server.url("/filings"), "1h", "[\"hook\"]") +
                             "\n[channels.hook]\nkind = \"webhook\"\nurl = \"" + server.url("/hook") + "\"\n");
  // Raise the alerts with the receiver down, then make them due.
  server.on("/hook", HttpServer::serve(HttpResponse::text(503, "down")));
  auto raise = faults::spawn({WATCHDESK_BINARY, "check", "-c", config.string(), "--deliver-timeout", "1s"}, dir.path,
                             "raise");
  BOOST_TEST_REQUIRE(faults::wait_exit(raise.pid, 60s).has_value());
  faults::exec_sql(state, "UPDATE deliveries SET next_attempt = 0 WHERE status IN ('pending', 'failed')");
  server.clear();

  // The receiver takes the state file's write lock as the first delivery arrives, before answering 2xx.
  WriteLock lock(state);
  server.on("/hook", [&lock](const HttpRequest&) {
    lock.take();
    return HttpResponse::text(200, "ok");
  });
  auto daemon = faults::spawn({WATCHDESK_BINARY, "run", "-c", config.string()}, dir.path, "run");
  BOOST_TEST_REQUIRE(testing::wait_until([&] { return server.count("/hook") >= 1u; }, 20s));
  // Locked for three seconds: the loop answers meanwhile, and nothing is posted again.
  std::chrono::milliseconds slowest{0};
  const auto locked_until = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < locked_until) {
    auto took = time_get(fmt::format("http://127.0.0.1:{}/metrics", metrics_port));
    BOOST_TEST_REQUIRE(took.has_value());
    slowest = std::max(slowest, *took);
    faults::pause_for(100);
  }
  lock.release();
  BOOST_TEST(testing::wait_until([&] {
    return faults::query_int(state, "SELECT count(*) FROM deliveries WHERE channel = 'hook' AND status = 'delivered'") ==
           alerts;
  }, 20s));
  ::kill(daemon.pid, SIGTERM);
  BOOST_TEST(faults::wait_exit(daemon.pid, 10s).value_or(-1) == 0);

  std::map<std::string, int> posts;
  for (const auto& r : server.requests("/hook")) ++posts[std::string(r.header("X-Watchdesk-Alert-Id"))];
  int total = 0;
  for (const auto& [id, n] : posts) total += n;
  faults::report(fmt::format("locked state: alerts={} posts={} slowest /metrics while locked={} ms", alerts, total,
                             slowest.count()));
  BOOST_TEST(total == alerts);
  BOOST_TEST(posts.size() == static_cast<std::size_t>(alerts));
  BOOST_TEST((slowest < 1000ms));
  BOOST_TEST(faults::slurp(daemon.err).find("kept in memory") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
