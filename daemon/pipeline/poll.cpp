// One poll of one source, from request to recorded result.
#include "daemon/pipeline/poll.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <utility>

#include "config/names.hpp"
#include "config/default_urls.hpp"
#include "config/price_requests.hpp"
#include "core/urls.hpp"
#include "watchers/sources/price.hpp"

namespace watchdesk::pipeline {
namespace {

// A failed fetch in words; a 404 for one company's CIK says that SEC has no such company.
std::string failure_of(const config::Source& source, const http::Response& response) {
  const bool one_company = source.kind == config::SourceKind::edgar_filings ||
                           source.kind == config::SourceKind::edgar_submissions ||
                           source.kind == config::SourceKind::edgar_facts;
  if (one_company && response.status == 404 && !source.cik.empty())
    return "SEC has no company with CIK " + config::cik10(source.cik) + " (HTTP 404)";
  return http::describe_failure(response);
}

// True for SEC's 403, which pauses every SEC host (the client keeps the pause).
bool sec_throttled(const http::Response& response) {
  return response.failure == http::Failure::http_status && response.status == 403 &&
         is_sec_host(url_host(response.effective_url.empty() ? response.url : response.effective_url));
}

// True for a request held by a host's pause (SEC's 403): it never reached the host.
bool held_by_pause(const http::Response& response) {
  return response.failure == http::Failure::not_started && response.retry_after.has_value();
}

// The ingestor's view of a response; it points into `response.body`.
FetchOutcome outcome_of(const config::Source& source, const http::Response& response) {
  FetchOutcome o;
  o.sec_throttled = sec_throttled(response);
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
    o.error = failure_of(source, response);
  }
  return o;
}

bool failed(const http::Response& response) { return !response.ok() && !response.not_modified(); }

// Why a price source moves on to its next fallback provider after `response`: an HTTP failure, or
// an answer that does not parse as a price answer (an HTML challenge page with HTTP 200), read as
// ingestion reads it (`parse_price`, which knows every provider's format). Empty when it keeps
// this answer.
std::string fallback_reason(const config::Source& source, const http::Response& response) {
  if (source.kind != config::SourceKind::price || source.fallbacks.empty()) return {};
  if (response.failure == http::Failure::cancelled || response.failure == http::Failure::no_connection) return {};
  if (failed(response)) return http::describe_failure(response);
  if (!response.ok()) return {};
  auto parsed = sources::parse_price(response.body, source);
  return parsed.ok() ? std::string{} : parsed.error().message;
}

}  // namespace

http::Request request_for(const config::Source& source, const http::Validators& validators) {
  http::Request request;
  request.url = source.url;
  request.label = "source " + source.id;
  request.validators = validators;
  if (source.max_body > 0) request.limits.max_body = source.max_body;
  if (source.kind == config::SourceKind::price) {
    request.url = config::price_request_url(source);
    const auto wanted = config::price_request_headers(source.price_provider);
    request.user_agent = std::string(wanted.user_agent);
    for (const auto& [name, value] : wanted.headers) request.headers.emplace_back(name, value);
  }
  return request;
}

PollPipeline::PollPipeline(http::Client& client, Ingestor& ingestor, UtcClock clock, archive::ArchiveWriter* archive,
                           IngestBatch* batch)
    : client_(client), ingestor_(ingestor), clock_(std::move(clock)), archive_(archive), batch_(batch) {}

void PollPipeline::record(const config::Source& source, http::Response response,
                          const std::function<void(PollResult)>& done) {
  // Recorded at once, outside any batch: `done` runs before this returns.
  IngestBatch* batch = std::exchange(batch_, nullptr);
  finish(source, {}, 0, std::move(response), false, clock_(), done);
  batch_ = batch;
}

void PollPipeline::poll(const config::Source& source, const http::Validators& validators, int failures,
                        std::function<void(PollResult)> done) {
  attempt(source, nullptr, validators, failures, clock_(),
          std::make_shared<std::function<void(PollResult)>>(std::move(done)));
}

void PollPipeline::attempt(const config::Source& source, std::shared_ptr<const config::Source> fallback,
                           const http::Validators& validators, int failures, TimePoint attempted_at,
                           std::shared_ptr<std::function<void(PollResult)>> done) {
  // A fallback's URL is another one: the first provider's validators do not apply to it.
  http::Request request = request_for(source, fallback != nullptr ? http::Validators{} : validators);
  client_.submit(std::move(request), [this, source = &source, fallback = std::move(fallback), validators, failures,
                           attempted_at, done](http::Response response) {
    const bool via_fallback = fallback != nullptr;
    const std::string why = fallback_reason(*source, response);
    if (why.empty()) {
      finish(*source, validators, failures, std::move(response), via_fallback, attempted_at, *done);
      return;
    }
    const config::PriceFallback& next = source->fallbacks.front();
    spdlog::warn("source {}: {}; trying fallback provider {}", source->id, why, config::to_string(next.provider));
    auto moved = std::make_shared<config::Source>(*source);
    moved->price_provider = next.provider;
    moved->url = next.url;
    moved->fallbacks.erase(moved->fallbacks.begin());
    attempt(*moved, moved, validators, failures, attempted_at, done);
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

  if (response.failure == http::Failure::cancelled || response.failure == http::Failure::no_connection ||
      held_by_pause(response)) {
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
  if (batch_ == nullptr) {
    IngestReport report = ingestor_.ingest(source, outcome_of(source, response), now);
    conclude(std::move(result), std::move(report), response, sent, failures, via_fallback, done);
    return;
  }
  auto held = std::make_shared<const http::Response>(std::move(response));
  FetchOutcome outcome = outcome_of(source, *held);
  batch_->add(source, std::move(outcome), now, held,
              [result = std::move(result), held, sent, failures, via_fallback, done](IngestReport report) mutable {
                conclude(std::move(result), std::move(report), *held, sent, failures, via_fallback, done);
              });
}

void PollPipeline::conclude(PollResult result, IngestReport report, const http::Response& response,
                            const http::Validators& sent, int failures, bool via_fallback,
                            const std::function<void(PollResult)>& done) {
  result.report = std::move(report);
  const IngestReport& ingested = result.report;
  if (!ingested.store_error.empty()) {
    result.outcome = PollOutcome::failed;
    result.error = "this fetch could not be recorded: " + ingested.store_error;
    result.consecutive_failures = failures + 1;
    result.validators = {};
  } else if (!ingested.healthy) {
    result.outcome = PollOutcome::failed;
    result.error = ingested.error;
    result.consecutive_failures = ingested.consecutive_failures;
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
