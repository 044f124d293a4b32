// Tests for watchers/sources/jobs.cpp: Greenhouse, Lever and Ashby boards, open_roles, errors.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/jobs.hpp"

using namespace watchdesk;
using watchdesk::config::JobsProvider;

using namespace watchdesk::testing;

namespace {

config::Source jobs_source(JobsProvider provider, std::vector<std::string> match = {}) {
  config::Source s;
  s.id = "xai-jobs";
  s.kind = config::SourceKind::jobs;
  s.jobs_provider = provider;
  s.board = "xai";
  s.match = std::move(match);
  return s;
}

const std::vector<std::string> kInfraWords{"infrastructure", "datacenter", "GPU"};

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_jobs)

BOOST_AUTO_TEST_CASE(greenhouse_board_of_300_counts_matching_roles) {
  const std::string body = read_fixture("jobs", "greenhouse_300.json");
  auto out = sources::parse_jobs(body, jobs_source(JobsProvider::greenhouse, kInfraWords));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->observations.size() == 300u);
  BOOST_TEST(out->dropped.empty());
  std::set<std::string> keys;
  for (const auto& o : out->observations) {
    keys.insert(o.key);
    BOOST_TEST(fact(o, "provider") == "greenhouse");
    BOOST_TEST(fact(o, "location") != "<none>");
    BOOST_TEST(fact(o, "department") != "<none>");
    BOOST_TEST(o.published.has_value());
  }
  BOOST_TEST(keys.size() == 300u);
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].field == "open_roles");
  // 78 of the generated postings carry one of the words as a whole word in title or department.
  BOOST_TEST(out->points[0].value == 78.0);
  BOOST_TEST((out->points[0].stamp == SeriesPoint::Stamp::at_fetch));

  auto all = sources::parse_jobs(body, jobs_source(JobsProvider::greenhouse));
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST(all->points[0].value == 300.0);
}

BOOST_AUTO_TEST_CASE(greenhouse_postings_carry_their_facts) {
  auto out = sources::parse_jobs(read_fixture("jobs", "greenhouse_board.json"),
                                 jobs_source(JobsProvider::greenhouse, kInfraWords));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->observations.size() == 4u);

  const Observation* dc = find_key(*out, "4012345007");
  BOOST_TEST_REQUIRE(dc != nullptr);
  BOOST_TEST(dc->title == "Datacenter Operations Engineer");
  BOOST_TEST(dc->url == "https://job-boards.greenhouse.io/xai/jobs/4012345007");
  BOOST_TEST(utc(dc->published) == "2026-10-02T13:00:00Z");
  BOOST_TEST(fact(*dc, "updated") == "2026-11-20T19:03:11Z");
  BOOST_TEST(fact(*dc, "location") == "Memphis, TN");
  BOOST_TEST(fact(*dc, "department") == "Infrastructure, Data Center");
  BOOST_TEST(fact(*dc, "provider") == "greenhouse");

  const Observation* kernels = find_key(*out, "4012347009");
  BOOST_TEST_REQUIRE(kernels != nullptr);
  BOOST_TEST(fact(*kernels, "department") == "<none>");
  BOOST_TEST(!kernels->published.has_value());

  const Observation* recruiter = find_key(*out, "4012348010");
  BOOST_TEST_REQUIRE(recruiter != nullptr);
  BOOST_TEST(fact(*recruiter, "location") == "<none>");  // null location
  BOOST_TEST(fact(*recruiter, "updated") == "<none>");   // unreadable date

  BOOST_TEST_REQUIRE(out->dropped.size() == 2u);
  BOOST_TEST(out->dropped[0] == "posting #4 'Posting Without Id' has no id");
  BOOST_TEST(out->dropped[1] == "posting #5 'Datacenter Operations Engineer' repeats id 4012345007");

  // Datacenter Operations Engineer and GPU Kernels match; "GPUs" and the recruiter do not.
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].value == 2.0);
  BOOST_TEST((out->points[0].stamp == SeriesPoint::Stamp::at_fetch));
  BOOST_TEST(out->points[0].ref == "greenhouse");
}

BOOST_AUTO_TEST_CASE(lever_postings_use_epoch_milliseconds) {
  auto out = sources::parse_jobs(read_fixture("jobs", "lever_postings.json"),
                                 jobs_source(JobsProvider::lever, {"gpu", "datacenter"}));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST(out->observations.size() == 3u);
  const Observation& ground = out->observations[0];
  BOOST_TEST(ground.key == "5ac21346-8e0c-4494-8e7a-3eb92ff77902");
  BOOST_TEST(ground.title == "Ground Station GPU Engineer");
  BOOST_TEST(ground.url == "https://jobs.lever.co/example/5ac21346-8e0c-4494-8e7a-3eb92ff77902");
  BOOST_TEST(utc(ground.published) == "2025-11-20T14:46:40Z");
  BOOST_TEST(fact(ground, "department") == "Infrastructure");
  BOOST_TEST(fact(ground, "location") == "Hawthorne, CA");
  BOOST_TEST(fact(ground, "updated") == "<none>");
  BOOST_TEST(fact(ground, "provider") == "lever");

  const Observation& construction = out->observations[1];
  BOOST_TEST(fact(construction, "department") == "Datacenter Construction");  // the team
  BOOST_TEST(fact(construction, "updated") == format_rfc3339(from_epoch_ms(1764100000000)));

  const Observation& intern = out->observations[2];
  BOOST_TEST(!intern.published.has_value());  // createdAt 1e400 is refused, not wrapped

  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] == "posting #4 'Posting Without Id' has no id");
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].value == 2.0);
  BOOST_TEST((out->points[0].stamp == SeriesPoint::Stamp::at_fetch));
}

BOOST_AUTO_TEST_CASE(ashby_skips_unlisted_postings) {
  auto out = sources::parse_jobs(read_fixture("jobs", "ashby_board.json"),
                                 jobs_source(JobsProvider::ashby, {"infrastructure", "datacenter"}));
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 2u);
  BOOST_TEST(out->dropped.empty());
  BOOST_TEST(find_key(*out, "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d") == nullptr);
  const Observation* infra = find_key(*out, "3f0e2b1a-7c6d-4e5f-9a8b-1c2d3e4f5a6b");
  BOOST_TEST_REQUIRE(infra != nullptr);
  BOOST_TEST(infra->title == "Infrastructure Engineer, Compute Platform");
  BOOST_TEST(utc(infra->published) == "2026-11-01T12:00:00Z");
  BOOST_TEST(fact(*infra, "department") == "Engineering");
  BOOST_TEST(fact(*infra, "location") == "San Francisco, CA");
  const Observation* coordinator = find_key(*out, "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
  BOOST_TEST_REQUIRE(coordinator != nullptr);
  BOOST_TEST(fact(*coordinator, "department") == "Talent");
  BOOST_TEST(utc(coordinator->published) == "2026-11-10T20:45:00Z");
  // The unlisted "VP Datacenter" neither counts nor moves the point's time.
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].value == 1.0);
  BOOST_TEST((out->points[0].stamp == SeriesPoint::Stamp::at_fetch));
}

BOOST_AUTO_TEST_CASE(an_empty_board_reads_zero_open_roles_at_fetch_time) {
  auto out = sources::parse_jobs(R"({"jobs": [], "meta": {"total": 0}})", jobs_source(JobsProvider::greenhouse));
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(out->observations.empty());
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].value == 0.0);
  BOOST_TEST((out->points[0].stamp == SeriesPoint::Stamp::at_fetch));
}

BOOST_AUTO_TEST_CASE(keys_are_the_same_on_every_parse) {
  const std::string body = read_fixture("jobs", "greenhouse_300.json");
  auto a = sources::parse_jobs(body, jobs_source(JobsProvider::greenhouse));
  auto b = sources::parse_jobs(body, jobs_source(JobsProvider::greenhouse));
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(b.ok());
  BOOST_TEST_REQUIRE(a->observations.size() == b->observations.size());
  for (std::size_t i = 0; i < a->observations.size(); ++i)
    BOOST_TEST(a->observations[i].key == b->observations[i].key);
  BOOST_TEST(a->observations[0].key == "4012345007");
}

BOOST_AUTO_TEST_CASE(bad_answers_are_errors_that_say_what_and_where) {
  struct Case {
    const char* name;
    std::string body;
    JobsProvider provider;
    const char* message;
  };
  const Case cases[] = {
      {"lever error object", read_fixture("jobs", "lever_error.json"), JobsProvider::lever,
       "lever answered with an error: Document not found; check the board name 'xai'"},
      {"greenhouse truncated", read_fixture("jobs", "greenhouse_truncated.json"), JobsProvider::greenhouse,
       "Greenhouse job-board JSON (an object with a 'jobs' array): JSON error at line 45, column 29: incomplete "
       "JSON (the document ends early: truncated?)"},
      {"greenhouse syntax error", read_fixture("jobs", "greenhouse_syntax_error.json"), JobsProvider::greenhouse,
       "JSON error at line 1, column 35: syntax error"},
      {"greenhouse html", read_fixture("jobs", "html_error.html"), JobsProvider::greenhouse,
       "Greenhouse job-board JSON (an object with a 'jobs' array): expected JSON, got an HTML page titled "
       "'Page not found | Greenhouse'"},
      {"greenhouse body for lever", read_fixture("jobs", "greenhouse_board.json"), JobsProvider::lever,
       "expected Lever postings JSON (an array of postings) but got JSON {\"jobs\":"},
      {"lever body for ashby", read_fixture("jobs", "lever_postings.json"), JobsProvider::ashby,
       "expected Ashby job-board JSON (an object with a 'jobs' array) but got JSON [{"},
      {"greenhouse 404", R"({"status":404,"error":"Job board not found"})", JobsProvider::greenhouse,
       "greenhouse answered with an error: Job board not found"},
      {"plain text", "Service Unavailable", JobsProvider::ashby,
       "Ashby job-board JSON (an object with a 'jobs' array): JSON error at line 1, column 1: syntax error"},
      {"empty", "", JobsProvider::lever, "the document is empty; expected JSON"},
      {"trailing garbage", "[] []", JobsProvider::lever, "JSON error at line 1, column 4: unexpected text after"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto out = sources::parse_jobs(c.body, jobs_source(c.provider));
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message.find(c.message) != std::string::npos, "message: " << out.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(postings_that_are_not_objects_are_dropped) {
  auto out = sources::parse_jobs(R"([1, {"id": "a", "text": "Role \u0000 A"}])", jobs_source(JobsProvider::lever));
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  BOOST_TEST(out->observations[0].title == "Role A");
  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] == "posting #1 is not a JSON object");
  BOOST_TEST_REQUIRE(out->points.size() == 1u);  // a reading of the board, with or without posting times
  BOOST_TEST(out->points[0].value == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
