// An in-process HTTP/1.1 test server on Boost.Asio with scripted behaviour per path.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace watchdesk::testing {

/// A request as the server received it.
struct HttpRequest {
  std::string method;
  /// The request target as sent (`/feed?page=2`), its path (`/feed`) and query (`page=2`).
  std::string target;
  std::string path;
  std::string query;
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;
  /// The body (de-chunked when sent chunked).
  std::string body;
  /// When the whole request had arrived (steady clock of this process).
  std::chrono::steady_clock::time_point received;
  /// Which connection it came on (numbered from 1 in accept order), to see connection reuse.
  std::uint64_t connection = 0;

  /// The first header named `name` (any case), or empty.
  std::string_view header(std::string_view name) const;
  /// True when a header named `name` was sent.
  bool has_header(std::string_view name) const;
};

/// How a scripted response is framed on the wire.
enum class Framing {
  /// `Content-Length`.
  length,
  /// `Transfer-Encoding: chunked`, in chunks of `HttpResponse::chunk_size` bytes.
  chunked,
  /// No length: the body ends when the server closes the connection.
  close,
};

/// What the server answers; every field has a plain default (200, empty body, Content-Length).
struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  Framing framing = Framing::length;
  /// Chunk size for `Framing::chunked` (0: one chunk).
  std::size_t chunk_size = 0;
  /// Send only this many body bytes, then close the connection (a truncated body: the declared
  /// length or the chunk header promise more).
  std::optional<std::size_t> truncate_after;
  /// Send the body one byte at a time, pausing this long before each byte.
  std::chrono::milliseconds drip{0};
  /// Wait this long before sending anything.
  std::chrono::milliseconds delay{0};
  /// Close the connection after this response.
  bool close = false;
  /// Bytes sent as they are instead of a formatted response (then everything above but
  /// `delay` and `close` is ignored).
  std::optional<std::string> raw;

  /// A response with a body and a `Content-Type`.
  static HttpResponse text(int status, std::string body, std::string content_type = "text/plain");
  /// A redirect to `location`.
  static HttpResponse redirect(int status, std::string location);
  /// Adds a header; returns the response for chaining.
  HttpResponse& with_header(std::string name, std::string value);
};

/// Answers one request; runs on the server's thread, one request at a time.
using Handler = std::function<HttpResponse(const HttpRequest&)>;

/// Where the server listens.
struct ServerOptions {
  /// `127.0.0.1` or `::1`.
  std::string address = "127.0.0.1";
};

/// An HTTP/1.1 server on an ephemeral loopback port, with its own `io_context` on its own
/// thread. It listens before the constructor returns; the destructor stops and joins it.
/// Handlers can be changed while it runs; every request is recorded. Paths without a handler
/// get 404. Keep-alive is supported; HEAD is not special.
class HttpServer {
 public:
  explicit HttpServer(ServerOptions options = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// The port listened on.
  unsigned short port() const { return port_; }
  /// `http://127.0.0.1:PORT` (or `http://[::1]:PORT`).
  std::string base_url() const;
  /// `base_url() + path`.
  std::string url(std::string_view path) const;

  /// Serves `path` (exact match on the path, without the query) with `handler`.
  void on(std::string path, Handler handler);
  /// Serves paths that have no handler of their own.
  void on_default(Handler handler);

  /// Every request received so far, in arrival order (a copy).
  std::vector<HttpRequest> requests() const;
  /// The requests received for `path`.
  std::vector<HttpRequest> requests(std::string_view path) const;
  /// How many requests arrived for `path`, and in total.
  std::size_t count(std::string_view path) const;
  std::size_t count() const;
  /// Connections accepted so far.
  std::size_t connections() const;
  /// The most requests that were being answered at the same time.
  int max_concurrent() const;
  /// Forgets the recorded requests and the concurrency peak.
  void clear();

  /// A handler that always answers `response`.
  static Handler serve(HttpResponse response);
  /// A handler for a document with validators: 304 when `If-None-Match` matches `etag` or
  /// `If-Modified-Since` equals `last_modified`, else 200 with the body and both validators.
  static Handler conditional(std::string etag, std::string last_modified, std::string body);

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> session(boost::asio::ip::tcp::socket socket, std::uint64_t id);
  boost::asio::awaitable<void> respond(boost::asio::ip::tcp::socket& socket, const HttpResponse& response);
  Handler handler_for(const std::string& path) const;

  ServerOptions options_;
  unsigned short port_ = 0;
  mutable std::mutex mutex_;
  std::map<std::string, Handler, std::less<>> handlers_;
  Handler fallback_;
  std::vector<HttpRequest> requests_;
  std::size_t connections_ = 0;
  int active_ = 0;
  int max_active_ = 0;
  // Declared last so that suspended sessions, destroyed with `io_`, still find the state above.
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

/// A test fixture: an event loop and a loopback server with the default options.
struct ServerFixture {
  boost::asio::io_context io;
  HttpServer server;
};

}  // namespace watchdesk::testing
