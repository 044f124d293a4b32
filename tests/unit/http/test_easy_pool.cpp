// Tests for daemon/http/easy_pool.cpp and its use by CurlMulti: handles are reused, and a reused
// handle carries nothing of its previous request.
#include <boost/test/unit_test.hpp>

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>

#include "daemon/http/curl_multi.hpp"
#include "daemon/http/easy_pool.hpp"
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

/// Starts `request` on `multi` and runs the loop until it completes; returns the easy handle it
/// ran on (seen through the request's `configure` hook) and its response.
std::pair<CURL*, Response> run_one(boost::asio::io_context& io, CurlMulti& multi, Request request) {
  CURL* used = nullptr;
  auto configure = std::move(request.configure);
  request.configure = [&used, configure](CURL* easy) {
    used = easy;
    if (configure) configure(easy);
  };
  std::optional<Response> result;
  multi.start(std::move(request), [&](Response response) { result = std::move(response); });
  BOOST_REQUIRE(run_until(io, [&] { return result.has_value(); }, 15s));
  return {used, std::move(*result)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_easy_pool)

BOOST_AUTO_TEST_CASE(hands_out_a_given_back_handle_and_frees_those_over_its_cap) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  EasyPool pool(1);
  CURL* first = pool.take();
  CURL* second = pool.take();
  BOOST_TEST_REQUIRE(first != nullptr);
  BOOST_TEST_REQUIRE(second != nullptr);
  BOOST_TEST(first != second);
  pool.give(first);
  pool.give(second);  // over the cap of one: freed
  BOOST_TEST(pool.idle() == 1u);
  BOOST_TEST(pool.take() == first);
  BOOST_TEST(pool.idle() == 0u);
  pool.give(first);
  pool.clear();
  BOOST_TEST(pool.idle() == 0u);
}

BOOST_FIXTURE_TEST_CASE(reuses_one_handle_for_transfers_one_after_another, ServerFixture) {
  server.on("/a", HttpServer::serve(HttpResponse::text(200, "a")));
  server.on("/b", HttpServer::serve(HttpResponse::text(200, "b")));
  CurlMulti multi(io);
  Request a;
  a.url = server.url("/a");
  auto [easy_a, response_a] = run_one(io, multi, std::move(a));
  BOOST_TEST(multi.idle_handles() == 1u);
  Request b;
  b.url = server.url("/b");
  auto [easy_b, response_b] = run_one(io, multi, std::move(b));
  BOOST_TEST(easy_a == easy_b);
  BOOST_TEST(response_a.body == "a");
  BOOST_TEST(response_b.body == "b");
  BOOST_TEST(multi.idle_handles() == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_reused_handle_sends_nothing_of_the_previous_request, ServerFixture) {
  server.on("/a", HttpServer::conditional("\"v1\"", "Wed, 21 Oct 2026 07:28:00 GMT", "<a/>"));
  server.on("/b", HttpServer::serve(HttpResponse::text(200, "<b/>")));
  CurlMulti multi(io);

  // Source A: a conditional GET with its validators, a header of its own, a User-Agent and an
  // option set through the hook.
  Request a;
  a.url = server.url("/a");
  a.validators = {"\"v1\"", "Wed, 21 Oct 2026 07:28:00 GMT"};
  a.headers.emplace_back("X-Source", "a");
  a.user_agent = "source-a ops@a.example";
  a.configure = [](CURL* easy) { curl_easy_setopt(easy, CURLOPT_RANGE, "0-1"); };
  auto [easy_a, response_a] = run_one(io, multi, std::move(a));
  BOOST_TEST(response_a.not_modified());

  // Source B: a plain GET on the same handle.
  Request b;
  b.url = server.url("/b");
  auto [easy_b, response_b] = run_one(io, multi, std::move(b));
  BOOST_TEST(easy_a == easy_b);
  BOOST_TEST(response_b.ok());
  BOOST_TEST(response_b.body == "<b/>");
  BOOST_TEST(response_b.validators.etag.empty());

  auto seen_a = server.requests("/a");
  auto seen_b = server.requests("/b");
  BOOST_TEST_REQUIRE(seen_a.size() == 1u);
  BOOST_TEST_REQUIRE(seen_b.size() == 1u);
  BOOST_TEST(seen_a[0].header("If-None-Match") == "\"v1\"");
  BOOST_TEST(seen_a[0].header("X-Source") == "a");
  BOOST_TEST(seen_a[0].has_header("Range"));
  for (const char* header : {"If-None-Match", "If-Modified-Since", "X-Source", "Range", "User-Agent"}) {
    BOOST_TEST_CONTEXT("header " << header) { BOOST_TEST(!seen_b[0].has_header(header)); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
