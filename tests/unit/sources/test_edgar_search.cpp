// Tests for watchers/sources/edgar_search.cpp: EDGAR full-text search answers.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_search.hpp"
#include "support/parse_output.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

using namespace watchdesk::testing;

namespace {

config::Source search_source(std::vector<std::string> forms = {}) {
  auto source = edgar_source(config::SourceKind::edgar_search, "colossus-filings", "1181412");
  source.query = "Colossus";
  source.forms = std::move(forms);
  return source;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(edgar_search)

BOOST_AUTO_TEST_CASE(yields_one_observation_per_accession_in_relevance_order) {
  auto out = parse_edgar_search(edgar_fixture("search_colossus.json"), search_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  // The S-1 matched in two documents: one observation, its best-scoring document.
  const std::vector<std::string> expected{"0001628280-26-036936", "0001628280-26-040364", "0001628280-26-052001",
                                          "0001193125-26-260100"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(hits_carry_filers_dates_and_the_matching_document) {
  struct Case {
    const char* accession;
    const char* form;
    const char* filing_date;
    const char* filer_names;
    const char* document_url;
  };
  const Case cases[] = {
      {"0001628280-26-036936", "S-1", "2026-05-20", "Space Exploration Technologies Corp",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/spacexs1.htm"},
      {"0001628280-26-040364", "S-1/A", "2026-06-03", "Space Exploration Technologies Corp",
       "https://www.sec.gov/Archives/edgar/data/1181412/000162828026040364/spacexs1a2.htm"},
      {"0001193125-26-260100", "8-K", "2026-09-02", "Space Exploration Technologies Corp; X.AI Holdings Corp.",
       "https://www.sec.gov/Archives/edgar/data/1181412/000119312526260100/d812345d8k.htm"},
  };
  auto out = parse_edgar_search(edgar_fixture("search_colossus.json"), search_source());
  BOOST_TEST_REQUIRE(out.ok());
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("accession " << c.accession) {
      const auto* obs = find_key(*out, c.accession);
      BOOST_TEST_REQUIRE(obs != nullptr);
      BOOST_TEST(obs->facts.at("accession") == c.accession);
      BOOST_TEST(obs->facts.at("form") == c.form);
      BOOST_TEST(obs->facts.at("filing_date") == c.filing_date);
      BOOST_TEST(obs->facts.at("filer_names") == c.filer_names);
      BOOST_TEST(obs->facts.at("company") == "Space Exploration Technologies Corp");
      BOOST_TEST(obs->facts.at("cik") == "1181412");
      BOOST_TEST(obs->facts.at("document_url") == c.document_url);
      BOOST_TEST(obs->facts.count("accepted") == 0u);
      BOOST_TEST(obs->url == c.document_url);
      BOOST_TEST(obs->title == std::string(c.form) + " filed by Space Exploration Technologies Corp");
      BOOST_TEST_REQUIRE(obs->published.has_value());
      BOOST_TEST(format_rfc3339(*obs->published) == std::string(c.filing_date) + "T00:00:00Z");
    }
  }
}

BOOST_AUTO_TEST_CASE(drops_hits_without_an_accession_with_a_reason) {
  auto out = parse_edgar_search(edgar_fixture("search_colossus.json"), search_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] == "hit 6: no accession number in `_source.adsh` or `_id` (\"broken\")");
}

BOOST_AUTO_TEST_CASE(keeps_forms_by_form_or_root_form) {
  struct Case {
    std::vector<std::string> forms;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {{"S-1"}, {"0001628280-26-036936", "0001628280-26-040364"}},
      {{"10-Q", "8-K"}, {"0001628280-26-052001", "0001193125-26-260100"}},
      {{"S-1/A"}, {"0001628280-26-040364"}},
      {{"424B4"}, {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("forms starting " << c.forms.front()) {
      auto out = parse_edgar_search(edgar_fixture("search_colossus.json"), search_source(c.forms));
      BOOST_TEST_REQUIRE(out.ok());
      BOOST_TEST(keys_of(*out) == c.keys, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(no_hits_is_a_success_with_no_observations) {
  auto out = parse_edgar_search(edgar_fixture("search_empty.json"), search_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(out->observations.empty());
  BOOST_TEST(out->dropped.empty());
}

BOOST_AUTO_TEST_CASE(falls_back_to_the_id_for_the_accession_and_omits_unsafe_documents) {
  const std::string body =
      R"json({"hits":{"hits":[{"_id":"0001628280-26-036936:../../x.htm","_source":{"ciks":["0001181412"],)json"
      R"json("display_names":["Space Exploration Technologies Corp  (CIK 0001181412)"],"form":"S-1"}},)json"
      R"json({"_id":"0001628280-26-040364:a.htm","_source":{"display_names":["Odd (DE) Holdings"],"form":"S-1/A"}}]}})json";
  auto out = parse_edgar_search(body, search_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 2u);
  const auto& first = out->observations[0];
  BOOST_TEST(first.key == "0001628280-26-036936");
  BOOST_TEST(first.facts.count("document_url") == 0u);
  BOOST_TEST(first.url ==
             "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/0001628280-26-036936-index.htm");
  BOOST_TEST(first.facts.at("filer_names") == "Space Exploration Technologies Corp");
  // Without a CIK there is no archive folder to link; a parenthesised name part that is not a
  // ticker group before a CIK stays.
  const auto& second = out->observations[1];
  BOOST_TEST(second.facts.count("document_url") == 0u);
  BOOST_TEST(second.facts.at("filer_names") == "Odd (DE) Holdings");
  BOOST_TEST(second.title == "S-1/A filed by Odd (DE) Holdings");
}

BOOST_AUTO_TEST_CASE(malformed_answers_are_errors_that_say_what_and_where) {
  struct Case {
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {edgar_fixture("malformed_search_shape.json"),
       "EDGAR full-text search answer: expected search results (an object with `hits.hits`), got an object with "
       "keys \"took\", \"timed_out\", \"hits\""},
      {R"({"error":"Search is temporarily unavailable"})",
       "EDGAR full-text search answer: the service answered an error: Search is temporarily unavailable"},
      {edgar_fixture("malformed_rate_limited.html"),
       "EDGAR full-text search answer: expected JSON, got an HTML page titled 'SEC.gov | Request Rate Threshold "
       "Exceeded'"},
      {R"({"hits":{"hits":[{"_id":1}, 5]}})", ""},
      {"{\"hits\":{\"hits\":[{\"_id\":\"0001628280-26-036936:a.htm\"", "EDGAR full-text search answer: JSON error "
                                                                       "at line 1, column 53: incomplete JSON (the "
                                                                       "document ends early: truncated?)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("body '" << c.body.substr(0, 60) << "'") {
      auto out = parse_edgar_search(c.body, search_source());
      if (std::string_view(c.message).empty()) {
        // Hits of the wrong shape are dropped one by one, not the whole answer.
        BOOST_TEST_REQUIRE(out.ok());
        BOOST_TEST(out->observations.empty());
        const std::vector<std::string> dropped{"hit 1: no accession number in `_source.adsh` or `_id` (\"\")",
                                               "hit 2: it is a number, not an object"};
        BOOST_TEST(out->dropped == dropped, boost::test_tools::per_element());
      } else {
        BOOST_TEST_REQUIRE(!out.ok());
        BOOST_TEST(out.error().message == c.message);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
