// Tests for watchers/sources/edgar_atom.cpp: the company filings and latest filings Atom feeds.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <set>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_atom.hpp"
#include "support/parse_output.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

using namespace watchdesk::testing;

namespace {

config::Source filings_source(std::vector<std::string> forms = {}) {
  auto source = edgar_source(config::SourceKind::edgar_filings, "spacex-filings", "1181412");
  source.forms = std::move(forms);
  return source;
}

config::Source current_source() { return edgar_source(config::SourceKind::edgar_current, "latest-s1"); }

// A company feed around one company name and one entry, for the text-decoding table.
std::string one_company_feed(std::string_view declaration, std::string_view name) {
  return std::string(declaration) +
         "<feed xmlns=\"http://www.w3.org/2005/Atom\"><company-info><cik>0001181412</cik><conformed-name>" +
         std::string(name) +
         "</conformed-name></company-info><entry><content type=\"text/xml\">"
         "<accession-number>0001628280-26-036936</accession-number><filing-type>S-1</filing-type>"
         "</content></entry></feed>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(edgar_atom)

BOOST_AUTO_TEST_CASE(company_feed_yields_one_observation_per_filing_newest_first) {
  auto out = parse_edgar_filings(edgar_fixture("filings_spacex.atom"), filings_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> expected{"0001628280-26-045120", "0001628280-26-043210", "0001628280-26-040364",
                                          "0001628280-26-038812", "0001628280-26-036936", "0001181412-26-000004"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());
  BOOST_TEST(out->dropped.empty());
  BOOST_TEST(out->points.empty());
}

BOOST_AUTO_TEST_CASE(company_feed_filings_carry_the_agreed_facts) {
  struct Case {
    const char* accession;
    const char* form;
    const char* filing_date;
    const char* accepted;
  };
  const Case cases[] = {
      {"0001628280-26-036936", "S-1", "2026-05-20", "2026-05-20T20:31:07Z"},
      {"0001628280-26-038812", "S-1/A", "2026-06-01", "2026-06-01T20:02:11Z"},
      {"0001628280-26-040364", "S-1/A", "2026-06-03", "2026-06-03T21:02:11Z"},
      {"0001628280-26-043210", "424B4", "2026-06-11", "2026-06-12T01:14:09Z"},
  };
  auto out = parse_edgar_filings(edgar_fixture("filings_spacex.atom"), filings_source());
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
      BOOST_TEST(obs->facts.count("document_url") == 0u);
      BOOST_TEST(obs->title == std::string(c.form) + " filed by Space Exploration Technologies Corp");
      std::string digits = std::string(c.accession);
      digits.erase(std::remove(digits.begin(), digits.end(), '-'), digits.end());
      BOOST_TEST(obs->url == "https://www.sec.gov/Archives/edgar/data/1181412/" + digits + "/" + c.accession +
                                 "-index.htm");
      BOOST_TEST_REQUIRE(obs->published.has_value());
      BOOST_TEST(format_rfc3339(*obs->published) == c.accepted);
    }
  }
}

BOOST_AUTO_TEST_CASE(company_feed_keeps_only_the_configured_forms) {
  struct Case {
    std::vector<std::string> forms;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {{"S-1", "S-1/A", "F-1", "424B4"},
       {"0001628280-26-043210", "0001628280-26-040364", "0001628280-26-038812", "0001628280-26-036936"}},
      {{"S-1"}, {"0001628280-26-036936"}},
      {{"s-1/a"}, {"0001628280-26-040364", "0001628280-26-038812"}},
      {{"F-1"}, {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("forms " << c.forms.size() << " starting " << c.forms.front()) {
      auto out = parse_edgar_filings(edgar_fixture("filings_spacex.atom"), filings_source(c.forms));
      BOOST_TEST_REQUIRE(out.ok());
      BOOST_TEST(keys_of(*out) == c.keys, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_both_spellings_of_the_accession_element) {
  // The fixture spells the 2026-06-01 amendment `accession-nunber`, as EDGAR long has.
  auto feed = edgar_fixture("filings_spacex.atom");
  BOOST_TEST_REQUIRE(feed.find("<accession-nunber>0001628280-26-038812") != std::string::npos);
  auto out = parse_edgar_filings(feed, filings_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(find_key(*out, "0001628280-26-038812") != nullptr);
}

BOOST_AUTO_TEST_CASE(company_comes_from_the_feed_title_without_company_info) {
  const std::string feed =
      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Alpha - Omega Compute Inc  (0002033333)</title>"
      "<entry><content type=\"text/xml\"><accession-number>0001193125-26-250010</accession-number>"
      "<filing-type>S-1</filing-type><filing-date>2026-06-03</filing-date></content></entry></feed>";
  auto out = parse_edgar_filings(feed, filings_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  const auto& obs = out->observations[0];
  BOOST_TEST(obs.facts.at("company") == "Alpha - Omega Compute Inc");
  BOOST_TEST(obs.facts.at("cik") == "2033333");
  BOOST_TEST(obs.url ==
             "https://www.sec.gov/Archives/edgar/data/2033333/000119312526250010/0001193125-26-250010-index.htm");
  BOOST_TEST(obs.facts.count("accepted") == 0u);
  BOOST_TEST(format_rfc3339(*obs.published) == "2026-06-03T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(empty_feed_is_a_success_with_no_observations) {
  auto out = parse_edgar_filings(edgar_fixture("filings_empty.atom"), filings_source({"S-1"}));
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(out->observations.empty());
  BOOST_TEST(out->dropped.empty());
}

BOOST_AUTO_TEST_CASE(one_entry_feed_yields_the_s1) {
  auto out = parse_edgar_filings(edgar_fixture("filings_one.atom"), filings_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  BOOST_TEST(out->observations[0].key == "0001628280-26-036936");
  BOOST_TEST(out->observations[0].title == "S-1 filed by Space Exploration Technologies Corp");
}

BOOST_AUTO_TEST_CASE(hundred_entry_feed_yields_hundred_distinct_filings) {
  auto out = parse_edgar_filings(edgar_fixture("filings_100.atom"), filings_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST(out->observations.size() == 100u);
  std::set<std::string> keys;
  for (const auto& o : out->observations) {
    keys.insert(o.key);
    BOOST_TEST(o.facts.count("accepted") == 1u);
    BOOST_TEST(o.facts.count("filing_date") == 1u);
  }
  BOOST_TEST(keys.size() == 100u);
  auto eight_k = parse_edgar_filings(edgar_fixture("filings_100.atom"), filings_source({"8-K"}));
  BOOST_TEST_REQUIRE(eight_k.ok());
  BOOST_TEST(eight_k->observations.size() == 20u);
}

BOOST_AUTO_TEST_CASE(keys_are_the_same_on_every_fetch_and_in_both_feeds) {
  auto first = parse_edgar_filings(edgar_fixture("filings_spacex.atom"), filings_source());
  auto second = parse_edgar_filings(edgar_fixture("filings_spacex.atom"), filings_source());
  auto latest = parse_edgar_current(edgar_fixture("current_mixed.atom"), current_source());
  BOOST_TEST_REQUIRE((first.ok() && second.ok() && latest.ok()));
  BOOST_TEST(keys_of(*first) == keys_of(*second), boost::test_tools::per_element());
  const auto* in_company_feed = find_key(*first, "0001628280-26-040364");
  const auto* in_latest_feed = find_key(*latest, "0001628280-26-040364");
  BOOST_TEST_REQUIRE((in_company_feed != nullptr && in_latest_feed != nullptr));
  BOOST_TEST(in_company_feed->facts.at("accepted") == in_latest_feed->facts.at("accepted"));
  BOOST_TEST(in_company_feed->url == in_latest_feed->url);
}

BOOST_AUTO_TEST_CASE(latin1_feed_comes_out_as_utf8) {
  auto out = parse_edgar_filings(edgar_fixture("filings_latin1.atom"), filings_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  const auto& obs = out->observations[0];
  // é and É from ISO-8859-1 bytes, the Windows-1252 apostrophe 0x92, and `&amp;`.
  const std::string name = "Soci\xC3\xA9t\xC3\xA9 G\xC3\xA9n\xC3\xA9rale d\xE2\x80\x99\xC3\x89nergie & Fils S.A.";
  BOOST_TEST(obs.facts.at("company") == name);
  BOOST_TEST(obs.title == "F-1 filed by " + name);
  BOOST_TEST(obs.facts.at("cik") == "1999321");
  for (const auto& [field, value] : obs.facts) BOOST_TEST(testing::is_valid_utf8(value), field);
}

BOOST_AUTO_TEST_CASE(decodes_entities_references_and_declared_encodings) {
  struct Case {
    const char* label;
    std::string declaration;
    std::string name;
    std::string expected;
  };
  const std::string utf8_decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const std::string latin1_decl = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>";
  const Case cases[] = {
      {"five entities", utf8_decl, "A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;", "A&B <C> \"D\" 'E'"},
      {"decimal and hex references", utf8_decl, "Soci&#233;t&#xE9; &#x1F680;", "Soci\xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80"},
      {"raw UTF-8", utf8_decl, "Soci\xC3\xA9t\xC3\xA9", "Soci\xC3\xA9t\xC3\xA9"},
      {"no declaration is UTF-8", "", "Soci\xC3\xA9t\xC3\xA9", "Soci\xC3\xA9t\xC3\xA9"},
      {"UTF-8 byte order mark", "\xEF\xBB\xBF" + utf8_decl, "Soci\xC3\xA9t\xC3\xA9", "Soci\xC3\xA9t\xC3\xA9"},
      {"ISO-8859-1 bytes", latin1_decl, "Soci\xE9t\xE9", "Soci\xC3\xA9t\xC3\xA9"},
      {"windows-1252 label", "<?xml version='1.0' encoding='windows-1252'?>", "\x93Q\x94 \x80", "\xE2\x80\x9CQ\xE2\x80\x9D \xE2\x82\xAC"},
      {"references in a Latin-1 document", latin1_decl, "&#x2019;&#8364;", "\xE2\x80\x99\xE2\x82\xAC"},
      {"CDATA", utf8_decl, "<![CDATA[A & B <Corp>]]>", "A & B <Corp>"},
      {"invalid UTF-8 replaced", utf8_decl, "Bad\xE9Name", "Bad\xEF\xBF\xBDName"},
      {"surrogate reference replaced", utf8_decl, "X&#xD800;Y", "X\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDY"},
      {"unknown entity left as text", utf8_decl, "A&nbsp;B", "A&nbsp;B"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.label) {
      auto out = parse_edgar_filings(one_company_feed(c.declaration, c.name), filings_source());
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      BOOST_TEST_REQUIRE(out->observations.size() == 1u);
      BOOST_TEST(out->observations[0].facts.at("company") == c.expected);
      BOOST_TEST(testing::is_valid_utf8(out->observations[0].facts.at("company")));
    }
  }
}

BOOST_AUTO_TEST_CASE(latest_feed_merges_filer_roles_into_one_observation_per_accession) {
  auto out = parse_edgar_current(edgar_fixture("current_mixed.atom"), current_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const std::vector<std::string> expected{"0001769628-26-000187", "0001628280-26-040364", "0001193125-26-250001",
                                          "0001769628-26-000188", "0001193125-26-250010"};
  BOOST_TEST(keys_of(*out) == expected, boost::test_tools::per_element());

  struct Case {
    const char* accession;
    const char* form;
    const char* company;
    const char* cik;
    const char* entities;
    const char* accepted;
  };
  const Case cases[] = {
      {"0001628280-26-040364", "S-1/A", "Space Exploration Technologies Corp", "1181412",
       "Space Exploration Technologies Corp (CIK 1181412, Filer)", "2026-06-03T21:02:11Z"},
      // The subject company, not the holder that filed it, names a Schedule 13G.
      {"0001193125-26-250001", "SCHEDULE 13G", "Space Exploration Technologies Corp", "1181412",
       "Space Exploration Technologies Corp (CIK 1181412, Subject); Founders Fund Growth III, LP (CIK 1656789, Filed by)",
       "2026-06-03T20:58:12Z"},
      // The issuer, not the reporting insider, names a Form 4.
      {"0001769628-26-000188", "4", "CoreWeave, Inc.", "1769628",
       "Intrator Michael N (CIK 1999001, Reporting); CoreWeave, Inc. (CIK 1769628, Issuer)", "2026-06-03T20:45:00Z"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("accession " << c.accession) {
      const auto* obs = find_key(*out, c.accession);
      BOOST_TEST_REQUIRE(obs != nullptr);
      BOOST_TEST(obs->facts.at("form") == c.form);
      BOOST_TEST(obs->facts.at("company") == c.company);
      BOOST_TEST(obs->facts.at("cik") == c.cik);
      BOOST_TEST(obs->facts.at("entities") == c.entities);
      BOOST_TEST(obs->facts.at("filing_date") == "2026-06-03");
      BOOST_TEST(obs->facts.at("accepted") == c.accepted);
      const bool subject = std::string(c.entities).find(std::string(c.company) + " (CIK " + c.cik + ", Subject)") == 0;
      BOOST_TEST(obs->title == std::string(c.form) + (subject ? " on " : " filed by ") + c.company);
    }
  }
}

BOOST_AUTO_TEST_CASE(latest_feed_drops_entries_without_accession_with_a_reason) {
  auto out = parse_edgar_current(edgar_fixture("current_mixed.atom"), current_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] ==
             "entry 8 (\"D - Stealth Compute Partners LP (0002044444) (Filer)\"): no accession number");
}

BOOST_AUTO_TEST_CASE(latest_feed_filters_by_form_cik_and_company_across_roles) {
  struct Case {
    const char* label;
    std::vector<std::string> forms;
    std::vector<std::string> ciks;
    std::vector<std::string> companies;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {"forms", {"S-1", "S-1/A"}, {}, {}, {"0001628280-26-040364", "0001193125-26-250010"}},
      {"padded cik matches any role", {}, {"0001181412"}, {}, {"0001628280-26-040364", "0001193125-26-250001"}},
      {"company substring any case", {}, {}, {"coreweave"}, {"0001769628-26-000187", "0001769628-26-000188"}},
      {"cik or company", {}, {"2033333"}, {"COREWEAVE"},
       {"0001769628-26-000187", "0001769628-26-000188", "0001193125-26-250010"}},
      {"form and filer", {"8-K"}, {}, {"CoreWeave"}, {"0001769628-26-000187"}},
      {"no match", {}, {"1234567"}, {}, {}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.label) {
      auto source = current_source();
      source.forms = c.forms;
      source.ciks = c.ciks;
      source.companies = c.companies;
      auto out = parse_edgar_current(edgar_fixture("current_mixed.atom"), source);
      BOOST_TEST_REQUIRE(out.ok());
      BOOST_TEST(keys_of(*out) == c.keys, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(malformed_feeds_are_errors_that_say_what_and_where) {
  struct Case {
    const char* fixture;
    const char* message;
  };
  const Case cases[] = {
      {"malformed_truncated.atom",
       "EDGAR Atom feed: XML error at line 17, column 37: Start-end tags mismatch (the document ends early: "
       "truncated?)"},
      {"malformed_rate_limited.html",
       "EDGAR Atom feed: expected an Atom feed, got an HTML page titled 'SEC.gov | Request Rate Threshold "
       "Exceeded'"},
      {"malformed_doctype.atom",
       "EDGAR Atom feed: the document has a DOCTYPE, which EDGAR feeds never have; refusing it (DTDs and entity "
       "declarations are not processed)"},
      {"malformed_encoding.atom",
       "EDGAR Atom feed: the document declares encoding \"Shift_JIS\", which watchdesk does not read (EDGAR "
       "feeds are ISO-8859-1 or UTF-8)"},
      {"malformed_not_atom.xml", "EDGAR Atom feed: expected an Atom <feed> document, got <rss>"},
      {"submissions_spacex.json", "EDGAR Atom feed: expected an Atom feed, got a JSON document"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.fixture) {
      for (auto kind : {config::SourceKind::edgar_filings, config::SourceKind::edgar_current}) {
        auto body = edgar_fixture(c.fixture);
        auto out = kind == config::SourceKind::edgar_filings ? parse_edgar_filings(body, filings_source())
                                                             : parse_edgar_current(body, current_source());
        BOOST_TEST_REQUIRE(!out.ok());
        BOOST_TEST(out.error().message == c.message);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(inline_malformed_documents_are_errors) {
  struct Case {
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {"", "EDGAR Atom feed: the document is empty; expected an Atom feed"},
      {" \n", "EDGAR Atom feed: the document is empty; expected an Atom feed"},
      {"\xEF\xBB\xBF", "EDGAR Atom feed: the document is empty; expected an Atom feed"},
      {"\xEF\xBB\xBF \r\n", "EDGAR Atom feed: the document is empty; expected an Atom feed"},
      {"\xFF\xFE<\0f\0", "EDGAR Atom feed: the document is in UTF-16 or UTF-32; watchdesk reads feeds in UTF-8 or "
                         "ISO-8859-1"},
      {"<feed><entry></feed>", "EDGAR Atom feed: XML error at line 1, column 16: Start-end tags mismatch"},
      {"<feed>\n<entry a=1/></feed>", "EDGAR Atom feed: XML error at line 2, column 10: Error parsing element attribute"},
      {"<?xml version=\"1.0\"?><!-- only a comment -->", "EDGAR Atom feed: XML error at line 1, column 45: No document "
                                                        "element found (the document ends early: truncated?)"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("body '" << c.body << "'") {
      auto out = parse_edgar_filings(c.body, filings_source());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message == c.message);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
