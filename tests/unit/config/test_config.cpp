// Tests for config/config.cpp: lookups by id, the TOML names of the enums, SEC host detection.
#include <boost/test/unit_test.hpp>

#include "config/config.hpp"
#include "core/urls.hpp"

using namespace watchdesk::config;

BOOST_AUTO_TEST_SUITE(config_types)

BOOST_AUTO_TEST_CASE(finds_items_by_id_and_returns_null_for_unknown_ids) {
  Config c;
  c.sources.push_back(Source{});
  c.sources.back().id = "crwv-price";
  c.sources.push_back(Source{});
  c.sources.back().id = "xai-jobs";
  c.channels.push_back(Channel{});
  c.channels.back().id = "desk";
  c.metrics.push_back(Metric{});
  c.metrics.back().name = "crwv-ps";
  c.triggers.push_back(Trigger{});
  c.triggers.back().id = "s1-public";

  BOOST_TEST_REQUIRE(c.find_source("xai-jobs") != nullptr);
  BOOST_TEST(c.find_source("xai-jobs") == &c.sources[1]);
  BOOST_TEST(c.find_channel("desk") == &c.channels[0]);
  BOOST_TEST(c.find_metric("crwv-ps") == &c.metrics[0]);
  BOOST_TEST(c.find_trigger("s1-public") == &c.triggers[0]);
  BOOST_TEST(c.find_source("crwv") == nullptr);
  BOOST_TEST(c.find_channel("desk-mail") == nullptr);
  BOOST_TEST(c.find_metric("") == nullptr);
  BOOST_TEST(c.find_trigger("s1") == nullptr);
}

BOOST_AUTO_TEST_CASE(names_every_enum_value_as_written_in_toml) {
  BOOST_TEST(to_string(SourceKind::edgar_filings) == "edgar-filings");
  BOOST_TEST(to_string(SourceKind::edgar_current) == "edgar-current");
  BOOST_TEST(to_string(SourceKind::edgar_submissions) == "edgar-submissions");
  BOOST_TEST(to_string(SourceKind::edgar_facts) == "edgar-facts");
  BOOST_TEST(to_string(SourceKind::edgar_search) == "edgar-search");
  BOOST_TEST(to_string(SourceKind::price) == "price");
  BOOST_TEST(to_string(SourceKind::jobs) == "jobs");
  BOOST_TEST(to_string(SourceKind::feed) == "feed");
  BOOST_TEST(to_string(TriggerKind::filing) == "filing");
  BOOST_TEST(to_string(TriggerKind::metric_move) == "metric-move");
  BOOST_TEST(to_string(TriggerKind::tenant) == "tenant");
  BOOST_TEST(to_string(TriggerKind::count) == "count");
  BOOST_TEST(to_string(ChannelKind::slack) == "slack");
  BOOST_TEST(to_string(ChannelKind::email) == "email");
  BOOST_TEST(to_string(ChannelKind::webhook) == "webhook");
  BOOST_TEST(to_string(ChannelKind::stdout_) == "stdout");
  BOOST_TEST(to_string(Confirmation::ai_prior) == "ai-prior");
  BOOST_TEST(to_string(Confirmation::reported) == "reported");
  BOOST_TEST(to_string(Confirmation::confirmed) == "confirmed");
  BOOST_TEST(to_string(PriceProvider::stooq) == "stooq");
  BOOST_TEST(to_string(PriceProvider::yahoo) == "yahoo");
  BOOST_TEST(to_string(PriceProvider::nasdaq) == "nasdaq");
  BOOST_TEST(to_string(JobsProvider::greenhouse) == "greenhouse");
  BOOST_TEST(to_string(JobsProvider::lever) == "lever");
  BOOST_TEST(to_string(JobsProvider::ashby) == "ashby");
}

BOOST_AUTO_TEST_CASE(recognises_sec_gov_and_its_subdomains_only) {
  struct Case {
    const char* host;
    bool sec;
  };
  const Case cases[] = {{"sec.gov", true},         {"www.sec.gov", true},      {"data.sec.gov", true},
                        {"efts.sec.gov", true},    {"WWW.SEC.GOV", true},      {"www.sec.gov.", true},
                        {"notsec.gov", false},     {"sec.gov.example", false}, {"sec.gov.evil.com", false},
                        {"stooq.com", false},      {"", false},                {"gov", false},
                        {".sec.gov", false}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.host) { BOOST_TEST(watchdesk::is_sec_host(c.host) == c.sec); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
