// The ingest batch: a window of results, one transaction, then the continuations.
#include "daemon/pipeline/ingest_batch.hpp"

#include <boost/asio/post.hpp>

#include <utility>

namespace watchdesk::pipeline {

IngestBatch::IngestBatch(boost::asio::io_context& io, Ingestor& ingestor, std::chrono::milliseconds window,
                         std::size_t max_waiting)
    : io_(io), ingestor_(ingestor), window_(window), quiet_window_(window), max_waiting_(max_waiting), timer_(io) {}

IngestBatch::~IngestBatch() {
  alive_.reset();
  if (!waiting_.empty()) write();
}

void IngestBatch::add(const config::Source& source, FetchOutcome outcome, TimePoint now,
                      std::shared_ptr<const void> keep_alive, std::function<void(IngestReport)> done) {
  const bool quiet = outcome.kind == FetchOutcome::Kind::not_modified;
  waiting_.push_back({source, std::move(outcome), now, std::move(keep_alive), std::move(done)});
  arm(waiting_.size() >= max_waiting_ ? std::chrono::milliseconds{0} : quiet ? quiet_window_ : window_);
}

void IngestBatch::flush_soon() {
  if (!waiting_.empty()) arm(std::chrono::milliseconds{0});
}

void IngestBatch::arm(std::chrono::milliseconds window) {
  auto alive = std::weak_ptr<int>(alive_);
  if (window.count() == 0) {
    if (posted_) return;
    posted_ = true;
    boost::asio::post(io_, [this, alive] {
      if (alive.expired()) return;
      posted_ = false;
      flush();
    });
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + window;
  if (posted_ || (armed_ && deadline_ <= deadline)) return;
  armed_ = true;
  deadline_ = deadline;
  // Re-arming cancels the later wait (its handler sees `operation_aborted`).
  timer_.expires_at(deadline);
  timer_.async_wait([this, alive](boost::system::error_code ec) {
    if (ec || alive.expired()) return;
    armed_ = false;
    flush();
  });
}

std::vector<std::pair<IngestReport, std::function<void(IngestReport)>>> IngestBatch::write() {
  std::vector<Waiting> batch = std::exchange(waiting_, {});
  if (armed_) {
    armed_ = false;
    timer_.cancel();
  }
  std::vector<IngestItem> items;
  items.reserve(batch.size());
  for (const auto& w : batch) items.push_back({&w.source, &w.outcome, w.now});
  auto reports = ingestor_.ingest_all(items);
  ++batches_;
  outcomes_ += batch.size();
  std::vector<std::pair<IngestReport, std::function<void(IngestReport)>>> out;
  out.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) out.emplace_back(std::move(reports[i]), std::move(batch[i].done));
  return out;
}

void IngestBatch::flush() {
  if (waiting_.empty()) return;
  // The bodies are released with `write`'s batch; a continuation may start new fetches, which
  // open the next batch.
  auto written = write();
  for (auto& [report, done] : written) done(std::move(report));
}

}  // namespace watchdesk::pipeline
