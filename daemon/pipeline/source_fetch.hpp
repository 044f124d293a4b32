// Fetching one source through the HTTP engine: conditional GET from stored validators, and the
// price fallback provider when the first one fails.
#pragma once

#include <functional>
#include <optional>

#include "config/config.hpp"
#include "daemon/http/client.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::pipeline {

/// A finished fetch: the response (owning the body) and the source as it was fetched (the fallback
/// provider's when that one answered). `outcome_of(response)` gives the ingestor's view.
struct Fetched {
  http::Response response;
  config::Source source;
};

/// Fetches `source` (with `If-None-Match` / `If-Modified-Since` from `state` when it belongs to the
/// same URL); a failed `price` source with a `fallback` is tried once with the fallback provider.
void fetch_source(http::Client& client, const config::Source& source, const std::optional<store::FetchState>& state,
                  std::function<void(Fetched)> done);

/// The ingestor's view of a response; it points into `response.body`, so take it where the
/// response will stay put.
FetchOutcome outcome_of(const http::Response& response);

}  // namespace watchdesk::pipeline
