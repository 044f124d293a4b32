// Opening the state database: checks of the file, classification of failures, migration, and
// private scratch copies for dry runs. The queries are in `state_store.cpp`.
#include "daemon/store/state_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "core/urls.hpp"
#include "daemon/store/clean_close.hpp"
#include "daemon/store/written_blocks.hpp"
#include "daemon/store/schema.hpp"
#include "daemon/store/sqlite.hpp"

namespace watchdesk::store {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kJournalSizeLimit = 64 * 1024 * 1024;
// Page cache for the integrity check at open, in KiB as `PRAGMA cache_size` takes them (negative).
constexpr std::int64_t kCheckCacheSize = -64;

Error state_error(ErrorKind kind, std::string message) { return Error{std::move(message), {}, kind}; }

std::string directory_of(const fs::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

Error read_only_error(const fs::path& path, std::string_view detail) {
  return state_error(ErrorKind::read_only, fmt::format("state file {} is not writable ({}): watchdesk needs to write the file and "
                      "its directory {} (SQLite keeps its -wal and -shm files there); make both "
                      "writable by the watchdesk user, or point `state` at another file",
                      path.string(), detail, directory_of(path)));
}

Error corrupt_error(const fs::path& path, std::string_view detail) {
  return state_error(ErrorKind::corrupt, fmt::format("state file {} is not a usable watchdesk database ({}); move it aside "
                      "(`mv {} {}.broken`) and watchdesk starts with empty state",
                      path.string(), detail, path.string(), path.string()));
}

// Tables of a database at schema version 0: none in a new file, some in another program's.
constexpr const char* kCountTables =
    "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'";

Error foreign_database_error(const fs::path& path) {
  return corrupt_error(path, "an SQLite database with other tables, not a watchdesk state file");
}

Error newer_error(const fs::path& path, std::int64_t version) {
  return state_error(ErrorKind::unsupported, fmt::format("state file {} was written by a newer watchdesk (schema {}, this build knows "
                      "{}); upgrade watchdesk or use another state file",
                      path.string(), version, StateStore::schema_version()));
}

Error no_state_error(const fs::path& path) {
  return state_error(ErrorKind::io, fmt::format("no state yet: run `watchdesk check` first (state file {} "
                                       "does not exist or holds no state)",
                                       path.string()));
}

// Maps an SQLite failure while opening to the kind of open failure and its message.
Error classify(sqlite3* db, int rc, const fs::path& path, Access access) {
  const std::string detail = sqlite_detail(db, rc);
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return state_error(ErrorKind::busy, fmt::format("state file {} is locked by another process (waited {} ms: {}); stop the "
                          "other watchdesk using it, or point `state` at another file",
                          path.string(), StateStore::busy_timeout().count(), detail));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return corrupt_error(path, detail);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      if (access == Access::read_write) return read_only_error(path, detail);
      return state_error(ErrorKind::io, fmt::format("cannot read state file {} without writing to it ({}); run `watchdesk "
                          "check` once as the user that owns it",
                          path.string(), detail));
    case SQLITE_CANTOPEN:
      if (access == Access::read_write && (sys == EACCES || sys == EPERM || sys == EROFS)) {
        return read_only_error(path, detail);
      }
      return state_error(ErrorKind::io, fmt::format("cannot open state file {} ({}); check the path and the "
                                           "permissions of the file and its directory",
                                           path.string(), detail));
    default:
      return state_error(ErrorKind::io, fmt::format("cannot use state file {} ({}); check the disk holding it", path.string(),
                          detail));
  }
}

// Whether a file starts with an SQLite header that says WAL mode (file format versions 2 at
// offsets 18 and 19).
bool has_wal_header(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 20> header{};
  if (!in.read(header.data(), header.size())) return false;
  static constexpr std::string_view kMagic("SQLite format 3\0", 16);
  return std::string_view(header.data(), kMagic.size()) == kMagic && header[18] == 2 &&
         header[19] == 2;
}


// Creates `path` empty with mode 0600 (an empty file is a new SQLite database); a file created
// meanwhile by another process is left as it is.
std::optional<Error> create_private_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return std::nullopt;
    return read_only_error(path, fmt::format("cannot create it: {}", std::generic_category().message(errno)));
  }
  const bool private_mode = ::fchmod(fd, 0600) == 0;
  const int error = errno;
  ::close(fd);
  if (!private_mode) {
    return state_error(ErrorKind::io, fmt::format("cannot make state file {} private (mode 0600): {}",
                                                  path.string(), std::generic_category().message(error)));
  }
  return std::nullopt;
}

// Brings a writable database to the current schema in one `BEGIN IMMEDIATE` transaction.
std::optional<Error> migrate(sqlite3* db, const fs::path& path) {
  int rc = exec(db, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return classify(db, rc, path, Access::read_write);
  RollbackGuard guard(db);

  // Read again under the write lock: another process may have migrated meanwhile.
  std::int64_t version = 0;
  rc = query_int(db, "PRAGMA user_version", version);
  if (rc != SQLITE_OK) return classify(db, rc, path, Access::read_write);
  if (version > StateStore::schema_version()) return newer_error(path, version);
  if (version < 0) return corrupt_error(path, fmt::format("schema version {}", version));
  if (version == StateStore::schema_version()) return std::nullopt;

  if (version == 0) {
    std::int64_t tables = 0;
    rc = query_int(db, kCountTables, tables);
    if (rc != SQLITE_OK) return classify(db, rc, path, Access::read_write);
    if (tables > 0) return foreign_database_error(path);
  }

  for (const auto& migration : migrations()) {
    if (migration.version <= version) continue;
    rc = exec(db, migration.sql);
    if (rc != SQLITE_OK) {
      Error error = classify(db, rc, path, Access::read_write);
      if (error.kind == ErrorKind::io) {
        error.message = fmt::format(
            "upgrading state file {} to schema {} ({}) failed: {}; the file was left unchanged",
            path.string(), migration.version, migration.description, sqlite_detail(db, rc));
      }
      return error;
    }
  }
  rc = exec(db, fmt::format("PRAGMA user_version = {}", StateStore::schema_version()).c_str());
  if (rc == SQLITE_OK) rc = exec(db, "COMMIT");
  if (rc != SQLITE_OK) return classify(db, rc, path, Access::read_write);
  guard.release();
  return std::nullopt;
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::open_scratch_copy(
    const std::filesystem::path& path) {
  std::error_code ec;
  auto base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string templ = (base / "watchdesk-scratch-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr)
    return state_error(ErrorKind::io, fmt::format("cannot create a scratch directory under {}", base.string()));
  std::filesystem::path dir = templ;
  std::filesystem::path copy = dir / "state.db";
  auto cleanup_on_error = [&](Error error) {
    std::filesystem::remove_all(dir, ec);
    return error;
  };
  if (std::filesystem::exists(path, ec)) {
    auto source = open(path, Access::read_only);
    if (!source) {
      // An old schema cannot be opened read-only; a scratch copy of it starts empty instead.
      if (source.error().kind != ErrorKind::io) return cleanup_on_error(source.error());
    } else {
      sqlite3* target = nullptr;
      int rc = sqlite3_open_v2(copy.string().c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
      sqlite3_backup* backup =
          rc == SQLITE_OK ? sqlite3_backup_init(target, "main", source.value()->handle(), "main") : nullptr;
      if (backup != nullptr) {
        rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
      }
      std::string message = target ? sqlite3_errmsg(target) : "out of memory";
      sqlite3_close_v2(target);
      if (backup == nullptr || rc != SQLITE_DONE)
        return cleanup_on_error(
            state_error(ErrorKind::io, fmt::format("cannot copy {} for a dry run: {}", path.string(), message)));
    }
  }
  auto opened = open(copy, Access::read_write);
  if (!opened) return cleanup_on_error(opened.error());
  opened.value()->scratch_dir_ = dir;
  return opened;
}

int StateStore::schema_version() { return migrations().back().version; }

Result<std::unique_ptr<StateStore>> StateStore::open(
    const std::filesystem::path& path, Access access) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    const std::string detail = ec.message();
    if (access == Access::read_write && ec == std::errc::permission_denied) {
      return read_only_error(path, detail);
    }
    return state_error(ErrorKind::io, fmt::format("cannot access state file {} ({}); check the permissions of its "
                                 "directory",
                                 file, detail));
  }
  const bool exists = fs::exists(status);
  if (exists && fs::is_directory(status)) {
    return state_error(ErrorKind::io, fmt::format("state file {} is a directory; point `state` at "
                                                  "a file, such as {}/state.db",
                                                  file, file));
  }
  if (!exists) {
    if (access == Access::read_only) return no_state_error(path);
    const std::string dir = directory_of(path);
    if (!fs::is_directory(dir, ec)) {
      return state_error(ErrorKind::io, fmt::format("cannot create state file {}: directory {} does not exist; "
                                   "create it, or point `state` at another file",
                                   file, dir));
    }
    // SQLite retries a failed create as a read-only open, which hides the reason.
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0) {
      return read_only_error(
          path, fmt::format("cannot create it: {}", std::generic_category().message(errno)));
    }
    // The state holds what the desk watches and its outbox: readable by its owner only, whatever
    // the umask. SQLite gives the -wal and -shm files the same mode.
    if (auto failure = create_private_file(path)) return *std::move(failure);
  }

  configure_sqlite();
  // Read before SQLite opens the file (a writable open creates the write-ahead log beside it).
  std::unique_ptr<Fingerprint> fingerprint = exists ? unchanged_since_clean_close(path) : nullptr;
  const bool unchanged = fingerprint != nullptr;
  // A writable connection notes the blocks it writes, so its clean close reads only those again.
  const char* vfs = access == Access::read_write ? write_tracking_vfs() : nullptr;

  sqlite3* raw = nullptr;
  int rc = SQLITE_OK;
  constexpr int kCommonFlags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (access == Access::read_write) {
    rc = sqlite3_open_v2(file.c_str(), &raw,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | kCommonFlags, vfs);
  } else if (fs::exists(file + "-wal", ec) || !has_wal_header(path)) {
    // A -wal file exists while a connection has the database open (or after a crash), and reading
    // needs it and the -shm next to it; a file not in WAL mode is read with the usual locks.
    rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY | kCommonFlags, nullptr);
  } else {
    // A WAL database without a -wal file: no connection has it open, and the main file holds
    // everything. Reading it as immutable creates no -wal or -shm file, which a read-only
    // connection would otherwise leave behind.
    rc = sqlite3_open_v2(file_uri(path, "immutable=1").c_str(), &raw,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | kCommonFlags, nullptr);
  }
  Connection db(raw);
  if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), static_cast<int>(busy_timeout().count()));
  if (access == Access::read_write && sqlite3_db_readonly(db.get(), "main") == 1) {
    return read_only_error(path, "the file can only be opened for reading");
  }

  std::int64_t version = 0;
  rc = query_int(db.get(), "PRAGMA user_version", version);
  if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
  if (version > schema_version()) return newer_error(path, version);

  if (access == Access::read_write) {
    std::string mode;
    rc = query_text(db.get(), "PRAGMA journal_mode = WAL", mode);
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    if (mode != "wal") {
      return state_error(ErrorKind::io, fmt::format("state file {} cannot use write-ahead logging (journal mode "
                                   "stays {}); put it on a local filesystem",
                                   file, mode));
    }
  }

  // The integrity check reads every page of the file. It goes through a small page cache, so a
  // short-lived process (`check`, `status`) does not hold megabytes of pages no query asked for;
  // the usual cache size is restored for the queries that follow. A file that is byte for byte
  // what the last clean close left (checked at that session's open, then written only by SQLite)
  // is not checked again.
  if (!unchanged) {
    std::int64_t cache_size = 0;
    rc = query_int(db.get(), "PRAGMA cache_size", cache_size);
    if (rc == SQLITE_OK) rc = exec(db.get(), fmt::format("PRAGMA cache_size = {}", kCheckCacheSize).c_str());
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    std::string check;
    rc = query_text(db.get(), "PRAGMA quick_check(1)", check);
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    rc = exec(db.get(), fmt::format("PRAGMA cache_size = {}", cache_size).c_str());
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    if (check != "ok") {
      for (auto& c : check) {
        if (c == '\n') c = ' ';
      }
      return corrupt_error(path, "integrity check: " + check);
    }
  }

  if (access == Access::read_write) {
    const std::string pragmas = fmt::format(
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
        "PRAGMA journal_size_limit = {};",
        kJournalSizeLimit);
    rc = exec(db.get(), pragmas.c_str());
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    if (auto failure = migrate(db.get(), path)) return *std::move(failure);
  } else {
    rc = exec(db.get(), "PRAGMA query_only = ON; PRAGMA trusted_schema = OFF;");
    if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
    if (version == 0) {
      std::int64_t tables = 0;
      rc = query_int(db.get(), kCountTables, tables);
      if (rc != SQLITE_OK) return classify(db.get(), rc, path, access);
      if (tables > 0) return foreign_database_error(path);
      return no_state_error(path);
    }
    if (version < schema_version()) {
      return state_error(ErrorKind::io, fmt::format("state file {} was written by an older watchdesk (schema {}, "
                                   "this build reads {}); run `watchdesk check` once to upgrade it",
                                   file, version, schema_version()));
    }
  }
  auto store = std::unique_ptr<StateStore>(new StateStore(db.release(), path, access));
  store->checked_at_open_ = !unchanged;
  store->fingerprint_ = std::move(fingerprint);
  store->written_ = written_blocks(store->db_);
  return store;
}

}  // namespace watchdesk::store
