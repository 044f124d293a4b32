// Tests for watchers/triggers/alert.cpp: the exact alert JSON, its round trip, errors and text.
#include <boost/test/unit_test.hpp>

#include "unit/triggers/fakes.hpp"
#include "watchers/triggers/alert.hpp"

using namespace watchdesk;
using namespace watchdesk::triggers;
using watchdesk::triggers::testing::at;

BOOST_AUTO_TEST_SUITE(triggers_alert)

namespace {
Alert sample() {
  Alert a;
  a.id = "s1-public/0001628280-26-036936";
  a.trigger = "s1-public";
  a.kind = "filing";
  a.title = "Space Exploration Technologies Corp filed S-1";
  a.summary = "Filed \"publicly\".";
  a.status = config::Confirmation::confirmed;
  a.observed_at = at("2026-05-20T21:03:07Z");
  a.published_at = at("2026-05-20T20:58:00Z");
  a.evidence.push_back({"3f9a01c2", "spacex-filings",
                        "https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/"
                        "0001628280-26-036936-index.htm",
                        "S-1 - General form", at("2026-05-20T20:58:00Z")});
  a.facts.push_back({"form", "S-1"});
  a.facts.push_back({"accession", "0001628280-26-036936"});
  a.facts.push_back({"company", "Space Exploration Technologies Corp"});
  return a;
}
}  // namespace

BOOST_AUTO_TEST_CASE(writes_the_design_shape_exactly) {
  const std::string expected =
      R"({"id":"s1-public/0001628280-26-036936","trigger":"s1-public","kind":"filing",)"
      R"("title":"Space Exploration Technologies Corp filed S-1","summary":"Filed \"publicly\".",)"
      R"("status":"confirmed","observed_at":"2026-05-20T21:03:07Z","published_at":"2026-05-20T20:58:00Z",)"
      R"("evidence":[{"signal":"3f9a01c2","source":"spacex-filings",)"
      R"("url":"https://www.sec.gov/Archives/edgar/data/1181412/000162828026036936/0001628280-26-036936-index.htm",)"
      R"("title":"S-1 - General form","published_at":"2026-05-20T20:58:00Z"}],)"
      R"("facts":{"form":"S-1","accession":"0001628280-26-036936","company":"Space Exploration Technologies Corp"}})";
  BOOST_TEST(to_json(sample()) == expected);
}

BOOST_AUTO_TEST_CASE(writes_null_for_unknown_publication_times) {
  Alert a = sample();
  a.published_at.reset();
  a.evidence[0].published_at.reset();
  const std::string json = to_json(a);
  BOOST_TEST(json.find(R"("observed_at":"2026-05-20T21:03:07Z","published_at":null,)") != std::string::npos);
  BOOST_TEST(json.find(R"("title":"S-1 - General form","published_at":null})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(round_trips_every_field_and_fact_order) {
  struct Case {
    const char* name;
    Alert alert;
  };
  Alert without_times = sample();
  without_times.published_at.reset();
  without_times.evidence[0].published_at.reset();
  Alert ai_prior = sample();
  ai_prior.status = config::Confirmation::ai_prior;
  ai_prior.facts = {{"z", "last"}, {"a", "first"}, {"m", "ünïcode ✓"}};
  Alert reported = sample();
  reported.status = config::Confirmation::reported;
  reported.evidence.clear();
  reported.facts.clear();
  const Case cases[] = {{"full", sample()},
                        {"without times", without_times},
                        {"ai-prior, facts out of alphabetical order", ai_prior},
                        {"reported, no evidence or facts", reported}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      const auto back = from_json(to_json(c.alert));
      BOOST_TEST_REQUIRE(back.ok(), (back.ok() ? "" : back.error().message));
      BOOST_TEST((back.value() == c.alert));
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_the_design_example_without_evidence_titles) {
  const auto alert = from_json(
      R"({"id": "s1-public/0001181412-26-000123", "trigger": "s1-public", "kind": "filing",
          "title": "SpaceX filed S-1 publicly", "summary": "...", "status": "confirmed",
          "observed_at": "2026-06-01T14:03:07Z", "published_at": "2026-06-01T13:58:00Z",
          "evidence": [{"signal": "3f9a01c2", "source": "spacex-filings", "url": "https://www.sec.gov/...",
                        "published_at": "2026-06-01T13:58:00Z"}],
          "facts": {"form": "S-1", "accession": "0001181412-26-000123"}})");
  BOOST_TEST_REQUIRE(alert.ok(), (alert.ok() ? "" : alert.error().message));
  BOOST_TEST(alert->evidence.size() == 1u);
  BOOST_TEST(alert->evidence[0].title.empty());
  BOOST_TEST(alert->facts.size() == 2u);
  BOOST_TEST(alert->facts[1].value == "0001181412-26-000123");
}

BOOST_AUTO_TEST_CASE(rejects_malformed_documents_naming_the_key) {
  struct Case {
    const char* json;
    const char* message_part;
  };
  const Case cases[] = {
      {"not json", "not valid JSON"},
      {"[1]", "must be an object"},
      {R"({"trigger":"t","kind":"k","title":"t","summary":"s","status":"confirmed","observed_at":"2026-01-01T00:00:00Z"})",
       "\"id\""},
      {R"({"id":"i","trigger":"t","kind":"k","title":"t","summary":"s","status":"maybe","observed_at":"2026-01-01T00:00:00Z"})",
       "\"status\""},
      {R"({"id":"i","trigger":"t","kind":"k","title":"t","summary":"s","status":"reported","observed_at":"yesterday"})",
       "\"observed_at\""},
      {R"({"id":"i","trigger":"t","kind":"k","title":"t","summary":"s","status":"reported","observed_at":"2026-01-01T00:00:00Z","facts":{"n":1}})",
       "fact \"n\""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.json) {
      const auto alert = from_json(c.json);
      BOOST_TEST_REQUIRE(!alert.ok());
      BOOST_TEST(alert.error().message.find(c.message_part) != std::string::npos, alert.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(renders_text_with_status_facts_and_evidence_lines) {
  const std::string text = to_text(sample());
  BOOST_TEST(text.starts_with("Space Exploration Technologies Corp filed S-1\nstatus: confirmed"));
  BOOST_TEST(text.find("\n  form: S-1\n") != std::string::npos);
  BOOST_TEST(text.find("\nsignal 3f9a01c2 <https://www.sec.gov/Archives/edgar/data/1181412/") !=
             std::string::npos);
  BOOST_TEST(text.find("\nid: s1-public/0001628280-26-036936\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reads_status_names_in_the_config_spelling) {
  struct Case {
    config::Confirmation status;
    const char* name;
  };
  const Case cases[] = {{config::Confirmation::confirmed, "confirmed"},
                        {config::Confirmation::reported, "reported"},
                        {config::Confirmation::ai_prior, "ai-prior"}};
  for (const auto& c : cases) {
    BOOST_TEST((parse_status_name(c.name) == c.status));
    BOOST_TEST((parse_status_name(config::to_string(c.status)) == c.status));
  }
  BOOST_TEST(!parse_status_name("ai_prior").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
