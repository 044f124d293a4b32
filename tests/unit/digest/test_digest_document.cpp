// Tests for the digest document and its renderings: answers with status and evidence, what changed
// since the previous digest (alerts, figures, series, sources), the figures table; Markdown and HTML.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <string>

#include "daemon/digest/digest_document.hpp"
#include "daemon/digest/digest_render.hpp"
#include "unit/digest/digest_test_support.hpp"

BOOST_AUTO_TEST_SUITE(digest_document)

namespace {

using namespace watchdesk;
using namespace watchdesk::digest;
using namespace watchdesk::digest::testing;
namespace json = boost::json;

TimePoint utc(const char* text) { return *parse_rfc3339(text); }

void require(const Status& status) {
  BOOST_REQUIRE_MESSAGE(status.ok(), (status.ok() ? "" : status.error().message));
}

// The week between two digests: an alert, a price move, a failing source.
void a_week_happens(store::StateStore& store) {
  auto tx = must(store.begin());
  SeriesPoint before{"close", utc("2026-11-27T21:00:00Z"), 100.0, "stooq"};
  SeriesPoint after{"close", utc("2026-12-04T21:00:00Z"), 112.5, "stooq"};
  require(tx.add_point("crwv-price.close", before));
  require(tx.add_point("crwv-price.close", after));
  BOOST_TEST(must(tx.add_alert({"second-tenant/openai", "second-tenant",
                                R"({"id":"second-tenant/openai","title":"OpenAI rents Colossus <capacity>","status":"reported"})",
                                utc("2026-12-04T10:00:00Z"), "a1b2c3d4e5f6"},
                               {"console"})));
  store::FetchState failing;
  failing.source_id = "news";
  failing.url = "https://news.example.com/rss";
  failing.last_attempt = utc("2026-12-06T10:00:00Z");
  failing.consecutive_failures = 4;
  failing.last_error = "HTTP 503 from news.example.com";
  require(tx.put_fetch_state(failing));
  require(tx.commit());
}

DigestRequest week_request() {
  DigestRequest request;
  request.digest_id = "weekly";
  request.zone = "America/New_York";
  request.scheduled_for = utc("2026-12-07T13:00:00Z");
  request.now = utc("2026-12-07T13:00:20Z");
  request.previous_at = utc("2026-11-30T13:00:10Z");
  request.previous = json::parse(
      R"({"figures":[{"figure":"spacex-valuation","label":"SpaceX IPO valuation","status":"ai-prior"}]})").as_object();
  return request;
}

}  // namespace

BOOST_AUTO_TEST_CASE(holds_answers_changes_and_figures) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York"));
  a_week_happens(*desk.store);
  const auto doc = must(build_digest(desk.config, *desk.store, week_request()));

  BOOST_TEST(doc.at("kind").as_string() == "digest");
  BOOST_TEST(doc.at("id").as_string() == "digest/weekly/2026-12-07T13:00:00Z");
  BOOST_TEST(doc.at("since").as_string() == "2026-11-30T13:00:10Z");
  BOOST_TEST(doc.at("local_time").as_string() == "2026-12-07 08:00 EST");

  const auto& triggers = doc.at("triggers").as_array();
  BOOST_REQUIRE(!triggers.empty());
  BOOST_TEST(triggers[0].as_object().at("trigger").as_string() == "second-tenant");
  BOOST_TEST(triggers[0].as_object().contains("status"));
  BOOST_TEST(triggers[0].as_object().contains("evidence"));

  const auto& changes = doc.at("changes").as_object();
  const auto& alerts = changes.at("alerts").as_array();
  BOOST_REQUIRE(alerts.size() == 1u);
  BOOST_TEST(alerts[0].as_object().at("id").as_string() == "second-tenant/openai");
  BOOST_TEST(alerts[0].as_object().at("silenced_by").as_string() == "a1b2c3d4e5f6");

  const auto& figures = changes.at("figures").as_array();
  BOOST_REQUIRE(figures.size() == 1u);
  BOOST_TEST(figures[0].as_object().at("from").as_string() == "ai-prior");
  BOOST_TEST(figures[0].as_object().at("to").as_string() == "reported");

  const auto& series = changes.at("series").as_array();
  BOOST_REQUIRE(series.size() == 1u);
  BOOST_TEST(series[0].as_object().at("series").as_string() == "crwv-price.close");
  BOOST_TEST(series[0].as_object().at("from").to_number<double>() == 100.0);
  BOOST_TEST(series[0].as_object().at("to").to_number<double>() == 112.5);
  BOOST_TEST(series[0].as_object().at("change").to_number<double>() == 12.5);

  const auto& sources = changes.at("sources").as_array();
  BOOST_REQUIRE(sources.size() == 1u);
  BOOST_TEST(sources[0].as_object().at("source").as_string() == "news");
  BOOST_TEST(sources[0].as_object().at("failing_now").as_bool());

  const auto& table = doc.at("figures").as_array();
  BOOST_REQUIRE(table.size() == 1u);
  BOOST_TEST(table[0].as_object().at("status").as_string() == "reported");
  BOOST_TEST(table[0].as_object().at("signals").as_array()[0].as_string() == "50da90f1");
}

BOOST_AUTO_TEST_CASE(without_a_previous_digest_looks_back_a_week_and_reports_no_figure_change) {
  DigestDesk desk(desk_config("Mon 08:00", "UTC"));
  a_week_happens(*desk.store);
  auto request = week_request();
  request.previous.reset();
  request.previous_at.reset();
  const auto doc = must(build_digest(desk.config, *desk.store, request));
  BOOST_TEST(doc.at("since").as_string() == "2026-11-30T13:00:20Z");
  BOOST_TEST(doc.at("changes").as_object().at("figures").as_array().empty());
  BOOST_TEST(doc.at("changes").as_object().at("alerts").as_array().size() == 1u);
}

namespace {

// A price source read from Yahoo with a Stooq fallback, as config/watchdesk.toml reads it.
const std::string kPriceSource =
    "[sources.crwv-price]\nkind = \"price\"\nprovider = \"yahoo\"\nfallback = \"stooq\"\nsymbol = \"CRWV\"\n"
    "every = \"15m\"\n";

void add_closes(store::StateStore& store, std::initializer_list<SeriesPoint> points) {
  auto tx = must(store.begin());
  for (const auto& p : points) require(tx.add_point("crwv-price.close", p));
  require(tx.commit());
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_price_move_is_measured_within_the_provider_of_its_latest_close) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York", kPriceSource));
  // Yahoo's close before the previous digest, then a dividend-adjusted Stooq close while Yahoo was
  // down: the week's Yahoo move is from 100, not from Stooq's 94.
  add_closes(*desk.store, {{"close", utc("2026-11-26T14:30:00Z"), 100.0, "yahoo"},
                           {"close", utc("2026-11-28T21:00:00Z"), 94.0, "stooq"},
                           {"close", utc("2026-12-04T14:30:00Z"), 112.5, "yahoo"}});
  const auto doc = must(build_digest(desk.config, *desk.store, week_request()));
  const auto& series = doc.at("changes").as_object().at("series").as_array();
  BOOST_REQUIRE(series.size() == 1u);
  const auto& move = series[0].as_object();
  BOOST_TEST(move.at("provider").as_string() == "yahoo");
  BOOST_TEST(move.at("from").to_number<double>() == 100.0);
  BOOST_TEST(move.at("change").to_number<double>() == 12.5);
}

BOOST_AUTO_TEST_CASE(a_price_move_without_an_earlier_close_of_its_provider_has_no_base) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York", kPriceSource));
  add_closes(*desk.store, {{"close", utc("2026-11-28T21:00:00Z"), 94.0, "stooq"},
                           {"close", utc("2026-12-04T14:30:00Z"), 112.5, "yahoo"}});
  const auto doc = must(build_digest(desk.config, *desk.store, week_request()));
  const auto& series = doc.at("changes").as_object().at("series").as_array();
  BOOST_REQUIRE(series.size() == 1u);
  BOOST_TEST(series[0].as_object().at("from").is_null());
  BOOST_TEST(series[0].as_object().at("change").is_null());
  const auto md = digest_markdown(doc);
  BOOST_TEST(md.find("crwv-price.close: 112.5 (no earlier yahoo price to compare with)") != std::string::npos, md);
}

BOOST_AUTO_TEST_CASE(markdown_and_html_show_the_same_sections) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York"));
  a_week_happens(*desk.store);
  const auto doc = must(build_digest(desk.config, *desk.store, week_request()));
  const auto md = digest_markdown(doc);
  BOOST_TEST(md.rfind("# Things to watch this week: 2026-12-07\n", 0) == 0u, md);
  for (const char* part : {"## Triggers", "| trigger | reading | status | as of | evidence |", "## What changed",
                           "**Alerts raised**", "`second-tenant/openai`", "(silenced by a1b2c3d4e5f6)",
                           "SpaceX IPO valuation: ai-prior -> reported", "crwv-price.close: 100 -> 112.5 (+12.5%)",
                           "news: failing now, 4 failures in a row; last error: HTTP 503 from news.example.com",
                           "## Figures", "| SpaceX IPO valuation | $1.75-2T | reported | 50da90f1 |"})
    BOOST_TEST(md.find(part) != std::string::npos, part);

  const auto html = digest_html(doc);
  BOOST_TEST(html.find("<h1>Things to watch this week: 2026-12-07</h1>") != std::string::npos);
  BOOST_TEST(html.find("OpenAI rents Colossus &lt;capacity&gt;") != std::string::npos);
  BOOST_TEST(html.find("<capacity>") == std::string::npos);
  BOOST_TEST(html.find("<td>SpaceX IPO valuation</td><td>$1.75-2T</td><td>reported</td>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_mail_embeds_each_series_chart_with_its_line_in_words) {
  DigestDesk desk(desk_config("Mon 08:00", "America/New_York"));
  a_week_happens(*desk.store);
  const auto doc = must(build_digest(desk.config, *desk.store, week_request()));
  const auto& charts = doc.at("charts").as_array();
  BOOST_REQUIRE(charts.size() == 1u);
  BOOST_TEST(charts[0].at("name").as_string() == "crwv-price.close");
  BOOST_TEST(!charts[0].at("points").as_array().empty());

  const auto html = digest_html(doc);
  BOOST_TEST(html.find("<h2>Series (last 90 days)</h2>") != std::string::npos);
  BOOST_TEST(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 220\"") != std::string::npos);
  BOOST_TEST(html.find("<p>crwv-price.close: 112.5 at ") != std::string::npos);
  const auto md = digest_markdown(doc);
  BOOST_TEST(md.find("## Series (last 90 days)\n\n- crwv-price.close: 112.5 at ") != std::string::npos, md);
  BOOST_TEST(md.find("<svg") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
