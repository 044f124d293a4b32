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

#include "core/json.hpp"
#include "daemon/store/clean_close.hpp"
#include "daemon/store/lease.hpp"
#include "daemon/store/written_blocks.hpp"
#include "daemon/store/sqlite.hpp"

namespace watchdesk::store {
namespace {

namespace fs = std::filesystem;

std::string facts_to_json(const Facts& facts) {
  // The same text `boost::json::serialize` makes of the object, written without building it.
  std::string out;
  std::size_t size = 2;
  for (const auto& [name, value] : facts) size += name.size() + value.size() + 6;
  out.reserve(size);
  out += '{';
  for (const auto& [name, value] : facts) {
    if (out.size() > 1) out += ',';
    append_json_string(out, name);
    out += ':';
    append_json_string(out, value);
  }
  out += '}';
  return out;
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
  for (const auto status : {DeliveryStatus::pending, DeliveryStatus::delivered, DeliveryStatus::failed,
                            DeliveryStatus::given_up, DeliveryStatus::silenced}) {
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
    "INSERT INTO alerts (id, trigger, json, raised_at, silenced_by) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO NOTHING";
constexpr const char* kInsertDelivery =
    "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, last_error, "
    "delivered_at) VALUES (?, ?, ?, 0, ?, '', NULL) "
    "ON CONFLICT (alert_id, channel) DO NOTHING";
constexpr const char* kInsertSilence =
    "INSERT INTO silences (id, trigger, match, reason, created_at, ends_at) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kSelectSilences =
    "SELECT id, trigger, match, reason, created_at, ends_at FROM silences ORDER BY ends_at DESC, id";
constexpr const char* kActiveSilences =
    "SELECT id, trigger, match, reason, created_at, ends_at FROM silences "
    "WHERE created_at <= ?1 AND ends_at > ?1 ORDER BY created_at, id";
constexpr const char* kSelectSilence =
    "SELECT id, trigger, match, reason, created_at, ends_at FROM silences WHERE id = ?";
constexpr const char* kInsertDigestSend =
    "INSERT INTO digest_sends (digest_id, scheduled_for, sent_at, snapshot) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (digest_id, scheduled_for) DO NOTHING";
constexpr const char* kLastDigestSend =
    "SELECT digest_id, scheduled_for, sent_at, snapshot FROM digest_sends WHERE digest_id = ? "
    "ORDER BY scheduled_for DESC LIMIT 1";
constexpr const char* kEndSilence = "UPDATE silences SET ends_at = ?2 WHERE id = ?1 AND ends_at > ?2";
constexpr const char* kUpdateDelivery =
    "UPDATE deliveries SET status = ?, attempts = attempts + 1, next_attempt = ?, "
    "last_error = ?, delivered_at = ?, lease_owner = '', lease_until = 0 "
    "WHERE alert_id = ? AND channel = ?";
constexpr const char* kLeaseDelivery =
    "UPDATE deliveries SET lease_owner = ?, lease_until = ? WHERE alert_id = ? AND channel = ? "
    "AND status IN ('pending', 'failed')";
// A point refused again on the next poll (the same name, time and reason) is kept once.
constexpr const char* kInsertRejectedPoint =
    "INSERT INTO rejected_points (name, at, value, reason, rejected_at) SELECT ?1, ?2, ?3, ?4, ?5 "
    "WHERE NOT EXISTS (SELECT 1 FROM rejected_points WHERE name = ?1 AND at = ?2 AND reason = ?4)";
constexpr const char* kSelectRejectedPoints =
    "SELECT name, at, value, reason, rejected_at FROM rejected_points WHERE name = ? ORDER BY at, rowid";

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
constexpr const char* kPointAtOrBeforeWithRef =
    "SELECT at, value, ref FROM series_points WHERE name = ? AND at <= ? AND ref = ? ORDER BY at DESC LIMIT 1";
constexpr const char* kSeriesRange =
    "SELECT at, value, ref FROM series_points WHERE name = ? AND at >= ? AND at <= ? ORDER BY at";
constexpr const char* kSeriesNames = "SELECT DISTINCT name FROM series_points ORDER BY name";
constexpr const char* kSelectTriggerState = "SELECT json FROM trigger_state WHERE trigger_id = ?";
constexpr const char* kHasAlert = "SELECT 1 FROM alerts WHERE id = ?";
constexpr const char* kSelectAlert =
    "SELECT id, trigger, json, raised_at, silenced_by FROM alerts WHERE id = ?";
constexpr const char* kAlertsSince =
    "SELECT id, trigger, json, raised_at, silenced_by FROM alerts WHERE raised_at >= ? "
    "ORDER BY raised_at DESC, rowid DESC";
constexpr const char* kDueDeliveries =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at, d.lease_owner, d.lease_until FROM deliveries d "
    "JOIN alerts a ON a.id = d.alert_id WHERE d.status IN ('pending', 'failed') "
    "AND d.next_attempt <= ? ORDER BY a.raised_at, a.rowid, d.channel";
constexpr const char* kPendingDeliveries =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at, d.lease_owner, d.lease_until FROM deliveries d "
    "JOIN alerts a ON a.id = d.alert_id WHERE d.status IN ('pending', 'failed') "
    "ORDER BY a.raised_at, a.rowid, d.channel";
constexpr const char* kDeliveriesOfAlert =
    "SELECT d.alert_id, d.channel, d.status, d.attempts, d.next_attempt, d.last_error, "
    "d.delivered_at, d.lease_owner, d.lease_until FROM deliveries d "
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
  return AlertRecord{q.text(0), q.text(1), q.text(2), q.time(3), q.text(4)};
}

triggers::Silence read_silence(const Query& q) {
  return triggers::Silence{q.text(0), q.text(1), q.text(2), q.text(3), q.time(4), q.time(5)};
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
  delivery.lease_owner = q.text(7);
  delivery.lease_until = q.time(8);
  return delivery;
}

void no_parameters(Query&) {}

}  // namespace

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
    case DeliveryStatus::silenced:
      return "silenced";
  }
  return "pending";
}

// ---- StateStore: statement helpers ----

template <class Action, class Bind, class Row>
Status StateStore::read_rows(std::string_view sql, const Action& action, const Bind& bind, const Row& row) {
  int rc = SQLITE_OK;
  auto* stmt = statement(sql, rc);
  if (stmt == nullptr) return sql_error(action(), rc);
  Query q(stmt);
  bind(q);
  while ((rc = q.step()) == SQLITE_ROW) {
    if (!row(q)) return ok_status();
  }
  if (rc != SQLITE_DONE) return sql_error(action(), rc);
  return ok_status();
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
  return add_observation(source_id, observation, seen, signal_id(source_id, observation.key));
}

Result<bool> Transaction::add_observation(std::string_view source_id, const Observation& observation,
                                          TimePoint seen, std::string_view signal) {
  if (auto status = check_open(); !status) return status.error();
  // A cold pass inserts tens of thousands of rows: the text is bound where it is, not copied.
  const std::string facts = facts_to_json(observation.facts);
  const auto changed = store_->write_rows(
      kInsertObservation,
      [&] {
        return fmt::format("recording observation {} of source {}", observation.key, source_id);
      },
      [&](Query& q) {
        q.bind_borrowed(source_id)
            .bind_borrowed(observation.key)
            .bind_borrowed(signal)
            .bind(seen)
            .bind(observation.published)
            .bind_borrowed(observation.title)
            .bind_borrowed(observation.url)
            .bind_borrowed(facts);
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

Status Transaction::add_rejected_point(const RejectedPoint& point) {
  if (auto status = check_open(); !status) return status;
  const auto changed = store_->write_rows(
      kInsertRejectedPoint, [&] { return fmt::format("keeping a refused point of series {}", point.name); },
      [&](Query& q) { q.bind(point.name).bind(point.at).bind(point.value).bind(point.reason).bind(point.rejected_at); });
  if (!changed) return changed.error();
  return ok_status();
}

Result<bool> Transaction::add_alert(const AlertRecord& alert,
                                    const std::vector<std::string>& channels) {
  if (auto status = check_open(); !status) return status.error();
  const auto action = [&] { return fmt::format("queueing alert {}", alert.id); };
  const auto inserted = store_->write_rows(kInsertAlert, action, [&](Query& q) {
    q.bind(alert.id).bind(alert.trigger).bind(alert.json).bind(alert.raised_at).bind(alert.silenced_by);
  });
  if (!inserted) return inserted.error();
  if (*inserted == 0) return false;
  const auto status = alert.silenced_by.empty() ? DeliveryStatus::pending : DeliveryStatus::silenced;
  for (const auto& channel : channels) {
    const auto queued = store_->write_rows(kInsertDelivery, action, [&](Query& q) {
      q.bind(alert.id).bind(channel).bind(to_string(status)).bind(alert.raised_at);
    });
    if (!queued) return queued.error();
  }
  has_alerts_ = true;
  return true;
}

Result<bool> Transaction::add_digest_send(const DigestSend& send) {
  if (auto status = check_open(); !status) return status.error();
  const auto inserted = store_->write_rows(
      kInsertDigestSend,
      [&] { return fmt::format("recording digest {} for {}", send.digest_id, format_rfc3339(send.scheduled_for)); },
      [&](Query& q) { q.bind(send.digest_id).bind(send.scheduled_for).bind(send.sent_at).bind(send.snapshot); });
  if (!inserted) return inserted.error();
  return *inserted > 0;
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
  ++store_->commits_;
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

// Every source of a batch marks and keeps its savepoint: compiled once, not parsed each time.
Status Transaction::mark() {
  if (auto status = check_open(); !status) return status;
  const auto done = store_->write_rows("SAVEPOINT source", [] { return "marking a savepoint"; }, [](Query&) {});
  return done ? ok_status() : Status(done.error());
}

Status Transaction::keep() {
  if (auto status = check_open(); !status) return status;
  const auto done = store_->write_rows("RELEASE source", [] { return "releasing a savepoint"; }, [](Query&) {});
  return done ? ok_status() : Status(done.error());
}

Status Transaction::undo() {
  if (auto status = check_open(); !status) return status;
  int rc = exec(store_->db_, "ROLLBACK TO source");
  if (rc == SQLITE_OK) rc = exec(store_->db_, "RELEASE source");
  return rc == SQLITE_OK ? ok_status() : Status(store_->sql_error("rolling back to a savepoint", rc));
}

bool Transaction::alive() const {
  return open_ && store_ != nullptr && sqlite3_get_autocommit(store_->db_) == 0;
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
  const int closed = sqlite3_close_v2(db_);
  // The last connection's close checkpoints and removes the write-ahead log: record the file as
  // it was left, so that the next open of it unchanged skips the integrity check.
  if (closed == SQLITE_OK && access_ == Access::read_write && scratch_dir_.empty())
    record_clean_close(path_, std::move(fingerprint_), written_.get());
  if (!scratch_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(scratch_dir_, ec);
  }
}

Error StateStore::sql_error(std::string_view action, int rc) const {
  return make_error(fmt::format("state file {}: {} failed: {}{}", path_.string(), action,
                                sqlite_detail(db_, rc), runtime_hint(rc)),
                    runtime_error_kind(rc));
}

void StateStore::set_busy_timeout(std::chrono::milliseconds timeout) {
  sqlite3_busy_timeout(db_, static_cast<int>(timeout.count()));
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

Result<std::optional<FetchState>> StateStore::fetch_state(std::string_view source_id) {
  std::optional<FetchState> state;
  if (auto read = read_rows(
      kSelectFetchState, [&] { return fmt::format("reading fetch state of source {}", source_id); },
      [&](Query& q) { q.bind(source_id); },
      [&](const Query& q) {
        state = read_fetch_state(q);
        return false;
      }); !read.ok()) return read.error();
  return state;
}

Result<std::vector<FetchState>> StateStore::fetch_states() {
  std::vector<FetchState> states;
  if (auto read = for_each_fetch_state([&](const FetchState& state) { states.push_back(state); }); !read.ok())
    return read.error();
  return states;
}

Status StateStore::for_each_fetch_state(const std::function<void(const FetchState&)>& each) {
  return read_rows(
      kSelectFetchStates, [] { return std::string("reading fetch states"); }, no_parameters,
      [&](const Query& q) {
        each(read_fetch_state(q));
        return true;
      });
}

Result<bool> StateStore::has_observation(std::string_view source_id, std::string_view key) {
  bool found = false;
  if (auto read = read_rows(
      kHasObservation,
      [&] { return fmt::format("looking up observation {} of source {}", key, source_id); },
      [&](Query& q) { q.bind(source_id).bind(key); },
      [&](const Query&) {
        found = true;
        return false;
      }); !read.ok()) return read.error();
  return found;
}

Result<std::vector<StoredObservation>> StateStore::observations(std::string_view source_id,
                                                        TimePoint since) {
  std::optional<Error> damaged;
  std::vector<StoredObservation> result;
  if (auto read = read_rows(
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
          damaged = make_error(fmt::format(
              "state file {}: the facts of observation {} of source {} are not a JSON object of "
              "strings; the file is damaged: move it aside and watchdesk starts with empty state",
              path_.string(), stored.observation.key, source_id));
          return false;
        }
        result.push_back(std::move(stored));
        return true;
      }); !read.ok()) return read.error();
  if (damaged) return *damaged;
  return result;
}

Result<std::optional<SeriesPoint>> StateStore::latest_point(std::string_view name) {
  std::optional<SeriesPoint> point;
  if (auto read = read_rows(
      kLatestPoint, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) { q.bind(name); },
      [&](const Query& q) {
        point = read_point(q, name);
        return false;
      }); !read.ok()) return read.error();
  return point;
}

Result<std::optional<SeriesPoint>> StateStore::point_at_or_before(std::string_view name, TimePoint t,
                                                                  std::optional<std::string_view> ref) {
  std::optional<SeriesPoint> point;
  if (auto read = read_rows(
      ref ? kPointAtOrBeforeWithRef : kPointAtOrBefore, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) {
        q.bind(name).bind(t);
        if (ref) q.bind(*ref);
      },
      [&](const Query& q) {
        point = read_point(q, name);
        return false;
      }); !read.ok()) return read.error();
  return point;
}

Result<std::vector<SeriesPoint>> StateStore::series(std::string_view name, TimePoint from, TimePoint to) {
  std::vector<SeriesPoint> points;
  if (auto read = read_rows(
      kSeriesRange, [&] { return fmt::format("reading series {}", name); },
      [&](Query& q) { q.bind(name).bind(from).bind(to); },
      [&](const Query& q) {
        points.push_back(read_point(q, name));
        return true;
      }); !read.ok()) return read.error();
  return points;
}

Result<std::vector<std::string>> StateStore::series_names() {
  std::vector<std::string> names;
  if (auto read = read_rows(
      kSeriesNames, [] { return std::string("listing series"); }, no_parameters,
      [&](const Query& q) {
        names.push_back(q.text(0));
        return true;
      }); !read.ok()) return read.error();
  return names;
}

Result<std::optional<std::string>> StateStore::trigger_state(std::string_view trigger_id) {
  std::optional<std::string> json;
  if (auto read = read_rows(
      kSelectTriggerState, [&] { return fmt::format("reading state of trigger {}", trigger_id); },
      [&](Query& q) { q.bind(trigger_id); },
      [&](const Query& q) {
        json = q.text(0);
        return false;
      }); !read.ok()) return read.error();
  return json;
}

Result<bool> StateStore::has_alert(std::string_view alert_id) {
  bool found = false;
  if (auto read = read_rows(
      kHasAlert, [&] { return fmt::format("looking up alert {}", alert_id); },
      [&](Query& q) { q.bind(alert_id); },
      [&](const Query&) {
        found = true;
        return false;
      }); !read.ok()) return read.error();
  return found;
}

Result<std::optional<AlertRecord>> StateStore::alert(std::string_view alert_id) {
  std::optional<AlertRecord> record;
  if (auto read = read_rows(
      kSelectAlert, [&] { return fmt::format("reading alert {}", alert_id); },
      [&](Query& q) { q.bind(alert_id); },
      [&](const Query& q) {
        record = read_alert(q);
        return false;
      }); !read.ok()) return read.error();
  return record;
}

Result<std::vector<Delivery>> StateStore::due_deliveries(TimePoint now) {
  std::optional<Error> damaged;
  std::vector<Delivery> deliveries;
  if (auto read = read_rows(
      kDueDeliveries, [] { return std::string("reading due deliveries"); },
      [&](Query& q) { q.bind(now); },
      [&](const Query& q) {
        if (auto delivery = read_delivery(q)) {
          deliveries.push_back(std::move(*delivery));
        } else {
          damaged = unknown_status_error();
          return false;
        }
        return true;
      }); !read.ok()) return read.error();
  if (damaged) return *damaged;
  return deliveries;
}

Result<std::vector<Delivery>> StateStore::claim_due_deliveries(TimePoint now, std::string_view owner,
                                                               Seconds lease) {
  const auto action = [] { return std::string("claiming due deliveries"); };
  if (access_ == Access::read_only) {
    return make_error(fmt::format("state file {} is open read-only; {} needs it writable", path_.string(),
                                  action()));
  }
  const int begun = exec(db_, "BEGIN IMMEDIATE");
  if (begun != SQLITE_OK) return sql_error(action(), begun);
  RollbackGuard guard(db_);
  std::vector<Delivery> due;
  int rc = SQLITE_OK;
  auto* stmt = statement(kDueDeliveries, rc);
  if (stmt == nullptr) return sql_error(action(), rc);
  {
    Query q(stmt);
    q.bind(now);
    while ((rc = q.step()) == SQLITE_ROW) {
      if (auto delivery = read_delivery(q)) due.push_back(std::move(*delivery));
    }
    if (rc != SQLITE_DONE) return sql_error(action(), rc);
  }
  std::vector<Delivery> claimed;
  for (auto& delivery : due) {
    const bool free = delivery.lease_owner.empty() || delivery.lease_owner == owner ||
                      delivery.lease_until <= now || lease_owner_gone(delivery.lease_owner);
    if (!free) continue;
    delivery.lease_owner = std::string(owner);
    delivery.lease_until = now + lease;
    const auto leased = write_rows(kLeaseDelivery, action, [&](Query& q) {
      q.bind(owner).bind(delivery.lease_until).bind(delivery.alert_id).bind(delivery.channel);
    });
    if (!leased) return leased.error();
    if (*leased > 0) claimed.push_back(std::move(delivery));
  }
  rc = exec(db_, "COMMIT");
  if (rc != SQLITE_OK) return sql_error(action(), rc);
  guard.release();
  return claimed;
}

Result<std::vector<RejectedPoint>> StateStore::rejected_points(std::string_view name) {
  std::vector<RejectedPoint> points;
  if (auto read = read_rows(
      kSelectRejectedPoints, [&] { return fmt::format("reading refused points of series {}", name); },
      [&](Query& q) { q.bind(name); },
      [&](const Query& q) {
        points.push_back(RejectedPoint{q.text(0), q.time(1), q.real(2), q.text(3), q.time(4)});
        return true;
      }); !read.ok()) return read.error();
  return points;
}

Result<std::vector<Delivery>> StateStore::pending_deliveries() {
  std::optional<Error> damaged;
  std::vector<Delivery> deliveries;
  if (auto read = read_rows(
      kPendingDeliveries, [] { return std::string("reading pending deliveries"); }, no_parameters,
      [&](const Query& q) {
        if (auto delivery = read_delivery(q)) {
          deliveries.push_back(std::move(*delivery));
        } else {
          damaged = unknown_status_error();
          return false;
        }
        return true;
      }); !read.ok()) return read.error();
  if (damaged) return *damaged;
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

Result<std::vector<AlertHistory>> StateStore::alerts_since(TimePoint since) {
  std::optional<Error> damaged;
  std::vector<AlertHistory> history;
  if (auto read = read_rows(
      kAlertsSince, [] { return std::string("reading alerts"); }, [&](Query& q) { q.bind(since); },
      [&](const Query& q) {
        history.push_back(AlertHistory{read_alert(q), {}});
        return true;
      }); !read.ok()) return read.error();
  if (damaged) return *damaged;
  for (auto& entry : history) {
    if (auto read = read_rows(
        kDeliveriesOfAlert,
        [&] { return fmt::format("reading deliveries of alert {}", entry.alert.id); },
        [&](Query& q) { q.bind(entry.alert.id); },
        [&](const Query& q) {
          if (auto delivery = read_delivery(q)) {
            entry.deliveries.push_back(std::move(*delivery));
          } else {
            damaged = unknown_status_error();
          return false;
          }
          return true;
        }); !read.ok()) return read.error();
  if (damaged) return *damaged;
  }
  return history;
}

Result<std::optional<DigestSend>> StateStore::last_digest_send(std::string_view digest_id) {
  std::optional<DigestSend> send;
  if (auto read = read_rows(
      kLastDigestSend, [&] { return fmt::format("reading the last send of digest {}", digest_id); },
      [&](Query& q) { q.bind(digest_id); },
      [&](const Query& q) {
        send = DigestSend{q.text(0), q.time(1), q.time(2), q.text(3)};
        return false;
      }); !read.ok()) return read.error();
  return send;
}

Status StateStore::add_silence(const triggers::Silence& silence) {
  const auto added = write_rows(
      kInsertSilence, [&] { return fmt::format("recording silence {}", silence.id); },
      [&](Query& q) {
        q.bind(silence.id).bind(silence.trigger).bind(silence.match).bind(silence.reason)
            .bind(silence.created_at).bind(silence.ends_at);
      });
  if (!added) return added.error();
  return ok_status();
}

Result<std::vector<triggers::Silence>> StateStore::silences() {
  std::vector<triggers::Silence> out;
  if (auto read = read_rows(
      kSelectSilences, [] { return std::string("reading silences"); }, no_parameters,
      [&](const Query& q) {
        out.push_back(read_silence(q));
        return true;
      }); !read.ok()) return read.error();
  return out;
}

Result<std::vector<triggers::Silence>> StateStore::active_silences(TimePoint now) {
  std::vector<triggers::Silence> out;
  if (auto read = read_rows(
      kActiveSilences, [] { return std::string("reading silences in force"); },
      [&](Query& q) { q.bind(now); },
      [&](const Query& q) {
        out.push_back(read_silence(q));
        return true;
      }); !read.ok()) return read.error();
  return out;
}

Result<std::optional<triggers::Silence>> StateStore::expire_silence(std::string_view id, TimePoint now) {
  const auto action = [&] { return fmt::format("expiring silence {}", id); };
  const auto ended = write_rows(kEndSilence, action, [&](Query& q) { q.bind(id).bind(now); });
  if (!ended) return ended.error();
  std::optional<triggers::Silence> silence;
  if (auto read = read_rows(
      kSelectSilence, action, [&](Query& q) { q.bind(id); },
      [&](const Query& q) {
        silence = read_silence(q);
        return false;
      }); !read.ok()) return read.error();
  return silence;
}

Error StateStore::unknown_status_error() const {
  return make_error(
      fmt::format("state file {}: a delivery has a status this build does not know; "
                  "it was skipped (was the file written by a newer watchdesk?)",
                  path_.string()));
}

}  // namespace watchdesk::store
