// One poll of one source, from request to recorded result.
#include "daemon/pipeline/poll.hpp"

#include <spdlog/spdlog.h>

#include <memory>

#include "config/names.hpp"
#include "core/urls.hpp"

namespace watchdesk::pipeline {
namespace {

// The ingestor's view of a response; it points into `response.body`.
FetchOutcome outcome_of(const http::Response& response) {
  FetchOutcome o;
  o.status = response.status;
  o.content_type = response.content_type;
  if (response.not_modified()) {
    o.kind = FetchOutcome::Kind::not_modified;
  } else if (response.ok()) {
    o.kind = FetchOutcome::Kind::body;
    o.body = response.body;
    o.etag = response.validators.etag;
    o.last_modified = response.validators.last_modified;
  } else {
    o.kind = FetchOutcome::Kind::failed;
    o.error = http::describe_failure(response);
  }
  return o;
}

bool failed(const http::Response& response) { return !response.ok() && !response.not_modified(); }

}  // namespace

http::Request request_for(const config::Source& source, const http::Validators& validators) {
  http::Request request;
  request.url = source.url;
  request.label = "source " + source.id;
  request.validators = validators;
  if (source.max_body > 0) request.limits.max_body = source.max_body;
  return request;
}

PollPipeline::PollPipeline(http::Client& client, Ingestor& ingestor, UtcClock clock, archive::ArchiveWriter* archive)
    : client_(client), ingestor_(ingestor), clock_(std::move(clock)), archive_(archive) {}

void PollPipeline::record(const config::Source& source, http::Response response,
                          const std::function<void(PollResult)>& done) {
  finish(source, {}, 0, std::move(response), false, clock_(), done);
}

void PollPipeline::poll(const config::Source& source, const http::Validators& validators, int failures,
                        std::function<void(PollResult)> done) {
  const TimePoint attempted_at = clock_();
  auto shared_done = std::make_shared<std::function<void(PollResult)>>(std::move(done));
  client_.submit(request_for(source, validators), [this, source, validators, failures, attempted_at,
                                                   shared_done](http::Response response) {
    const bool fall_back = failed(response) && response.failure != http::Failure::cancelled &&
                           response.failure != http::Failure::no_connection &&
                           source.kind == config::SourceKind::price && source.fallback && !source.fallback_url.empty();
    if (!fall_back) {
      finish(source, validators, failures, std::move(response), false, attempted_at, *shared_done);
      return;
    }
    spdlog::warn("source {}: {}; trying fallback provider {}", source.id, http::describe_failure(response),
                 config::to_string(*source.fallback));
    config::Source fallback = source;
    fallback.price_provider = *source.fallback;
    fallback.url = source.fallback_url;
    fallback.fallback.reset();
    client_.submit(request_for(fallback, {}), [this, fallback, validators, failures, attempted_at,
                                               shared_done](http::Response second) {
      finish(fallback, validators, failures, std::move(second), true, attempted_at, *shared_done);
    });
  });
}

void PollPipeline::finish(const config::Source& source, const http::Validators& sent, int failures,
                          http::Response response, bool via_fallback, TimePoint attempted_at,
                          const std::function<void(PollResult)>& done) {
  PollResult result;
  result.source_id = source.id;
  result.status = response.status;
  result.failure = response.failure;
  result.retry_after = response.retry_after;
  result.attempted_at = attempted_at;
  result.elapsed = response.elapsed;
  result.bytes = response.bytes;
  if (via_fallback) result.fallback_provider = std::string(config::to_string(source.price_provider));

  if (response.failure == http::Failure::cancelled || response.failure == http::Failure::no_connection) {
    result.outcome =
        response.failure == http::Failure::cancelled ? PollOutcome::cancelled : PollOutcome::deferred;
    result.error = http::describe_failure(response);
    result.validators = sent;
    result.consecutive_failures = failures;
    done(std::move(result));
    return;
  }

  // One time for the archived body and its ingestion: a replay of the archive sees what this saw.
  const TimePoint now = clock_();
  if (archive_ != nullptr && response.ok() && !response.body.empty()) {
    auto kept = archive_->keep(source.id, response.body, response.content_type, now);
    if (!kept) spdlog::warn("source {}: the body could not be archived: {}", source.id, kept.error().message);
  }
  // The body stays in `response` while it is parsed and ingested: views into it are never copied.
  result.report = ingestor_.ingest(source, outcome_of(response), now);
  const IngestReport& report = result.report;
  if (!report.store_error.empty()) {
    result.outcome = PollOutcome::failed;
    result.error = "this fetch could not be recorded: " + report.store_error;
    result.consecutive_failures = failures + 1;
    result.validators = {};
  } else if (!report.healthy) {
    result.outcome = PollOutcome::failed;
    result.error = report.error;
    result.consecutive_failures = report.consecutive_failures;
    // An unusable body is fetched whole next time, not answered with a 304.
    result.validators = response.ok() ? http::Validators{} : sent;
  } else {
    result.outcome = response.not_modified() ? PollOutcome::not_modified : PollOutcome::fetched;
    result.consecutive_failures = 0;
    if (via_fallback) {
      // The fallback's validators belong to another URL.
      result.validators = sent;
    } else if (response.not_modified()) {
      result.validators = sent;
      if (!response.validators.etag.empty()) result.validators.etag = response.validators.etag;
      if (!response.validators.last_modified.empty()) result.validators.last_modified = response.validators.last_modified;
    } else {
      result.validators = response.validators;
    }
  }
  done(std::move(result));
}

}  // namespace watchdesk::pipeline
