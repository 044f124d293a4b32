// The Beast HTTP/1.1 responder: bounded request heads, idle timeouts and a connection cap, all on
// the daemon's one event loop.
#include "daemon/observability/metrics_server.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "daemon/web/status_page.hpp"

namespace watchdesk::observability {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

struct MetricsServer::Shared {
  Handlers handlers;
  Secret token;
  ListenerLimits limits;
  std::size_t open = 0;
};

namespace {
namespace listener_detail {

using Response = http::response<http::string_body>;

// A plain-text answer in the listener's historical layout: type, length, `Connection: close`.
Response plain(http::status status, std::string_view type, std::string body) {
  Response res{status, 11};
  res.set(http::field::content_type, type);
  res.set(http::field::content_length, std::to_string(body.size()));
  res.set(http::field::connection, "close");
  res.body() = std::move(body);
  return res;
}

// The page's and the API's headers: no script, no framing, no sniffing, no referrer.
void harden(Response& res) {
  res.set("Content-Security-Policy", web::kPagePolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set("X-Frame-Options", "DENY");
  res.set(http::field::cache_control, "no-store");
}

bool equal_in_constant_time(std::string_view a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<MetricsServer::Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {
    ++shared_->open;
    parser_.header_limit(static_cast<std::uint32_t>(shared_->limits.max_head_bytes));
    parser_.body_limit(0);
  }
  ~Session() {
    --shared_->open;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  void start() {
    stream_.expires_after(shared_->limits.idle);
    auto self = shared_from_this();
    http::async_read(stream_, buffer_, parser_,
                     [self](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  // Marks a connection over the cap: its request is read, then answered 503.
  void refuse() { over_cap_ = true; }

 private:
  void on_read(beast::error_code ec) {
    if (over_cap_ && !ec)
      return send(plain(http::status::service_unavailable, "text/plain; charset=utf-8", "too many connections\n"), false);
    if (ec == http::error::header_limit || ec == http::error::body_limit) {
      return send(plain(http::status::request_header_fields_too_large, "text/plain; charset=utf-8",
                        "request too large\n"), false);
    }
    if (ec) return;  // timed out, closed, or not HTTP: nothing to answer
    const auto& req = parser_.get();
    const bool head = req.method() == http::verb::head;
    if (static_cast<std::size_t>(std::distance(req.begin(), req.end())) > shared_->limits.max_headers)
      return send(plain(http::status::request_header_fields_too_large, "text/plain; charset=utf-8",
                        "too many header fields\n"), head);
    if (req.method() != http::verb::get && !head)
      return send(plain(http::status::method_not_allowed, "text/plain; charset=utf-8", "method not allowed\n"), false);
    std::string_view path(req.target().data(), req.target().size());
    if (auto q = path.find('?'); q != std::string_view::npos) path = path.substr(0, q);
    const auto& handlers = shared_->handlers;
    if (path == "/metrics")
      return send(plain(http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                        handlers.metrics ? handlers.metrics() : std::string()), head);
    if (path == "/healthz") {
      const bool ok = !handlers.healthy || handlers.healthy();
      return send(plain(ok ? http::status::ok : http::status::service_unavailable, "text/plain; charset=utf-8",
                        ok ? "ok\n" : "unhealthy\n"), head);
    }
    if (!handlers.page) return send(plain(http::status::not_found, "text/plain; charset=utf-8", "not found\n"), head);
    if (!shared_->token.empty()) {
      const auto auth = req[http::field::authorization];
      if (!authorized(std::string_view(auth.data(), auth.size()), shared_->token)) {
        auto res = plain(http::status::unauthorized, "text/plain; charset=utf-8", "authorization required\n");
        res.set(http::field::www_authenticate, "Bearer realm=\"watchdesk\", Basic realm=\"watchdesk\", charset=\"UTF-8\"");
        harden(res);
        return send(std::move(res), head);
      }
    }
    auto answer = handlers.page(path);
    auto res = answer ? plain(static_cast<http::status>(answer->status), answer->content_type, std::move(answer->body))
                      : plain(http::status::not_found, "text/plain; charset=utf-8", "not found\n");
    harden(res);
    send(std::move(res), head);
  }

  void send(Response res, bool head) {
    if (head) res.body().clear();
    response_ = std::move(res);
    stream_.expires_after(shared_->limits.idle);
    auto self = shared_from_this();
    http::async_write(stream_, response_, [self](beast::error_code ec, std::size_t) {
      if (ec) return;
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->drain();
    });
  }

  // Reads and drops what the client still sends until it closes (or the idle time passes), so
  // that closing never resets a connection whose answer is still on its way.
  void drain() {
    auto self = shared_from_this();
    stream_.async_read_some(asio::buffer(scratch_), [self](beast::error_code ec, std::size_t) {
      if (!ec) self->drain();
    });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<MetricsServer::Shared> shared_;
  beast::flat_buffer buffer_{8192};
  http::request_parser<http::empty_body> parser_;
  Response response_;
  std::array<char, 1024> scratch_{};
  bool over_cap_ = false;
};

}  // namespace listener_detail
}  // namespace

using namespace listener_detail;

bool authorized(std::string_view authorization, const Secret& token) {
  const auto scheme_end = authorization.find(' ');
  if (scheme_end == std::string_view::npos) return false;
  const auto scheme = authorization.substr(0, scheme_end);
  auto credentials = authorization.substr(scheme_end + 1);
  while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);
  const auto is = [&](std::string_view name) {
    return scheme.size() == name.size() &&
           std::equal(scheme.begin(), scheme.end(), name.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  };
  if (is("bearer")) return equal_in_constant_time(credentials, token.reveal());
  if (!is("basic")) return false;
  namespace base64 = beast::detail::base64;
  while (!credentials.empty() && credentials.back() == '=') credentials.remove_suffix(1);
  std::string decoded(credentials.size(), '\0');
  const auto [written, read] = base64::decode(decoded.data(), credentials.data(), credentials.size());
  if (read != credentials.size()) return false;
  decoded.resize(written);
  const auto colon = decoded.find(':');
  if (colon == std::string::npos) return false;
  return equal_in_constant_time(std::string_view(decoded).substr(colon + 1), token.reveal());
}

bool split_host_port(const std::string& address, std::string& host, unsigned short& port) {
  std::string port_text;
  if (!address.empty() && address.front() == '[') {
    auto close = address.find(']');
    if (close == std::string::npos || close + 1 >= address.size() || address[close + 1] != ':') return false;
    host = address.substr(1, close - 1);
    port_text = address.substr(close + 2);
  } else {
    auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = address.substr(0, colon);
    port_text = address.substr(colon + 1);
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || value > 65535) return false;
  port = static_cast<unsigned short>(value);
  return true;
}

MetricsServer::MetricsServer(asio::io_context& io, Handlers handlers, Secret token, ListenerLimits limits)
    : io_(io), acceptor_(io), shared_(std::make_shared<Shared>(Shared{std::move(handlers), std::move(token), limits})) {}

MetricsServer::~MetricsServer() { close(); }

Status MetricsServer::listen(const std::string& address) {
  std::string host;
  unsigned short port = 0;
  if (!split_host_port(address, host, port))
    return make_error("metrics address '" + address + "' is not host:port");
  if (host == "localhost") host = "127.0.0.1";
  boost::system::error_code ec;
  auto ip = asio::ip::make_address(host, ec);
  if (ec) return make_error("metrics address '" + address + "': " + ec.message());
  tcp::endpoint endpoint(ip, port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return make_error("cannot listen on " + address + " for metrics: " + ec.message());
  accept();
  return ok_status();
}

unsigned short MetricsServer::port() const {
  boost::system::error_code ec;
  auto ep = acceptor_.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void MetricsServer::close() {
  boost::system::error_code ec;
  acceptor_.close(ec);
}

void MetricsServer::accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      auto session = std::make_shared<Session>(std::move(socket), shared_);
      if (shared_->open > shared_->limits.max_connections) session->refuse();
      session->start();
    }
    accept();
  });
}

}  // namespace watchdesk::observability
