// Tests for daemon/http/client.cpp (and the CurlMulti under it) against the local test server.
#include <boost/test/unit_test.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "daemon/http/client.hpp"
#include "support/hostile_bodies.hpp"
#include "support/http_server.hpp"
#include "support/smtp_server.hpp"
#include "support/run_loop.hpp"

using namespace watchdesk;
using namespace watchdesk::http;
using watchdesk::testing::Framing;
using watchdesk::testing::HttpRequest;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::ServerFixture;
using watchdesk::testing::run_until;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* user_agent = "watchdesk-tests ops@watchdesk.example";

ClientOptions test_options() {
  ClientOptions options;
  options.user_agent = user_agent;
  options.host_rate = 1000;
  options.sec_rate = 8;
  options.host_connections = 4;
  options.connect_timeout = 5s;
  options.timeout = 10s;
  return options;
}

/// `test_options` with `connections` connections per host.
ClientOptions with_connections(int connections) {
  ClientOptions options = test_options();
  options.host_connections = connections;
  return options;
}

/// Answers every path with `body` after 200 ms, so that requests sent together overlap.
void answer_slowly(HttpServer& server, std::string body) {
  HttpResponse slow = HttpResponse::text(200, std::move(body));
  slow.delay = std::chrono::milliseconds(200);
  server.on_default(HttpServer::serve(slow));
}

Request get(std::string url) {
  Request request;
  request.url = std::move(url);
  return request;
}

/// Submits one request and runs the loop until it completes.
Response fetch_once(boost::asio::io_context& io, Client& client, Request request) {
  std::optional<Response> result;
  client.submit(std::move(request), [&](Response response) { result = std::move(response); });
  BOOST_REQUIRE(run_until(io, [&] { return result.has_value(); }, 15s));
  return std::move(*result);
}

/// The most requests that arrived within one one-second window, the windows counted from the
/// first arrival (as a server's per-second log would show them).
std::size_t max_per_second(const std::vector<HttpRequest>& requests) {
  std::vector<Clock::time_point> times;
  for (const auto& r : requests) times.push_back(r.received);
  std::sort(times.begin(), times.end());
  std::vector<std::size_t> windows;
  for (const auto& t : times) {
    const auto second = static_cast<std::size_t>((t - times.front()) / 1s);
    if (windows.size() <= second) windows.resize(second + 1, 0);
    ++windows[second];
  }
  return windows.empty() ? 0 : *std::max_element(windows.begin(), windows.end());
}

Clock::duration span(const std::vector<HttpRequest>& requests) {
  auto [lo, hi] = std::minmax_element(requests.begin(), requests.end(),
                                      [](const auto& a, const auto& b) { return a.received < b.received; });
  return hi->received - lo->received;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_client)

BOOST_FIXTURE_TEST_CASE(sends_user_agent_and_returns_the_body, ServerFixture) {
  server.on("/doc", HttpServer::serve(HttpResponse::text(200, "hello, desk")));
  Client client(io, test_options());
  Response response = fetch_once(io, client, get(server.url("/doc")));
  BOOST_TEST(response.ok());
  BOOST_TEST(response.status == 200);
  BOOST_TEST(response.body == "hello, desk");
  BOOST_TEST(response.content_type == "text/plain");
  BOOST_TEST(response.bytes == 11u);
  auto seen = server.requests("/doc");
  BOOST_TEST_REQUIRE(seen.size() == 1u);
  BOOST_TEST(seen[0].header("User-Agent") == user_agent);
  // libcurl advertises every encoding it can decode.
  BOOST_TEST(seen[0].header("Accept-Encoding").find("gzip") != std::string_view::npos);
}

BOOST_FIXTURE_TEST_CASE(conditional_get_sends_validators_and_gets_304, ServerFixture) {
  const std::string etag = "\"v1\"";
  const std::string modified = "Wed, 21 Oct 2026 07:28:00 GMT";
  server.on("/feed", HttpServer::conditional(etag, modified, "<feed/>"));
  Client client(io, test_options());

  Response first = fetch_once(io, client, get(server.url("/feed")));
  BOOST_TEST(first.ok());
  BOOST_TEST(first.body == "<feed/>");
  BOOST_TEST(first.validators.etag == etag);
  BOOST_TEST(first.validators.last_modified == modified);

  Request again = get(server.url("/feed"));
  again.validators = first.validators;
  Response second = fetch_once(io, client, std::move(again));
  BOOST_TEST(second.not_modified());
  BOOST_TEST(!second.ok());
  BOOST_TEST((second.failure == Failure::none));
  BOOST_TEST(second.body.empty());
  BOOST_TEST(second.validators.etag == etag);

  auto seen = server.requests("/feed");
  BOOST_TEST_REQUIRE(seen.size() == 2u);
  BOOST_TEST(!seen[0].has_header("If-None-Match"));
  BOOST_TEST(seen[1].header("If-None-Match") == etag);
  BOOST_TEST(seen[1].header("If-Modified-Since") == modified);
}

BOOST_FIXTURE_TEST_CASE(posts_a_json_body_with_headers, ServerFixture) {
  server.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  Client client(io, test_options());
  Request request;
  request.url = server.url("/hook");
  request.method = Method::post;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = R"({"id":"s1-public/0001181412-26-000123","status":"confirmed"})";
  Response response = fetch_once(io, client, std::move(request));
  BOOST_TEST(response.ok());
  auto seen = server.requests("/hook");
  BOOST_TEST_REQUIRE(seen.size() == 1u);
  BOOST_TEST(seen[0].method == "POST");
  BOOST_TEST(seen[0].header("Content-Type") == "application/json");
  BOOST_TEST(seen[0].body == R"({"id":"s1-public/0001181412-26-000123","status":"confirmed"})");
  BOOST_TEST(seen[0].header("User-Agent") == user_agent);
}

BOOST_FIXTURE_TEST_CASE(uploads_a_body_through_the_read_callback, ServerFixture) {
  server.on("/put", HttpServer::serve(HttpResponse::text(201, "stored")));
  Client client(io, test_options());
  Request request;
  request.url = server.url("/put");
  request.method = Method::upload;
  request.body = std::string(100000, 'x');
  Response response = fetch_once(io, client, std::move(request));
  BOOST_TEST(response.ok());
  BOOST_TEST(response.status == 201);
  auto seen = server.requests("/put");
  BOOST_TEST_REQUIRE(seen.size() == 1u);
  BOOST_TEST(seen[0].method == "PUT");
  BOOST_TEST(seen[0].body.size() == 100000u);
}

BOOST_FIXTURE_TEST_CASE(reuses_the_connection_for_sequential_requests, ServerFixture) {
  server.on("/a", HttpServer::serve(HttpResponse::text(200, "a")));
  Client client(io, test_options());
  for (int i = 0; i < 3; ++i) BOOST_TEST(fetch_once(io, client, get(server.url("/a"))).ok());
  BOOST_TEST(server.connections() == 1u);
}

BOOST_FIXTURE_TEST_CASE(keeps_every_connection_of_a_burst_for_the_next_burst, ServerFixture) {
  // Eight requests at once open eight connections; the last of them to finish must not close
  // any (libcurl's default cache holds four per transfer still running), so a second burst of
  // eight reuses them all.
  answer_slowly(server, "b");
  Client client(io, with_connections(8));
  for (int burst = 0; burst < 2; ++burst) {
    int done = 0;
    for (int i = 0; i < 8; ++i)
      client.submit(get(server.url("/b/" + std::to_string(i))), [&](Response response) {
        ++done;
        BOOST_TEST(response.ok());
      });
    BOOST_REQUIRE(run_until(io, [&] { return done == 8; }, 15s));
    BOOST_TEST(server.max_concurrent() == 8);
  }
  BOOST_TEST(server.connections() == 8u);
}

BOOST_FIXTURE_TEST_CASE(reports_retry_after_of_a_429, ServerFixture) {
  server.on("/busy", HttpServer::serve(HttpResponse::text(429, "slow down").with_header("Retry-After", "3")));
  Client client(io, test_options());
  Response response = fetch_once(io, client, get(server.url("/busy")));
  BOOST_TEST(!response.ok());
  BOOST_TEST((response.failure == Failure::http_status));
  BOOST_TEST(response.status == 429);
  BOOST_TEST_REQUIRE(response.retry_after.has_value());
  BOOST_TEST(response.retry_after->count() == 3);
  BOOST_TEST(describe_failure(response) == "HTTP 429 from 127.0.0.1");
}

BOOST_FIXTURE_TEST_CASE(drip_feeding_server_is_cut_off_by_the_low_speed_limit, ServerFixture) {
  HttpResponse drip = HttpResponse::text(200, std::string(60, 'z'));
  drip.drip = 1000ms;
  server.on("/drip", HttpServer::serve(drip));
  ClientOptions options = test_options();
  options.low_speed_limit = 10;
  options.low_speed_time = 2s;
  Client client(io, options);
  const auto start = Clock::now();
  Response response = fetch_once(io, client, get(server.url("/drip")));
  const auto took = Clock::now() - start;
  BOOST_TEST((response.failure == Failure::too_slow));
  BOOST_TEST(response.curl_code == CURLE_OPERATION_TIMEDOUT);
  BOOST_TEST(took >= 1500ms);
  BOOST_TEST(took < 8s);
  BOOST_TEST(describe_failure(response).find("too slow") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(total_timeout_aborts_a_stalled_answer, ServerFixture) {
  HttpResponse stalled = HttpResponse::text(200, "late");
  stalled.delay = 5000ms;
  server.on("/stall", HttpServer::serve(stalled));
  ClientOptions options = test_options();
  options.timeout = 700ms;
  Client client(io, options);
  const auto start = Clock::now();
  Response response = fetch_once(io, client, get(server.url("/stall")));
  BOOST_TEST((response.failure == Failure::timeout));
  BOOST_TEST((Clock::now() - start < 4s));
}

BOOST_FIXTURE_TEST_CASE(body_over_the_cap_is_aborted_however_it_is_framed, ServerFixture) {
  const std::string big(20000, 'b');
  HttpResponse by_length = HttpResponse::text(200, big);
  HttpResponse chunked = HttpResponse::text(200, big);
  chunked.framing = Framing::chunked;
  chunked.chunk_size = 1000;
  HttpResponse compressed = HttpResponse::text(200, watchdesk::testing::gzip_bomb());
  compressed.with_header("Content-Encoding", "gzip");
  server.on("/length", HttpServer::serve(by_length));
  server.on("/chunked", HttpServer::serve(chunked));
  server.on("/gzip", HttpServer::serve(compressed));
  ClientOptions options = test_options();
  options.max_body = 16 * 1024;
  Client client(io, options);
  for (const char* path : {"/length", "/chunked", "/gzip"}) {
    BOOST_TEST_CONTEXT("path " << path) {
      Response response = fetch_once(io, client, get(server.url(path)));
      BOOST_TEST((response.failure == Failure::too_large));
      BOOST_TEST(response.body.empty());
      BOOST_TEST(describe_failure(response).find("16 KiB cap") != std::string::npos);
    }
  }
  // The same compressed body under a larger cap inflates to its full size.
  Request roomy = get(server.url("/gzip"));
  roomy.limits.max_body = 128 * 1024;
  Response response = fetch_once(io, client, std::move(roomy));
  BOOST_TEST(response.ok());
  BOOST_TEST(response.body == std::string(65536, 'a'));
}

BOOST_FIXTURE_TEST_CASE(truncated_bodies_are_errors, ServerFixture) {
  HttpResponse chunked = HttpResponse::text(200, std::string(1000, 'c'));
  chunked.framing = Framing::chunked;
  chunked.chunk_size = 100;
  chunked.truncate_after = 450;
  HttpResponse by_length = HttpResponse::text(200, std::string(1000, 'l'));
  by_length.truncate_after = 300;
  server.on("/chunked", HttpServer::serve(chunked));
  server.on("/length", HttpServer::serve(by_length));
  Client client(io, test_options());
  for (const char* path : {"/chunked", "/length"}) {
    BOOST_TEST_CONTEXT("path " << path) {
      Response response = fetch_once(io, client, get(server.url(path)));
      BOOST_TEST(!response.ok());
      BOOST_TEST((response.failure == Failure::truncated));
      BOOST_TEST(response.curl_code != CURLE_OK);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(redirect_loop_stops_after_five_redirects, ServerFixture) {
  server.on("/loop", HttpServer::serve(HttpResponse::redirect(302, "/loop")));
  Client client(io, test_options());
  Response response = fetch_once(io, client, get(server.url("/loop")));
  BOOST_TEST((response.failure == Failure::too_many_redirects));
  BOOST_TEST(response.curl_code == CURLE_TOO_MANY_REDIRECTS);
  BOOST_TEST(server.count("/loop") == 6u);  // the request and five redirects
}

BOOST_FIXTURE_TEST_CASE(follows_a_redirect_to_http, ServerFixture) {
  server.on("/old", HttpServer::serve(HttpResponse::redirect(301, "/new")));
  server.on("/new", HttpServer::serve(HttpResponse::text(200, "moved here")));
  Client client(io, test_options());
  Response response = fetch_once(io, client, get(server.url("/old")));
  BOOST_TEST(response.ok());
  BOOST_TEST(response.body == "moved here");
  BOOST_TEST(response.effective_url == server.url("/new"));
}

BOOST_FIXTURE_TEST_CASE(redirect_to_a_file_url_is_refused_even_when_file_urls_are_allowed, ServerFixture) {
  server.on("/to-file", HttpServer::serve(HttpResponse::redirect(302, "file:///etc/passwd")));
  for (FileUrls files : {FileUrls::refuse, FileUrls::allow}) {
    ClientOptions options = test_options();
    options.file_urls = files;
    Client client(io, options);
    Response response = fetch_once(io, client, get(server.url("/to-file")));
    BOOST_TEST(!response.ok());
    BOOST_TEST((response.failure == Failure::protocol_refused));
    BOOST_TEST(response.body.find("root:") == std::string::npos);
  }
}

BOOST_FIXTURE_TEST_CASE(file_urls_are_read_only_when_allowed, ServerFixture) {
  std::mt19937_64 random(std::random_device{}());
  const auto dir = std::filesystem::temp_directory_path() / ("watchdesk-http-" + std::to_string(random()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "snapshot.xml";
  std::ofstream(file) << "<snapshot/>";
  const std::string url = "file://" + file.string();

  {
    Client refusing(io, test_options());
    Response response = fetch_once(io, refusing, get(url));
    BOOST_TEST((response.failure == Failure::protocol_refused));
    BOOST_TEST(response.body.empty());
    // Asking for file URLs in the request does not override the client's setting.
    Request asking = get(url);
    asking.protocols = Protocols::web_and_file;
    BOOST_TEST((fetch_once(io, refusing, std::move(asking)).failure == Failure::protocol_refused));
  }
  {
    ClientOptions options = test_options();
    options.file_urls = FileUrls::allow;
    Client allowing(io, options);
    Response response = fetch_once(io, allowing, get(url));
    BOOST_TEST(response.ok());
    BOOST_TEST(response.body == "<snapshot/>");
  }
  std::filesystem::remove_all(dir);
}

BOOST_FIXTURE_TEST_CASE(other_schemes_are_refused, ServerFixture) {
  Client client(io, test_options());
  Response response = fetch_once(io, client, get("ftp://127.0.0.1:1/file"));
  BOOST_TEST((response.failure == Failure::protocol_refused));
}

BOOST_FIXTURE_TEST_CASE(connection_refused_names_the_host, ServerFixture) {
  // A port that was just free: bind, note it, close.
  unsigned short port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    port = probe.local_endpoint().port();
  }
  Client client(io, test_options());
  Response response = fetch_once(io, client, get("http://127.0.0.1:" + std::to_string(port) + "/x"));
  BOOST_TEST((response.failure == Failure::connect));
  BOOST_TEST(response.curl_code == CURLE_COULDNT_CONNECT);
  BOOST_TEST(describe_failure(response).find("cannot connect to 127.0.0.1") == 0u);
}

BOOST_AUTO_TEST_CASE(fetches_over_ipv6) {
  boost::asio::io_context io;
  HttpServer server({"::1"});
  server.on("/v6", HttpServer::serve(HttpResponse::text(200, "six")));
  Client client(io, test_options());
  Response response = fetch_once(io, client, get(server.url("/v6")));
  BOOST_TEST(response.ok());
  BOOST_TEST(response.body == "six");
  BOOST_TEST(server.url("/v6").find("[::1]") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(keeps_to_the_host_rate_under_200_concurrent_requests, ServerFixture) {
  server.on_default(HttpServer::serve(HttpResponse::text(200, "r")));
  ClientOptions options = test_options();
  options.host_rate = 50;
  options.host_connections = 8;
  Client client(io, options);
  int done = 0;
  int ok = 0;
  for (int i = 0; i < 200; ++i) {
    client.submit(get(server.url("/r/" + std::to_string(i))), [&](Response response) {
      ++done;
      if (response.ok()) ++ok;
    });
  }
  BOOST_TEST(client.pending() == 200u);
  BOOST_REQUIRE(run_until(io, [&] { return done == 200; }, 20s));
  BOOST_TEST(ok == 200);
  auto seen = server.requests();
  BOOST_TEST_REQUIRE(seen.size() == 200u);
  // 50 per second: one token each 20 ms. The server stamps a request when its thread gets to it,
  // which can bunch arrivals at a window's edge by one; the span of all 200 shows the pace.
  BOOST_TEST(max_per_second(seen) <= 51u);
  BOOST_TEST(span(seen) >= 3900ms);
  BOOST_TEST(server.max_concurrent() <= 8);
}

BOOST_FIXTURE_TEST_CASE(caps_requests_in_flight_per_host, ServerFixture) {
  answer_slowly(server, "s");
  Client client(io, with_connections(3));
  int done = 0;
  for (int i = 0; i < 12; ++i) {
    client.submit(get(server.url("/s/" + std::to_string(i))), [&](Response) { ++done; });
  }
  BOOST_REQUIRE(run_until(io, [&] { return done == 12; }, 15s));
  BOOST_TEST(server.max_concurrent() <= 3);
  BOOST_TEST(server.max_concurrent() >= 2);
  BOOST_TEST(span(server.requests()) >= 550ms);  // four rounds of at most three
}

BOOST_FIXTURE_TEST_CASE(all_sec_hosts_share_one_budget_capped_at_ten_per_second, ServerFixture) {
  server.on_default(HttpServer::serve(HttpResponse::text(200, "edgar")));
  ClientOptions options = test_options();
  options.sec_rate = 50;  // asks for more than the ceiling: clamped to 10
  options.host_connections = 8;
  Client client(io, options);
  const std::string port = std::to_string(server.port());
  const std::vector<std::string> hosts = {"www.sec.gov", "data.sec.gov", "efts.sec.gov"};
  int done = 0;
  for (int i = 0; i < 21; ++i) {
    const std::string& host = hosts[static_cast<std::size_t>(i) % hosts.size()];
    Request request = get("http://" + host + ":" + port + "/edgar/" + std::to_string(i));
    for (const auto& h : hosts) request.resolve.push_back(h + ":" + port + ":127.0.0.1");
    client.submit(std::move(request), [&](Response response) {
      ++done;
      BOOST_TEST(response.ok());
    });
  }
  BOOST_REQUIRE(run_until(io, [&] { return done == 21; }, 15s));
  auto seen = server.requests();
  BOOST_TEST_REQUIRE(seen.size() == 21u);
  std::size_t www = 0;
  for (const auto& r : seen) www += r.header("Host").starts_with("www.sec.gov") ? 1 : 0;
  BOOST_TEST(www == 7u);
  BOOST_TEST(max_per_second(seen) <= 11u);
  BOOST_TEST(span(seen) >= 1900ms);  // 21 requests, 100 ms apart
}

BOOST_FIXTURE_TEST_CASE(sec_403_pauses_every_sec_host_for_ten_minutes, ServerFixture) {
  server.on("/forbidden", HttpServer::serve(HttpResponse::text(403, "Undeclared Automated Tool")));
  server.on("/doc", HttpServer::serve(HttpResponse::text(200, "fine")));
  Client client(io, test_options());
  const std::string port = std::to_string(server.port());
  auto sec_request = [&](const std::string& host, const std::string& path) {
    Request request = get("http://" + host + ":" + port + path);
    request.resolve.push_back(host + ":" + port + ":127.0.0.1");
    return request;
  };

  Response refused = fetch_once(io, client, sec_request("www.sec.gov", "/forbidden"));
  BOOST_TEST(refused.status == 403);
  BOOST_TEST(client.host("sec.gov").paused);

  Response held = fetch_once(io, client, sec_request("data.sec.gov", "/doc"));
  BOOST_TEST((held.failure == Failure::not_started));
  BOOST_TEST(held.error.find("paused after HTTP 403 from www.sec.gov") != std::string::npos);
  BOOST_TEST_REQUIRE(held.retry_after.has_value());
  BOOST_TEST(held.retry_after->count() > 590);
  BOOST_TEST(held.retry_after->count() <= 600);
  BOOST_TEST(server.count("/doc") == 0u);

  // Other hosts are not affected.
  Response other = fetch_once(io, client, get(server.url("/doc")));
  BOOST_TEST(other.ok());
}

BOOST_FIXTURE_TEST_CASE(refuses_sec_requests_without_a_contact_email, ServerFixture) {
  server.on_default(HttpServer::serve(HttpResponse::text(200, "x")));
  ClientOptions options = test_options();
  options.user_agent = "watchdesk";
  Client client(io, options);
  const std::string port = std::to_string(server.port());
  Request request = get("http://www.sec.gov:" + port + "/cgi-bin/browse-edgar");
  request.resolve.push_back("www.sec.gov:" + port + ":127.0.0.1");
  Response response = fetch_once(io, client, std::move(request));
  BOOST_TEST((response.failure == Failure::not_started));
  BOOST_TEST(response.error.find("contact email") != std::string::npos);
  BOOST_TEST(server.count() == 0u);
}

BOOST_FIXTURE_TEST_CASE(abort_all_completes_queued_and_running_requests_as_cancelled, ServerFixture) {
  HttpResponse slow = HttpResponse::text(200, "s");
  slow.delay = 3000ms;
  server.on_default(HttpServer::serve(slow));
  ClientOptions options = test_options();
  options.host_connections = 1;
  Client client(io, options);
  int cancelled = 0;
  for (int i = 0; i < 3; ++i) {
    client.submit(get(server.url("/slow")), [&](Response response) {
      if (response.failure == Failure::cancelled) ++cancelled;
    });
  }
  BOOST_REQUIRE(run_until(io, [&] { return server.count() == 1u; }, 5s));
  client.abort_all("shutting down");
  BOOST_REQUIRE(run_until(io, [&] { return cancelled == 3; }, 2s));
  BOOST_TEST(client.pending() == 0u);
}

BOOST_FIXTURE_TEST_CASE(destroying_the_client_mid_transfer_calls_nothing, ServerFixture) {
  HttpResponse slow = HttpResponse::text(200, "s");
  slow.delay = 2000ms;
  server.on_default(HttpServer::serve(slow));
  int called = 0;
  {
    Client client(io, test_options());
    for (int i = 0; i < 4; ++i) client.submit(get(server.url("/slow")), [&](Response) { ++called; });
    BOOST_REQUIRE(run_until(io, [&] { return server.count() >= 1u; }, 5s));
  }
  watchdesk::testing::run_for(io, 200ms);
  BOOST_TEST(called == 0);
}

BOOST_FIXTURE_TEST_CASE(a_completion_may_submit_the_next_request, ServerFixture) {
  server.on_default(HttpServer::serve(HttpResponse::text(200, "chain")));
  Client client(io, test_options());
  int done = 0;
  std::function<void(Response)> next = [&](Response response) {
    BOOST_TEST(response.ok());
    if (++done < 5) client.submit(get(server.url("/chain")), next);
  };
  client.submit(get(server.url("/chain")), next);
  BOOST_REQUIRE(run_until(io, [&] { return done == 5; }, 10s));
  BOOST_TEST(server.count("/chain") == 5u);
}

BOOST_FIXTURE_TEST_CASE(sends_mail_through_the_same_engine, ServerFixture) {
  watchdesk::testing::SmtpOptions smtp_options;
  smtp_options.username = "watchdesk";
  smtp_options.password = "s3cret";
  smtp_options.reject_recipients = {"nobody@example.com"};
  watchdesk::testing::SmtpServer smtp(smtp_options);
  Client client(io, test_options());
  auto mail_request = [&](std::vector<std::string> recipients) {
    Request request;
    request.url = smtp.url();
    request.method = Method::upload;
    request.protocols = Protocols::mail;
    request.body =
        "From: watchdesk@example.com\r\nTo: desk@example.com\r\nSubject: SpaceX filed S-1 publicly\r\n\r\n"
        "Form S-1, accession 0001628280-26-036936.\r\n.hidden dot line\r\n";
    request.mail = MailEnvelope{"watchdesk@example.com", std::move(recipients), "watchdesk",
                                Secret("s3cret"), MailTls::none};
    return request;
  };

  Response sent = fetch_once(io, client, mail_request({"desk@example.com", "ops@example.com"}));
  BOOST_TEST(sent.ok());
  BOOST_TEST(sent.status == 250);
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  BOOST_TEST(messages[0].from == "watchdesk@example.com");
  BOOST_TEST(messages[0].recipients == (std::vector<std::string>{"desk@example.com", "ops@example.com"}),
             boost::test_tools::per_element());
  // The server requires AUTH and accepts only watchdesk / s3cret: the login proves both were sent.
  BOOST_TEST(messages[0].login == "watchdesk");
  BOOST_TEST(messages[0].data.find("Subject: SpaceX filed S-1 publicly\r\n") != std::string::npos);
  BOOST_TEST(messages[0].data.find("\r\n.hidden dot line\r\n") != std::string::npos);

  // A refused recipient fails the upload with the server's reply code.
  Response refused = fetch_once(io, client, mail_request({"nobody@example.com"}));
  BOOST_TEST(!refused.ok());
  BOOST_TEST(refused.status == 550);
  BOOST_TEST(smtp.messages().size() == 1u);
  // And mail requests cannot be pointed at other schemes.
  Request wrong = mail_request({"desk@example.com"});
  wrong.url = server.url("/not-mail");
  BOOST_TEST((fetch_once(io, client, std::move(wrong)).failure == Failure::protocol_refused));
}

BOOST_AUTO_TEST_SUITE_END()
