// Tests for the SQLite wrappers: cached statements, binding, and reset after each use.
#include <boost/test/unit_test.hpp>
#include <string>

#include "daemon/store/sqlite.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;

struct MemoryDb {
  MemoryDb() {
    sqlite3* raw = nullptr;
    BOOST_REQUIRE(sqlite3_open(":memory:", &raw) == SQLITE_OK);
    db.reset(raw);
    BOOST_REQUIRE(exec(db.get(),
                       "CREATE TABLE t (name TEXT, at INTEGER, v REAL); "
                       "INSERT INTO t VALUES ('a', 1, 0.5), ('b', 2, 1.5), ('c', NULL, 2.5)") ==
                  SQLITE_OK);
  }
  Connection db;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(store_sqlite)

BOOST_FIXTURE_TEST_CASE(caches_one_statement_per_sql_text, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  auto* first = cache.get("SELECT name FROM t WHERE at = ?", rc);
  BOOST_REQUIRE(first != nullptr);
  BOOST_TEST(cache.get("SELECT name FROM t WHERE at = ?", rc) == first);
  BOOST_TEST(cache.get("SELECT name FROM t WHERE at > ?", rc) != first);
  BOOST_TEST(cache.get("SELECT nope FROM t", rc) == nullptr);
  BOOST_TEST(rc == SQLITE_ERROR);
  BOOST_TEST(std::string(sqlite3_errmsg(db.get())).find("nope") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_finished_query_leaves_its_statement_reset_and_unbound, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  auto* stmt = cache.get("SELECT name FROM t WHERE at >= ? ORDER BY at", rc);
  BOOST_REQUIRE(stmt != nullptr);
  {
    Query q(stmt);
    q.bind(std::int64_t{1});
    BOOST_REQUIRE(q.step() == SQLITE_ROW);
    BOOST_TEST(q.text(0) == "a");
    BOOST_TEST(sqlite3_stmt_busy(stmt) != 0);
  }  // stopped after one of two rows
  BOOST_TEST(sqlite3_stmt_busy(stmt) == 0);
  // Unbound parameters are NULL again: `at >= NULL` matches nothing.
  Query again(stmt);
  BOOST_TEST(again.step() == SQLITE_DONE);
}

BOOST_FIXTURE_TEST_CASE(binds_copies_of_text_and_reads_typed_columns, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  auto* stmt = cache.get("SELECT at, v, name FROM t WHERE name = ?", rc);
  BOOST_REQUIRE(stmt != nullptr);
  Query q(stmt);
  q.bind(std::string("c"));  // a temporary: the bound copy outlives it
  BOOST_REQUIRE(q.step() == SQLITE_ROW);
  BOOST_TEST(q.is_null(0));
  BOOST_TEST(!q.optional_time(0).has_value());
  BOOST_TEST(q.real(1) == 2.5);
  BOOST_TEST(q.text(2) == "c");
}

BOOST_FIXTURE_TEST_CASE(stores_borrowed_text_as_it_was_when_the_row_was_written, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  auto* insert = cache.get("INSERT INTO t (name, at) VALUES (?, 9)", rc);
  BOOST_REQUIRE(insert != nullptr);
  std::string name = "borrowed";
  {
    Query q(insert);
    q.bind_borrowed(name);
    BOOST_REQUIRE(q.run() == SQLITE_DONE);
  }
  name = "changed after";  // the row holds its own copy once written
  auto* select = cache.get("SELECT name FROM t WHERE at = 9", rc);
  BOOST_REQUIRE(select != nullptr);
  Query q(select);
  BOOST_REQUIRE(q.step() == SQLITE_ROW);
  BOOST_TEST(q.text(0) == "borrowed");
}

BOOST_FIXTURE_TEST_CASE(stores_time_as_epoch_seconds, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  const TimePoint t{Seconds{1780272000}};
  auto* stmt = cache.get("SELECT ?, typeof(?)", rc);
  BOOST_REQUIRE(stmt != nullptr);
  Query q(stmt);
  q.bind(t).bind(std::optional<TimePoint>(t));
  BOOST_REQUIRE(q.step() == SQLITE_ROW);
  BOOST_TEST(q.integer(0) == 1780272000);
  BOOST_TEST(q.text(1) == "integer");
  BOOST_TEST((q.time(0) == t));
}

BOOST_FIXTURE_TEST_CASE(reports_a_failed_bind_when_stepping, MemoryDb) {
  StatementCache cache(db.get());
  int rc = SQLITE_OK;
  auto* stmt = cache.get("SELECT name FROM t WHERE at = ?", rc);
  BOOST_REQUIRE(stmt != nullptr);
  Query q(stmt);
  q.bind(std::int64_t{1}).bind(std::int64_t{2});  // one parameter too many
  BOOST_TEST(q.step() == SQLITE_RANGE);
}

BOOST_FIXTURE_TEST_CASE(reads_single_values, MemoryDb) {
  std::int64_t count = 0;
  BOOST_TEST(query_int(db.get(), "SELECT count(*) FROM t", count) == SQLITE_OK);
  BOOST_TEST(count == 3);
  std::string name;
  BOOST_TEST(query_text(db.get(), "SELECT name FROM t WHERE at = 2", name) == SQLITE_OK);
  BOOST_TEST(name == "b");
  BOOST_TEST(query_text(db.get(), "SELECT name FROM t WHERE at = 9", name) != SQLITE_OK);
}

BOOST_AUTO_TEST_SUITE_END()
