// RAII wrappers over the SQLite C API used by the state store: connections, statements, a cache.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "core/time.hpp"

namespace watchdesk::store {

/// Closes a connection with `sqlite3_close_v2`.
struct ConnectionCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};

/// An owned SQLite connection.
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

/// Finalizes a prepared statement.
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};

/// An owned prepared statement.
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

/// One use of a prepared statement: parameters are bound in order, rows stepped and columns read.
/// On destruction the statement is reset and its bindings cleared, so a cached statement never
/// keeps a read snapshot open or a stale parameter.
class Query {
 public:
  explicit Query(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  /// Bind the next parameter (text is copied).
  Query& bind(std::string_view text);
  /// Bind the next parameter to text that is not copied: it must outlive every step of this query.
  Query& bind_borrowed(std::string_view text);
  Query& bind(std::int64_t value);
  Query& bind(double value);
  Query& bind(TimePoint t);
  Query& bind(std::optional<TimePoint> t);
  Query& bind_null();

  /// Steps once: `SQLITE_ROW`, `SQLITE_DONE`, or an error code (the first failed bind, if any).
  int step();
  /// Steps until done: `SQLITE_DONE` or an error code.
  int run();

  /// Column readers for the current row (0-based).
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  bool is_null(int column) const;
  TimePoint time(int column) const;
  std::optional<TimePoint> optional_time(int column) const;

 private:
  Query& check_bind(int rc);

  sqlite3_stmt* stmt_;
  int next_ = 1;
  int bind_error_ = SQLITE_OK;
};

/// Prepared statements compiled once per connection and reused (`SQLITE_PREPARE_PERSISTENT`).
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db) : db_(db) {}

  /// The statement for `sql`, compiled on first use; nullptr when compiling fails (the error is
  /// in `sqlite3_errmsg`, and `rc` holds its code).
  sqlite3_stmt* get(std::string_view sql, int& rc);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  sqlite3* db_;
  std::unordered_map<std::string, StatementPtr, Hash, std::equal_to<>> statements_;
};

/// Sets SQLite's process-wide options once, before the first connection: no allocation statistics
/// (each allocation would take a global mutex), and statement journals (what a savepoint keeps to
/// roll back to) in memory up to 16 MiB instead of in temporary files past 64 KiB. Has no effect
/// when SQLite was already in use in this process.
void configure_sqlite();

/// Runs SQL text that returns no rows (pragmas, DDL, `BEGIN`/`COMMIT`); an SQLite result code.
int exec(sqlite3* db, const char* sql);

/// Runs a statement returning one integer (`PRAGMA user_version`); an SQLite result code.
int query_int(sqlite3* db, const char* sql, std::int64_t& value);

/// Runs a statement returning one text value (`PRAGMA journal_mode=WAL`); an SQLite result code.
int query_text(sqlite3* db, const char* sql, std::string& value);

/// Rolls an open transaction back unless released.
class RollbackGuard {
 public:
  explicit RollbackGuard(sqlite3* db) : db_(db) {}
  ~RollbackGuard() {
    if (db_ != nullptr && sqlite3_get_autocommit(db_) == 0) exec(db_, "ROLLBACK");
  }
  RollbackGuard(const RollbackGuard&) = delete;
  RollbackGuard& operator=(const RollbackGuard&) = delete;
  void release() { db_ = nullptr; }

 private:
  sqlite3* db_;
};

/// SQLite's message for a failure, with the system error behind it when there is one.
std::string sqlite_detail(sqlite3* db, int rc);

/// The kind of a runtime failure: `full`, `busy`, `read_only`, `corrupt`, `io`, else `state`.
ErrorKind runtime_error_kind(int rc);

/// What an operator can do about a failure (`; free space on the disk holding it`), or empty.
std::string_view runtime_hint(int rc);

/// Seconds since the Unix epoch, as stored in every time column.
constexpr std::int64_t to_epoch(TimePoint t) { return t.time_since_epoch().count(); }

/// The time point of stored epoch seconds.
constexpr TimePoint from_epoch(std::int64_t seconds) { return TimePoint{Seconds{seconds}}; }

}  // namespace watchdesk::store
