// The SQLite state store: fetch state, observations, series, trigger state and the alert outbox.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watchers/observation.hpp"
#include "watchers/triggers/silence.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace watchdesk::store {

class StatementCache;
class Fingerprint;
class WrittenBlocks;

/// Whether the store may write.
enum class Access { read_write, read_only };

/// What the engine remembers about fetching one source.
struct FetchState {
  std::string source_id;
  /// The URL these validators belong to (validators of another URL are not sent).
  std::string url;
  std::string etag;
  std::string last_modified;
  std::optional<TimePoint> last_attempt;
  std::optional<TimePoint> last_success;
  /// HTTP status of the last attempt (0: no HTTP answer), and the last error text (empty: none).
  long last_status = 0;
  std::string last_error;
  int consecutive_failures = 0;
  /// True once a health alert was raised for the current failure streak (cleared on recovery).
  bool unhealthy_alerted = false;
  /// The first attempt ever (staleness of a source that never succeeded counts from it).
  std::optional<TimePoint> first_attempt;
};

/// An observation as stored, with its signal id and when watchdesk first saw it.
struct StoredObservation {
  std::string source_id;
  std::string signal;
  TimePoint first_seen;
  Observation observation;
};

/// A raised alert: its id (the dedup key), trigger, the alert JSON document, when it was raised,
/// and the silence that kept it from every channel (empty: none).
struct AlertRecord {
  std::string id;
  std::string trigger;
  std::string json;
  TimePoint raised_at;
  std::string silenced_by{};
};

/// Delivery state of one alert on one channel: `pending` (not tried yet), `failed` (the last
/// attempt failed; tried again at `next_attempt`), `delivered`, `given_up` (failed for good),
/// `silenced` (a silence matched the alert: never sent, not even when the silence ends).
/// Pending and failed deliveries are outstanding: `due_deliveries` and `pending_deliveries`
/// return them.
enum class DeliveryStatus { pending, delivered, failed, given_up, silenced };

/// The stored name of a delivery status: `pending`, `delivered`, `failed`, `given_up`, `silenced`.
std::string_view to_string(DeliveryStatus status);

/// One row of the outbox: an alert to deliver (or delivered) on one channel.
struct Delivery {
  std::string alert_id;
  std::string channel;
  DeliveryStatus status = DeliveryStatus::pending;
  int attempts = 0;
  TimePoint next_attempt;
  std::string last_error;
  std::optional<TimePoint> delivered_at;
  /// The process that claimed the delivery (empty: none) and until when its claim holds.
  std::string lease_owner;
  TimePoint lease_until{};
};

/// A series point refused at ingestion, kept with the reason.
struct RejectedPoint {
  std::string name;
  TimePoint at;
  double value = 0;
  std::string reason;
  TimePoint rejected_at;
};

/// One digest send as recorded: which scheduled time it answered, when it was made, and the digest
/// document the next one compares against.
struct DigestSend {
  std::string digest_id;
  TimePoint scheduled_for;
  TimePoint sent_at;
  std::string snapshot;
};

/// An alert with its per-channel deliveries, for `watchdesk alerts`.
struct AlertHistory {
  AlertRecord alert;
  std::vector<Delivery> deliveries;
};

class StateStore;

/// One write transaction (`BEGIN IMMEDIATE`); rolled back unless `commit()` succeeds. A commit that
/// added alerts is flushed to disk before `commit()` returns (the write-ahead log is synced, as
/// `synchronous=FULL` would); other commits survive a killed process (`synchronous=NORMAL`).
/// After `commit()` or a move, every call returns an error. Must not outlive its store.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();

  /// Records an observation if (source, key) is new; returns true when it was new.
  Result<bool> add_observation(std::string_view source_id, const Observation& observation,
                               TimePoint seen);
  /// The same with its `signal_id(source_id, observation.key)` already made by the caller.
  Result<bool> add_observation(std::string_view source_id, const Observation& observation,
                               TimePoint seen, std::string_view signal);
  /// Records a series point of series `name` (`SOURCE.FIELD`), replacing one at the same time.
  Status add_point(std::string_view name, const SeriesPoint& point);
  /// Stores the fetch state of a source.
  Status put_fetch_state(const FetchState& state);
  /// Stores a trigger's opaque state document.
  Status put_trigger_state(std::string_view trigger_id, std::string_view json);
  /// Keeps a point that ingestion refused, with the reason.
  Status add_rejected_point(const RejectedPoint& point);
  /// Queues an alert with one pending delivery per channel; false if the id was raised before. An
  /// alert with `silenced_by` set is recorded with one `silenced` delivery per channel instead.
  Result<bool> add_alert(const AlertRecord& alert, const std::vector<std::string>& channels);
  /// Records a digest send; false if one for that digest and scheduled time exists.
  Result<bool> add_digest_send(const DigestSend& send);
  /// Makes everything above durable; on failure everything above is rolled back.
  Status commit();

  /// Marks a point to come back to (`SAVEPOINT`): `keep()` forgets the mark and keeps what was
  /// written since, `undo()` rolls that back. One mark at a time; a batch of sources uses one per
  /// source so that one source's failed write loses nothing of the others.
  Status mark();
  Status keep();
  Status undo();
  /// False once SQLite rolled the whole transaction back (a full disk or an I/O error can).
  bool alive() const;

 private:
  friend class StateStore;
  explicit Transaction(StateStore* store);
  Status check_open() const;
  StateStore* store_;
  bool open_ = false;
  bool has_alerts_ = false;
};

/// The state database. Single-threaded: used from the event loop only. Runtime errors (disk full,
/// I/O, a damaged row) come back as errors naming the file, from reads and writes alike.
class StateStore {
 public:
  /// Opens (creating and migrating when writable) the database at `path`. Waits at most
  /// `busy_timeout()` for another process's write lock. Read-only opening never creates or
  /// modifies a file.
  /// The error's kind says why: `busy` (locked), `read_only`, `corrupt`, `unsupported` (a newer
  /// schema) or `io`; its message names the file and what to do. Every case is exit 74.
  static Result<std::unique_ptr<StateStore>> open(const std::filesystem::path& path, Access access);
  /// Opens a private scratch copy of the database at `path` (an empty store when it has none yet),
  /// deleted when the store is destroyed: what is done to it never reaches `path`.
  static Result<std::unique_ptr<StateStore>> open_scratch_copy(const std::filesystem::path& path);
  /// Opens an empty scratch store, deleted when the store is destroyed (`replay`'s throw-away state).
  static Result<std::unique_ptr<StateStore>> open_empty_scratch() { return open_scratch_copy({}); }

  ~StateStore();
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  /// The schema version this build writes (`PRAGMA user_version`).
  static int schema_version();

  /// How long any operation waits for another process's lock before reporting it.
  static constexpr std::chrono::milliseconds busy_timeout() {
    return std::chrono::milliseconds(2000);
  }

  /// Sets how long an operation waits for another process's lock from now on (the event loop uses
  /// a short wait and retries from a timer rather than stalling).
  void set_busy_timeout(std::chrono::milliseconds timeout);

  /// The database file, and how it was opened.
  const std::filesystem::path& path() const { return path_; }
  Access access() const { return access_; }

  /// Starts a write transaction.
  Result<Transaction> begin();

  /// Fetch state of one source, or of all.
  Result<std::optional<FetchState>> fetch_state(std::string_view source_id);
  Result<std::vector<FetchState>> fetch_states();
  /// Calls `each` with the fetch state of every source, one row at a time: nothing is held for
  /// all of them at once (the daemon restores tens of thousands of sources at start).
  Status for_each_fetch_state(const std::function<void(const FetchState&)>& each);

  /// Whether an observation (source, key) was seen before.
  Result<bool> has_observation(std::string_view source_id, std::string_view key);
  /// Observations of a source first seen at or after `since`, oldest first.
  Result<std::vector<StoredObservation>> observations(std::string_view source_id, TimePoint since);

  /// The latest point of a series, and the nearest point at or before `t` (with `ref`, the nearest
  /// whose `ref` is `ref`: one price provider's).
  Result<std::optional<SeriesPoint>> latest_point(std::string_view name);
  Result<std::optional<SeriesPoint>> point_at_or_before(std::string_view name, TimePoint t,
                                                        std::optional<std::string_view> ref = std::nullopt);
  /// Points of a series within [from, to], oldest first.
  Result<std::vector<SeriesPoint>> series(std::string_view name, TimePoint from, TimePoint to);
  /// Names of every series with at least one point.
  Result<std::vector<std::string>> series_names();

  /// A trigger's stored state document, if any.
  Result<std::optional<std::string>> trigger_state(std::string_view trigger_id);

  /// Whether an alert id was ever raised.
  Result<bool> has_alert(std::string_view alert_id);
  /// Pending deliveries due at or before `now`, oldest alert first.
  Result<std::vector<Delivery>> due_deliveries(TimePoint now);
  /// Claims, in one write transaction, the deliveries due at `now` that no other live process
  /// holds: each gets `owner` as its lease owner until `now + lease`. A claim is free when it has
  /// no owner, is `owner`'s own, has expired, or belongs to a process on this host that is gone.
  Result<std::vector<Delivery>> claim_due_deliveries(TimePoint now, std::string_view owner, Seconds lease);
  /// Pending deliveries of any due time.
  Result<std::vector<Delivery>> pending_deliveries();
  /// The stored alert JSON of an alert id.
  Result<std::optional<AlertRecord>> alert(std::string_view alert_id);
  /// Records a delivery attempt's outcome (`status`, attempts + 1, next attempt, error,
  /// `delivered_at`) and ends its lease; joins an open transaction, else commits on its own.
  Status update_delivery(const Delivery& delivery);
  /// Points of series `name` refused at ingestion, oldest first.
  Result<std::vector<RejectedPoint>> rejected_points(std::string_view name);
  /// Alerts raised at or after `since`, newest first, with their deliveries.
  Result<std::vector<AlertHistory>> alerts_since(TimePoint since);

  /// The latest recorded send of digest `digest_id` (by scheduled time), if any.
  Result<std::optional<DigestSend>> last_digest_send(std::string_view digest_id);

  /// Records a new silence (its own transaction); an error if its id exists.
  Status add_silence(const triggers::Silence& silence);
  /// Every silence, the latest to end first.
  Result<std::vector<triggers::Silence>> silences();
  /// The silences in force at `now`, oldest first.
  Result<std::vector<triggers::Silence>> active_silences(TimePoint now);
  /// Ends silence `id` at `now` if it would end later; the silence as it now is, or nothing when no
  /// silence has that id.
  Result<std::optional<triggers::Silence>> expire_silence(std::string_view id, TimePoint now);

  /// The underlying handle, for the store's own helpers.
  sqlite3* handle() { return db_; }

  /// Write transactions committed through `begin()` since the store was opened.
  std::uint64_t commits() const { return commits_; }

  /// Whether opening ran the integrity check (`PRAGMA quick_check`); false when the file was byte
  /// for byte what its last clean close recorded (see `clean_close.hpp`).
  bool checked_at_open() const { return checked_at_open_; }

 private:
  friend class Transaction;
  StateStore(sqlite3* db, std::filesystem::path path, Access access);

  /// An error naming the file, the action and SQLite's message, with what to do.
  Error sql_error(std::string_view action, int rc) const;
  Error unknown_status_error() const;
  /// A cached statement, or nullptr when it cannot be compiled (`rc` says why).
  sqlite3_stmt* statement(std::string_view sql, int& rc);
  /// Runs cached query `sql`: `bind(Query&)` binds its parameters and `row(const Query&)` sees each
  /// row until it returns false; a failure is an error naming `action()`.
  template <class Action, class Bind, class Row>
  Status read_rows(std::string_view sql, const Action& action, const Bind& bind, const Row& row);
  /// Runs cached statement `sql` that changes rows: how many it changed, or an error for
  /// `action()`.
  template <class Action, class Bind>
  Result<int> write_rows(std::string_view sql, const Action& action, const Bind& bind);

  sqlite3* db_;
  std::filesystem::path path_;
  Access access_;
  std::unique_ptr<StatementCache> statements_;
  /// A scratch copy's directory, removed with the store.
  std::filesystem::path scratch_dir_;
  std::uint64_t commits_ = 0;
  bool checked_at_open_ = true;
  /// The file's fingerprint when it was opened unchanged since its last clean close, and the
  /// blocks written since: a clean close reads only those again.
  std::unique_ptr<Fingerprint> fingerprint_;
  std::shared_ptr<const WrittenBlocks> written_;
};

}  // namespace watchdesk::store
