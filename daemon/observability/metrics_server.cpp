// A small HTTP/1.1 responder for `/metrics` and `/healthz`.
#include "daemon/observability/metrics_server.hpp"

#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <charconv>
#include <memory>

namespace watchdesk::observability {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const MetricsServer::Handlers& handlers)
      : socket_(std::move(socket)), handlers_(handlers), buffer_(8192) {}

  void start() {
    auto self = shared_from_this();
    asio::async_read_until(socket_, buffer_, "\r\n\r\n",
                           [self](const boost::system::error_code& ec, std::size_t) { self->on_request(ec); });
  }

 private:
  void on_request(const boost::system::error_code& ec) {
    if (ec) return;
    std::string head(asio::buffers_begin(buffer_.data()), asio::buffers_end(buffer_.data()));
    auto line_end = head.find("\r\n");
    std::string line = head.substr(0, line_end);
    std::string status = "404 Not Found", type = "text/plain; charset=utf-8", body = "not found\n";
    if (line.rfind("GET ", 0) != 0 && line.rfind("HEAD ", 0) != 0) {
      status = "405 Method Not Allowed";
      body = "method not allowed\n";
    } else {
      auto path_start = line.find(' ') + 1;
      auto path = line.substr(path_start, line.find(' ', path_start) - path_start);
      if (auto q = path.find('?'); q != std::string::npos) path.resize(q);
      if (path == "/metrics") {
        status = "200 OK";
        type = "text/plain; version=0.0.4; charset=utf-8";
        body = handlers_.metrics ? handlers_.metrics() : std::string();
      } else if (path == "/healthz") {
        bool ok = !handlers_.healthy || handlers_.healthy();
        status = ok ? "200 OK" : "503 Service Unavailable";
        body = ok ? "ok\n" : "unhealthy\n";
      }
    }
    response_ = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " +
                std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
    if (line.rfind("HEAD ", 0) != 0) response_ += body;
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(response_), [self](const boost::system::error_code&, std::size_t) {
      boost::system::error_code ignored;
      self->socket_.shutdown(tcp::socket::shutdown_both, ignored);
    });
  }

  tcp::socket socket_;
  const MetricsServer::Handlers& handlers_;
  asio::streambuf buffer_;
  std::string response_;
};

}  // namespace

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

MetricsServer::MetricsServer(asio::io_context& io, Handlers handlers)
    : io_(io), acceptor_(io), handlers_(std::move(handlers)) {}

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
    if (!ec) std::make_shared<Session>(std::move(socket), handlers_)->start();
    accept();
  });
}

}  // namespace watchdesk::observability
