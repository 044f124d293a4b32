// RAII wrappers over the SQLite C API used by the state store.
#include "daemon/store/sqlite.hpp"

#include <system_error>

namespace watchdesk::store {

void configure_sqlite() {
  static const bool configured = [] {
    constexpr int kStatementJournalInMemory = 16 * 1024 * 1024;
    const bool quiet = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    const bool journal = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalInMemory) == SQLITE_OK;
    return quiet && journal;
  }();
  (void)configured;
}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::check_bind(int rc) {
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  ++next_;
  return *this;
}

Query& Query::bind(std::string_view text) {
  return check_bind(
      sqlite3_bind_text64(stmt_, next_, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

Query& Query::bind_borrowed(std::string_view text) {
  return check_bind(sqlite3_bind_text64(stmt_, next_, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
}

Query& Query::bind(std::int64_t value) {
  return check_bind(sqlite3_bind_int64(stmt_, next_, value));
}

Query& Query::bind(double value) { return check_bind(sqlite3_bind_double(stmt_, next_, value)); }

Query& Query::bind(TimePoint t) { return bind(to_epoch(t)); }

Query& Query::bind(std::optional<TimePoint> t) { return t ? bind(*t) : bind_null(); }

Query& Query::bind_null() { return check_bind(sqlite3_bind_null(stmt_, next_)); }

int Query::step() {
  if (bind_error_ != SQLITE_OK) return bind_error_;
  return sqlite3_step(stmt_);
}

int Query::run() {
  int rc = step();
  while (rc == SQLITE_ROW) rc = sqlite3_step(stmt_);
  return rc;
}

std::string Query::text(int column) const {
  const auto* data = sqlite3_column_text(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::int64_t Query::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

double Query::real(int column) const { return sqlite3_column_double(stmt_, column); }

bool Query::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

TimePoint Query::time(int column) const { return from_epoch(integer(column)); }

std::optional<TimePoint> Query::optional_time(int column) const {
  if (is_null(column)) return std::nullopt;
  return time(column);
}

sqlite3_stmt* StatementCache::get(std::string_view sql, int& rc) {
  rc = SQLITE_OK;
  if (auto it = statements_.find(sql); it != statements_.end()) return it->second.get();
  sqlite3_stmt* raw = nullptr;
  rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                          &raw, nullptr);
  StatementPtr stmt(raw);
  if (rc != SQLITE_OK) return nullptr;
  if (!stmt) {
    rc = SQLITE_MISUSE;  // empty SQL text
    return nullptr;
  }
  auto* result = stmt.get();
  statements_.emplace(std::string(sql), std::move(stmt));
  return result;
}

int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

namespace {

// Runs `sql` and hands its first row to `read`; SQLITE_ERROR when it returns no row.
template <class Read>
int query_first_row(sqlite3* db, const char* sql, Read read) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  StatementPtr stmt(raw);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_ROW) {
    read(stmt.get());
    return SQLITE_OK;
  }
  return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

}  // namespace

int query_int(sqlite3* db, const char* sql, std::int64_t& value) {
  return query_first_row(db, sql, [&](sqlite3_stmt* row) { value = sqlite3_column_int64(row, 0); });
}

int query_text(sqlite3* db, const char* sql, std::string& value) {
  return query_first_row(db, sql, [&](sqlite3_stmt* row) {
    const auto* data = sqlite3_column_text(row, 0);
    value = data == nullptr ? std::string()
                            : std::string(reinterpret_cast<const char*>(data),
                                          static_cast<std::size_t>(sqlite3_column_bytes(row, 0)));
  });
}

// SQLite's message for a failure, with the system error behind it when there is one.
std::string sqlite_detail(sqlite3* db, int rc) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  if (sys != 0 && (rc & 0xff) != SQLITE_BUSY) {
    detail += ": " + std::generic_category().message(sys);
  }
  return detail;
}

ErrorKind runtime_error_kind(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL: return ErrorKind::full;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::busy;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN: return ErrorKind::read_only;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return ErrorKind::corrupt;
    case SQLITE_IOERR: return ErrorKind::io;
    default: return ErrorKind::state;
  }
}

// What an operator can do about a runtime error.
std::string_view runtime_hint(int rc) {
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "; free space on the disk holding it";
    case SQLITE_IOERR:
      return "; check the disk holding it (the kernel log may say more)";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "; another process holds its write lock: stop it or retry";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return "; make the file and its directory writable by the watchdesk user";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "; the file is damaged: move it aside and watchdesk starts with empty state";
    default:
      return "";
  }
}

}  // namespace watchdesk::store
