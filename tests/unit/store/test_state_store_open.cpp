// Tests for opening the state store: creation, and every way an open fails, provoked for real.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fstream>
#include <set>
#include <string>

#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;
namespace fs = std::filesystem;


bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Names of the files in a directory.
std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.insert(entry.path().filename().string());
  return names;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes(fs::file_size(path), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  BOOST_REQUIRE(in.good());
  return bytes;
}

// A closed state file with some rows in several tables, spread over many pages.
void make_populated_store(const fs::path& path, int observations = 200) {
  auto store = open_ok(path);
  auto tx = store->begin();
  BOOST_REQUIRE(tx.ok());
  for (int i = 0; i < observations; ++i) {
    Observation o;
    o.key = "item-" + std::to_string(i);
    o.title = std::string(300, 'a' + static_cast<char>(i % 26));
    BOOST_REQUIRE(tx->add_observation("feed", o, kT0).ok());
  }
  BOOST_REQUIRE(tx->add_alert(AlertRecord{"t/1", "t", "{}", kT0}, {"desk"}).ok());
  BOOST_REQUIRE(tx->commit().ok());
}

void set_mode(const fs::path& path, mode_t mode) {
  BOOST_REQUIRE(::chmod(path.c_str(), mode) == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_open)

BOOST_AUTO_TEST_CASE(creates_a_wal_database_at_the_current_schema) {
  TempDir dir;
  const auto path = dir / "state.db";
  { auto store = open_ok(path); }
  RawDb raw(path);
  BOOST_TEST(raw.text("PRAGMA user_version") == std::to_string(StateStore::schema_version()));
  BOOST_TEST(raw.text("PRAGMA journal_mode") == "wal");
  for (const char* table :
       {"fetch_state", "observations", "series_points", "trigger_state", "alerts", "deliveries"}) {
    BOOST_TEST(raw.text(std::string("SELECT name FROM sqlite_schema WHERE name = '") + table +
                        "'") == table);
  }
}

BOOST_AUTO_TEST_CASE(reopens_without_changing_the_schema) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path, 3);
  auto store = open_ok(path);
  BOOST_TEST(must(store->has_observation("feed", "item-2")));
  BOOST_TEST(must(store->has_alert("t/1")));
}

BOOST_AUTO_TEST_CASE(read_only_open_of_a_missing_file_says_no_state_yet) {
  TempDir dir;
  const auto path = dir / "state.db";
  const auto error = open_fails(path, Access::read_only);
  BOOST_TEST((error.kind == ErrorKind::io));
  BOOST_TEST(contains(error.message, "no state yet: run `watchdesk check` first"));
  BOOST_TEST(contains(error.message, path.string()));
  BOOST_TEST(listing(dir.path()).empty());
}

BOOST_AUTO_TEST_CASE(read_only_open_creates_and_modifies_nothing) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path, 5);
  const auto before = listing(dir.path());
  const auto bytes = read_bytes(path);
  BOOST_REQUIRE((before == std::set<std::string>{"state.db"}));
  {
    auto reader = open_ok(path, Access::read_only);
    BOOST_TEST(must(reader->has_observation("feed", "item-4")));
    BOOST_TEST(must(reader->pending_deliveries()).size() == 1u);
  }
  BOOST_TEST((listing(dir.path()) == before));
  BOOST_TEST((read_bytes(path) == bytes));
}

BOOST_AUTO_TEST_CASE(read_only_open_sees_commits_of_a_store_that_is_open) {
  TempDir dir;
  const auto path = dir / "state.db";
  auto writer = open_ok(path);
  auto reader = open_ok(path, Access::read_only);
  BOOST_TEST(!must(reader->has_alert("t/1")));
  auto tx = writer->begin();
  BOOST_REQUIRE(tx.ok());
  BOOST_REQUIRE(tx->add_alert(AlertRecord{"t/1", "t", "{}", kT0}, {"desk"}).ok());
  BOOST_REQUIRE(tx->commit().ok());
  BOOST_TEST(must(reader->has_alert("t/1")));
  BOOST_TEST(must(open_ok(path, Access::read_only)->has_alert("t/1")));
}

BOOST_AUTO_TEST_CASE(read_only_open_of_an_empty_file_says_no_state_yet) {
  TempDir dir;
  const auto path = dir / "state.db";
  { std::ofstream touch(path); }
  const auto error = open_fails(path, Access::read_only);
  BOOST_TEST((error.kind == ErrorKind::io));
  BOOST_TEST(contains(error.message, "no state yet"));
  BOOST_TEST(fs::file_size(path) == 0u);
}

BOOST_AUTO_TEST_CASE(refuses_a_directory_and_a_missing_directory) {
  TempDir dir;
  const auto as_dir = open_fails(dir.path(), Access::read_write);
  BOOST_TEST((as_dir.kind == ErrorKind::io));
  BOOST_TEST(contains(as_dir.message, "is a directory"));
  const auto missing = open_fails(dir / "no-such-dir" / "state.db", Access::read_write);
  BOOST_TEST((missing.kind == ErrorKind::io));
  BOOST_TEST(contains(missing.message, "does not exist"));
  BOOST_TEST(!fs::exists(dir / "no-such-dir"));
}

BOOST_DATA_TEST_CASE(refuses_a_newer_schema_and_leaves_it_alone,
                     boost::unit_test::data::make({Access::read_write, Access::read_only}),
                     access) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path, 1);
  const int newer = StateStore::schema_version() + 1;
  {
    RawDb raw(path);
    raw.exec("PRAGMA user_version = " + std::to_string(newer));
    raw.exec("CREATE TABLE from_the_future (x)");
  }
  const auto error = open_fails(path, access);
  BOOST_TEST((error.kind == ErrorKind::unsupported));
  BOOST_TEST(contains(error.message, "written by a newer watchdesk (schema " +
                                         std::to_string(newer) + ", this build knows " +
                                         std::to_string(StateStore::schema_version()) +
                                         "); upgrade watchdesk or use another state file"));
  BOOST_TEST(contains(error.message, path.string()));
  RawDb raw(path);
  BOOST_TEST(raw.text("PRAGMA user_version") == std::to_string(newer));
}

// Ways a state file gets damaged, and what each does to the file.
enum class Damage { truncated_to_half, header_overwritten, table_page_overwritten, text_file };

std::ostream& operator<<(std::ostream& out, Damage damage) {
  switch (damage) {
    case Damage::truncated_to_half:
      return out << "truncated_to_half";
    case Damage::header_overwritten:
      return out << "header_overwritten";
    case Damage::table_page_overwritten:
      return out << "table_page_overwritten";
    case Damage::text_file:
      return out << "text_file";
  }
  return out;
}

void damage_file(const fs::path& path, Damage damage) {
  if (damage == Damage::text_file) {
    std::ofstream out(path, std::ios::trunc);
    out << "state = \"state.db\"\n# this is a TOML file, not a database, and it is long enough "
           "to fill an SQLite header and then some more bytes after it.\n";
    return;
  }
  make_populated_store(path);
  if (damage == Damage::truncated_to_half) {
    fs::resize_file(path, fs::file_size(path) / 2);
    return;
  }
  std::size_t offset = 0;
  std::size_t length = 16;
  if (damage == Damage::table_page_overwritten) {
    RawDb raw(path);
    const auto page_size = std::stoul(raw.text("PRAGMA page_size"));
    const auto root =
        std::stoul(raw.text("SELECT rootpage FROM sqlite_schema WHERE name = 'alerts'"));
    offset = (root - 1) * page_size;
    length = page_size;
  }
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(static_cast<std::streamoff>(offset));
  const std::string garbage(length, '\xa5');
  file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  BOOST_REQUIRE(file.good());
}

BOOST_DATA_TEST_CASE(
    reports_a_damaged_file_as_corrupt,
    boost::unit_test::data::make({Damage::truncated_to_half, Damage::header_overwritten,
                                  Damage::table_page_overwritten, Damage::text_file}) *
        boost::unit_test::data::make({Access::read_write, Access::read_only}),
    damage, access) {
  TempDir dir;
  const auto path = dir / "state.db";
  damage_file(path, damage);
  const auto bytes = read_bytes(path);
  const auto error = open_fails(path, access);
  BOOST_TEST_MESSAGE(error.message);
  BOOST_TEST((error.kind == ErrorKind::corrupt));
  BOOST_TEST(contains(error.message, path.string()));
  BOOST_TEST(contains(error.message, "move it aside"));
  BOOST_TEST((read_bytes(path) == bytes));
}

BOOST_DATA_TEST_CASE(checks_a_file_only_when_it_changed_since_its_clean_close,
                     boost::unit_test::data::make({Access::read_write, Access::read_only}), access) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path);
  BOOST_TEST(open_ok(path, access)->checked_at_open() == !keeps_extended_attributes(dir.path()));
  {
    RawDb raw(path);
    raw.exec("UPDATE observations SET title = 'changed' WHERE key = 'item-7'");
  }
  BOOST_TEST(open_ok(path, access)->checked_at_open());
}

// A writable store notes the blocks it writes (checkpoints during the session and at close
// included) and reads only those again at its clean close: what it records must be the file.
BOOST_AUTO_TEST_CASE(records_the_file_its_writes_left_at_a_clean_close) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  make_populated_store(path, 50);
  for (int session = 0; session < 3; ++session) {
    auto store = open_ok(path);
    BOOST_TEST(!store->checked_at_open(), "session " << session);
    for (int batch = 0; batch < 3; ++batch) {
      auto tx = store->begin();
      BOOST_REQUIRE(tx.ok());
      for (int i = 0; i < 100; ++i) {
        Observation o;
        o.key = "s" + std::to_string(session) + "-b" + std::to_string(batch) + "-" + std::to_string(i);
        o.title = std::string(200, 'x');
        BOOST_REQUIRE(tx->add_observation("feed", o, kT0).ok());
      }
      BOOST_REQUIRE(tx->commit().ok());
      // Pages reach the file mid-session, through the store's own connection.
      BOOST_REQUIRE(sqlite3_exec(store->handle(), "PRAGMA wal_checkpoint(PASSIVE)", nullptr, nullptr, nullptr) ==
                    SQLITE_OK);
    }
  }
  BOOST_TEST(!open_ok(path, Access::read_only)->checked_at_open());
}

// Writes this store did not make (another connection's checkpoint) are not in its record: the next
// open finds the file changed and checks it.
BOOST_AUTO_TEST_CASE(checks_a_file_another_connection_wrote_while_the_store_had_it_open) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  make_populated_store(path, 50);
  {
    auto store = open_ok(path);
    BOOST_TEST(!store->checked_at_open());
    RawDb other(path);
    other.exec("UPDATE observations SET title = 'theirs' WHERE key = 'item-3'");
    other.exec("PRAGMA wal_checkpoint(PASSIVE)");
  }
  BOOST_TEST(open_ok(path, Access::read_only)->checked_at_open());
}

BOOST_AUTO_TEST_CASE(checks_a_file_that_another_connection_has_open) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path);
  const auto writer = open_ok(path);
  for (const auto access : {Access::read_write, Access::read_only}) BOOST_TEST(open_ok(path, access)->checked_at_open());
}

BOOST_AUTO_TEST_CASE(refuses_another_programs_database) {
  TempDir dir;
  const auto path = dir / "state.db";
  {
    RawDb raw(path);
    raw.exec("CREATE TABLE contacts (name TEXT)");
  }
  for (const auto access : {Access::read_write, Access::read_only}) {
    const auto error = open_fails(path, access);
    BOOST_TEST((error.kind == ErrorKind::corrupt));
    BOOST_TEST(contains(error.message, "not a watchdesk state file"));
  }
  RawDb raw(path);
  BOOST_TEST(raw.text("SELECT count(*) FROM sqlite_schema") == "1");
}

// Journal modes a locked file may be in: the store's own WAL, or a rollback journal.
enum class Journal { wal, rollback };

std::ostream& operator<<(std::ostream& out, Journal journal) {
  return out << (journal == Journal::wal ? "wal" : "rollback");
}

BOOST_DATA_TEST_CASE(reports_a_write_locked_file_within_the_busy_timeout,
                     boost::unit_test::data::make({Journal::wal, Journal::rollback}), journal) {
  TempDir dir;
  const auto path = dir / "state.db";
  if (journal == Journal::wal) {
    make_populated_store(path, 1);
  } else {
    RawDb raw(path);
    raw.exec("PRAGMA journal_mode = DELETE; CREATE TABLE t (x)");
  }
  BlockedChild holder([&](const BlockedChild::Report& report, const BlockedChild::Wait&) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    const char* sql = journal == Journal::wal
                          ? "BEGIN EXCLUSIVE; INSERT INTO trigger_state VALUES ('t', '{}')"
                          : "BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)";
    report(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK ? "locked"
                                                                         : sqlite3_errmsg(db));
  });
  BOOST_REQUIRE(holder.read_line() == "locked");

  const auto started = std::chrono::steady_clock::now();
  const auto error = open_fails(path, Access::read_write);
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST_MESSAGE(error.message);
  BOOST_TEST((error.kind == ErrorKind::busy));
  BOOST_TEST(contains(error.message, path.string()));
  BOOST_TEST(contains(error.message, "locked by another process"));
  BOOST_TEST((waited >= StateStore::busy_timeout() / 2));
  BOOST_TEST((waited < StateStore::busy_timeout() * 4));

  if (journal == Journal::wal) {
    // Readers are not blocked by a writer in WAL mode, and do not see its uncommitted rows.
    auto reader = open_ok(path, Access::read_only);
    BOOST_TEST(!must(reader->trigger_state("t")).has_value());
  } else {
    BOOST_TEST((open_fails(path, Access::read_only).kind == ErrorKind::busy));
  }
  holder.release_and_wait();
  if (journal == Journal::wal) BOOST_TEST(must(open_ok(path)->has_alert("t/1")));
}

BOOST_AUTO_TEST_CASE(begin_reports_a_lock_taken_after_open) {
  TempDir dir;
  const auto path = dir / "state.db";
  auto store = open_ok(path);
  BlockedChild holder([&](const BlockedChild::Report& report, const BlockedChild::Wait&) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    report(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK
               ? "locked"
               : sqlite3_errmsg(db));
  });
  BOOST_REQUIRE(holder.read_line() == "locked");
  const auto started = std::chrono::steady_clock::now();
  const auto tx = store->begin();
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST((waited < StateStore::busy_timeout() * 4));
  BOOST_REQUIRE(!tx.ok());
  BOOST_TEST_MESSAGE(tx.error().message);
  BOOST_TEST(contains(tx.error().message, "locked"));
  holder.release_and_wait();
  BOOST_TEST(store->begin().ok());
}

// Permission cases run in a child that, when the tests run as root, drops to `nobody`: root
// ignores file modes, and the store must still be tested against them.
BOOST_AUTO_TEST_CASE(reports_a_read_only_file_when_opened_for_writing) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path, 1);
  set_mode(dir.path(), 0777);
  set_mode(path, 0444);
  const auto result = run_in_child(RunAs::unprivileged, [&] {
    return open_outcome(path, Access::read_write) + "\n" + open_outcome(path, Access::read_only);
  });
  BOOST_TEST_MESSAGE(result.output);
  BOOST_REQUIRE(result.exit_code == 0);
  BOOST_TEST(
      result.output.rfind("read_only: state file " + path.string() + " is not writable", 0) == 0u);
  BOOST_TEST(contains(result.output, "\nok"));
}

BOOST_AUTO_TEST_CASE(reports_a_read_only_directory_for_a_new_file) {
  TempDir dir;
  const auto path = dir / "state.db";
  set_mode(dir.path(), 0755);
  const auto result =
      run_in_child(RunAs::unprivileged, [&] { return open_outcome(path, Access::read_write); });
  BOOST_TEST_MESSAGE(result.output);
  BOOST_REQUIRE(result.exit_code == 0);
  BOOST_TEST(result.output.rfind("read_only: ", 0) == 0u);
  BOOST_TEST(contains(result.output, dir.path().string()));
  BOOST_TEST(!fs::exists(path));
}

BOOST_AUTO_TEST_CASE(reports_a_read_only_directory_for_a_writable_file) {
  TempDir dir;
  const auto path = dir / "state.db";
  make_populated_store(path, 1);
  set_mode(dir.path(), 0755);
  set_mode(path, 0666);
  const auto before = listing(dir.path());
  const auto result = run_in_child(RunAs::unprivileged, [&] {
    std::string out = open_outcome(path, Access::read_write) + "\n";
    // Reading needs no write access anywhere.
    auto opened = StateStore::open(path, Access::read_only);
    if (opened) {
      const auto has = opened.value()->has_alert("t/1");
      out += has.ok() ? (*has ? "read" : "missing") : has.error().message;
    } else {
      out += opened.error().message;
    }
    return out;
  });
  BOOST_TEST_MESSAGE(result.output);
  BOOST_REQUIRE(result.exit_code == 0);
  BOOST_TEST(result.output.rfind("read_only: ", 0) == 0u);
  BOOST_TEST(contains(result.output, "\nread"));
  BOOST_TEST((listing(dir.path()) == before));
}

BOOST_AUTO_TEST_SUITE_END()
