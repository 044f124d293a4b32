// Source fetches with validators and provider fallback.
#include "daemon/pipeline/source_fetch.hpp"

#include <spdlog/spdlog.h>

#include <memory>

namespace watchdesk::pipeline {
namespace {

http::Request request_for(const config::Source& source, const std::optional<store::FetchState>& state) {
  http::Request r;
  r.url = source.url;
  r.label = "source " + source.id;
  r.limits.max_body = source.max_body;
  if (source.url.rfind("file:", 0) == 0) r.protocols = http::Protocols::web_and_file;
  if (state && state->url == source.url) {
    r.validators.etag = state->etag;
    r.validators.last_modified = state->last_modified;
  }
  return r;
}

}  // namespace

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

void fetch_source(http::Client& client, const config::Source& source, const std::optional<store::FetchState>& state,
                  std::function<void(Fetched)> done) {
  auto shared_done = std::make_shared<std::function<void(Fetched)>>(std::move(done));
  client.submit(request_for(source, state), [&client, source, shared_done](http::Response response) {
    bool failed = !response.ok() && !response.not_modified();
    if (failed && source.kind == config::SourceKind::price && source.fallback && !source.fallback_url.empty()) {
      spdlog::warn("source {}: {}; trying fallback provider {}", source.id, http::describe_failure(response),
                   config::to_string(*source.fallback));
      config::Source fallback = source;
      fallback.price_provider = *source.fallback;
      fallback.url = source.fallback_url;
      fallback.fallback.reset();
      client.submit(request_for(fallback, std::nullopt), [fallback, shared_done](http::Response second) {
        (*shared_done)(Fetched{std::move(second), fallback});
      });
      return;
    }
    (*shared_done)(Fetched{std::move(response), source});
  });
}

}  // namespace watchdesk::pipeline
