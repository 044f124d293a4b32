// The ingest batch: a window of results, one transaction, then the continuations.
#include "daemon/pipeline/ingest_batch.hpp"

#include <boost/asio/post.hpp>

#include <utility>

namespace watchdesk::pipeline {

IngestBatch::IngestBatch(boost::asio::io_context& io, Ingestor& ingestor, std::chrono::milliseconds window)
    : io_(io), ingestor_(ingestor), window_(window), timer_(io) {}

IngestBatch::~IngestBatch() {
  alive_.reset();
  if (!waiting_.empty()) write();
}

void IngestBatch::add(const config::Source& source, FetchOutcome outcome, TimePoint now,
                      std::shared_ptr<const void> keep_alive, std::function<void(IngestReport)> done) {
  waiting_.push_back({source, std::move(outcome), now, std::move(keep_alive), std::move(done)});
  if (armed_) return;
  armed_ = true;
  auto fire = [this, alive = std::weak_ptr<int>(alive_)](boost::system::error_code ec = {}) {
    if (ec || alive.expired()) return;
    flush();
  };
  if (window_.count() == 0) {
    boost::asio::post(io_, [fire] { fire(); });
  } else {
    timer_.expires_after(window_);
    timer_.async_wait(fire);
  }
}

std::vector<std::pair<IngestReport, std::function<void(IngestReport)>>> IngestBatch::write() {
  std::vector<Waiting> batch = std::exchange(waiting_, {});
  armed_ = false;
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
  // The bodies are released with `write`'s batch; a continuation may start new fetches, which
  // open the next batch.
  auto written = write();
  for (auto& [report, done] : written) done(std::move(report));
}

}  // namespace watchdesk::pipeline
