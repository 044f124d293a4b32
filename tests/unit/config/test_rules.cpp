// Tests for config/rules.cpp: the SEC User-Agent rule, file URLs and webhook values.
#include <boost/test/unit_test.hpp>

#include "config/rules.hpp"

using namespace watchdesk;
using namespace watchdesk::config;

namespace {

Source source(std::string id, std::string url, SourceKind kind) {
  Source s;
  s.id = std::move(id);
  s.url = std::move(url);
  s.kind = kind;
  return s;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_rules)

BOOST_AUTO_TEST_CASE(finds_an_email_in_a_user_agent) {
  struct Case {
    const char* text;
    bool email;
  };
  const Case cases[] = {
      {"Acme Research ops@acme.example", true},
      {"watchdesk/0.1 (+mailto:desk@example.com)", true},
      {"first.last+sec@mail.example.org", true},
      {"Acme <ops@acme.example>", true},
      {"watchdesk/0.1", false},
      {"Acme @ research", false},
      {"ops@localhost", false},
      {"ops@acme.", false},
      {"ops@.example", false},
      {"op\xC3\xA9@acme.example", false},
      {"ops@acm\xC3\xA9.example", false},
      {"", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text '" << c.text << "'") { BOOST_TEST(has_email(c.text) == c.email); }
  }
}

BOOST_AUTO_TEST_CASE(a_user_agent_is_one_line_of_ascii) {
  BOOST_TEST(!user_agent_problem("Acme Research ops@acme.example").has_value());
  const auto accented = user_agent_problem("Acme ops@acm\xC3\xA9.example");
  BOOST_TEST_REQUIRE(accented.has_value());
  BOOST_TEST(accented->find("ASCII") != std::string::npos);
  BOOST_TEST(user_agent_problem("Acme\nops@acme.example").has_value());
}

BOOST_AUTO_TEST_CASE(sec_sources_need_a_contact_email) {
  const Source filings = source("spacex-filings", "https://www.sec.gov/cgi-bin/browse-edgar?CIK=1181412",
                                SourceKind::edgar_filings);
  const Source price = source("crwv-price", "https://query1.finance.yahoo.com/v8/finance/chart/CRWV", SourceKind::price);
  const Source mirror = source("mirror", "https://www.sec.gov/Archives/feed.xml", SourceKind::feed);
  const std::vector<Source> both{price, filings};
  const Source* refused = source_breaking_sec_user_agent("watchdesk", both);
  BOOST_TEST_REQUIRE(refused != nullptr);
  BOOST_TEST(refused->id == "spacex-filings");
  BOOST_TEST(source_breaking_sec_user_agent("watchdesk", {price, mirror}) != nullptr);
  BOOST_TEST(source_breaking_sec_user_agent("Acme Research ops@acme.example", {price, filings}) == nullptr);
  BOOST_TEST(source_breaking_sec_user_agent("watchdesk", {price}) == nullptr);
}

BOOST_AUTO_TEST_CASE(file_urls_need_allow_file_urls) {
  const Source snapshot = source("snap", "file:///tmp/x.atom", SourceKind::feed);
  Settings settings;
  BOOST_TEST(file_url_problem(snapshot, settings).has_value());
  settings.allow_file_urls = true;
  BOOST_TEST(!file_url_problem(snapshot, settings).has_value());
  BOOST_TEST(!file_url_problem(source("web", "https://example.com/feed", SourceKind::feed), Settings{}).has_value());
}

BOOST_AUTO_TEST_CASE(a_webhook_value_is_a_web_url_and_never_repeated) {
  BOOST_TEST(!webhook_value_problem(Secret("https://hooks.slack.com/services/T/B/X")).has_value());
  const auto problem = webhook_value_problem(Secret("not a url token-123"));
  BOOST_TEST_REQUIRE(problem.has_value());
  BOOST_TEST(problem->find("token-123") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
