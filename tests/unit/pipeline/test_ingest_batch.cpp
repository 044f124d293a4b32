// The ingest batch: results of one turn written in one transaction, continuations only after the
// commit (what they report is on disk for another connection), and a failed write losing only its
// own source unless SQLite rolled the whole transaction back.
#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "config/loader.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/pipeline/ingest_batch.hpp"
#include "daemon/store/state_store.hpp"
#include "support/rack_feed.hpp"
#include "support/run_loop.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(pipeline_ingest_batch)

namespace {

using namespace std::chrono_literals;
using namespace watchdesk;
using watchdesk::config::testing::TempDir;

constexpr int kSources = 20;
const TimePoint kNow{Seconds{1780272000}};  // 2026-06-01T00:00:00Z

struct Desk {
  explicit Desk(std::chrono::milliseconds window = 5ms, std::size_t max_waiting = 256) {
    std::string text = R"([watchdesk]
state = "state.db"
user_agent = "watchdesk batch test ops@example.com"
fail_after = 1

[channels.console]
kind = "stdout"
)";
    for (int i = 0; i < kSources; ++i)
      text += "\n[sources.s" + std::to_string(i) + "]\nkind = \"feed\"\nurl = \"https://news.example.com/" +
              std::to_string(i) + ".rss\"\nevery = \"1h\"\n";
    auto loaded = config::load_config(dir.write("watchdesk.toml", text));
    BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
    cfg = std::move(*loaded);
    auto opened = store::StateStore::open(dir.path() / "state.db", store::Access::read_write);
    BOOST_TEST_REQUIRE(opened.ok());
    state = std::move(*opened);
    ingestor.emplace(cfg, *state, pipeline::Commit::yes);
    batch.emplace(io, *ingestor, window, max_waiting);
  }

  // Queues one outcome for source `i`: the rack feed, a failed fetch or a 304.
  void add(int i, bool fails, std::vector<std::optional<pipeline::IngestReport>>& reports,
           std::function<void(const pipeline::IngestReport&)> check = {}, bool not_modified = false) {
    pipeline::FetchOutcome outcome;
    if (not_modified) {
      outcome.kind = pipeline::FetchOutcome::Kind::not_modified;
      outcome.status = 304;
    } else if (fails) {
      outcome.kind = pipeline::FetchOutcome::Kind::failed;
      outcome.status = 500;
      outcome.error = "HTTP 500";
    } else {
      outcome.kind = pipeline::FetchOutcome::Kind::body;
      outcome.status = 200;
      outcome.body = testing::kRackFeed;
      outcome.content_type = "application/rss+xml";
    }
    batch->add(cfg.sources.at(static_cast<std::size_t>(i)), outcome, kNow, nullptr,
               [&reports, i, check](pipeline::IngestReport report) {
                 if (check) check(report);
                 reports.at(static_cast<std::size_t>(i)) = std::move(report);
               });
  }

  bool all_done(const std::vector<std::optional<pipeline::IngestReport>>& reports, int n) const {
    for (int i = 0; i < n; ++i)
      if (!reports.at(static_cast<std::size_t>(i))) return false;
    return true;
  }

  // Runs SQL on the store's own connection (a test's way to make one write fail).
  void sql(const std::string& text) {
    char* message = nullptr;
    const int rc = sqlite3_exec(state->handle(), text.c_str(), nullptr, nullptr, &message);
    BOOST_TEST_REQUIRE(rc == SQLITE_OK, (message != nullptr ? message : ""));
  }

  // Installs `trigger_sql` on the store's connection, then ingests sources s0..s5 in one batch.
  std::vector<pipeline::IngestReport> ingest_six_with(const std::string& trigger_sql) {
    sql(trigger_sql);
    std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
    for (int i = 0; i < 6; ++i) add(i, false, reports);
    BOOST_TEST_REQUIRE(testing::run_until(io, [&] { return all_done(reports, 6); }, 5000ms));
    std::vector<pipeline::IngestReport> out;
    for (int i = 0; i < 6; ++i) out.push_back(std::move(*reports.at(static_cast<std::size_t>(i))));
    return out;
  }

  // Whether another connection sees the fetch state of `source_id` (that is: it was committed).
  bool committed(const std::string& source_id) const {
    auto other = store::StateStore::open(dir.path() / "state.db", store::Access::read_only);
    BOOST_TEST_REQUIRE(other.ok());
    auto stored = (*other)->fetch_state(source_id);
    BOOST_TEST_REQUIRE(stored.ok());
    return stored->has_value();
  }

  TempDir dir;
  boost::asio::io_context io;
  config::Config cfg;
  std::unique_ptr<store::StateStore> state;
  std::optional<pipeline::Ingestor> ingestor;
  std::optional<pipeline::IngestBatch> batch;
};

}  // namespace

BOOST_AUTO_TEST_CASE(results_of_one_turn_are_one_transaction) {
  Desk desk;
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  const auto before = desk.state->commits();
  for (int i = 0; i < kSources; ++i) desk.add(i, false, reports);
  BOOST_TEST(desk.state->commits() == before);
  BOOST_TEST_REQUIRE(testing::run_until(desk.io, [&] { return desk.all_done(reports, kSources); }, 5000ms));
  BOOST_TEST(desk.state->commits() == before + 1);
  BOOST_TEST(desk.batch->batches() == 1U);
  for (const auto& r : reports) {
    BOOST_TEST(r->healthy);
    BOOST_TEST(r->store_error.empty());
    BOOST_TEST(r->new_observations.size() == 1U);
  }
}

BOOST_AUTO_TEST_CASE(a_continuation_sees_its_alert_committed) {
  Desk desk(0ms);
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  int checked = 0;
  for (int i = 0; i < 3; ++i) {
    desk.add(i, true, reports, [&](const pipeline::IngestReport& report) {
      // fail_after = 1: the failure raises a health alert, already on disk for another process.
      BOOST_TEST_REQUIRE(report.alerts.size() == 1U);
      auto other = store::StateStore::open(desk.dir.path() / "state.db", store::Access::read_only);
      BOOST_TEST_REQUIRE(other.ok());
      auto seen = (*other)->has_alert(report.alerts.front().id);
      BOOST_TEST_REQUIRE(seen.ok());
      BOOST_TEST(*seen);
      ++checked;
    });
  }
  BOOST_TEST_REQUIRE(testing::run_until(desk.io, [&] { return desk.all_done(reports, 3); }, 5000ms));
  BOOST_TEST(checked == 3);
  BOOST_TEST(desk.batch->batches() == 1U);
}

BOOST_AUTO_TEST_CASE(a_failed_write_loses_only_its_own_source) {
  Desk desk;
  const auto reports = desk.ingest_six_with(
      "CREATE TEMP TRIGGER refuse_s3 BEFORE INSERT ON main.fetch_state WHEN NEW.source_id = 's3' "
      "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  for (int i = 0; i < 6; ++i) {
    const auto& r = reports.at(static_cast<std::size_t>(i));
    const std::string id = "s" + std::to_string(i);
    if (i == 3) {
      BOOST_TEST(r.store_error.find("refused by the test") != std::string::npos, r.store_error);
      BOOST_TEST(r.new_observations.empty());
      BOOST_TEST(!desk.committed(id));
    } else {
      BOOST_TEST(r.store_error.empty(), id << ": " << r.store_error);
      BOOST_TEST(r.new_observations.size() == 1U);
      BOOST_TEST(desk.committed(id));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_transaction_rolled_back_whole_reports_every_source_unrecorded) {
  Desk desk;
  const auto reports = desk.ingest_six_with(
      "CREATE TEMP TRIGGER roll_back_all BEFORE INSERT ON main.fetch_state WHEN NEW.source_id = 's4' "
      "BEGIN SELECT RAISE(ROLLBACK, 'rolled back by the test'); END");
  for (int i = 0; i < 6; ++i) {
    const auto& r = reports.at(static_cast<std::size_t>(i));
    const std::string id = "s" + std::to_string(i);
    BOOST_TEST(!r.store_error.empty(), id);
    BOOST_TEST(r.new_observations.empty());
    BOOST_TEST(r.alerts.empty());
    BOOST_TEST(!desk.committed(id));
  }
}

BOOST_AUTO_TEST_CASE(what_waits_is_written_when_the_batch_goes) {
  Desk desk;
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  for (int i = 0; i < 4; ++i) desk.add(i, false, reports);
  desk.batch.reset();
  for (int i = 0; i < 4; ++i) BOOST_TEST(desk.committed("s" + std::to_string(i)));
  // The continuations belonged to owners that are going away: none ran.
  BOOST_TEST(!reports.front().has_value());
}

BOOST_AUTO_TEST_CASE(a_later_answer_records_only_the_items_the_store_has_not_seen) {
  Desk desk;
  const auto& source = desk.cfg.sources.front();
  pipeline::FetchOutcome first;
  first.kind = pipeline::FetchOutcome::Kind::body;
  first.status = 200;
  first.body = testing::kRackFeed;
  const auto once = desk.ingestor->ingest(source, first, kNow);
  BOOST_TEST_REQUIRE(once.new_observations.size() == 1U);

  // The same item again, and one more: only the new one is recorded and reported.
  const std::string two_items = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title>
<item><title>Colossus adds a second hall</title><link>https://news.example.com/b</link><guid>b-2</guid>
<pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate></item>
<item><title>Colossus adds a new rack row</title><link>https://news.example.com/a</link><guid>a-1</guid>
<pubDate>Mon, 23 Nov 2026 14:03:00 GMT</pubDate></item>
</channel></rss>
)";
  pipeline::FetchOutcome second = first;
  second.body = two_items;
  const auto twice = desk.ingestor->ingest(source, second, kNow + Seconds{60});
  BOOST_TEST(twice.healthy);
  BOOST_TEST_REQUIRE(twice.new_observations.size() == 1U);
  BOOST_TEST(twice.new_observations.front().observation.title == "Colossus adds a second hall");
  auto kept = desk.state->observations(source.id, kNow - Seconds{1});
  BOOST_TEST_REQUIRE(kept.ok());
  BOOST_TEST(kept->size() == 2U);
}

BOOST_AUTO_TEST_CASE(not_modified_answers_wait_for_the_quiet_window_and_go_with_a_changed_one) {
  Desk desk;
  desk.batch->set_quiet_window(1h);
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  for (int i = 0; i < 3; ++i) desk.add(i, false, reports, {}, true);
  // Ten times the short window passes on the loop: the 304s are still not written.
  boost::asio::steady_timer later(desk.io, 50ms);
  bool passed = false;
  later.async_wait([&](boost::system::error_code) { passed = true; });
  BOOST_TEST_REQUIRE(testing::run_until(desk.io, [&] { return passed; }, 5000ms));
  BOOST_TEST(desk.batch->batches() == 0U);
  BOOST_TEST(!desk.committed("s0"));
  BOOST_TEST(!reports.front().has_value());
  // A changed answer brings the batch's deadline back to the short window: all four go together.
  desk.add(3, false, reports);
  BOOST_TEST_REQUIRE(testing::run_until(desk.io, [&] { return desk.all_done(reports, 4); }, 5000ms));
  BOOST_TEST(desk.batch->batches() == 1U);
  BOOST_TEST(desk.batch->outcomes() == 4U);
  for (int i = 0; i < 4; ++i) BOOST_TEST(desk.committed("s" + std::to_string(i)));
}

BOOST_AUTO_TEST_CASE(flush_soon_writes_waiting_not_modified_answers) {
  Desk desk;
  desk.batch->set_quiet_window(1h);
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  for (int i = 0; i < 2; ++i) desk.add(i, false, reports, {}, true);
  desk.io.poll();
  BOOST_TEST(desk.batch->batches() == 0U);
  desk.batch->flush_soon();
  BOOST_TEST_REQUIRE(testing::run_until(desk.io, [&] { return desk.all_done(reports, 2); }, 5000ms));
  BOOST_TEST(desk.batch->batches() == 1U);
  BOOST_TEST(desk.committed("s1"));
}

BOOST_AUTO_TEST_CASE(a_full_batch_is_written_without_waiting_for_its_window) {
  Desk desk(5ms, 3);
  desk.batch->set_quiet_window(1h);
  std::vector<std::optional<pipeline::IngestReport>> reports(kSources);
  for (int i = 0; i < 3; ++i) desk.add(i, false, reports, {}, true);
  desk.io.poll();  // only what is ready now: the third 304 filled the batch
  BOOST_TEST(desk.all_done(reports, 3));
  BOOST_TEST(desk.batch->batches() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
