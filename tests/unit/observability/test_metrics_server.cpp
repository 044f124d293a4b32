// Tests for daemon/observability/metrics_server.cpp: `/metrics` and `/healthz` answered byte for
// byte as before, the page behind a token, its security headers, and the bounds on request size,
// idle time and connections.
#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "daemon/observability/metrics_server.hpp"

using namespace watchdesk;
using namespace watchdesk::observability;
namespace asio = boost::asio;
using asio::ip::tcp;

BOOST_AUTO_TEST_SUITE(observability_metrics_server)

namespace {

// A listener on an ephemeral loopback port, its loop on a thread of its own.
struct LoopbackListener {
  explicit LoopbackListener(Secret token = {}, ListenerLimits limits = {}) {
    MetricsServer::Handlers handlers{
        [] { return std::string("watchdesk_up 1\n"); }, [] { return true; },
        [](std::string_view path) -> std::optional<PageResponse> {
          if (path == "/") return PageResponse{200, "text/html; charset=utf-8", "<p>page</p>"};
          return std::nullopt;
        }};
    server = std::make_unique<MetricsServer>(io, std::move(handlers), std::move(token), limits);
    BOOST_TEST_REQUIRE(server->listen("127.0.0.1:0").ok());
    loop = std::thread([this] { io.run(); });
  }
  ~LoopbackListener() {
    std::promise<void> closed;
    asio::post(io, [&] {
      server.reset();
      closed.set_value();
    });
    closed.get_future().wait();
    guard.reset();
    io.stop();
    loop.join();
  }
  // A connection to the listener, with a receive timeout so a test never hangs.
  tcp::socket connect() {
    tcp::socket s(client_io);
    s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port()));
    timeval tv{5, 0};
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return s;
  }
  // Sends `request` and reads the whole answer up to the listener's close.
  std::string exchange(const std::string& request) {
    auto s = connect();
    asio::write(s, asio::buffer(request));
    return read_all(s);
  }
  static std::string read_all(tcp::socket& s) {
    std::string out;
    boost::system::error_code ec;
    char buf[4096];
    for (;;) {
      auto n = s.read_some(asio::buffer(buf), ec);
      out.append(buf, n);
      if (ec) break;
    }
    return out;
  }
  unsigned short port() const { return server->port(); }

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> guard{io.get_executor()};
  asio::io_context client_io;
  std::unique_ptr<MetricsServer> server;
  std::thread loop;
};

std::string get_request(const std::string& path, const std::string& extra = {}) {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(metrics_and_healthz_are_answered_byte_for_byte_as_before) {
  LoopbackListener l;
  BOOST_TEST(l.exchange(get_request("/healthz")) ==
             "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nConnection: "
             "close\r\n\r\nok\n");
  BOOST_TEST(l.exchange(get_request("/metrics?x=1")) ==
             "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: "
             "15\r\nConnection: close\r\n\r\nwatchdesk_up 1\n");
  BOOST_TEST(l.exchange("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n") ==
             "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nConnection: "
             "close\r\n\r\n");
  BOOST_TEST(l.exchange("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").rfind("HTTP/1.1 405 ", 0) == 0u);
  BOOST_TEST(l.exchange(get_request("/nothing-here")).rfind("HTTP/1.1 404 ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(the_page_carries_a_strict_content_security_policy) {
  LoopbackListener l;
  const auto answer = l.exchange(get_request("/"));
  BOOST_TEST(answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0u);
  BOOST_TEST(answer.find("Content-Security-Policy: default-src 'none';") != std::string::npos);
  BOOST_TEST(answer.find("frame-ancestors 'none'") != std::string::npos);
  BOOST_TEST(answer.find("script-src") == std::string::npos);
  BOOST_TEST(answer.find("X-Content-Type-Options: nosniff\r\n") != std::string::npos);
  BOOST_TEST(answer.find("Referrer-Policy: no-referrer\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(with_a_token_the_page_needs_it_and_metrics_stay_open) {
  LoopbackListener l(Secret("s3cret-token"));
  const auto refused = l.exchange(get_request("/"));
  BOOST_TEST(refused.rfind("HTTP/1.1 401 ", 0) == 0u);
  BOOST_TEST(refused.find("WWW-Authenticate: Bearer realm=\"watchdesk\"") != std::string::npos);
  BOOST_TEST(refused.find("s3cret") == std::string::npos);
  BOOST_TEST(l.exchange(get_request("/", "Authorization: Bearer wrong\r\n")).rfind("HTTP/1.1 401 ", 0) == 0u);
  BOOST_TEST(l.exchange(get_request("/", "Authorization: Bearer s3cret-token\r\n")).rfind("HTTP/1.1 200 ", 0) == 0u);
  // desk:s3cret-token
  BOOST_TEST(l.exchange(get_request("/", "Authorization: Basic ZGVzazpzM2NyZXQtdG9rZW4=\r\n")).rfind("HTTP/1.1 200 ", 0) == 0u);
  BOOST_TEST(l.exchange(get_request("/metrics")).rfind("HTTP/1.1 200 ", 0) == 0u);
  BOOST_TEST(l.exchange(get_request("/healthz")).rfind("HTTP/1.1 200 ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(authorization_headers_are_read_strictly) {
  const Secret token("tok");
  struct Case {
    std::string header;
    bool ok;
  };
  const std::vector<Case> cases{
      {"Bearer tok", true},        {"bearer tok", true},          {"Bearer tok2", false},
      {"Bearer to", false},        {"Bearer", false},             {"Basic dTp0b2s=", true},   // u:tok
      {"Basic OnRvaw==", true},    {"Basic dTp0b2t4", false},     {"Basic !!!", false},       // :tok, u:tokx
      {"Basic dG9r", false},       {"Digest tok", false},         {"", false},                // "tok", no colon
  };
  for (const auto& c : cases) BOOST_TEST(authorized(c.header, token) == c.ok, c.header);
}

BOOST_AUTO_TEST_CASE(an_oversized_request_head_is_refused) {
  LoopbackListener l;
  const auto answer = l.exchange(get_request("/metrics", "X-Filler: " + std::string(9000, 'a') + "\r\n"));
  BOOST_TEST(answer.rfind("HTTP/1.1 431 ", 0) == 0u, answer.substr(0, 40));
  std::string many;
  for (int i = 0; i < 80; ++i) many += "X-H" + std::to_string(i) + ": 1\r\n";
  BOOST_TEST(l.exchange(get_request("/metrics", many)).rfind("HTTP/1.1 431 ", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_silent_client_neither_blocks_others_nor_stays_forever) {
  ListenerLimits limits;
  limits.idle = std::chrono::milliseconds(300);
  LoopbackListener l({}, limits);
  auto silent = l.connect();
  asio::write(silent, asio::buffer(std::string("GET /metr")));
  // Others are answered while the silent one waits.
  BOOST_TEST(l.exchange(get_request("/healthz")).rfind("HTTP/1.1 200 ", 0) == 0u);
  // The silent one is closed after the idle time, unanswered (the read ends well before its 5 s timeout).
  const auto t0 = std::chrono::steady_clock::now();
  BOOST_TEST(LoopbackListener::read_all(silent).empty());
  BOOST_TEST((std::chrono::steady_clock::now() - t0 < std::chrono::seconds(4)));
}

BOOST_AUTO_TEST_CASE(connections_over_the_cap_are_turned_away) {
  ListenerLimits limits;
  limits.max_connections = 2;
  LoopbackListener l({}, limits);
  auto a = l.connect();
  auto b = l.connect();
  // Each held connection is accepted before the next is; the third finds the cap reached.
  asio::write(a, asio::buffer(std::string("G")));
  asio::write(b, asio::buffer(std::string("G")));
  const auto third = l.exchange(get_request("/healthz"));
  BOOST_TEST(third.rfind("HTTP/1.1 503 ", 0) == 0u, third.substr(0, 40));
}

BOOST_AUTO_TEST_SUITE_END()
