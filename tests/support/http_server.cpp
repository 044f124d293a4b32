// The in-process HTTP/1.1 test server: accept loop, request parsing, scripted responses.
#include "support/http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>
#include <stdexcept>

namespace watchdesk::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

std::string hex(std::size_t n) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, n, 16);
  (void)ec;
  return std::string(buffer, end);
}

/// Parses the request line and headers (without the blank line); throws on malformed input.
HttpRequest parse_head(std::string_view head) {
  HttpRequest request;
  auto line_end = head.find("\r\n");
  std::string_view line = head.substr(0, line_end);
  auto first = line.find(' ');
  auto second = line.find(' ', first == std::string_view::npos ? first : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) {
    throw std::runtime_error("malformed request line");
  }
  request.method = std::string(line.substr(0, first));
  request.target = std::string(line.substr(first + 1, second - first - 1));
  request.version = std::string(line.substr(second + 1));
  auto question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  std::size_t at = line_end == std::string_view::npos ? head.size() : line_end + 2;
  while (at < head.size()) {
    auto end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    std::string_view header = head.substr(at, end - at);
    auto colon = header.find(':');
    if (colon != std::string_view::npos) {
      request.headers.emplace_back(std::string(trim(header.substr(0, colon))),
                                   std::string(trim(header.substr(colon + 1))));
    }
    at = end + 2;
  }
  return request;
}

}  // namespace

std::string_view HttpRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

bool HttpRequest::has_header(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return iequals(header.first, name); });
}

HttpResponse HttpResponse::text(int status, std::string body, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers.emplace_back("Content-Type", std::move(content_type));
  return response;
}

HttpResponse HttpResponse::redirect(int status, std::string location) {
  HttpResponse response;
  response.status = status;
  response.headers.emplace_back("Location", std::move(location));
  return response;
}

HttpResponse& HttpResponse::with_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

HttpServer::HttpServer(ServerOptions options) : options_(std::move(options)), acceptor_(io_) {
  const tcp::endpoint endpoint(asio::ip::make_address(options_.address), 0);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(tcp::acceptor::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
  port_ = acceptor_.local_endpoint().port();
  asio::co_spawn(io_, accept_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
}

HttpServer::~HttpServer() {
  io_.stop();
  thread_.join();
}

std::string HttpServer::base_url() const {
  const bool v6 = options_.address.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + options_.address + "]" : options_.address) + ":" + std::to_string(port_);
}

std::string HttpServer::url(std::string_view path) const { return base_url() + std::string(path); }

void HttpServer::on(std::string path, Handler handler) {
  std::lock_guard lock(mutex_);
  handlers_[std::move(path)] = std::move(handler);
}

void HttpServer::on_default(Handler handler) {
  std::lock_guard lock(mutex_);
  fallback_ = std::move(handler);
}

std::vector<HttpRequest> HttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

std::vector<HttpRequest> HttpServer::requests(std::string_view path) const {
  std::lock_guard lock(mutex_);
  std::vector<HttpRequest> out;
  for (const auto& request : requests_) {
    if (request.path == path) out.push_back(request);
  }
  return out;
}

std::size_t HttpServer::count(std::string_view path) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(requests_.begin(), requests_.end(),
                                                [&](const HttpRequest& r) { return r.path == path; }));
}

std::size_t HttpServer::count() const {
  std::lock_guard lock(mutex_);
  return requests_.size();
}

std::size_t HttpServer::connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

int HttpServer::max_concurrent() const {
  std::lock_guard lock(mutex_);
  return max_active_;
}

void HttpServer::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
  max_active_ = active_;
}

Handler HttpServer::serve(HttpResponse response) {
  return [response = std::move(response)](const HttpRequest&) { return response; };
}

Handler HttpServer::conditional(std::string etag, std::string last_modified, std::string body) {
  return [etag = std::move(etag), last_modified = std::move(last_modified),
          body = std::move(body)](const HttpRequest& request) {
    const bool etag_matches = !etag.empty() && request.header("If-None-Match") == etag;
    const bool date_matches = !last_modified.empty() && request.header("If-Modified-Since") == last_modified;
    HttpResponse response;
    if (etag_matches || date_matches) {
      response.status = 304;
    } else {
      response.body = body;
      response.headers.emplace_back("Content-Type", "text/plain");
    }
    if (!etag.empty()) response.headers.emplace_back("ETag", etag);
    if (!last_modified.empty()) response.headers.emplace_back("Last-Modified", last_modified);
    return response;
  };
}

Handler HttpServer::handler_for(const std::string& path) const {
  std::lock_guard lock(mutex_);
  auto it = handlers_.find(path);
  if (it != handlers_.end()) return it->second;
  return fallback_;
}

asio::awaitable<void> HttpServer::accept_loop() {
  for (;;) {
    tcp::socket socket = co_await acceptor_.async_accept(asio::use_awaitable);
    boost::system::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::uint64_t id = 0;
    {
      std::lock_guard lock(mutex_);
      id = ++connections_;
    }
    asio::co_spawn(io_, session(std::move(socket), id), asio::detached);
  }
}

asio::awaitable<void> HttpServer::session(tcp::socket socket, std::uint64_t id) {
  std::string buffer;
  try {
    for (;;) {
      const std::size_t head_size =
          co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n\r\n", asio::use_awaitable);
      HttpRequest request = parse_head(std::string_view(buffer).substr(0, head_size - 4));
      buffer.erase(0, head_size);
      request.connection = id;
      if (iequals(request.header("Expect"), "100-continue")) {
        static const std::string go_on = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(socket, asio::buffer(go_on), asio::use_awaitable);
      }

      if (iequals(request.header("Transfer-Encoding"), "chunked")) {
        for (;;) {
          const std::size_t line = co_await asio::async_read_until(socket, asio::dynamic_buffer(buffer), "\r\n",
                                                                   asio::use_awaitable);
          std::size_t size = 0;
          std::from_chars(buffer.data(), buffer.data() + line, size, 16);
          buffer.erase(0, line);
          if (buffer.size() < size + 2) {
            co_await asio::async_read(socket, asio::dynamic_buffer(buffer),
                                      asio::transfer_at_least(size + 2 - buffer.size()), asio::use_awaitable);
          }
          request.body.append(buffer, 0, size);
          buffer.erase(0, size + 2);
          if (size == 0) break;
        }
      } else if (auto length_text = request.header("Content-Length"); !length_text.empty()) {
        std::size_t length = 0;
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
        if (buffer.size() < length) {
          co_await asio::async_read(socket, asio::dynamic_buffer(buffer),
                                    asio::transfer_at_least(length - buffer.size()), asio::use_awaitable);
        }
        request.body = buffer.substr(0, length);
        buffer.erase(0, length);
      }
      request.received = std::chrono::steady_clock::now();

      Handler handler = handler_for(request.path);
      HttpResponse response;
      if (handler) {
        try {
          response = handler(request);
        } catch (const std::exception& e) {
          response = HttpResponse::text(500, std::string("handler threw: ") + e.what());
        }
      } else {
        response = HttpResponse::text(404, "no handler for " + request.path);
      }
      const bool client_closes = iequals(request.header("Connection"), "close") || request.version == "HTTP/1.0";
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(std::move(request));
        ++active_;
        max_active_ = std::max(max_active_, active_);
      }
      struct Done {
        HttpServer* server;
        ~Done() {
          std::lock_guard lock(server->mutex_);
          --server->active_;
        }
      } done{this};
      co_await respond(socket, response);
      if (response.close || client_closes || response.truncate_after || response.framing == Framing::close) {
        boost::system::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
        socket.close(ignored);
        co_return;
      }
    }
  } catch (const std::exception&) {
    // The peer went away or sent something unparseable: this connection is done.
  }
}

asio::awaitable<void> HttpServer::respond(tcp::socket& socket, const HttpResponse& response) {
  if (response.delay.count() > 0) {
    asio::steady_timer timer(socket.get_executor(), response.delay);
    co_await timer.async_wait(asio::use_awaitable);
  }
  if (response.raw) {
    co_await asio::async_write(socket, asio::buffer(*response.raw), asio::use_awaitable);
    co_return;
  }
  std::string head = "HTTP/1.1 " + std::to_string(response.status) + " " + reason_phrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
  const bool no_body = response.status == 304 || response.status == 204 || response.status < 200;
  switch (response.framing) {
    case Framing::length:
      if (!no_body) head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
      break;
    case Framing::chunked:
      head += "Transfer-Encoding: chunked\r\n";
      break;
    case Framing::close:
      head += "Connection: close\r\n";
      break;
  }
  if (response.close && response.framing != Framing::close) head += "Connection: close\r\n";
  head += "\r\n";

  // The body as it goes on the wire, and how much of it is sent before closing (truncation).
  std::string wire;
  if (!no_body) {
    if (response.framing == Framing::chunked) {
      const std::size_t step = response.chunk_size == 0 ? std::max<std::size_t>(response.body.size(), 1)
                                                        : response.chunk_size;
      for (std::size_t at = 0; at < response.body.size(); at += step) {
        const std::size_t n = std::min(step, response.body.size() - at);
        wire += hex(n) + "\r\n" + response.body.substr(at, n) + "\r\n";
      }
      wire += "0\r\n\r\n";
    } else {
      wire = response.body;
    }
  }
  std::size_t limit = wire.size();
  if (response.truncate_after) {
    // Count body bytes, not framing: find where the n-th body byte ends on the wire.
    if (response.framing == Framing::chunked) {
      std::size_t body_seen = 0;
      std::size_t at = 0;
      while (at < wire.size() && body_seen < *response.truncate_after) {
        const auto line_end = wire.find("\r\n", at);
        std::size_t n = 0;
        std::from_chars(wire.data() + at, wire.data() + line_end, n, 16);
        const std::size_t take = std::min(n, *response.truncate_after - body_seen);
        body_seen += take;
        at = line_end + 2 + take;
        if (take == n) at += 2;
      }
      limit = at;
    } else {
      limit = std::min(*response.truncate_after, wire.size());
    }
  }

  if (response.drip.count() == 0) {
    head.append(wire, 0, limit);
    co_await asio::async_write(socket, asio::buffer(head), asio::use_awaitable);
    co_return;
  }
  co_await asio::async_write(socket, asio::buffer(head), asio::use_awaitable);
  asio::steady_timer timer(socket.get_executor());
  for (std::size_t i = 0; i < limit; ++i) {
    timer.expires_after(response.drip);
    co_await timer.async_wait(asio::use_awaitable);
    co_await asio::async_write(socket, asio::buffer(wire.data() + i, 1), asio::use_awaitable);
  }
}

}  // namespace watchdesk::testing
