// What the HTTP engine is asked to transfer (`Request`) and what it hands back (`Response`).
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "core/time.hpp"

namespace watchdesk::http {

/// One header as a name and a value (`If-None-Match`, `"abc"`).
using Header = std::pair<std::string, std::string>;

/// What the transfer does: a download, a POST of `Request::body`, or an upload of `Request::body`
/// through a read callback (`PUT` over HTTP, a message over `smtp://` / `smtps://`).
enum class Method { get, post, upload };

/// The URL schemes a request may use. `web`: http and https; `web_and_file`: also `file://`
/// (`Client` sets one of these two from its `file_urls` option, whatever the request asked);
/// `mail`: smtp and smtps. Redirects go only to http and https, never to `file://`; mail
/// requests follow none.
enum class Protocols { web, web_and_file, mail };

/// Whether a `get` follows `Location:` redirects (at most `Limits::max_redirects`). `Client`
/// follows them itself, each hop as a request of its own through the politeness rules of the host
/// it goes to (rate, connections, SEC User-Agent rule, SEC 403 pause).
enum class Redirects { follow, refuse };

/// What a request is for: a source's fetch, or an alert's delivery. Deliveries have their own
/// connections per host and go ahead of fetches; they take no token from a host's rate budget.
enum class Purpose { fetch, delivery };

/// The validators of a conditional GET: sent as `If-None-Match` / `If-Modified-Since`, returned
/// from the response as `ETag` / `Last-Modified`. Empty strings are not sent.
struct Validators {
  std::string etag;
  std::string last_modified;
  /// True when neither validator is set.
  bool empty() const { return etag.empty() && last_modified.empty(); }
};

/// Transfer limits; a zero value means "the client's default" when submitted through `Client`.
struct Limits {
  /// Largest body accepted, after decompression (bytes).
  std::size_t max_body = 0;
  /// Time allowed to connect, and for the whole transfer.
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds timeout{0};
  /// A transfer slower than `low_speed_limit` bytes/s for `low_speed_time` is aborted.
  long low_speed_limit = 0;
  std::chrono::seconds low_speed_time{0};
  /// Redirects followed at most (a `get` with `Redirects::follow`).
  long max_redirects = 5;
};

/// STARTTLS policy of an `smtp://` upload (`smtps://` is TLS from the start).
enum class MailTls { required, none };

/// The SMTP envelope and login of a `Method::upload` over `smtp://` / `smtps://`.
struct MailEnvelope {
  /// `MAIL FROM` and `RCPT TO` addresses (bare `desk@example.com`).
  std::string from;
  std::vector<std::string> recipients;
  /// SMTP login (empty: none).
  std::string username;
  /// Never logged.
  Secret password;
  MailTls tls = MailTls::required;
};

/// One transfer to make. Fields the caller leaves empty are filled in by `Client::submit` from its
/// options (user agent, limits, CA file).
struct Request {
  /// What to fetch or where to send.
  std::string url;
  Method method = Method::get;
  /// Schemes allowed for `url` and its redirects.
  Protocols protocols = Protocols::web;
  /// Whether a `get` follows redirects.
  Redirects redirects = Redirects::follow;
  /// A fetch or a delivery.
  Purpose purpose = Purpose::fetch;
  /// Extra request headers.
  std::vector<Header> headers;
  /// The POST body or the uploaded data (moved in, never copied by the engine).
  std::string body;
  /// Validators for a conditional GET.
  Validators validators;
  /// Sent as `User-Agent`.
  std::string user_agent;
  Limits limits;
  /// A CA bundle to verify TLS peers with (empty: the system's). Verification is always on.
  std::string ca_file;
  /// `host:port:address` entries pinning a name to an address (CURLOPT_RESOLVE), for tests and
  /// for pinning an endpoint.
  std::vector<std::string> resolve;
  /// SMTP envelope, for an upload to `smtp://` or `smtps://`.
  std::optional<MailEnvelope> mail;
  /// Who the transfer is for, as log lines name it (`source crwv-price`, `channel desk`).
  std::string label;
  /// Called last while the easy handle is set up, for options the engine has no field for.
  /// It lives as long as the transfer, so anything it points libcurl at can be captured in it.
  std::function<void(CURL*)> configure;
};

/// How a transfer failed, for decisions and messages; `none` when it completed.
enum class Failure {
  none,
  /// An HTTP status outside 2xx/304 (the transfer itself completed).
  http_status,
  /// The body was larger than the cap (from `Content-Length` or while receiving).
  too_large,
  /// The total timeout or the connect timeout expired.
  timeout,
  /// The low-speed limit aborted the transfer.
  too_slow,
  /// The host could not be resolved or the connection was refused.
  connect,
  /// More than the allowed number of redirects.
  too_many_redirects,
  /// A URL or a redirect used a scheme that is not allowed.
  protocol_refused,
  /// TLS failed (certificate, handshake).
  tls,
  /// The body ended before its declared end (truncated, bad chunking).
  truncated,
  /// The request never started: the host is paused after a refusal (SEC 403), or the request
  /// was invalid.
  not_started,
  /// Cancelled at shutdown.
  cancelled,
  /// Waited longer than `ClientOptions::connect_wait` for a free connection to its host: it says
  /// nothing about the source, and is tried again later.
  no_connection,
  /// Any other transfer error (`curl_code` and `error` say which).
  other,
};

/// What came back. The body is moved out of the transfer, never copied.
struct Response {
  /// The requested URL and the URL after redirects.
  std::string url;
  std::string effective_url;
  /// Where a 3xx answer points (absolute), when it has a `Location`.
  std::string redirect_url;
  /// Redirects followed to reach this answer.
  int redirects = 0;
  /// The response code: HTTP status, SMTP reply code, or 0 when there was no answer.
  long status = 0;
  /// The decoded body (capped by `Limits::max_body`).
  std::string body;
  /// Headers of the final response, in order.
  std::vector<Header> headers;
  /// Validators from the final response (`ETag`, `Last-Modified`).
  Validators validators;
  /// `Content-Type` of the final response.
  std::string content_type;
  /// `Retry-After` of the final response as a delay from when it arrived.
  std::optional<Seconds> retry_after;
  /// libcurl's result code (CURLE_OK on success) and its message with detail.
  CURLcode curl_code = CURLE_OK;
  std::string error;
  Failure failure = Failure::none;
  /// The HTTP version used (CURL_HTTP_VERSION_1_1, CURL_HTTP_VERSION_2_0, ...; 0 when none).
  long http_version = 0;
  /// Time from start to end of the transfer, and body bytes received after decoding.
  std::chrono::microseconds elapsed{0};
  std::uint64_t bytes = 0;

  /// True when the transfer completed with a 2xx status (or a `file://` read, which has none).
  bool ok() const { return failure == Failure::none && status != 304; }
  /// True for `304 Not Modified`: the validators matched, there is no body to parse.
  bool not_modified() const { return failure == Failure::none && status == 304; }
  /// The first header named `name` (any case), or empty.
  std::string_view header(std::string_view name) const;
};

/// A one-line account of what went wrong, for operators: `HTTP 429 from stooq.com`,
/// `cannot connect to 127.0.0.1: Connection refused`, `body over the 16 MiB cap from www.sec.gov`.
/// Empty when `response` is a success.
std::string describe_failure(const Response& response);

/// `16 MiB`, `512 KiB`, `900 B`: a byte count for messages.
std::string format_bytes(std::size_t bytes);

}  // namespace watchdesk::http
