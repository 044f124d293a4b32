// The SQLite state store: opening with its failure modes, migrations, transactions and queries.
#include "daemon/store/state_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstdint>
#include <fstream>
#include <system_error>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "daemon/store/schema.hpp"
#include "daemon/store/sqlite.hpp"

namespace watchdesk::store {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kJournalSizeLimit = 64 * 1024 * 1024;
// Page cache for the integrity check at open, in KiB as `PRAGMA cache_size` takes them (negative).
constexpr std::int64_t kCheckCacheSize = -64;

// SQLite's message for a failure, with the system error behind it when there is one.
std::string sqlite_detail(sqlite3* db, int rc) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  if (sys != 0 && (rc & 0xff) != SQLITE_BUSY) {
    detail += ": " + std::generic_category().message(sys);
  }
  return detail;
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

std::string directory_of(const fs::path& path) {
  const auto parent = path.parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

OpenError read_only_error(const fs::path& path, std::string_view detail) {
  return {OpenFailure::read_only,
          fmt::format("state file {} is not writable ({}): watchdesk needs to write the file and "
                      "its directory {} (SQLite keeps its -wal and -shm files there); make both "
                      "writable by the watchdesk user, or point `state` at another file",
                      path.string(), detail, directory_of(path))};
}

OpenError corrupt_error(const fs::path& path, std::string_view detail) {
  return {OpenFailure::corrupt,
          fmt::format("state file {} is not a usable watchdesk database ({}); move it aside "
                      "(`mv {} {}.broken`) and watchdesk starts with empty state",
                      path.string(), detail, path.string(), path.string())};
}

// Tables of a database at schema version 0: none in a new file, some in another program's.
constexpr const char* kCountTables =
    "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'";

OpenError foreign_database_error(const fs::path& path) {
  return corrupt_error(path, "an SQLite database with other tables, not a watchdesk state file");
}

OpenError newer_error(const fs::path& path, std::int64_t version) {
  return {OpenFailure::newer_version,
          fmt::format("state file {} was written by a newer watchdesk (schema {}, this build knows "
                      "{}); upgrade watchdesk or use another state file",
                      path.string(), version, StateStore::schema_version())};
}

OpenError no_state_error(const fs::path& path) {
  return {OpenFailure::io, fmt::format("no state yet: run `watchdesk check` first (state file {} "
                                       "does not exist or holds no state)",
                                       path.string())};
}

// Maps an SQLite failure while opening to the kind of open failure and its message.
OpenError classify(sqlite3* db, int rc, const fs::path& path, Access access) {
  const std::string detail = sqlite_detail(db, rc);
  const int sys = db != nullptr ? sqlite3_system_errno(db) : 0;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return {OpenFailure::locked,
              fmt::format("state file {} is locked by another process (waited {} ms: {}); stop the "
                          "other watchdesk using it, or point `state` at another file",
                          path.string(), StateStore::busy_timeout().count(), detail)};
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return corrupt_error(path, detail);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      if (access == Access::read_write) return read_only_error(path, detail);
      return {OpenFailure::io,
              fmt::format("cannot read state file {} without writing to it ({}); run `watchdesk "
                          "check` once as the user that owns it",
                          path.string(), detail)};
    case SQLITE_CANTOPEN:
      if (access == Access::read_write && (sys == EACCES || sys == EPERM || sys == EROFS)) {
        return read_only_error(path, detail);
      }
      return {OpenFailure::io, fmt::format("cannot open state file {} ({}); check the path and the "
                                           "permissions of the file and its directory",
                                           path.string(), detail)};
    default:
      return {OpenFailure::io,
              fmt::format("cannot use state file {} ({}); check the disk holding it", path.string(),
                          detail)};
  }
}

// `file://` URI of an absolute path, every byte outside the unreserved set percent-encoded.
std::string file_uri(const fs::path& path, std::string_view query) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) absolute = path;
  std::string uri = "file://";
  for (const unsigned char c : absolute.lexically_normal().string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      uri += static_cast<char>(c);
    } else {
      uri += fmt::format("%{:02X}", c);
    }
  }
  uri += '?';
  uri += query;
  return uri;
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

// Rolls an open transaction back unless released.
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

// Brings a writable database to the current schema in one `BEGIN IMMEDIATE` transaction.
std::optional<OpenError> migrate(sqlite3* db, const fs::path& path) {
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
      OpenError error = classify(db, rc, path, Access::read_write);
      if (error.kind == OpenFailure::io) {
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

std::string facts_to_json(const Facts& facts) {
  boost::json::object object;
  for (const auto& [name, value] : facts) object.emplace(name, value);
  return boost::json::serialize(object);
}

bool facts_from_json(std::string_view text, Facts& facts) {
  boost::system::error_code ec;
  const boost::json::value value = boost::json::parse(text, ec);
  if (ec) return false;
  const auto* object = value.if_object();
  if (object == nullptr) return false;
  facts.reserve(object->size());
  for (const auto& entry : *object) {
    const auto* string = entry.value().if_string();
    if (string == nullptr) return false;
    facts.emplace(std::string(entry.key()), std::string(string->data(), string->size()));
  }
  return true;
}

std::optional<DeliveryStatus> parse_delivery_status(std::string_view text) {
  for (const auto status : {DeliveryStatus::pending, DeliveryStatus::delivered,
                            DeliveryStatus::failed, DeliveryStatus::given_up}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

// The field of a series `SOURCE.FIELD`; a derived metric's name is its own field.
std::string field_of(std::string_view series) {
  const auto dot = series.rfind('.');
  return std::string(dot == std::string_view::npos ? series : series.substr(dot + 1));
}

constexpr const char* kInsertObservation =
    "INSERT INTO observations (source_id, key, signal, first_seen, published, title, url, facts) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, key) DO NOTHING";
constexpr const char* kUpsertPoint =
    "INSERT INTO series_points (name, at, value, ref) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (name, at) DO UPDATE SET value = excluded.value, ref = excluded.ref";
constexpr const char* kUpsertFetchState =
    "INSERT INTO fetch_state (source_id, url, etag, last_modified, last_attempt, last_success, "
    "last_status, last_error, consecutive_failures, unhealthy_alerted, first_attempt) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET "
    "url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified, "
    "last_attempt = excluded.last_attempt, last_success = excluded.last_success, "
    "last_status = excluded.last_status, last_error = excluded.last_error, "
    "consecutive_failures = excluded.consecutive_failures, "
    "unhealthy_alerted = excluded.unhealthy_alerted, first_attempt = excluded.first_attempt";
constexpr const char* kUpsertTriggerState =
    "INSERT INTO trigger_state (trigger_id, json) VALUES (?, ?) "
    "ON CONFLICT (trigger_id) DO UPDATE SET json = excluded.json";
constexpr const char* kInsertAlert =
    "INSERT INTO alerts (id, trigger, json, raised_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (id) DO NOTHING";
constexpr const char* kInsertDelivery =
    "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, last_error, "
    "delivered_at) VALUES (?, ?, 'pending', 0, ?, '', NULL) "
    "ON CONFLICT (alert_id, channel) DO NOTHING";
constexpr const char* kUpdateDelivery =
    "UPDATE deliveries SET status = ?, attempts = attempts + 1, next_attempt = ?, "
    "last_error = ?, delivered_at = ? WHERE alert_id = ? AND channel = ?";

constexpr const char* kSelectFetchState =
    "SELECT source_id, url, etag, last_modified, last_attempt, last_success, last_status, "
    "last_error, consecutive_failures, unhealthy_alerted, first_attempt FROM fetch_state "
    "WHERE source_id = ?";
constexpr const char* kSelectFetchStates =
    "SELECT source_id, url, etag, last_modified, last_attempt, last_success, last_status, "
    "last_error, consecutive_failures, unhealthy_alerted, first_attempt FROM fetch_state "
    "ORDER BY source_id";
constexpr const char* kHasObservation =
    "SELECT 1 FROM observations WHERE source_id = ? AND key = ?";
constexpr const char* kSelectObservations =
    "SELECT key, signal, first_seen, published, title, url, facts FROM observations "
    "WHERE source_id = ? AND first_seen >= ? ORDER BY first_seen, rowid";
constexpr const char* kLatestPoint =
    "SELECT at, value, ref FROM series_points WHERE name = ? ORDER BY at DESC LIMIT 1";
constexpr const char* kPointAtOrBefore =
    "SELECT at, value, ref FROM series_points WHERE name = ? AND at <= ? ORDER BY at DESC LIMIT 1";
constexpr const char* kSeriesRange =
    "SELECT at, value, ref FROM series_points WHERE name = ? AND at >= ? AND at <= ? ORDER BY at";
constexpr const char* kSeriesNames = "SELECT DISTINCT name FROM series_points ORDER BY name";
constexpr const char* kSelectTriggerState = "SELECT json FROM trigger_state WHERE trigger_id = ?";
constexpr const char* kHasAlert = "SELECT 1 FROM alerts WHERE id = ?";
constexpr const char* kSelectAlert = "SELECT id, trigger, json, raised_at FROM alerts WHERE id = ?";
constexpr const char* kAlertsSince =
    "SELECT id, trigger, json, raised_at FROM alerts WHERE raised_at >= ? "
    "ORDER BY raised_at DESC, rowid DESC";
constexpr const char* kDueDeliveries =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at FROM deliveries d "
    "JOIN alerts a ON a.id = d.alert_id WHERE d.status IN ('pending', 'failed') "
    "AND d.next_attempt <= ? ORDER BY a.raised_at, a.rowid, d.channel";
constexpr const char* kPendingDeliveries =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at FROM deliveries d "
    "JOIN alerts a ON a.id = d.alert_id WHERE d.status IN ('pending', 'failed') "
    "ORDER BY a.raised_at, a.rowid, d.channel";
constexpr const char* kDeliveriesOfAlert =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at FROM deliveries d "
    "WHERE d.alert_id = ? ORDER BY d.channel";

FetchState read_fetch_state(const Query& q) {
  FetchState state;
  state.source_id = q.text(0);
  state.url = q.text(1);
  state.etag = q.text(2);
  state.last_modified = q.text(3);
  state.last_attempt = q.optional_time(4);
  state.last_success = q.optional_time(5);
  state.last_status = static_cast<long>(q.integer(6));
  state.last_error = q.text(7);
  state.consecutive_failures = static_cast<int>(q.integer(8));
  state.unhealthy_alerted = q.integer(9) != 0;
  state.first_attempt = q.optional_time(10);
  return state;
}

SeriesPoint read_point(const Query& q, std::string_view name) {
  SeriesPoint point;
  point.field = field_of(name);
  point.at = q.time(0);
  point.value = q.real(1);
  point.ref = q.text(2);
  return point;
}

AlertRecord read_alert(const Query& q) {
  return AlertRecord{q.text(0), q.text(1), q.text(2), q.time(3)};
}

// A delivery row, or nothing when its status is unknown to this build.
std::optional<Delivery> read_delivery(const Query& q) {
  const auto status = parse_delivery_status(q.text(2));
  if (!status) return std::nullopt;
  Delivery delivery;
  delivery.alert_id = q.text(0);
  delivery.channel = q.text(1);
  delivery.status = *status;
  delivery.attempts = static_cast<int>(q.integer(3));
  delivery.next_attempt = q.time(4);
  delivery.last_error = q.text(5);
  delivery.delivered_at = q.optional_time(6);
  return delivery;
}

void no_parameters(Query&) {}

}  // namespace

std::string_view to_string(OpenFailure kind) {
  switch (kind) {
    case OpenFailure::locked:
      return "locked";
    case OpenFailure::read_only:
      return "read_only";
    case OpenFailure::corrupt:
      return "corrupt";
    case OpenFailure::newer_version:
      return "newer_version";
    case OpenFailure::io:
      return "io";
  }
  return "io";
}

std::string describe(const OpenError& error) {
  return fmt::format("state database unusable ({}): {}", to_string(error.kind), error.message);
}

std::string_view to_string(DeliveryStatus status) {
  switch (status) {
    case DeliveryStatus::pending:
      return "pending";
    case DeliveryStatus::delivered:
      return "delivered";
    case DeliveryStatus::failed:
      return "failed";
    case DeliveryStatus::given_up:
      return "given_up";
  }
  return "pending";
}

// ---- StateStore: statement helpers ----

template <class Action, class Bind, class Row>
void StateStore::read_rows(std::string_view sql, const Action& action, const Bind& bind,
                           const Row& row) {
  int rc = SQLITE_OK;
  auto* stmt = statement(sql, rc);
  if (stmt == nullptr) return read_failed(action(), rc);
  Query q(stmt);
  bind(q);
  while ((rc = q.step()) == SQLITE_ROW) {
    if (!row(q)) return;
  }
  if (rc != SQLITE_DONE) read_failed(action(), rc);
}

template <class Action, class Bind>
Result<int> StateStore::write_rows(std::string_view sql, const Action& action, const Bind& bind) {
  int rc = SQLITE_OK;
  auto* stmt = statement(sql, rc);
  if (stmt == nullptr) return sql_error(action(), rc);
  Query q(stmt);
  bind(q);
  rc = q.run();
  if (rc != SQLITE_DONE) return sql_error(action(), rc);
  return sqlite3_changes(db_);
}

// ---- Transaction ----

Transaction::Transaction(StateStore* store) : store_(store), open_(true) {}

Transaction::Transaction(Transaction&& other) noexcept
    : store_(std::exchange(other.store_, nullptr)),
      open_(std::exchange(other.open_, false)),
      has_alerts_(std::exchange(other.has_alerts_, false)) {}

Transaction::~Transaction() {
  if (open_ && store_ != nullptr && sqlite3_get_autocommit(store_->db_) == 0) {
    exec(store_->db_, "ROLLBACK");
  }
}

Status Transaction::check_open() const {
  if (!open_ || store_ == nullptr) {
    return make_error(
        "state transaction is no longer open (committed, failed or moved from); "
        "begin a new one");
  }
  if (sqlite3_get_autocommit(store_->db_) != 0) {
    return make_error(
        fmt::format("state file {}: the transaction was rolled back after an earlier "
                    "error; begin a new one",
                    store_->path_.string()));
  }
  return ok_status();
}

Result<bool> Transaction::add_observation(std::string_view source_id,
                                          const Observation& observation, TimePoint seen) {
  if (auto status = check_open(); !status) return status.error();
  const auto changed = store_->write_rows(
      kInsertObservation,
      [&] {
        return fmt::format("recording observation {} of source {}", observation.key, source_id);
      },
      [&](Query& q) {
        q.bind(source_id)
            .bind(observation.key)
            .bind(signal_id(source_id, observation.key))
            .bind(seen)
            .bind(observation.published)
            .bind(observation.title)
            .bind(observation.url)
            .bind(facts_to_json(observation.facts));
      });
  if (!changed) return changed.error();
  return *changed > 0;
}

Status Transaction::add_point(std::string_view name, const SeriesPoint& point) {
  if (auto status = check_open(); !status) return status;
  const auto changed = store_->write_rows(
      kUpsertPoint, [&] { return fmt::format("recording a point of series {}", name); },
      [&](Query& q) { q.bind(name).bind(point.at).bind(point.value).bind(point.ref); });
  if (!changed) return changed.error();
  return ok_status();
}

Status Transaction::put_fetch_state(const FetchState& state) {
  if (auto status = check_open(); !status) return status;
  const auto changed = store_->write_rows(
      kUpsertFetchState,
      [&] { return fmt::format("storing fetch state of source {}", state.source_id); },
      [&](Query& q) {
        q.bind(state.source_id)
            .bind(state.url)
            .bind(state.etag)
            .bind(state.last_modified)
            .bind(state.last_attempt)
            .bind(state.last_success)
            .bind(static_cast<std::int64_t>(state.last_status))
            .bind(state.last_error)
            .bind(static_cast<std::int64_t>(state.consecutive_failures))
            .bind(static_cast<std::int64_t>(state.unhealthy_alerted ? 1 : 0))
            .bind(state.first_attempt);
      });
  if (!changed) return changed.error();
  return ok_status();
}

Status Transaction::put_trigger_state(std::string_view trigger_id, std::string_view json) {
  if (auto status = check_open(); !status) return status;
  const auto changed = store_->write_rows(
      kUpsertTriggerState, [&] { return fmt::format("storing state of trigger {}", trigger_id); },
      [&](Query& q) { q.bind(trigger_id).bind(json); });
  if (!changed) return changed.error();
  return ok_status();
}

Result<bool> Transaction::add_alert(const AlertRecord& alert,
                                    const std::vector<std::string>& channels) {
  if (auto status = check_open(); !status) return status.error();
  const auto action = [&] { return fmt::format("queueing alert {}", alert.id); };
  const auto inserted = store_->write_rows(kInsertAlert, action, [&](Query& q) {
    q.bind(alert.id).bind(alert.trigger).bind(alert.json).bind(alert.raised_at);
  });
  if (!inserted) return inserted.error();
  if (*inserted == 0) return false;
  for (const auto& channel : channels) {
    const auto queued = store_->write_rows(kInsertDelivery, action, [&](Query& q) {
      q.bind(alert.id).bind(channel).bind(alert.raised_at);
    });
    if (!queued) return queued.error();
  }
  has_alerts_ = true;
  return true;
}

Status Transaction::commit() {
  if (auto status = check_open(); !status) {
    open_ = false;
    return status;
  }
  sqlite3* db = store_->db_;
  open_ = false;
  const int rc = exec(db, "COMMIT");
  if (rc != SQLITE_OK) {
    Error error = store_->sql_error("committing", rc);
    if (sqlite3_get_autocommit(db) == 0) exec(db, "ROLLBACK");
    return error;
  }
  if (!has_alerts_) return ok_status();
  // The outbox must survive power loss: sync the write-ahead log now, as synchronous=FULL does
  // (SQLite refuses to change that setting inside a transaction).
  sqlite3_file* wal = nullptr;
  int sync_rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
  if (sync_rc == SQLITE_OK && (wal == nullptr || wal->pMethods == nullptr)) sync_rc = SQLITE_IOERR;
  if (sync_rc == SQLITE_OK) sync_rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL);
  if (sync_rc != SQLITE_OK) {
    return make_error(
        fmt::format("state file {}: syncing the committed alerts to disk failed ({}){}",
                    store_->path_.string(), sqlite3_errstr(sync_rc), runtime_hint(sync_rc)));
  }
  return ok_status();
}

// ---- StateStore ----

StateStore::StateStore(sqlite3* db, std::filesystem::path path, Access access)
    : db_(db),
      path_(std::move(path)),
      access_(access),
      statements_(std::make_unique<StatementCache>(db)) {}

StateStore::~StateStore() {
  if (access_ == Access::read_write && sqlite3_get_autocommit(db_) != 0) {
    exec(db_, "PRAGMA optimize");
  }
  statements_.reset();
  sqlite3_close_v2(db_);
  if (!scratch_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(scratch_dir_, ec);
  }
}

std::variant<std::unique_ptr<StateStore>, OpenError> StateStore::open_scratch_copy(
    const std::filesystem::path& path) {
  std::error_code ec;
  auto base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string templ = (base / "watchdesk-scratch-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr)
    return OpenError{OpenFailure::io, fmt::format("cannot create a scratch directory under {}", base.string())};
  std::filesystem::path dir = templ;
  std::filesystem::path copy = dir / "state.db";
  auto cleanup_on_error = [&](OpenError error) {
    std::filesystem::remove_all(dir, ec);
    return error;
  };
  if (std::filesystem::exists(path, ec)) {
    auto source = open(path, Access::read_only);
    if (auto* error = std::get_if<OpenError>(&source)) {
      // An old schema cannot be opened read-only; a scratch copy of it starts empty instead.
      if (error->kind != OpenFailure::io) return cleanup_on_error(*error);
    } else {
      sqlite3* target = nullptr;
      int rc = sqlite3_open_v2(copy.string().c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
      sqlite3_backup* backup =
          rc == SQLITE_OK ? sqlite3_backup_init(target, "main", std::get<0>(source)->handle(), "main") : nullptr;
      if (backup != nullptr) {
        rc = sqlite3_backup_step(backup, -1);
        sqlite3_backup_finish(backup);
      }
      std::string message = target ? sqlite3_errmsg(target) : "out of memory";
      sqlite3_close_v2(target);
      if (backup == nullptr || rc != SQLITE_DONE)
        return cleanup_on_error(
            OpenError{OpenFailure::io, fmt::format("cannot copy {} for a dry run: {}", path.string(), message)});
    }
  }
  auto opened = open(copy, Access::read_write);
  if (auto* error = std::get_if<OpenError>(&opened)) return cleanup_on_error(*error);
  std::get<0>(opened)->scratch_dir_ = dir;
  return opened;
}

int StateStore::schema_version() { return migrations().back().version; }

std::variant<std::unique_ptr<StateStore>, OpenError> StateStore::open(
    const std::filesystem::path& path, Access access) {
  const std::string file = path.string();
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    const std::string detail = ec.message();
    if (access == Access::read_write && ec == std::errc::permission_denied) {
      return read_only_error(path, detail);
    }
    return OpenError{OpenFailure::io,
                     fmt::format("cannot access state file {} ({}); check the permissions of its "
                                 "directory",
                                 file, detail)};
  }
  const bool exists = fs::exists(status);
  if (exists && fs::is_directory(status)) {
    return OpenError{OpenFailure::io, fmt::format("state file {} is a directory; point `state` at "
                                                  "a file, such as {}/state.db",
                                                  file, file)};
  }
  if (!exists) {
    if (access == Access::read_only) return no_state_error(path);
    const std::string dir = directory_of(path);
    if (!fs::is_directory(dir, ec)) {
      return OpenError{OpenFailure::io,
                       fmt::format("cannot create state file {}: directory {} does not exist; "
                                   "create it, or point `state` at another file",
                                   file, dir)};
    }
    // SQLite retries a failed create as a read-only open, which hides the reason.
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0) {
      return read_only_error(
          path, fmt::format("cannot create it: {}", std::generic_category().message(errno)));
    }
  }

  sqlite3* raw = nullptr;
  int rc = SQLITE_OK;
  constexpr int kCommonFlags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (access == Access::read_write) {
    rc = sqlite3_open_v2(file.c_str(), &raw,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | kCommonFlags, nullptr);
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
      return OpenError{OpenFailure::io,
                       fmt::format("state file {} cannot use write-ahead logging (journal mode "
                                   "stays {}); put it on a local filesystem",
                                   file, mode)};
    }
  }

  // The integrity check reads every page of the file. It goes through a small page cache, so a
  // short-lived process (`check`, `status`) does not hold megabytes of pages no query asked for;
  // the usual cache size is restored for the queries that follow.
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
      return OpenError{OpenFailure::io,
                       fmt::format("state file {} was written by an older watchdesk (schema {}, "
                                   "this build reads {}); run `watchdesk check` once to upgrade it",
                                   file, version, schema_version())};
    }
  }
  return std::unique_ptr<StateStore>(new StateStore(db.release(), path, access));
}

Error StateStore::sql_error(std::string_view action, int rc) const {
  return make_error(fmt::format("state file {}: {} failed: {}{}", path_.string(), action,
                                sqlite_detail(db_, rc), runtime_hint(rc)));
}

void StateStore::read_failed(std::string_view action, int rc) {
  note_read_error(sql_error(action, rc));
}

void StateStore::note_read_error(Error error) {
  spdlog::error("{}", error.message);
  if (!read_error_) read_error_ = std::move(error);
}

std::optional<Error> StateStore::take_read_error() {
  return std::exchange(read_error_, std::nullopt);
}

sqlite3_stmt* StateStore::statement(std::string_view sql, int& rc) {
  return statements_->get(sql, rc);
}

Result<Transaction> StateStore::begin() {
  if (access_ == Access::read_only) {
    return make_error(
        fmt::format("state file {} is open read-only; writing needs `watchdesk run` "
                    "or `watchdesk check`",
                    path_.string()));
  }
  if (sqlite3_get_autocommit(db_) == 0) {
    return make_error(
        fmt::format("state file {}: a write transaction is already open; commit or "
                    "drop it first",
                    path_.string()));
  }
  const int rc = exec(db_, "BEGIN IMMEDIATE");
  if (rc != SQLITE_OK) return sql_error("starting a write transaction", rc);
  return Transaction(this);
}

std::optional<FetchState> StateStore::fetch_state(std::string_view source_id) {
  std::optional<FetchState> state;
  read_rows(
      kSelectFetchState, [&] { return fmt::format("reading fetch state of source {}", source_id); },
      [&](Query& q) { q.bind(source_id); },
      [&](const Query& q) {
        state = read_fetch_state(q);
        return false;
      });
  return state;
}

std::vector<FetchState> StateStore::fetch_states() {
  std::vector<FetchState> states;
  read_rows(
      kSelectFetchStates, [] { return std::string("reading fetch states"); }, no_parameters,
      [&](const Query& q) {
        states.push_back(read_fetch_state(q));
        return true;
      });
  return states;
}

bool StateStore::has_observation(std::string_view source_id, std::string_view key) {
  bool found = false;
  read_rows(
      kHasObservation,
      [&] { return fmt::format("looking up observation {} of source {}", key, source_id); },
      [&](Query& q) { q.bind(source_id).bind(key); },
      [&](const Query&) {
        found = true;
        return false;
      });
  return found;
}

std::vector<StoredObservation> StateStore::observations(std::string_view source_id,
                                                        TimePoint since) {
  std::vector<StoredObservation> result;
  read_rows(
      kSelectObservations,
      [&] { return fmt::format("reading observations of source {}", source_id); },
      [&](Query& q) { q.bind(source_id).bind(since); },
      [&](const Query& q) {
        StoredObservation stored;
        stored.source_id = std::string(source_id);
        stored.observation.key = q.text(0);
        stored.signal = q.text(1);
        stored.first_seen = q.time(2);
        stored.observation.published = q.optional_time(3);
        stored.observation.title = q.text(4);
        stored.observation.url = q.text(5);
        if (!facts_from_json(q.text(6), stored.observation.facts)) {
          note_read_error(make_error(fmt::format(
              "state file {}: the facts of observation {} of source {} are not a JSON object of "
              "strings; the file is damaged: move it aside and watchdesk starts with empty state",
              path_.string(), stored.observation.key, source_id)));
        }
        result.push_back(std::move(stored));
        return true;
      });
  return result;
}

std::optional<SeriesPoint> StateStore::latest_point(std::string_view name) {
  std::optional<SeriesPoint> point;
  read_rows(
      kLatestPoint, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) { q.bind(name); },
      [&](const Query& q) {
        point = read_point(q, name);
        return false;
      });
  return point;
}

std::optional<SeriesPoint> StateStore::point_at_or_before(std::string_view name, TimePoint t) {
  std::optional<SeriesPoint> point;
  read_rows(
      kPointAtOrBefore, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) { q.bind(name).bind(t); },
      [&](const Query& q) {
        point = read_point(q, name);
        return false;
      });
  return point;
}

std::vector<SeriesPoint> StateStore::series(std::string_view name, TimePoint from, TimePoint to) {
  std::vector<SeriesPoint> points;
  read_rows(
      kSeriesRange, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) { q.bind(name).bind(from).bind(to); },
      [&](const Query& q) {
        points.push_back(read_point(q, name));
        return true;
      });
  return points;
}

std::vector<std::string> StateStore::series_names() {
  std::vector<std::string> names;
  read_rows(
      kSeriesNames, [] { return std::string("listing series"); }, no_parameters,
      [&](const Query& q) {
        names.push_back(q.text(0));
        return true;
      });
  return names;
}

std::optional<std::string> StateStore::trigger_state(std::string_view trigger_id) {
  std::optional<std::string> json;
  read_rows(
      kSelectTriggerState, [&] { return fmt::format("reading state of trigger {}", trigger_id); },
      [&](Query& q) { q.bind(trigger_id); },
      [&](const Query& q) {
        json = q.text(0);
        return false;
      });
  return json;
}

bool StateStore::has_alert(std::string_view alert_id) {
  bool found = false;
  read_rows(
      kHasAlert, [&] { return fmt::format("looking up alert {}", alert_id); },
      [&](Query& q) { q.bind(alert_id); },
      [&](const Query&) {
        found = true;
        return false;
      });
  return found;
}

std::optional<AlertRecord> StateStore::alert(std::string_view alert_id) {
  std::optional<AlertRecord> record;
  read_rows(
      kSelectAlert, [&] { return fmt::format("reading alert {}", alert_id); },
      [&](Query& q) { q.bind(alert_id); },
      [&](const Query& q) {
        record = read_alert(q);
        return false;
      });
  return record;
}

std::vector<Delivery> StateStore::due_deliveries(TimePoint now) {
  std::vector<Delivery> deliveries;
  read_rows(
      kDueDeliveries, [] { return std::string("reading due deliveries"); },
      [&](Query& q) { q.bind(now); },
      [&](const Query& q) {
        if (auto delivery = read_delivery(q)) {
          deliveries.push_back(std::move(*delivery));
        } else {
          note_read_error(unknown_status_error());
        }
        return true;
      });
  return deliveries;
}

std::vector<Delivery> StateStore::pending_deliveries() {
  std::vector<Delivery> deliveries;
  read_rows(
      kPendingDeliveries, [] { return std::string("reading pending deliveries"); }, no_parameters,
      [&](const Query& q) {
        if (auto delivery = read_delivery(q)) {
          deliveries.push_back(std::move(*delivery));
        } else {
          note_read_error(unknown_status_error());
        }
        return true;
      });
  return deliveries;
}

Status StateStore::update_delivery(const Delivery& delivery) {
  const auto action = [&] {
    return fmt::format("recording delivery of alert {} on channel {}", delivery.alert_id,
                       delivery.channel);
  };
  if (access_ == Access::read_only) {
    return make_error(fmt::format("state file {} is open read-only; {} needs it writable",
                                  path_.string(), action()));
  }
  // Inside a caller's transaction the update joins it; otherwise it is a transaction of its own.
  const bool own_transaction = sqlite3_get_autocommit(db_) != 0;
  if (own_transaction) {
    const int rc = exec(db_, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK) return sql_error(action(), rc);
  }
  RollbackGuard guard(own_transaction ? db_ : nullptr);
  const auto changed = write_rows(kUpdateDelivery, action, [&](Query& q) {
    q.bind(to_string(delivery.status))
        .bind(delivery.next_attempt)
        .bind(delivery.last_error)
        .bind(delivery.delivered_at)
        .bind(delivery.alert_id)
        .bind(delivery.channel);
  });
  if (!changed) return changed.error();
  if (*changed == 0) {
    return make_error(fmt::format("state file {}: no delivery of alert {} on channel {} to update",
                                  path_.string(), delivery.alert_id, delivery.channel));
  }
  if (own_transaction) {
    const int rc = exec(db_, "COMMIT");
    if (rc != SQLITE_OK) return sql_error(action(), rc);
    guard.release();
  }
  return ok_status();
}

std::vector<AlertHistory> StateStore::alerts_since(TimePoint since) {
  std::vector<AlertHistory> history;
  read_rows(
      kAlertsSince, [] { return std::string("reading alerts"); }, [&](Query& q) { q.bind(since); },
      [&](const Query& q) {
        history.push_back(AlertHistory{read_alert(q), {}});
        return true;
      });
  for (auto& entry : history) {
    read_rows(
        kDeliveriesOfAlert,
        [&] { return fmt::format("reading deliveries of alert {}", entry.alert.id); },
        [&](Query& q) { q.bind(entry.alert.id); },
        [&](const Query& q) {
          if (auto delivery = read_delivery(q)) {
            entry.deliveries.push_back(std::move(*delivery));
          } else {
            note_read_error(unknown_status_error());
          }
          return true;
        });
  }
  return history;
}

Error StateStore::unknown_status_error() const {
  return make_error(
      fmt::format("state file {}: a delivery has a status this build does not know; "
                  "it was skipped (was the file written by a newer watchdesk?)",
                  path_.string()));
}

}  // namespace watchdesk::store
