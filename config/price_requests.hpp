// What a price provider needs with each request besides its URL: headers, and Stooq's key.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.hpp"

namespace watchdesk::config {

/// The `User-Agent` sent to providers that refuse non-browser clients (Nasdaq).
inline constexpr std::string_view kBrowserUserAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

/// The headers a request to `provider` carries: a `User-Agent` (empty: the daemon's own
/// `user_agent`) and further headers (Nasdaq's `Referer` and `Accept`).
struct PriceRequestHeaders {
  std::string_view user_agent;
  std::vector<std::pair<std::string_view, std::string_view>> headers;
};

/// The headers of `provider`'s row: Nasdaq sends a browser-like `User-Agent`, `Referer:
/// https://www.nasdaq.com/` and `Accept: application/json`; Yahoo and Stooq send nothing extra.
PriceRequestHeaders price_request_headers(PriceProvider provider);

/// The URL fetched for `source` from its current provider: `source.url`, with `apikey=KEY`
/// appended for Stooq when the source has an `api_key`. The result holds the secret: it goes to
/// the HTTP client only, never into a log line unscrubbed.
std::string price_request_url(const Source& source);

}  // namespace watchdesk::config
