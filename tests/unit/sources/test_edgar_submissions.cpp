// Tests for watchers/sources/edgar_submissions.cpp: the columnar submissions JSON.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_submissions.hpp"
#include "support/parse_output.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

using namespace watchdesk::testing;

namespace {

config::Source submissions_source(std::vector<std::string> forms = {}) {
  auto source = edgar_source(config::SourceKind::edgar_submissions, "spacex-submissions", "1181412");
  source.forms = std::move(forms);
  return source;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(edgar_submissions)

BOOST_AUTO_TEST_CASE(yields_one_observation_per_column_index) {
  auto out = parse_edgar_submissions(edgar_fixture("submissions_spacex.json"), submissions_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> expected{"0001628280-26-052001", "0001181412-26-000031", "0001628280-26-045120",
                                          "0001628280-26-043210", "0001628280-26-040364", "0001628280-26-038812",
                                          "0001628280-26-036936", "0001181412-26-000004"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(filings_carry_acceptance_time_and_primary_document) {
  struct Case {
    const char* accession;
    const char* form;
    const char* filing_date;
    const char* accepted;
    const char* document_url;  // nullptr: none
  };
  const Case cases[] = {
      {"0001628280-26-036936", "S-1", "2026-05-20", "2026-05-20T20:31:07Z",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/spacexs1.htm"},
      {"0001628280-26-040364", "S-1/A", "2026-06-03", "2026-06-03T21:02:11Z",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026040364/spacexs1a2.htm"},
      // Accepted 21:14 Eastern on the 11th: the next day in UTC.
      {"0001628280-26-043210", "424B4", "2026-06-11", "2026-06-12T01:14:09Z",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026043210/spacex424b4.htm"},
      // 08:01:32 EDT.
      {"0001628280-26-045120", "8-K", "2026-06-15", "2026-06-15T12:01:32Z",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026045120/spcx-20260615.htm"},
      // A primary document in a subfolder (the Form 4 rendering).
      {"0001181412-26-000031", "4", "2026-06-16", "2026-06-16T21:40:10Z",
       "https://www.sec.gov/Archives/edgar/data/1181412/000118141226000031/xslF345X05/wk-form4_1781646010.xml"},
      // No primary document given: no document URL.
      {"0001181412-26-000004", "DRS/A", "2026-04-28", "2026-04-28T10:12:45Z", nullptr},
  };
  auto out = parse_edgar_submissions(edgar_fixture("submissions_spacex.json"), submissions_source());
  BOOST_TEST_REQUIRE(out.ok());
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("accession " << c.accession) {
      const auto* obs = find_key(*out, c.accession);
      BOOST_TEST_REQUIRE(obs != nullptr);
      BOOST_TEST(obs->facts.at("accession") == c.accession);
      BOOST_TEST(obs->facts.at("form") == c.form);
      BOOST_TEST(obs->facts.at("company") == "Space Exploration Technologies Corp");
      BOOST_TEST(obs->facts.at("cik") == "1181412");
      BOOST_TEST(obs->facts.at("filing_date") == c.filing_date);
      BOOST_TEST(obs->facts.at("accepted") == c.accepted);
      BOOST_TEST_REQUIRE(obs->published.has_value());
      BOOST_TEST(format_rfc3339(*obs->published) == c.accepted);
      if (c.document_url == nullptr) {
        BOOST_TEST(obs->facts.count("document_url") == 0u);
      } else {
        BOOST_TEST(obs->facts.at("document_url") == c.document_url);
      }
      std::string digits(c.accession);
      digits.erase(std::remove(digits.begin(), digits.end(), '-'), digits.end());
      BOOST_TEST(obs->url == "https://www.sec.gov/Archives/edgar/data/1181412/" + digits + "/" + c.accession +
                                 "-index.htm");
      BOOST_TEST(obs->title == std::string(c.form) + " filed by Space Exploration Technologies Corp");
    }
  }
}

BOOST_AUTO_TEST_CASE(drops_filings_without_a_valid_accession_with_a_reason) {
  auto out = parse_edgar_submissions(edgar_fixture("submissions_spacex.json"), submissions_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] == "filing 9: `accessionNumber` \"not-an-accession\" is not an accession number");
}

BOOST_AUTO_TEST_CASE(keeps_only_the_configured_forms) {
  auto out = parse_edgar_submissions(edgar_fixture("submissions_spacex.json"), submissions_source({"S-1", "S-1/A"}));
  BOOST_TEST_REQUIRE(out.ok());
  const std::vector<std::string> expected{"0001628280-26-040364", "0001628280-26-038812", "0001628280-26-036936"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_a_continuation_page_and_tolerates_short_columns) {
  // The `files` pages hold the columns at the top level; a missing column entry is a missing field.
  const std::string page =
      R"({"accessionNumber":["0001181412-19-000002","0001181412-19-000001"],"filingDate":["2019-03-01"],)"
      R"("acceptanceDateTime":["20190301160211"],"form":["D","D/A"],"primaryDocument":[7]})";
  auto out = parse_edgar_submissions(page, submissions_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 2u);
  const auto& first = out->observations[0];
  BOOST_TEST(first.facts.at("cik") == "1181412");
  BOOST_TEST(first.facts.count("company") == 0u);
  BOOST_TEST(first.title == "D filed by CIK 1181412");
  BOOST_TEST(first.facts.at("accepted") == "2019-03-01T21:02:11Z");
  BOOST_TEST(first.facts.count("document_url") == 0u);
  const auto& second = out->observations[1];
  BOOST_TEST(second.facts.at("form") == "D/A");
  BOOST_TEST(second.facts.count("filing_date") == 0u);
  BOOST_TEST(second.facts.count("accepted") == 0u);
  BOOST_TEST(!second.published.has_value());
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_errors_that_say_what_and_where) {
  struct Case {
    const char* fixture;
    const char* message;
  };
  const Case cases[] = {
      {"malformed_truncated.json",
       "EDGAR submissions JSON: JSON error at line 1, column 701: incomplete JSON (the document ends early: "
       "truncated?)"},
      {"malformed_submissions_shape.json",
       "EDGAR submissions JSON: expected a company's submissions (an object with `filings.recent`), got an object "
       "with keys \"cik\", \"entityName\", \"facts\""},
      {"malformed_submissions_cik_range.json",
       "EDGAR submissions JSON: `cik` -1181412 is out of range (1 to 10 digits)"},
      {"malformed_rate_limited.html",
       "EDGAR submissions JSON: expected JSON, got an HTML page titled 'SEC.gov | Request Rate Threshold "
       "Exceeded'"},
      {"malformed_s3_error.xml",
       "EDGAR submissions JSON: expected JSON, got an XML document (root element <Error>)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      auto out = parse_edgar_submissions(edgar_fixture(c.fixture), submissions_source());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message == c.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(inline_malformed_documents_are_errors) {
  struct Case {
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {"", "EDGAR submissions JSON: the document is empty; expected JSON"},
      {"[]", "EDGAR submissions JSON: expected a company's submissions (an object with `filings.recent`), got an "
             "array"},
      {R"({"filings":{"recent":{"form":["S-1"]}}})",
       "EDGAR submissions JSON: `filings.recent.accessionNumber` is missing or not an array"},
      {R"({"cik":1e30,"filings":{"recent":{"accessionNumber":[]}}})",
       "EDGAR submissions JSON: `cik` 1E30 is out of range (1 to 10 digits)"},
      {R"({"cik":"12345678901","filings":{"recent":{"accessionNumber":[]}}})",
       "EDGAR submissions JSON: `cik` \"12345678901\" is not a CIK (1 to 10 digits)"},
      {R"({"cik":[1],"filings":{"recent":{"accessionNumber":[]}}})",
       "EDGAR submissions JSON: `cik` is an array, expected a number or a string"},
      {"{\"cik\": \"1181412\",\n  \"name\": x}", "EDGAR submissions JSON: JSON error at line 2, column 11: syntax error"},
      {"{\"cik\": \"1181412\"} trailing", "EDGAR submissions JSON: JSON error at line 1, column 20: unexpected text "
                                          "after the document"},
      {"{\"name\": \"bad \xE9\"}", "EDGAR submissions JSON: JSON error at line 1, column 15: syntax error"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("body '" << c.body << "'") {
      auto out = parse_edgar_submissions(c.body, submissions_source());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message == c.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(without_any_cik_the_document_is_refused) {
  auto source = submissions_source();
  source.cik.clear();
  auto out = parse_edgar_submissions(R"({"filings":{"recent":{"accessionNumber":["0001628280-26-036936"]}}})", source);
  BOOST_TEST_REQUIRE(!out.ok());
  BOOST_TEST(out.error().message ==
             "EDGAR submissions JSON: the document has no `cik` and the source sets none; set `cik`");
}

BOOST_AUTO_TEST_SUITE_END()
