// Tests for daemon/http/client.cpp: redirects followed hop by hop under each host's rules, no
// head-of-line wait inside libcurl, a bounded wait for a connection, and deliveries ahead of fetches.
#include <boost/test/unit_test.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "daemon/http/client.hpp"
#include "support/http_server.hpp"
#include "support/run_loop.hpp"

BOOST_AUTO_TEST_SUITE(http_client_hops)

namespace {

using namespace watchdesk;
using namespace watchdesk::http;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::run_until;
using namespace std::chrono_literals;
using HopClock = std::chrono::steady_clock;

ClientOptions hop_options() {
  ClientOptions options;
  options.user_agent = "watchdesk-tests ops@watchdesk.example";
  options.host_rate = 1000;
  options.sec_rate = 8;
  options.host_connections = 4;
  options.connect_timeout = 5s;
  options.timeout = 10s;
  return options;
}

// A source URL on `feeds` that redirects to `www.sec.gov` on `sec` (pinned to loopback).
Request redirected_to_sec(const HttpServer& feeds, const HttpServer& sec, int n) {
  Request request;
  request.url = feeds.url("/feed/" + std::to_string(n));
  request.resolve.push_back("www.sec.gov:" + std::to_string(sec.port()) + ":127.0.0.1");
  return request;
}

void redirect_feeds_to_sec(HttpServer& feeds, const HttpServer& sec) {
  const std::string target = "http://www.sec.gov:" + std::to_string(sec.port()) + "/Archives/doc";
  feeds.on_default(HttpServer::serve(HttpResponse::redirect(302, target)));
}

std::vector<Response> fetch_all(boost::asio::io_context& io, Client& client, std::vector<Request> requests) {
  std::vector<Response> responses;
  const std::size_t n = requests.size();
  for (auto& request : requests)
    client.submit(std::move(request), [&](Response response) { responses.push_back(std::move(response)); });
  BOOST_REQUIRE(run_until(io, [&] { return responses.size() == n; }, 30s));
  return responses;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_redirect_into_sec_is_paced_by_the_sec_budget) {
  boost::asio::io_context io;
  HttpServer feeds, sec;
  redirect_feeds_to_sec(feeds, sec);
  sec.on("/Archives/doc", HttpServer::serve(HttpResponse::text(200, "edgar")));
  ClientOptions options = hop_options();
  options.sec_rate = 4;
  Client client(io, options);
  std::vector<Request> requests;
  for (int i = 0; i < 9; ++i) requests.push_back(redirected_to_sec(feeds, sec, i));
  const auto responses = fetch_all(io, client, std::move(requests));
  for (const auto& r : responses) {
    BOOST_TEST(r.ok());
    BOOST_TEST(r.redirects == 1);
    BOOST_TEST(r.effective_url.find("www.sec.gov") != std::string::npos);
  }
  const auto seen = sec.requests();
  BOOST_TEST_REQUIRE(seen.size() == 9u);
  auto [first, last] = std::minmax_element(seen.begin(), seen.end(),
                                           [](const auto& a, const auto& b) { return a.received < b.received; });
  // Nine requests at four per second: at least two seconds from the first to the last.
  BOOST_TEST((last->received - first->received >= 1900ms));
}

BOOST_AUTO_TEST_CASE(a_redirect_into_sec_needs_a_contact_user_agent) {
  boost::asio::io_context io;
  HttpServer feeds, sec;
  redirect_feeds_to_sec(feeds, sec);
  sec.on("/Archives/doc", HttpServer::serve(HttpResponse::text(200, "edgar")));
  ClientOptions options = hop_options();
  options.user_agent = "watchdesk";
  Client client(io, options);
  const auto responses = fetch_all(io, client, {redirected_to_sec(feeds, sec, 1)});
  BOOST_TEST(!responses[0].ok());
  BOOST_TEST((responses[0].failure == Failure::not_started));
  BOOST_TEST(responses[0].error.find("contact email") != std::string::npos);
  BOOST_TEST(sec.count() == 0u);
}

BOOST_AUTO_TEST_CASE(a_403_reached_through_a_redirect_pauses_sec) {
  boost::asio::io_context io;
  HttpServer feeds, sec;
  redirect_feeds_to_sec(feeds, sec);
  sec.on("/Archives/doc", HttpServer::serve(HttpResponse::text(403, "Undeclared Automated Tool")));
  Client client(io, hop_options());
  const auto first = fetch_all(io, client, {redirected_to_sec(feeds, sec, 1)});
  BOOST_TEST(first[0].status == 403);
  BOOST_TEST(client.host("sec.gov").paused);
  const auto second = fetch_all(io, client, {redirected_to_sec(feeds, sec, 2)});
  BOOST_TEST((second[0].failure == Failure::not_started));
  BOOST_TEST(sec.count() == 1u);
}

BOOST_AUTO_TEST_CASE(a_stalled_transfer_does_not_eat_its_neighbours_timeout) {
  boost::asio::io_context io;
  HttpServer server;
  HttpResponse stall = HttpResponse::text(200, "late");
  stall.delay = 2500ms;
  server.on("/stall", HttpServer::serve(stall));
  HttpResponse quick = HttpResponse::text(200, "quick");
  quick.delay = 300ms;
  server.on_default(HttpServer::serve(quick));
  ClientOptions options = hop_options();
  options.timeout = 1s;
  Client client(io, options);
  std::vector<Request> requests;
  for (const char* path : {"/stall", "/a", "/b", "/c"}) {
    Request request;
    request.url = server.url(path);
    requests.push_back(std::move(request));
  }
  const auto responses = fetch_all(io, client, std::move(requests));
  int ok = 0;
  for (const auto& r : responses) ok += r.ok() ? 1 : 0;
  BOOST_TEST(ok == 3);
  for (const auto& r : responses)
    if (!r.ok()) BOOST_TEST(r.url == server.url("/stall"));
}

BOOST_AUTO_TEST_CASE(waiting_for_a_connection_is_bounded_and_is_not_a_timeout) {
  boost::asio::io_context io;
  HttpServer server;
  HttpResponse stall = HttpResponse::text(200, "late");
  stall.delay = 1500ms;
  server.on("/stall", HttpServer::serve(stall));
  server.on("/next", HttpServer::serve(HttpResponse::text(200, "next")));
  ClientOptions options = hop_options();
  options.host_connections = 1;
  options.connect_wait = 300ms;
  Client client(io, options);
  Request first, second;
  first.url = server.url("/stall");
  second.url = server.url("/next");
  const auto responses = fetch_all(io, client, {first, second});
  const auto& waited = responses[0].url == server.url("/next") ? responses[0] : responses[1];
  BOOST_TEST((waited.failure == Failure::no_connection));
  BOOST_TEST(waited.error.find("free connection") != std::string::npos);
  BOOST_TEST(server.count("/next") == 0u);
}

BOOST_AUTO_TEST_CASE(a_drained_backlog_leaves_no_timer_behind) {
  boost::asio::io_context io;
  HttpServer server;
  server.on_default(HttpServer::serve(HttpResponse::text(200, "feed")));
  ClientOptions options = hop_options();
  options.host_connections = 2;
  options.connect_wait = std::chrono::hours(1);
  Client client(io, options);
  int fetched = 0;
  for (int i = 0; i < 12; ++i) {
    Request request;
    request.url = server.url("/source/" + std::to_string(i));
    client.submit(std::move(request), [&](Response response) {
      BOOST_TEST(response.ok());
      ++fetched;
    });
  }
  // The loop runs out of work once the last fetch is in: the wait for a connection (armed while
  // fetches queued behind the cap) does not hold it for the hour of `connect_wait`.
  io.run_for(30s);
  BOOST_TEST(fetched == 12);
  BOOST_TEST(io.stopped());
}

BOOST_AUTO_TEST_CASE(a_delivery_goes_ahead_of_a_fetch_backlog_on_its_host) {
  boost::asio::io_context io;
  HttpServer server;
  HttpResponse slow = HttpResponse::text(200, "slow");
  slow.delay = 400ms;
  server.on_default(HttpServer::serve(slow));
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  ClientOptions options = hop_options();
  options.host_rate = 2;
  options.host_connections = 1;
  Client client(io, options);
  int fetched = 0;
  for (int i = 0; i < 6; ++i) {
    Request request;
    request.url = server.url("/source/" + std::to_string(i));
    client.submit(std::move(request), [&](Response) { ++fetched; });
  }
  Request hook;
  hook.url = server.url("/hook");
  hook.method = Method::post;
  hook.body = "{}";
  hook.purpose = Purpose::delivery;
  const auto t0 = HopClock::now();
  std::optional<HopClock::duration> delivered_after;
  client.submit(std::move(hook), [&](Response response) {
    BOOST_TEST(response.ok());
    delivered_after = HopClock::now() - t0;
  });
  BOOST_REQUIRE(run_until(io, [&] { return delivered_after.has_value(); }, 30s));
  BOOST_TEST(fetched <= 1);
  BOOST_TEST((*delivered_after < 300ms));
  BOOST_REQUIRE(run_until(io, [&] { return fetched == 6; }, 30s));
}

BOOST_AUTO_TEST_SUITE_END()
