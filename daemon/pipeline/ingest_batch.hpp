// Results that arrive close together written in one transaction: a pass over many sources commits a
// few times, not once per source, and each poll's continuation runs only after its commit.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "config/config.hpp"
#include "daemon/pipeline/ingest.hpp"

namespace watchdesk::pipeline {

/// Collects fetch outcomes for `window` from the first one (zero: until the end of the current turn
/// of the loop), then ingests them with `Ingestor::ingest_all` in one transaction and hands each
/// report to its continuation. A `304 Not Modified` may wait longer, for the quiet window (see
/// `set_quiet_window`): it only updates its source's fetch state, and any other outcome writes it
/// along within `window`. A commit that queued alerts is synced before any continuation runs,
/// so an alert reaches delivery only once it is durable. Single-threaded, on the loop.
class IngestBatch {
 public:
  /// `max_waiting` outcomes are written at once, whatever their window: a burst of 304s holds
  /// no more than that many sources and responses in memory.
  IngestBatch(boost::asio::io_context& io, Ingestor& ingestor, std::chrono::milliseconds window,
              std::size_t max_waiting = 256);
  /// Records what is still waiting (its continuations are dropped: their owners are going away).
  ~IngestBatch();
  IngestBatch(const IngestBatch&) = delete;
  IngestBatch& operator=(const IngestBatch&) = delete;

  /// Queues `outcome` of `source` taken at `now`; `keep_alive` holds what `outcome` points into
  /// until it is ingested; `done` runs on the loop with the report once the batch is written.
  void add(const config::Source& source, FetchOutcome outcome, TimePoint now, std::shared_ptr<const void> keep_alive,
           std::function<void(IngestReport)> done);

  /// How long a `not_modified` outcome may wait for others (never less than `window`): `run`
  /// sets it, so that sources polled one after another and answered 304 share a transaction.
  void set_quiet_window(std::chrono::milliseconds quiet) { quiet_window_ = std::max(quiet, window_); }
  /// Writes what waits at the end of this turn of the loop, whatever its window (a drain).
  void flush_soon();

  /// Transactions written so far, and the outcomes they held.
  std::uint64_t batches() const { return batches_; }
  std::uint64_t outcomes() const { return outcomes_; }

 private:
  struct Waiting {
    config::Source source;
    FetchOutcome outcome;
    TimePoint now;
    std::shared_ptr<const void> keep_alive;
    std::function<void(IngestReport)> done;
  };
  // Writes everything waiting; returns the reports with their continuations.
  std::vector<std::pair<IngestReport, std::function<void(IngestReport)>>> write();
  void flush();
  // Makes the batch written within `window` from now, unless it is already due sooner.
  void arm(std::chrono::milliseconds window);

  boost::asio::io_context& io_;
  Ingestor& ingestor_;
  std::chrono::milliseconds window_;
  std::chrono::milliseconds quiet_window_;
  std::size_t max_waiting_;
  boost::asio::steady_timer timer_;
  std::vector<Waiting> waiting_;
  /// Whether the timer is armed, and for when; whether a write is posted for this turn.
  bool armed_ = false;
  std::chrono::steady_clock::time_point deadline_{};
  bool posted_ = false;
  std::uint64_t batches_ = 0;
  std::uint64_t outcomes_ = 0;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace watchdesk::pipeline
