// Tests for watchers/sources/edgar_common.cpp: identifiers, URLs, text cleaning, acceptance times.
#include <boost/test/unit_test.hpp>

#include "core/body.hpp"
#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_common.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;

BOOST_AUTO_TEST_SUITE(edgar_common)

BOOST_AUTO_TEST_CASE(normalizes_accession_numbers_and_rejects_others) {
  struct Case {
    const char* input;
    const char* expected;  // nullptr: rejected
  };
  const Case cases[] = {
      {"0001628280-26-036936", "0001628280-26-036936"},
      {"  0001628280-26-036936\n", "0001628280-26-036936"},
      {"000162828026036936", "0001628280-26-036936"},
      {"0001628280-26-03693", nullptr},
      {"0001628280-2-6036936", nullptr},
      {"000162828026036936x", nullptr},
      {"00016282802603693a", nullptr},
      {"", nullptr},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      auto got = normalize_accession(c.input);
      if (c.expected == nullptr) {
        BOOST_TEST(!got.has_value());
      } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(*got == c.expected);
      }
    }
  }
  BOOST_TEST(accession_digits("0001628280-26-036936") == "000162828026036936");
}

BOOST_AUTO_TEST_CASE(normalizes_and_pads_ciks) {
  struct Case {
    const char* input;
    const char* normal;  // nullptr: rejected
    const char* padded;
  };
  const Case cases[] = {
      {"1181412", "1181412", "0001181412"},
      {"0001181412", "1181412", "0001181412"},
      {" 1769628 ", "1769628", "0001769628"},
      {"9999999999", "9999999999", "9999999999"},
      {"0", nullptr, "0000000000"},
      {"12345678901", nullptr, "12345678901"},
      {"-1181412", nullptr, "-1181412"},
      {"11814a2", nullptr, "11814a2"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      auto got = normalize_cik(c.input);
      if (c.normal == nullptr) {
        BOOST_TEST(!got.has_value());
      } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(*got == c.normal);
      }
      BOOST_TEST(pad_cik(c.input) == c.padded);
    }
  }
}

BOOST_AUTO_TEST_CASE(builds_archive_urls_and_refuses_unsafe_document_names) {
  BOOST_TEST(filing_index_url("1181412", "0001628280-26-036936") ==
             "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/0001628280-26-036936-index.htm");
  BOOST_TEST(filing_document_url("1181412", "0001628280-26-036936", "spacexs1.htm") ==
             "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/spacexs1.htm");
  BOOST_TEST(filing_document_url("1181412", "0001181412-26-000031", "xslF345X05/wk form4.xml") ==
             "https://www.sec.gov/Archives/edgar/data/1181412/000118141226000031/xslF345X05/wk%20form4.xml");
  BOOST_TEST(filing_document_url("1181412", "0001181412-26-000031", "../../secret").empty());
  BOOST_TEST(filing_document_url("1181412", "0001181412-26-000031", "/etc/passwd").empty());
  BOOST_TEST(filing_document_url("1181412", "0001181412-26-000031", "  ").empty());
}

BOOST_AUTO_TEST_CASE(long_and_short_schedule_names_are_one_form) {
  struct Case {
    const char* wanted;
    const char* form;
    bool selected;
  };
  const Case cases[] = {
      {"SC 13G/A", "SCHEDULE 13G/A", true}, {"SCHEDULE 13G/A", "SC 13G/A", true}, {"sc 13d", "Schedule 13D", true},
      {"SC 13G", "SCHEDULE 13G/A", false}, {"SC TO-T", "SCHEDULE TO-T", true},
      {"SC 13G", "SC 13D", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.wanted << " / " << c.form) {
      BOOST_TEST(form_selected({c.wanted}, c.form) == c.selected);
    }
  }
}

BOOST_AUTO_TEST_CASE(matches_forms_exactly_ignoring_case_and_spaces) {
  const std::vector<std::string> forms{"S-1", "s-1/a ", "424B4"};
  BOOST_TEST(form_selected(forms, "S-1"));
  BOOST_TEST(form_selected(forms, "S-1/A"));
  BOOST_TEST(form_selected(forms, " 424b4"));
  BOOST_TEST(!form_selected(forms, "S-1MEF"));
  BOOST_TEST(!form_selected(forms, "F-1"));
  BOOST_TEST(form_selected({}, "anything"));
}

BOOST_AUTO_TEST_CASE(cleans_text_into_valid_utf8) {
  struct Case {
    std::string input;
    std::string expected;
  };
  const Case cases[] = {
      {"  Space Exploration Technologies Corp \n", "Space Exploration Technologies Corp"},
      {"Soci\xC3\xA9t\xC3\xA9", "Soci\xC3\xA9t\xC3\xA9"},
      {"bad \xE9 byte", "bad \xEF\xBF\xBD byte"},
      {"surrogate \xED\xA0\x80!", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD!"},
      {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
      {std::string("nul \0 here", 10), "nul \xEF\xBF\xBD here"},
      {"cut \xE2\x82", "cut \xEF\xBF\xBD"},
      {"emoji \xF0\x9F\x9A\x80", "emoji \xF0\x9F\x9A\x80"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      auto got = clean_text(c.input);
      BOOST_TEST(got == c.expected);
      BOOST_TEST(testing::is_valid_utf8(got));
    }
  }
}

BOOST_AUTO_TEST_CASE(describes_positions_as_line_and_character_column) {
  BOOST_TEST(describe_position("abc", 0) == "line 1, column 1");
  BOOST_TEST(describe_position("ab\ncd", 4) == "line 2, column 2");
  BOOST_TEST(describe_position("\xC3\xA9t\xC3\xA9!", 5) == "line 1, column 4");
  BOOST_TEST(describe_position("ab", 99) == "line 1, column 3");
}

BOOST_AUTO_TEST_CASE(reads_acceptance_times_in_every_edgar_form_as_utc) {
  struct Case {
    const char* input;
    const char* utc;  // nullptr: rejected
  };
  const Case cases[] = {
      {"2026-06-01T16:02:11-04:00", "2026-06-01T20:02:11Z"},
      {"2026-11-23T16:02:11-05:00", "2026-11-23T21:02:11Z"},
      {"2026-06-03T21:02:11.000Z", "2026-06-03T21:02:11Z"},
      {"20260601160211", "2026-06-01T20:02:11Z"},
      {"20261123160211", "2026-11-23T21:02:11Z"},
      {"2026-06-01", nullptr},
      {"2026-13-01T00:00:00Z", nullptr},
      {"202606011602", nullptr},
      {"", nullptr},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      auto got = parse_acceptance(c.input);
      if (c.utc == nullptr) {
        BOOST_TEST(!got.has_value());
      } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(format_rfc3339(*got) == c.utc);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(recognises_pages_that_are_not_the_expected_syntax) {
  struct Case {
    std::string body;
    Syntax expected;
    const char* description;  // nullptr: not recognised as foreign
  };
  const Case cases[] = {
      {"<!DOCTYPE html><html><head><title>SEC.gov |\n  Request Rate Threshold Exceeded</title>", Syntax::json,
       "an HTML page titled 'SEC.gov | Request Rate Threshold Exceeded'"},
      {"\xEF\xBB\xBF  <html><body>Not found</body></html>", Syntax::xml, "an HTML page"},
      {"<?xml version=\"1.0\"?><!-- c --><Error><Code>NoSuchKey</Code></Error>", Syntax::json,
       "an XML document (root element <Error>)"},
      {"{\"hits\": []}", Syntax::xml, "a JSON document"},
      {"<?xml version=\"1.0\"?><feed/>", Syntax::xml, nullptr},
      {"{\"hits\": []}", Syntax::json, nullptr},
      {"Too Many Requests", Syntax::json, nullptr},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("body '" << c.body << "'") {
      auto got = describe_foreign_document(c.body, c.expected);
      if (c.description == nullptr) {
        BOOST_TEST(!got.has_value());
      } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(*got == c.description);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(filing_observation_publishes_at_acceptance_else_filing_date) {
  FilingFields fields;
  fields.accession = "0001628280-26-036936";
  fields.form = "S-1";
  fields.company = "Space Exploration Technologies Corp";
  fields.cik = "1181412";
  fields.filing_date = "2026-05-20";
  auto by_date = make_filing_observation(fields);
  BOOST_TEST(by_date.key == "0001628280-26-036936");
  BOOST_TEST(by_date.title == "S-1 filed by Space Exploration Technologies Corp");
  BOOST_TEST(by_date.url ==
             "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/0001628280-26-036936-index.htm");
  BOOST_TEST_REQUIRE(by_date.published.has_value());
  BOOST_TEST(format_rfc3339(*by_date.published) == "2026-05-20T00:00:00Z");
  BOOST_TEST(by_date.facts.count("accepted") == 0u);
  BOOST_TEST(by_date.facts.count("document_url") == 0u);

  fields.accepted = parse_acceptance("2026-05-20T16:31:07-04:00");
  auto accepted = make_filing_observation(fields);
  BOOST_TEST(format_rfc3339(*accepted.published) == "2026-05-20T20:31:07Z");
  BOOST_TEST(accepted.facts.at("accepted") == "2026-05-20T20:31:07Z");

  fields.company = {};
  BOOST_TEST(make_filing_observation(fields).title == "S-1 filed by CIK 1181412");
}

BOOST_AUTO_TEST_SUITE_END()
