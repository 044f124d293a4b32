// Tests for daemon/fetch/scheduler.cpp against the local test server: intervals, conditional GET
// across restarts, Retry-After, backoff, health reports, run-once and drain.
#include <boost/test/unit_test.hpp>

#include <boost/asio/io_context.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/fetch/scheduler.hpp"
#include "daemon/http/client.hpp"
#include "daemon/pipeline/poll.hpp"
#include "support/http_server.hpp"
#include "support/run_loop.hpp"

using namespace watchdesk;
using namespace watchdesk::fetch;
using watchdesk::testing::HttpRequest;
using watchdesk::testing::HttpResponse;
using watchdesk::testing::HttpServer;
using watchdesk::testing::ServerFixture;
using watchdesk::testing::run_for;
using watchdesk::testing::run_until;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

http::ClientOptions client_options() {
  http::ClientOptions options;
  options.user_agent = "watchdesk-tests ops@watchdesk.example";
  options.host_rate = 1000;
  options.host_connections = 8;
  options.timeout = 10s;
  return options;
}

config::Source source(std::string id, std::string url, Seconds every = Seconds(1), double jitter = 0.0) {
  config::Source s;
  s.id = std::move(id);
  s.url = std::move(url);
  s.every = every;
  s.jitter = jitter;
  return s;
}

SchedulerOptions fast_options() {
  SchedulerOptions options;
  options.backoff_base = 300ms;
  options.backoff_cap = 5s;
  options.initial_spread_cap = 0ms;
  options.seed = 42;
  return options;
}

/// Builds a scheduler over a stand-in for the poll pipeline that fetches through `client`, counts
/// parses and rejects bodies when `reject` is set, and records every result with its next attempt.
struct Harness {
  std::vector<pipeline::PollResult> reports;
  std::vector<std::optional<TimePoint>> next_attempts;
  int parsed = 0;
  bool reject = false;
  http::Client& client;
  // The scheduler's sources, which outlive it.
  std::vector<config::Source> sources;
  std::unique_ptr<Scheduler> scheduler;

  Harness(boost::asio::io_context& io, http::Client& http_client, std::vector<config::Source> polled,
          SchedulerOptions options = fast_options())
      : client(http_client), sources(std::move(polled)) {
    std::vector<const config::Source*> pointers;
    for (const auto& s : sources) pointers.push_back(&s);
    scheduler = std::make_unique<Scheduler>(
        io, std::move(pointers),
        [this](const config::Source& source, const http::Validators& validators, int failures,
               std::function<void(pipeline::PollResult)> done) {
          client.submit(pipeline::request_for(source, validators),
                        [this, id = source.id, validators, failures, done](http::Response response) {
                          done(result_of(id, response, validators, failures));
                        });
        },
        [this](const pipeline::PollResult& result, std::optional<TimePoint> next) {
          reports.push_back(result);
          next_attempts.push_back(next);
        },
        options);
  }

  pipeline::PollResult result_of(const std::string& id, const http::Response& response,
                                 const http::Validators& sent, int failures) {
    pipeline::PollResult r;
    r.source_id = id;
    r.status = response.status;
    r.failure = response.failure;
    r.retry_after = response.retry_after;
    r.attempted_at = now_utc();
    const auto fail = [&](std::string error, http::Validators keep) {
      r.outcome = pipeline::PollOutcome::failed;
      r.error = std::move(error);
      r.validators = std::move(keep);
      r.consecutive_failures = failures + 1;
      return r;
    };
    if (response.not_modified()) {
      r.outcome = pipeline::PollOutcome::not_modified;
      r.validators = sent;
      return r;
    }
    if (!response.ok()) return fail(http::describe_failure(response), sent);
    if (response.body.empty()) return fail("empty body from 127.0.0.1 (HTTP 200)", {});
    ++parsed;
    if (reject) return fail("unparseable body: expected <feed>", {});
    r.outcome = pipeline::PollOutcome::fetched;
    r.validators = response.validators;
    return r;
  }
};

std::vector<Clock::duration> gaps(const std::vector<HttpRequest>& requests) {
  std::vector<Clock::duration> out;
  for (std::size_t i = 1; i < requests.size(); ++i) out.push_back(requests[i].received - requests[i - 1].received);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fetch_scheduler)

BOOST_FIXTURE_TEST_CASE(unchanged_document_is_not_parsed_again_even_after_a_restart, ServerFixture) {
  const std::string etag = "\"a1\"";
  server.on("/filings", HttpServer::conditional(etag, "Mon, 23 Nov 2026 14:03:00 GMT", "<feed/>"));
  const std::vector<config::Source> sources = {source("spacex-filings", server.url("/filings"))};
  store::FetchState saved;
  {
    http::Client client(io, client_options());
    Harness h(io, client, sources);
    bool done = false;
    h.scheduler->run_once([&] { done = true; });
    BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
    BOOST_TEST_REQUIRE(h.reports.size() == 1u);
    BOOST_TEST((h.reports[0].outcome == pipeline::PollOutcome::fetched));
    BOOST_TEST(h.reports[0].validators.etag == etag);
    BOOST_TEST(h.parsed == 1);

    done = false;
    h.scheduler->run_once([&] { done = true; });
    BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
    BOOST_TEST_REQUIRE(h.reports.size() == 2u);
    BOOST_TEST((h.reports[1].outcome == pipeline::PollOutcome::not_modified));
    BOOST_TEST(h.parsed == 1);
    saved.source_id = "spacex-filings";
    saved.url = server.url("/filings");
    saved.etag = h.reports[1].validators.etag;
    saved.last_modified = h.reports[1].validators.last_modified;
    saved.consecutive_failures = h.reports[1].consecutive_failures;
    saved.last_success = h.reports[1].attempted_at;
  }
  BOOST_TEST(saved.etag == etag);
  BOOST_TEST(saved.url == server.url("/filings"));
  BOOST_TEST(saved.consecutive_failures == 0);
  BOOST_TEST(saved.last_success.has_value());

  // A new engine, fed the stored validators, gets a 304 on its first fetch.
  http::Client client(io, client_options());
  Harness h(io, client, sources);
  h.scheduler->restore(saved);
  bool done = false;
  h.scheduler->run_once([&] { done = true; });
  BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
  BOOST_TEST_REQUIRE(h.reports.size() == 1u);
  BOOST_TEST((h.reports[0].outcome == pipeline::PollOutcome::not_modified));
  BOOST_TEST(h.parsed == 0);
  auto seen = server.requests("/filings");
  BOOST_TEST_REQUIRE(seen.size() == 3u);
  BOOST_TEST(seen[2].header("If-None-Match") == etag);

  // Validators stored for another URL are not sent.
  saved.url = server.url("/old-location");
  Harness fresh(io, client, sources);
  fresh.scheduler->restore(saved);
  done = false;
  fresh.scheduler->run_once([&] { done = true; });
  BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
  BOOST_TEST((fresh.reports.at(0).outcome == pipeline::PollOutcome::fetched));
  BOOST_TEST(!server.requests("/filings").back().has_header("If-None-Match"));
}

BOOST_FIXTURE_TEST_CASE(waits_as_long_as_retry_after_says_after_a_429, ServerFixture) {
  int calls = 0;
  server.on("/quote", [&calls](const HttpRequest&) {
    if (calls++ == 0) return HttpResponse::text(429, "slow down").with_header("Retry-After", "3");
    return HttpResponse::text(200, "Symbol,Close\nCRWV,101.5\n");
  });
  http::Client client(io, client_options());
  Harness h(io, client, {source("crwv-price", server.url("/quote"))});
  h.scheduler->start();
  BOOST_REQUIRE(run_until(io, [&] { return h.reports.size() >= 2; }, 10s));
  auto seen = server.requests("/quote");
  BOOST_TEST_REQUIRE(seen.size() >= 2u);
  BOOST_TEST((seen[1].received - seen[0].received >= 3s));
  BOOST_TEST((seen[1].received - seen[0].received < 5s));
  BOOST_TEST(h.reports[0].error == "HTTP 429 from 127.0.0.1");
  BOOST_TEST(h.reports[0].status == 429);
  BOOST_TEST(h.reports[0].consecutive_failures == 1);
  BOOST_TEST((h.reports[1].outcome == pipeline::PollOutcome::fetched));
  BOOST_TEST(h.reports[1].consecutive_failures == 0);
}

BOOST_FIXTURE_TEST_CASE(backs_off_exponentially_on_500_and_returns_to_the_interval, ServerFixture) {
  int calls = 0;
  server.on("/flaky", [&calls](const HttpRequest&) {
    return calls++ < 3 ? HttpResponse::text(500, "oops") : HttpResponse::text(200, "fine");
  });
  http::Client client(io, client_options());
  Harness h(io, client, {source("flaky", server.url("/flaky"), Seconds(1))});
  h.scheduler->start();
  BOOST_REQUIRE(run_until(io, [&] { return server.count("/flaky") >= 5u; }, 12s));
  h.scheduler->drain([] {});
  auto g = gaps(server.requests("/flaky"));
  BOOST_TEST_REQUIRE(g.size() >= 4u);
  // 300 ms, 600 ms, 1200 ms of backoff, then the one-second interval again.
  BOOST_TEST((g[0] >= 300ms && g[0] < 800ms));
  BOOST_TEST((g[1] >= 600ms && g[1] < 1300ms));
  BOOST_TEST((g[2] >= 1200ms && g[2] < 2200ms));
  BOOST_TEST((g[3] >= 900ms && g[3] < 1800ms));
  BOOST_TEST_REQUIRE(h.reports.size() >= 4u);
  BOOST_TEST(h.reports[0].consecutive_failures == 1);
  BOOST_TEST(h.reports[1].consecutive_failures == 2);
  BOOST_TEST(h.reports[2].consecutive_failures == 3);
  BOOST_TEST(h.reports[2].error == "HTTP 500 from 127.0.0.1");
  BOOST_TEST(h.reports[3].consecutive_failures == 0);
  BOOST_TEST((h.reports[3].outcome == pipeline::PollOutcome::fetched));
}

BOOST_FIXTURE_TEST_CASE(body_over_the_cap_makes_the_source_unhealthy, ServerFixture) {
  server.on("/big", HttpServer::serve(HttpResponse::text(200, std::string(4096, 'x'))));
  http::Client client(io, client_options());
  config::Source capped = source("big-feed", server.url("/big"));
  capped.max_body = 1024;
  Harness h(io, client, {capped});
  bool done = false;
  h.scheduler->run_once([&] { done = true; });
  BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
  BOOST_TEST_REQUIRE(h.reports.size() == 1u);
  BOOST_TEST((h.reports[0].outcome == pipeline::PollOutcome::failed));
  BOOST_TEST((h.reports[0].failure == http::Failure::too_large));
  BOOST_TEST(h.reports[0].consecutive_failures == 1);
  BOOST_TEST(h.reports[0].error.find("body over the 1 KiB cap from 127.0.0.1") == 0u);
  BOOST_TEST(h.parsed == 0);
  BOOST_TEST(h.scheduler->status("big-feed")->consecutive_failures == 1);
}

BOOST_FIXTURE_TEST_CASE(empty_or_rejected_bodies_are_failures_and_drop_the_validators, ServerFixture) {
  server.on("/empty", HttpServer::serve(HttpResponse::text(200, "")));
  server.on("/feed", HttpServer::conditional("\"f1\"", "", "not xml"));
  http::Client client(io, client_options());
  Harness h(io, client, {source("empty", server.url("/empty")), source("feed", server.url("/feed"))});
  h.reject = true;
  bool done = false;
  h.scheduler->run_once([&] { done = true; });
  BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
  BOOST_TEST_REQUIRE(h.reports.size() == 2u);
  for (const auto& report : h.reports) {
    BOOST_TEST_CONTEXT("source " << report.source_id) {
      BOOST_TEST((report.outcome == pipeline::PollOutcome::failed));
      BOOST_TEST(report.consecutive_failures == 1);
      BOOST_TEST(report.validators.empty());
      if (report.source_id == "empty") BOOST_TEST(report.error == "empty body from 127.0.0.1 (HTTP 200)");
      if (report.source_id == "feed") BOOST_TEST(report.error == "unparseable body: expected <feed>");
    }
  }
  BOOST_TEST(h.parsed == 1);  // the empty body never reaches the parser

  // Fetched again, the rejected document comes whole (no If-None-Match), not as a 304.
  done = false;
  h.scheduler->run_once([&] { done = true; });
  BOOST_REQUIRE(run_until(io, [&] { return done; }, 10s));
  BOOST_TEST(!server.requests("/feed").back().has_header("If-None-Match"));
  BOOST_TEST(h.scheduler->status("feed")->consecutive_failures == 2);
}

BOOST_FIXTURE_TEST_CASE(never_fetches_one_source_twice_at_once, ServerFixture) {
  HttpResponse slow = HttpResponse::text(200, "slow");
  slow.delay = 1500ms;
  server.on("/slow", HttpServer::serve(slow));
  http::Client client(io, client_options());
  Harness h(io, client, {source("slow", server.url("/slow"), Seconds(1))});
  h.scheduler->start();
  BOOST_REQUIRE(run_until(io, [&] { return server.count("/slow") >= 2u; }, 10s));
  BOOST_TEST(server.max_concurrent() == 1);
  auto seen = server.requests("/slow");
  BOOST_TEST((seen[1].received - seen[0].received >= 1500ms));
  // A fetch that overran its interval is followed at once, not skipped or doubled.
  BOOST_TEST((seen[1].received - seen[0].received < 2500ms));
  bool drained = false;
  h.scheduler->drain([&] { drained = true; });
  BOOST_REQUIRE(run_until(io, [&] { return drained; }, 5s));
}

BOOST_AUTO_TEST_CASE(a_host_runs_no_more_polls_than_its_window_and_others_start_meanwhile) {
  boost::asio::io_context io;
  std::vector<config::Source> sources;
  // Polled once in the test: the next polls are a minute away.
  for (int i = 0; i < 5; ++i)
    sources.push_back(source("a" + std::to_string(i), "http://a.example/" + std::to_string(i), Seconds(60)));
  sources.push_back(source("b0", "http://b.example/0", Seconds(60)));
  std::vector<const config::Source*> pointers;
  for (const auto& s : sources) pointers.push_back(&s);
  // A stand-in for the poll pipeline: each poll runs until the test ends it.
  std::vector<std::pair<std::string, std::function<void(pipeline::PollResult)>>> running;
  std::vector<std::string> started;
  SchedulerOptions options = fast_options();
  options.host_window = 2;
  Scheduler scheduler(
      io, pointers,
      [&](const config::Source& polled, const http::Validators&, int, std::function<void(pipeline::PollResult)> done) {
        started.push_back(polled.id);
        running.emplace_back(polled.id, std::move(done));
      },
      nullptr, options);
  const auto end_poll = [&](const std::string& id) {
    auto it = std::find_if(running.begin(), running.end(), [&](const auto& r) { return r.first == id; });
    BOOST_TEST_REQUIRE((it != running.end()));
    auto done = std::move(it->second);
    running.erase(it);
    pipeline::PollResult result;
    result.source_id = id;
    result.outcome = pipeline::PollOutcome::not_modified;
    done(std::move(result));
  };
  scheduler.start();
  BOOST_REQUIRE(run_until(io, [&] { return started.size() == 3u; }, 5s));
  run_for(io, 200ms);
  // Two of host a (in the order they came due) and the one of host b; three of a wait, due.
  BOOST_TEST(started.size() == 3u);
  BOOST_TEST(std::count(started.begin(), started.end(), "b0") == 1);
  BOOST_TEST(scheduler.in_flight() == 3u);
  BOOST_TEST(scheduler.due_waiting() == 3u);

  // Each poll of host a that ends lets one waiting poll of it start.
  const std::string first_a = started[0] == "b0" ? started[1] : started[0];
  end_poll(first_a);
  BOOST_REQUIRE(run_until(io, [&] { return started.size() == 4u; }, 5s));
  BOOST_TEST(started.back().substr(0, 1) == "a");
  BOOST_TEST(scheduler.in_flight() == 3u);
  // A poll of host b ending starts nothing of host a.
  end_poll("b0");
  run_for(io, 200ms);
  BOOST_TEST(started.size() == 4u);

  // A drain drops the waiting polls: only those running end.
  bool drained = false;
  scheduler.drain([&] { drained = true; });
  while (!running.empty()) end_poll(std::string(running.front().first));
  BOOST_REQUIRE(run_until(io, [&] { return drained; }, 5s));
  BOOST_TEST(started.size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(spreads_first_fetches_over_the_first_interval, ServerFixture) {
  server.on_default(HttpServer::serve(HttpResponse::text(200, "ok")));
  http::Client client(io, client_options());
  std::vector<config::Source> sources;
  for (int i = 0; i < 20; ++i) {
    sources.push_back(source("s" + std::to_string(i), server.url("/s/" + std::to_string(i)), Seconds(2), 0.1));
  }
  SchedulerOptions options = fast_options();
  options.initial_spread_cap = 15min;
  Harness h(io, client, sources, options);
  const auto start = Clock::now();
  h.scheduler->start();
  std::vector<Clock::time_point> due;
  for (const auto& s : sources) due.push_back(*h.scheduler->status(s.id)->next_due);
  const auto [first, last] = std::minmax_element(due.begin(), due.end());
  BOOST_TEST((*first >= start));
  BOOST_TEST((*last <= start + 2s + 50ms));
  BOOST_TEST((*last - *first >= 1s));

  BOOST_REQUIRE(run_until(io, [&] { return h.reports.size() >= 20u; }, 5s));
  auto seen = server.requests();
  BOOST_TEST_REQUIRE(seen.size() >= 20u);
  std::size_t early = 0;
  for (const auto& r : seen) early += r.received - start < 200ms ? 1 : 0;
  BOOST_TEST(early <= 5u);
  // Lateness is measured for every attempt, and small on an idle loop.
  BOOST_TEST(h.scheduler->lateness().count >= 20u);
  BOOST_TEST((h.scheduler->lateness().max < 1s));
  BOOST_TEST((h.scheduler->lateness().percentile(0.5) < 100ms));
  bool drained = false;
  h.scheduler->drain([&] { drained = true; });
  BOOST_REQUIRE(run_until(io, [&] { return drained; }, 5s));
}

BOOST_FIXTURE_TEST_CASE(a_restart_does_not_fetch_before_the_interval_is_up, ServerFixture) {
  http::Client client(io, client_options());
  SchedulerOptions options = fast_options();
  options.initial_spread_cap = 15min;
  Harness h(io, client,
            {source("recent", server.url("/r"), Seconds(60)), source("never", server.url("/n"), Seconds(60)),
             source("failing", server.url("/f"), Seconds(600))},
            options);
  store::FetchState recent;
  recent.source_id = "recent";
  recent.last_attempt = now_utc() - Seconds(10);
  h.scheduler->restore(recent);
  store::FetchState failing;
  failing.source_id = "failing";
  failing.last_attempt = now_utc() - Seconds(1);
  failing.consecutive_failures = 5;  // backoff 4.8 s with these options
  h.scheduler->restore(failing);
  const auto now = Clock::now();
  h.scheduler->start();
  const auto recent_due = *h.scheduler->status("recent")->next_due;
  BOOST_TEST((recent_due >= now + 48s && recent_due <= now + 51s));
  const auto never_due = *h.scheduler->status("never")->next_due;
  BOOST_TEST((never_due <= now + 61s));
  const auto failing_due = *h.scheduler->status("failing")->next_due;
  BOOST_TEST((failing_due >= now + 2500ms && failing_due <= now + 4s));
  bool drained = false;
  h.scheduler->drain([&] { drained = true; });
  BOOST_REQUIRE(run_until(io, [&] { return drained; }, 5s));
}

BOOST_FIXTURE_TEST_CASE(run_once_reports_every_source_then_finishes, ServerFixture) {
  server.on("/ok", HttpServer::serve(HttpResponse::text(200, "ok")));
  server.on("/gone", HttpServer::serve(HttpResponse::text(404, "no")));
  unsigned short closed_port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = probe.local_endpoint().port();
  }
  http::Client client(io, client_options());
  Harness h(io, client,
            {source("ok", server.url("/ok")), source("gone", server.url("/gone")),
             source("down", "http://127.0.0.1:" + std::to_string(closed_port) + "/")});
  int done = 0;
  h.scheduler->run_once([&] { ++done; });
  BOOST_REQUIRE(run_until(io, [&] { return done == 1; }, 10s));
  BOOST_TEST_REQUIRE(h.reports.size() == 3u);
  for (const auto& next : h.next_attempts) BOOST_TEST(!next.has_value());
  for (const auto& report : h.reports) {
    BOOST_TEST_CONTEXT("source " << report.source_id) {
      if (report.source_id == "ok") BOOST_TEST((report.outcome == pipeline::PollOutcome::fetched));
      if (report.source_id == "gone") BOOST_TEST(report.error == "HTTP 404 from 127.0.0.1");
      if (report.source_id == "down") {
        BOOST_TEST((report.failure == http::Failure::connect));
        BOOST_TEST(report.status == 0);
        BOOST_TEST(report.error.find("cannot connect to 127.0.0.1") == 0u);
      }
    }
  }
  // Nothing else is fetched afterwards.
  const auto before = server.count();
  run_for(io, 300ms);
  BOOST_TEST(server.count() == before);
  BOOST_TEST(done == 1);
}

BOOST_FIXTURE_TEST_CASE(drain_lets_the_fetch_in_flight_finish_and_starts_no_more, ServerFixture) {
  HttpResponse slow = HttpResponse::text(200, "late but whole");
  slow.delay = 600ms;
  server.on("/slow", HttpServer::serve(slow));
  http::Client client(io, client_options());
  Harness h(io, client, {source("slow", server.url("/slow"), Seconds(1))});
  h.scheduler->start();
  BOOST_REQUIRE(run_until(io, [&] { return server.count("/slow") == 1u; }, 5s));
  bool drained = false;
  h.scheduler->drain([&] { drained = true; });
  BOOST_TEST(!drained);
  BOOST_TEST(h.scheduler->in_flight() == 1u);
  BOOST_REQUIRE(run_until(io, [&] { return drained; }, 5s));
  BOOST_TEST_REQUIRE(h.reports.size() == 1u);
  BOOST_TEST((h.reports[0].outcome == pipeline::PollOutcome::fetched));
  run_for(io, 1500ms);
  BOOST_TEST(server.count("/slow") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
