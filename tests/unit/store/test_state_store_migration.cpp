// Tests for the state store's schema migrations: older files are upgraded with their data kept.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>

#include "daemon/store/schema.hpp"
#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;
namespace fs = std::filesystem;


// A database at schema version 1, made with the real first migration, holding rows in every table.
void make_version_1(const fs::path& path) {
  RawDb raw(path);
  raw.exec("PRAGMA journal_mode = WAL");
  raw.exec("BEGIN");
  raw.exec(migrations()[0].sql);
  raw.exec(
      "INSERT INTO fetch_state (source_id, url, etag, last_modified, last_attempt, last_success, "
      "last_status, last_error, consecutive_failures) VALUES ('spacex-filings', "
      "'https://www.sec.gov/cgi-bin/browse-edgar', 'etag-1', 'Mon, 01 Jun 2026 13:58:00 GMT', "
      "1780272000, 1780271000, 200, '', 0), "
      "('colossus-news', 'https://news.example/rss', '', '', 1780272000, NULL, 503, "
      "'HTTP 503', 6)");
  raw.exec(
      "INSERT INTO observations (source_id, key, signal, first_seen, published, title, url, facts) "
      "VALUES ('spacex-filings', '0001628280-26-036936', '12ab0b67', 1780272000, 1780271900, "
      "'S-1', 'https://www.sec.gov/x', '{\"form\":\"S-1\"}')");
  raw.exec(
      "INSERT INTO series_points (name, at, value, ref) VALUES ('crwv-price.close', "
      "1780272000, 101.5, 'q')");
  raw.exec("INSERT INTO trigger_state (trigger_id, json) VALUES ('s1-public', '{\"seen\":1}')");
  raw.exec(
      "INSERT INTO alerts (id, trigger, json, raised_at) VALUES ('s1-public/1', "
      "'s1-public', '{}', 1780272000)");
  raw.exec(
      "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, last_error, "
      "delivered_at) VALUES ('s1-public/1', 'desk', 'failed', 2, 1780272060, 'HTTP 500', "
      "NULL), ('s1-public/1', 'desk-mail', 'delivered', 1, 1780272000, '', 1780272001)");
  raw.exec("PRAGMA user_version = 1");
  raw.exec("COMMIT");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_migration)

// Versions rise with every migration (a version another branch of the schema holds may be absent).
BOOST_AUTO_TEST_CASE(migrations_are_numbered_in_rising_order) {
  int previous = 0;
  for (const auto& migration : migrations()) {
    BOOST_TEST(migration.version > previous);
    BOOST_TEST(!migration.description.empty());
    previous = migration.version;
  }
  BOOST_TEST(migrations().front().version == 1);
  BOOST_TEST(StateStore::schema_version() == previous);
  BOOST_TEST(StateStore::schema_version() >= 6);
}

BOOST_AUTO_TEST_CASE(upgrades_version_1_keeping_every_row) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_version_1(path);
  auto store = open_ok(path);

  const auto ok_source = must(store->fetch_state("spacex-filings"));
  BOOST_REQUIRE(ok_source.has_value());
  BOOST_TEST(ok_source->etag == "etag-1");
  BOOST_TEST(ok_source->last_status == 200);
  BOOST_TEST(!ok_source->unhealthy_alerted);
  const auto failing = must(store->fetch_state("colossus-news"));
  BOOST_REQUIRE(failing.has_value());
  BOOST_TEST(failing->consecutive_failures == 6);
  BOOST_TEST(!failing->unhealthy_alerted);

  const auto observations = must(store->observations("spacex-filings", kT0));
  BOOST_REQUIRE(observations.size() == 1u);
  BOOST_TEST(observations[0].observation.facts.at("form") == "S-1");
  BOOST_TEST(must(store->latest_point("crwv-price.close")).value_or(SeriesPoint{}).value == 101.5);
  BOOST_TEST(must(store->trigger_state("s1-public")).value_or("") == R"({"seen":1})");
  const auto history = must(store->alerts_since(kT0));
  BOOST_REQUIRE(history.size() == 1u);
  BOOST_TEST(history[0].deliveries.size() == 2u);
  const auto due = must(store->due_deliveries(kT0 + Seconds{60}));
  BOOST_REQUIRE(due.size() == 1u);
  BOOST_TEST(due[0].channel == "desk");
  BOOST_TEST(due[0].attempts == 2);

  // The new column is written and read back.
  auto alerted = *failing;
  alerted.unhealthy_alerted = true;
  auto tx = store->begin();
  BOOST_REQUIRE(tx.ok());
  BOOST_REQUIRE(tx->put_fetch_state(alerted).ok());
  BOOST_REQUIRE(tx->commit().ok());
  BOOST_TEST(must(store->fetch_state("colossus-news")).value_or(FetchState{}).unhealthy_alerted);

  store.reset();
  RawDb raw(path);
  BOOST_TEST(raw.text("PRAGMA user_version") == std::to_string(StateStore::schema_version()));
  BOOST_TEST(raw.text("SELECT name FROM sqlite_schema WHERE name = 'deliveries_outstanding'") ==
             "deliveries_outstanding");
}

BOOST_AUTO_TEST_CASE(creates_the_schema_in_an_empty_file_and_a_version_0_database) {
  TempDir dir;
  const auto empty = dir / "empty.db";
  { std::ofstream touch(empty); }
  const auto bare = dir / "bare.db";
  {
    RawDb raw(bare);
    raw.exec("PRAGMA user_version = 0; VACUUM");
  }
  for (const auto& path : {empty, bare}) {
    auto store = open_ok(path);
    auto tx = store->begin();
    BOOST_REQUIRE(tx.ok());
    BOOST_TEST(tx->add_alert(AlertRecord{"a/1", "a", "{}", kT0}, {"desk"}).value());
    BOOST_REQUIRE(tx->commit().ok());
    store.reset();
    RawDb raw(path);
    BOOST_TEST(raw.text("PRAGMA user_version") == std::to_string(StateStore::schema_version()));
  }
}

BOOST_AUTO_TEST_CASE(a_failed_migration_leaves_the_file_unchanged) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_version_1(path);
  {
    // Migration 2 adds an index of this name: make it fail half-way, after its first statement.
    RawDb raw(path);
    raw.exec("CREATE TABLE deliveries_outstanding (x)");
  }
  const auto error = open_fails(path, Access::read_write);
  BOOST_TEST_MESSAGE(error.message);
  BOOST_TEST((error.kind == ErrorKind::io));
  BOOST_TEST(error.message.find("upgrading state file " + path.string() + " to schema 2") !=
             std::string::npos);
  BOOST_TEST(error.message.find("left unchanged") != std::string::npos);
  RawDb raw(path);
  BOOST_TEST(raw.text("PRAGMA user_version") == "1");
  BOOST_TEST(raw.text("SELECT count(*) FROM pragma_table_info('fetch_state') "
                      "WHERE name = 'unhealthy_alerted'") == "0");
  BOOST_TEST(raw.text("SELECT count(*) FROM fetch_state") == "2");
}

BOOST_AUTO_TEST_CASE(read_only_open_of_an_older_schema_asks_for_an_upgrade) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_version_1(path);
  const auto error = open_fails(path, Access::read_only);
  BOOST_TEST((error.kind == ErrorKind::io));
  BOOST_TEST(error.message.find("older watchdesk (schema 1") != std::string::npos);
  BOOST_TEST(error.message.find("run `watchdesk check` once") != std::string::npos);
  RawDb raw(path);
  BOOST_TEST(raw.text("PRAGMA user_version") == "1");
}

BOOST_AUTO_TEST_SUITE_END()
