// The EDGAR Atom, latest-filings, full-text search and news feed parsers over real captured answers in
// tests/fixtures/real (provenance in its README.md); the expected values were read from the files
// with python3's xml.etree, json, email.utils and zoneinfo modules, not from the parsers.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source feed_capture_source(config::SourceKind kind, std::vector<std::string> forms = {}) {
  config::Source s;
  s.id = "real";
  s.kind = kind;
  s.forms = std::move(forms);
  return s;
}

ParseOutput parse_feed_capture(std::string_view dir, std::string_view name, const config::Source& source,
                               std::string_view content_type) {
  auto out = sources::parse_source(source, read_fixture(dir, name), content_type);
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  return std::move(*out);
}

ParseOutput parse_edgar_feed_capture(std::string_view name, const config::Source& source,
                                     std::string_view content_type) {
  return parse_feed_capture("real/edgar", name, source, content_type);
}

std::set<std::string> capture_keys(const ParseOutput& out) {
  auto keys = keys_of(out);
  return {keys.begin(), keys.end()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_real_feed_captures)

// browse-edgar?action=getcompany&CIK=0001844419&type=S-1: the S-1 and four S-1/A of Maquia Capital.
BOOST_AUTO_TEST_CASE(company_feed_lists_each_registration_filing_with_its_acceptance_instant) {
  const auto out = parse_edgar_feed_capture(
      "company_maquia_s1.xml", feed_capture_source(config::SourceKind::edgar_filings), "application/atom+xml");
  BOOST_TEST(out.observations.size() == 5u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001104659-21-057704");
  BOOST_TEST(out.observations.back().key == "0001104659-21-024398");
  for (const auto& o : out.observations) {
    BOOST_TEST(fact(o, "company") == "Maquia Capital Acquisition Corp");
    BOOST_TEST(fact(o, "cik") == "1844419");
  }

  // Accepted 19:39:21 EDT on the 22nd, after the 17:30 cut-off: filed the 23rd.
  const auto* late = find_key(out, "0001104659-21-039858");
  BOOST_TEST_REQUIRE(late != nullptr);
  BOOST_TEST(fact(*late, "form") == "S-1/A");
  BOOST_TEST(fact(*late, "filing_date") == "2021-03-23");
  BOOST_TEST(fact(*late, "accepted") == "2021-03-22T23:39:21Z");
  BOOST_TEST(late->url ==
             "https://www.sec.gov/Archives/edgar/data/1844419/000110465921039858/0001104659-21-039858-index.htm");

  // 17:25:34 EST in February.
  const auto* s1 = find_key(out, "0001104659-21-024398");
  BOOST_TEST_REQUIRE(s1 != nullptr);
  BOOST_TEST(fact(*s1, "form") == "S-1");
  BOOST_TEST(utc(s1->published) == "2021-02-16T22:25:34Z");
}

BOOST_AUTO_TEST_CASE(company_feed_keeps_only_the_exact_forms_asked_for) {
  const auto out = parse_edgar_feed_capture(
      "company_maquia_s1.xml", feed_capture_source(config::SourceKind::edgar_filings, {"S-1"}), "application/atom+xml");
  BOOST_TEST(keys_of(out) == std::vector<std::string>{"0001104659-21-024398"});
}

// Keen Vision's feed, every form: 55 filings from 2023-02-09 to 2025-01-24.
BOOST_AUTO_TEST_CASE(company_feed_of_every_form_reads_all_entries) {
  const auto out = parse_edgar_feed_capture(
      "company_keen_vision.xml", feed_capture_source(config::SourceKind::edgar_filings), "application/atom+xml");
  BOOST_TEST(out.observations.size() == 55u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001213900-25-006497");
  BOOST_TEST(out.observations.back().key == "0001213900-23-009668");

  // EFFECT notices are stamped 00:15:11 Eastern the day after their filing date.
  const auto* effect = find_key(out, "9999999995-23-002171");
  BOOST_TEST_REQUIRE(effect != nullptr);
  BOOST_TEST(fact(*effect, "filing_date") == "2023-07-24");
  BOOST_TEST(fact(*effect, "accepted") == "2023-07-25T04:15:11Z");

  const auto quarterly = parse_edgar_feed_capture(
      "company_keen_vision.xml", feed_capture_source(config::SourceKind::edgar_filings, {"10-Q", "10-K"}),
      "application/atom+xml");
  BOOST_TEST(quarterly.observations.size() == 6u);
}

// getcurrent&type=10-K of 25 February 2016: 40 entries, 32 filings, every role `(Filer)`.
BOOST_AUTO_TEST_CASE(latest_filings_feed_gives_one_observation_per_accession) {
  const auto out = parse_edgar_feed_capture(
      "current_10k_2016-02-25.xml", feed_capture_source(config::SourceKind::edgar_current), "application/atom+xml");
  BOOST_TEST(out.observations.size() == 32u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0000050104-16-000055");
  BOOST_TEST(out.observations.back().key == "0001193125-16-478532");

  // Duke Energy's 10-K lists seven co-registrants, each its own entry.
  const auto* duke = find_key(out, "0001326160-16-000221");
  BOOST_TEST_REQUIRE(duke != nullptr);
  BOOST_TEST(fact(*duke, "company") == "Duke Energy CORP");
  BOOST_TEST(fact(*duke, "cik") == "1326160");
  BOOST_TEST(fact(*duke, "form") == "10-K");
  BOOST_TEST(fact(*duke, "filing_date") == "2016-02-25");
  BOOST_TEST(fact(*duke, "accepted") == "2016-02-25T22:07:24Z");
  const std::string entities = fact(*duke, "entities");
  BOOST_TEST(std::count(entities.begin(), entities.end(), ';') == 6);
  BOOST_TEST(entities.find("DUKE ENERGY PROGRESS, LLC. (CIK 17797, Filer)") != std::string::npos);

  const auto* bbt = find_key(out, "0000092230-16-000125");
  BOOST_TEST_REQUIRE(bbt != nullptr);
  BOOST_TEST(fact(*bbt, "company") == "BB&T CORP");
  BOOST_TEST(bbt->title == "10-K filed by BB&T CORP");
  BOOST_TEST(bbt->url ==
             "http://www.sec.gov/Archives/edgar/data/92230/000009223016000125/0000092230-16-000125-index.htm");
}

// getcurrent&type=13F-HR of 24 April 2018: 100 filings, two of them 13F-HR/A (the URL's `type` is a
// prefix filter).
BOOST_AUTO_TEST_CASE(latest_filings_feed_reads_names_dates_and_amendments_as_written) {
  const auto out = parse_edgar_feed_capture(
      "current_13f_2018-04-24.xml", feed_capture_source(config::SourceKind::edgar_current), "application/atom+xml");
  BOOST_TEST(out.observations.size() == 100u);
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.observations.front().key == "0001178913-18-001251");
  BOOST_TEST(out.observations.back().key == "0001512404-18-000003");

  // A parenthesis that belongs to the name.
  const auto& first = out.observations.front();
  BOOST_TEST(fact(first, "company") == "Mivtachim The Workers Social Insurance Fund Ltd. (Under Special Management)");
  BOOST_TEST(fact(first, "cik") == "1599719");
  BOOST_TEST(fact(first, "accepted") == "2018-04-24T11:57:13Z");

  // Accepted 19:58:56 EDT on Friday the 20th, filed Monday the 23rd (the date is in the summary only).
  const auto* late = find_key(out, "0001692252-18-000002");
  BOOST_TEST_REQUIRE(late != nullptr);
  BOOST_TEST(fact(*late, "company") == "ARTHUR M. COHEN & ASSOCIATES, LLC");
  BOOST_TEST(fact(*late, "filing_date") == "2018-04-23");
  BOOST_TEST(fact(*late, "accepted") == "2018-04-20T23:58:56Z");

  const auto originals = parse_edgar_feed_capture("current_13f_2018-04-24.xml",
                                                  feed_capture_source(config::SourceKind::edgar_current, {"13F-HR"}),
                                                  "application/atom+xml");
  BOOST_TEST(originals.observations.size() == 98u);
  BOOST_TEST(find_key(originals, "0001352675-18-000002") == nullptr);
  const auto amendments = parse_edgar_feed_capture("current_13f_2018-04-24.xml",
                                                   feed_capture_source(config::SourceKind::edgar_current, {"13F-HR/A"}),
                                                   "application/atom+xml");
  BOOST_TEST(capture_keys(amendments) == (std::set<std::string>{"0001352675-18-000002", "0000850529-18-000007"}));
}

// Lamar Media's 10-K is the same filing as Lamar Advertising's; a source watching Lamar Media must
// see it named, not its co-registrant listed first.
BOOST_AUTO_TEST_CASE(latest_filings_feed_names_the_co_registrant_the_source_watches) {
  auto source = feed_capture_source(config::SourceKind::edgar_current);
  source.ciks = {"899045"};
  const auto out = parse_edgar_feed_capture("current_10k_2016-02-25.xml", source, "application/atom+xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 1u);
  const auto& lamar = out.observations.front();
  BOOST_TEST(lamar.key == "0001193125-16-478563");
  BOOST_TEST(fact(lamar, "company") == "LAMAR MEDIA CORP/DE");
  BOOST_TEST(fact(lamar, "cik") == "899045");
  BOOST_TEST(lamar.title == "10-K filed by LAMAR MEDIA CORP/DE");

  source.ciks.clear();
  source.companies = {"corporate office properties trust"};
  const auto copt = parse_edgar_feed_capture("current_10k_2016-02-25.xml", source, "application/atom+xml");
  BOOST_TEST_REQUIRE(copt.observations.size() == 1u);
  BOOST_TEST(fact(copt.observations.front(), "company") == "CORPORATE OFFICE PROPERTIES TRUST");
  BOOST_TEST(fact(copt.observations.front(), "cik") == "860546");

  const auto unfiltered = parse_edgar_feed_capture(
      "current_10k_2016-02-25.xml", feed_capture_source(config::SourceKind::edgar_current), "application/atom+xml");
  const auto* first = find_key(unfiltered, "0001193125-16-478563");
  BOOST_TEST_REQUIRE(first != nullptr);
  BOOST_TEST(fact(*first, "company") == "LAMAR ADVERTISING CO/NEW");
}

// Intel's 10-K filings mentioning "Transition Report": 6 hits, 5 filings (one filing matched twice,
// in its 10-K and in its courtesy PDF); `root_form` is the older single string.
BOOST_AUTO_TEST_CASE(full_text_search_gives_one_observation_per_filing_with_its_first_document) {
  const auto out = parse_edgar_feed_capture("search_intel_transition_report.json",
                                            feed_capture_source(config::SourceKind::edgar_search), "application/json");
  BOOST_TEST(keys_of(out) ==
             (std::vector<std::string>{"0000050863-20-000011", "0000050863-17-000012", "0000050863-19-000007",
                                       "0000050863-21-000010", "0000050863-18-000007"}));
  BOOST_TEST(out.dropped.empty());
  const auto* fy2019 = find_key(out, "0000050863-20-000011");
  BOOST_TEST_REQUIRE(fy2019 != nullptr);
  BOOST_TEST(fact(*fy2019, "company") == "INTEL CORP");
  BOOST_TEST(fact(*fy2019, "cik") == "50863");
  BOOST_TEST(fact(*fy2019, "form") == "10-K");
  BOOST_TEST(fact(*fy2019, "filing_date") == "2020-01-24");
  BOOST_TEST(fy2019->url ==
             "https://www.sec.gov/Archives/edgar/data/50863/000005086320000011/a12282019q4-10kdocument.htm");
}

// "maqc" over five years: 100 of 146 hits, 83 filings.
BOOST_AUTO_TEST_CASE(full_text_search_keeps_amendments_of_the_forms_asked_for) {
  const auto all = parse_edgar_feed_capture("search_maquia_maqc.json",
                                            feed_capture_source(config::SourceKind::edgar_search), "application/json");
  BOOST_TEST(all.observations.size() == 83u);
  BOOST_TEST(all.observations.front().key == "0001104659-21-077166");
  BOOST_TEST(all.observations.back().key == "0001104659-21-042159");

  const auto s1 = parse_edgar_feed_capture(
      "search_maquia_maqc.json", feed_capture_source(config::SourceKind::edgar_search, {"S-1"}), "application/json");
  BOOST_TEST(capture_keys(s1) ==
             (std::set<std::string>{"0001104659-21-048133", "0001104659-21-024398", "0001104659-21-057704",
                                    "0001104659-21-039858", "0001104659-21-042159"}));
  const auto* amendment = find_key(s1, "0001104659-21-057704");
  BOOST_TEST_REQUIRE(amendment != nullptr);
  BOOST_TEST(fact(*amendment, "form") == "S-1/A");
  BOOST_TEST(fact(*amendment, "document_url") ==
             "https://www.sec.gov/Archives/edgar/data/1844419/000110465921057704/tm216812d8_s1a.htm");
}

// The full-text search and the company feed list the same registration filings on the same dates.
BOOST_AUTO_TEST_CASE(full_text_search_and_company_feed_agree_on_the_same_filings) {
  const auto search = parse_edgar_feed_capture(
      "search_maquia_maqc.json", feed_capture_source(config::SourceKind::edgar_search, {"S-1"}), "application/json");
  const auto feed = parse_edgar_feed_capture(
      "company_maquia_s1.xml", feed_capture_source(config::SourceKind::edgar_filings), "application/atom+xml");
  BOOST_TEST(capture_keys(search) == capture_keys(feed));
  for (const auto& filing : feed.observations) {
    const auto* found = find_key(search, filing.key);
    BOOST_TEST_REQUIRE(found != nullptr);
    BOOST_TEST(fact(*found, "filing_date") == fact(filing, "filing_date"));
    BOOST_TEST(fact(*found, "form") == fact(filing, "form"));
    BOOST_TEST(fact(*found, "cik") == fact(filing, "cik"));
  }
}

// Forms 3 and 4 list the reporting holder (Polar Asset Management Partners) first and the issuer
// last; the filing is about the issuer.
BOOST_AUTO_TEST_CASE(full_text_search_names_the_issuer_of_an_ownership_form) {
  const auto out = parse_edgar_feed_capture(
      "search_maquia_maqc.json", feed_capture_source(config::SourceKind::edgar_search, {"3", "4"}), "application/json");
  BOOST_TEST(capture_keys(out) == (std::set<std::string>{"0001326389-23-000789", "0001326389-22-000020"}));
  const auto* form4 = find_key(out, "0001326389-23-000789");
  BOOST_TEST_REQUIRE(form4 != nullptr);
  BOOST_TEST(fact(*form4, "company") == "Maquia Capital Acquisition Corp");
  BOOST_TEST(fact(*form4, "cik") == "1844419");
  BOOST_TEST(form4->title == "4 on Maquia Capital Acquisition Corp");
  BOOST_TEST(fact(*form4, "filer_names") == "Polar Asset Management Partners Inc.; Maquia Capital Acquisition Corp");
  BOOST_TEST(fact(*form4, "filing_date") == "2023-05-15");

  // A source watching the holder sees it named.
  auto holder = feed_capture_source(config::SourceKind::edgar_search, {"4"});
  holder.ciks = {"1326389"};
  const auto watched = parse_edgar_feed_capture("search_maquia_maqc.json", holder, "application/json");
  BOOST_TEST_REQUIRE(watched.observations.size() == 1u);
  BOOST_TEST(fact(watched.observations.front(), "company") == "Polar Asset Management Partners Inc.");
  BOOST_TEST(fact(watched.observations.front(), "cik") == "1326389");
  BOOST_TEST(watched.observations.front().title == "4 filed by Polar Asset Management Partners Inc.");
}

// sec.gov/news/pressreleases.rss of 24 January 2025: 25 items, titles padded with spaces and a
// newline, `&amp;nbsp;` (an escaped HTML entity) in descriptions.
BOOST_AUTO_TEST_CASE(news_feed_of_a_real_site_reads_every_item_cleanly) {
  const auto out = parse_feed_capture("real/feed", "sec_press_releases.rss",
                                      feed_capture_source(config::SourceKind::feed), "application/rss+xml");
  BOOST_TEST(out.observations.size() == 25u);
  BOOST_TEST(out.dropped.empty());

  const auto& first = out.observations.front();
  BOOST_TEST(first.key == "ec1b9af9-5a0f-44b3-83c6-adc75a33096d");
  BOOST_TEST(first.title == "Acting Chairman Mark T. Uyeda Names Acting Senior Staff");
  BOOST_TEST(first.url == "https://www.sec.gov/newsroom/press-releases/2025-31");
  BOOST_TEST(utc(first.published) == "2025-01-24T16:00:00Z");
  BOOST_TEST(fact(first, "publisher") == "Press Releases");
  const std::string summary = fact(first, "summary");
  BOOST_TEST(
      summary.starts_with("The Securities and Exchange Commission today announced Acting Chairman Mark T. "
                          "Uyeda\u2019s selections"));
  BOOST_TEST(summary.ends_with("\u201cThese talented individuals are\u2026"));
  BOOST_TEST(summary.find("nbsp") == std::string::npos);
  BOOST_TEST(summary.find('&') == std::string::npos);
  BOOST_TEST(summary.find('\n') == std::string::npos);

  const auto* dcg = find_key(out, "cd3800dc-fe2a-4e56-8995-88d60965f330");
  BOOST_TEST_REQUIRE(dcg != nullptr);
  BOOST_TEST(dcg->title ==
             "SEC Charges Digital Currency Group and Soichiro \u201cMichael\u201d Moro, Former CEO of Genesis Global "
             "Capital, for Misleading Investors about Genesis\u2019s Financial Condition");
  BOOST_TEST(utc(dcg->published) == "2025-01-17T17:30:00Z");

  const auto& last = out.observations.back();
  BOOST_TEST(last.key == "4ab97279-1301-4336-9eea-4276f4b7b539");
  BOOST_TEST(utc(last.published) == "2025-01-14T14:06:46Z");
  for (const auto& o : out.observations) {
    BOOST_TEST(o.title.front() != ' ');
    BOOST_TEST(o.title.back() != '\n');
  }
}

BOOST_AUTO_TEST_SUITE_END()
