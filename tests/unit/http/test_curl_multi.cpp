// Tests for daemon/http/curl_multi.cpp: what the multi handle leaves on the loop once it is idle.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <optional>
#include <string>

#include "daemon/http/curl_multi.hpp"
#include "support/http_server.hpp"
#include "support/run_loop.hpp"

using namespace watchdesk;
using namespace watchdesk::http;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::ServerFixture;
using watchdesk::testing::run_until;
using namespace std::chrono_literals;

namespace {

/// Starts a GET of `url` on `multi` and runs the loop until it completes.
Response get_with(boost::asio::io_context& io, CurlMulti& multi, std::string url, Limits limits = {}) {
  Request request;
  request.url = std::move(url);
  request.limits = limits;
  std::optional<Response> result;
  multi.start(std::move(request), [&](Response response) { result = std::move(response); });
  BOOST_REQUIRE(run_until(io, [&] { return result.has_value(); }, 15s));
  return std::move(*result);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_curl_multi)

// libcurl arms timeouts while a transfer runs (connect, total, low speed) and asks for none once
// it is done: no wait may be left behind to keep `io_context::run` (and a `check`) from returning.
BOOST_FIXTURE_TEST_CASE(leaves_the_loop_no_work_once_its_transfers_are_done, ServerFixture) {
  server.on("/doc", HttpServer::serve(HttpResponse::text(200, "doc")));
  CurlMulti multi(io);
  Limits limits;
  limits.connect_timeout = 5s;
  limits.timeout = 10s;
  limits.low_speed_limit = 64;
  limits.low_speed_time = 30s;
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(get_with(io, multi, server.url("/doc"), limits).ok());
    BOOST_TEST(multi.active() == 0u);
    // What is left are handlers already due (cancelled waits); after them the loop has no work.
    io.poll();
    BOOST_TEST(io.stopped(), "transfer " << i << " left work on the loop");
    io.restart();
  }
  BOOST_TEST(server.connections() == 1u);
}

// Between two transfers a connection waits in libcurl's cache: its socket stays registered with
// the loop (no waits armed), instead of being registered again for every request.
BOOST_FIXTURE_TEST_CASE(registers_a_reused_connections_socket_once, ServerFixture) {
  server.on("/doc", HttpServer::serve(HttpResponse::text(200, "doc")));
  CurlMulti multi(io);
  for (int i = 0; i < 5; ++i) BOOST_TEST(get_with(io, multi, server.url("/doc")).ok());
  BOOST_TEST(server.connections() == 1u);
  BOOST_TEST(multi.socket_registrations() == 1u);
}

// A connection the server closes is closed by libcurl on its next use and a new one opened: the
// new socket (often with the old one's number) is registered anew and its transfer completes.
BOOST_FIXTURE_TEST_CASE(registers_the_socket_of_a_new_connection_after_one_is_closed, ServerFixture) {
  HttpResponse closing = HttpResponse::text(200, "bye");
  closing.close = true;
  server.on("/bye", HttpServer::serve(closing));
  CurlMulti multi(io);
  for (int i = 0; i < 4; ++i) BOOST_TEST(get_with(io, multi, server.url("/bye")).ok(), "transfer " << i);
  BOOST_TEST(server.connections() == 4u);
  BOOST_TEST(multi.socket_registrations() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
