// The one poll pipeline of `run` and `check`: fetch -> fallback -> parse -> ingest -> evaluate ->
// enqueue, for one source, ending in a `PollResult` from which the scheduler takes its back-off.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "core/time.hpp"
#include "daemon/archive/archive_writer.hpp"
#include "daemon/http/client.hpp"
#include "daemon/http/request.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/pipeline/ingest_batch.hpp"

namespace watchdesk::pipeline {

/// How one poll ended.
enum class PollOutcome {
  /// A body arrived, parsed and was recorded.
  fetched,
  /// 304: the document did not change.
  not_modified,
  /// The fetch failed, the body was unusable, or it could not be recorded.
  failed,
  /// Abandoned (shutdown, reload bound): it says nothing about the source and is not recorded.
  cancelled,
  /// No connection to the host was free in time: not a failure of the source, not recorded, and
  /// polled again at its next interval.
  deferred,
};

/// Everything about one poll, for the scheduler (back-off), metrics and the summary of `check`.
struct PollResult {
  std::string source_id;
  PollOutcome outcome = PollOutcome::failed;
  /// What went wrong, without the source prefix (empty on success).
  std::string error;
  /// HTTP status of the last answer (0: none), the transfer's failure kind and `Retry-After`.
  long status = 0;
  http::Failure failure = http::Failure::none;
  std::optional<Seconds> retry_after;
  /// The validators to send with the next fetch (cleared after an unusable body).
  http::Validators validators;
  /// Failures in a row as recorded with the source's health (0 after a success).
  int consecutive_failures = 0;
  /// The provider that answered, when a price source fell back to its `fallback`.
  std::string fallback_provider;
  /// When the poll started (wall clock), how late against its plan (set by the scheduler), transfer
  /// time and body bytes.
  TimePoint attempted_at;
  std::chrono::microseconds lateness{0};
  std::chrono::microseconds elapsed{0};
  std::uint64_t bytes = 0;
  /// What ingestion did (new observations, points, alerts, store error).
  IngestReport report;

  /// True for `fetched` and `not_modified`.
  bool succeeded() const { return outcome == PollOutcome::fetched || outcome == PollOutcome::not_modified; }
};

/// Polls sources through one client and one ingestor, reading `now` from one clock. Single-threaded,
/// on the loop.
class PollPipeline {
 public:
  /// `archive`, when given, keeps each fetched body that differs from the source's previous one;
  /// `batch`, when given, writes the results of polls that end close together in one transaction
  /// (`done` then runs once that transaction is written); without it each poll commits its own.
  PollPipeline(http::Client& client, Ingestor& ingestor, UtcClock clock = wall_clock(),
               archive::ArchiveWriter* archive = nullptr, IngestBatch* batch = nullptr);

  /// Polls `source` with `validators` (a conditional GET) after `failures` failures in a row; `done`
  /// runs on the loop exactly once, unless the client is destroyed first. `source` is not copied:
  /// it must outlive the poll, as this pipeline must.
  void poll(const config::Source& source, const http::Validators& validators, int failures,
            std::function<void(PollResult)> done);

  /// Takes `response` for `source` as if it had just been fetched (`replay` hands in archived
  /// bodies): ingested at the clock's time, exactly like a polled answer; `done` runs at once.
  void record(const config::Source& source, http::Response response, const std::function<void(PollResult)>& done);

 private:
  void finish(const config::Source& source, const http::Validators& sent, int failures, http::Response response,
              bool via_fallback, TimePoint attempted_at, const std::function<void(PollResult)>& done);
  // The poll's result from what ingestion reported about `response`.
  static void conclude(PollResult result, IngestReport report, const http::Response& response,
                       const http::Validators& sent, int failures, bool via_fallback,
                       const std::function<void(PollResult)>& done);
  // Fetches `source`, moving on through its remaining `fallbacks` while an answer is unusable; a
  // fallback's attempt holds the copy of the source that names its provider (`fallback`, which
  // `source` refers to), a first attempt only refers to the caller's source.
  void attempt(const config::Source& source, std::shared_ptr<const config::Source> fallback,
               const http::Validators& validators, int failures, TimePoint attempted_at,
               std::shared_ptr<std::function<void(PollResult)>> done);

  http::Client& client_;
  Ingestor& ingestor_;
  UtcClock clock_;
  archive::ArchiveWriter* archive_;
  IngestBatch* batch_;
};

/// The request that fetches `source` (its URL, body cap and label) with `validators`.
http::Request request_for(const config::Source& source, const http::Validators& validators);

}  // namespace watchdesk::pipeline
