// One fetch outcome into the state store: parse, record, evaluate the triggers that depend on the
// source, and queue their alerts — all in one transaction, so nothing is lost in between.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "daemon/store/state_store.hpp"
#include "watchers/observation.hpp"

namespace watchdesk::pipeline {

/// Whether ingestion commits its transaction (`check --dry-run` rolls everything back).
enum class Commit { yes, no };

/// What a fetch produced, as the ingestor needs it.
struct FetchOutcome {
  enum class Kind { body, not_modified, failed } kind = Kind::failed;
  /// The body (kind == body); parsed in place, never copied.
  std::string_view body;
  std::string content_type;
  /// Validators to remember for the next conditional GET.
  std::string etag;
  std::string last_modified;
  /// HTTP status (0: none) and an operator-readable error (kind == failed).
  long status = 0;
  std::string error;
  /// A 403 from an SEC host: every SEC source is paused; not a failure of this source.
  bool sec_throttled = false;
};

/// An alert queued by ingestion: its id, trigger and JSON document, and the silence that kept it
/// from every channel (empty: none).
struct QueuedAlert {
  std::string id;
  std::string trigger;
  std::string json;
  std::string silenced_by{};
};

/// What one ingestion did.
struct IngestReport {
  std::string source_id;
  /// True when the source ended healthy (fetched and parsed, or not modified).
  bool healthy = false;
  /// The failure in words (fetch or parse), when not healthy.
  std::string error;
  /// Healthy but degraded: the series that metrics need and the answer lacked, with the reasons
  /// (`revenue_ttm: ...`); empty otherwise.
  std::string degraded;
  /// Observations seen for the first time, and series points recorded.
  std::vector<store::StoredObservation> new_observations;
  std::vector<std::pair<std::string, SeriesPoint>> points;
  /// Items the parser dropped, with reasons.
  std::vector<std::string> dropped;
  /// Points refused as implausible (`SERIES: reason`), kept in the store as rejected.
  std::vector<std::string> rejected;
  /// Alerts raised (queued in the outbox unless rolled back).
  std::vector<QueuedAlert> alerts;
  /// A store error that prevented the commit (then nothing above was recorded, and the lists are
  /// empty), and its kind (`full`, `busy`, `io`, ...).
  std::string store_error;
  ErrorKind store_error_kind = ErrorKind::state;
  /// Failures in a row as recorded with the source's health (0 after a success).
  int consecutive_failures = 0;
};

/// One outcome of a batch: the source, what its fetch produced and when it was taken.
struct IngestItem {
  const config::Source* source = nullptr;
  const FetchOutcome* outcome = nullptr;
  TimePoint now;
};

/// Turns fetch outcomes into stored observations, trigger state and outbox alerts.
class Ingestor {
 public:
  /// `only_triggers` limits evaluation to those ids (empty: all).
  Ingestor(const config::Config& config, store::StateStore& store, Commit commit,
           std::vector<std::string> only_triggers = {});

  /// Ingests one outcome of `source` at `now`, in a transaction of its own.
  IngestReport ingest(const config::Source& source, const FetchOutcome& outcome, TimePoint now);

  /// Ingests `items` in one transaction, one report per item in order. Each item is recorded
  /// within a savepoint, so a write that fails loses that item only; a commit that fails (or a
  /// failure that rolls the whole transaction back) reports every item as not recorded.
  std::vector<IngestReport> ingest_all(const std::vector<IngestItem>& items);

  /// Evaluates time-driven trigger conditions (deadlines) with no new data; used on a timer by `run`
  /// and once at the end of `check`.
  std::vector<QueuedAlert> tick(TimePoint now);

  /// The triggers that depend on `source_id` (directly or through metrics).
  std::vector<const config::Trigger*> dependents(std::string_view source_id) const;

  /// The sources the selected triggers need (all sources when no trigger was selected).
  std::vector<const config::Source*> needed_sources() const;

 private:
  bool selected(const config::Trigger& trigger) const;
  // Parses `outcome` (if it has a body) into `report`'s health; the parse when it succeeded.
  std::optional<ParseOutput> parse(const config::Source& source, const FetchOutcome& outcome,
                                   IngestReport& report) const;
  // Records one parsed outcome into `tx`: fetch state, health, observations, points, dependent
  // triggers and alerts; a store error leaves `tx` to be rolled back.
  Status record(store::Transaction& tx, const config::Source& source, const FetchOutcome& outcome,
                std::optional<ParseOutput>& parsed, TimePoint now, IngestReport& report);
  const config::Config& config_;
  store::StateStore& store_;
  Commit commit_;
  std::vector<std::string> only_;
};

}  // namespace watchdesk::pipeline
