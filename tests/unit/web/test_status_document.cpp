// Tests for daemon/web/status_document.cpp, status_page.cpp and routes.cpp: the document's charts
// (points, thresholds, windows, alerts), the page built from it with every dynamic text escaped,
// and the API's answers.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>

#include "support/count_of.hpp"
#include "daemon/web/routes.hpp"
#include "daemon/web/status_document.hpp"
#include "daemon/web/status_page.hpp"
#include "unit/digest/digest_test_support.hpp"

using namespace watchdesk;
using watchdesk::digest::testing::DigestDesk;
using watchdesk::digest::testing::desk_config;
using watchdesk::testing::must;

using watchdesk::testing::count_of;

BOOST_AUTO_TEST_SUITE(web_status_document)

namespace {

const TimePoint kDeskNow = *parse_rfc3339("2026-05-20T23:00:00Z");
const std::string kHostileHeadline = "Cohere <script>document.title='pwned'</script><img src=x onerror=alert(1)>";

std::string price_desk() {
  return desk_config("Mon 08:00", "UTC",
                     "[sources.crwv-price]\nkind = \"price\"\nsymbol = \"CRWV\"\nevery = \"15m\"\n"
                     "[metrics.crwv-double]\nexpr = \"crwv-price.close * 2\"\n"
                     "[triggers.coreweave-move]\nkind = \"metric-move\"\nmetric = \"crwv-double\"\nwindow = \"7d\"\n"
                     "threshold = \"10%\"\nchannels = [\"console\"]\n");
}

// Ten daily closes up to `kDeskNow`, a close 200 days before (outside every chart), and one alert of
// the metric-move trigger and one of the tenant trigger with a hostile headline.
void fill_desk(store::StateStore& store) {
  auto tx = must(store.begin());
  for (int i = 0; i < 10; ++i)
    BOOST_TEST_REQUIRE(tx.add_point("crwv-price.close", watchdesk::SeriesPoint{"close", kDeskNow - std::chrono::days(9 - i), 100.0 + i, ""}).ok());
  BOOST_TEST_REQUIRE(tx.add_point("crwv-price.close", watchdesk::SeriesPoint{"close", kDeskNow - std::chrono::days(200), 5000, ""}).ok());
  const std::string move = R"({"id":"coreweave-move/up","trigger":"coreweave-move","title":"crwv-double up 10%",)"
                           R"("status":"confirmed","summary":"up","evidence":[]})";
  BOOST_TEST_REQUIRE(must(tx.add_alert(store::AlertRecord{"coreweave-move/up", "coreweave-move", move, kDeskNow - std::chrono::days(2)}, {"console"})));
  boost::json::object tenant{{"id", "second-tenant/Cohere/reported"}, {"trigger", "second-tenant"},
                             {"title", kHostileHeadline}, {"summary", "named: \"" + kHostileHeadline + "\""}, {"status", "reported"},
                             {"evidence", boost::json::array{boost::json::object{
                                              {"signal", "914aba25"}, {"url", "javascript:alert(3)"}}}}};
  BOOST_TEST_REQUIRE(must(tx.add_alert(store::AlertRecord{"second-tenant/Cohere/reported", "second-tenant",
                                        boost::json::serialize(tenant), kDeskNow - std::chrono::days(1)}, {"console"})));
  BOOST_TEST_REQUIRE(tx.commit().ok());
}

const boost::json::object& series_named(const boost::json::object& doc, std::string_view name) {
  for (const auto& s : doc.at("series").as_array())
    if (s.at("name").as_string() == name) return s.as_object();
  BOOST_FAIL("no series " << name);
  static const boost::json::object none;
  return none;
}

}  // namespace

BOOST_AUTO_TEST_CASE(charts_cover_ninety_days_with_threshold_window_and_alerts) {
  DigestDesk desk(price_desk());
  fill_desk(*desk.store);
  const auto doc = must(web::build_status(desk.config, *desk.store, kDeskNow));
  const auto& close = series_named(doc, "crwv-price.close");
  BOOST_TEST(close.at("kind").as_string() == "series");
  BOOST_TEST(close.at("points").as_array().size() == 10u);  // the point 200 days back is outside
  BOOST_TEST(close.at("stale").as_bool() == false);
  BOOST_TEST(close.at("to").as_string() == "2026-05-20T23:00:00Z");

  const auto& metric = series_named(doc, "crwv-double");
  BOOST_TEST(metric.at("kind").as_string() == "metric");
  const auto& points = metric.at("points").as_array();
  BOOST_TEST_REQUIRE(points.size() == 10u);
  BOOST_TEST(points.back().at("value").as_double() == 218.0);
  // The 7d window ends now; the lines are +-10% of the value at its start (the close 7 days ago: 102).
  BOOST_TEST_REQUIRE(metric.at("bands").as_array().size() == 1u);
  BOOST_TEST(metric.at("bands").as_array()[0].at("from").as_string() == "2026-05-13T23:00:00Z");
  const auto& lines = metric.at("lines").as_array();
  BOOST_TEST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0].at("value").as_double() == 204 * 1.1, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(lines[1].at("value").as_double() == 204 * 0.9, boost::test_tools::tolerance(1e-9));
  // The trigger's alert sits on the line at its time; the tenant alert is on no chart.
  const auto& alerts = metric.at("alerts").as_array();
  BOOST_TEST_REQUIRE(alerts.size() == 1u);
  BOOST_TEST(alerts[0].at("id").as_string() == "coreweave-move/up");
  BOOST_TEST(alerts[0].at("value").as_double() == 214.0);
  BOOST_TEST(close.at("alerts").as_array().empty());
}

BOOST_AUTO_TEST_CASE(a_series_older_than_the_span_is_shown_up_to_its_last_point) {
  DigestDesk desk(price_desk());
  fill_desk(*desk.store);
  const auto later = kDeskNow + std::chrono::days(200);
  const auto close = must(web::build_series(desk.config, *desk.store, "crwv-price.close", later));
  BOOST_TEST(close.at("stale").as_bool());
  BOOST_TEST(close.at("to").as_string() == "2026-05-21T00:00:00Z");  // the end of the last point's day
  BOOST_TEST(close.at("points").as_array().size() == 10u);
}

BOOST_AUTO_TEST_CASE(a_dense_series_is_thinned_to_what_the_chart_can_show) {
  DigestDesk desk(price_desk());
  {
    auto tx = must(desk.store->begin());
    for (int i = 0; i < 3000; ++i)
      BOOST_TEST_REQUIRE(tx.add_point("crwv-price.close",
                                      watchdesk::SeriesPoint{"close", kDeskNow - std::chrono::minutes(15 * i), 100.0 + i % 7, ""}).ok());
    BOOST_TEST_REQUIRE(tx.commit().ok());
  }
  const auto close = must(web::build_series(desk.config, *desk.store, "crwv-price.close", kDeskNow));
  const auto& points = close.at("points").as_array();
  BOOST_TEST(points.size() <= 640u);
  BOOST_TEST(points.size() >= 200u);  // 31 days of 90, in 640 spans: about 222
  BOOST_TEST(points.back().at("at").as_string() == "2026-05-20T23:00:00Z");
  const auto metric = must(web::build_series(desk.config, *desk.store, "crwv-double", kDeskNow));
  BOOST_TEST(metric.at("points").as_array().size() == points.size());
}

BOOST_AUTO_TEST_CASE(the_page_shows_hostile_text_as_text) {
  DigestDesk desk(price_desk());
  fill_desk(*desk.store);
  const auto page = web::status_page(must(web::build_status(desk.config, *desk.store, kDeskNow)));
  BOOST_TEST(page.find("<script") == std::string::npos);
  BOOST_TEST(page.find("<img") == std::string::npos);
  BOOST_TEST(page.find("javascript:") == std::string::npos);
  BOOST_TEST(page.find("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(count_of(page, "<svg ") == 2u);
  BOOST_TEST(count_of(page, "<tr class=\"alert\">") == 2u);
  BOOST_TEST(page.find("SpaceX IPO valuation") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(routes_answer_json_and_404) {
  DigestDesk desk(price_desk());
  fill_desk(*desk.store);
  auto status = web::answer("/api/status", desk.config, *desk.store, kDeskNow);
  BOOST_TEST_REQUIRE(status.has_value());
  BOOST_TEST(status->status == 200u);
  BOOST_TEST(status->content_type == "application/json");
  const auto doc = boost::json::parse(status->body).as_object();
  BOOST_TEST(doc.at("kind").as_string() == "status");
  BOOST_TEST(doc.at("table").as_array().size() >= 3u);
  BOOST_TEST(doc.at("sources").as_array().size() == 2u);

  auto series = web::answer("/api/series/crwv-price.close", desk.config, *desk.store, kDeskNow);
  BOOST_TEST_REQUIRE(series.has_value());
  BOOST_TEST(boost::json::parse(series->body).at("points").as_array().size() == 10u);
  auto missing = web::answer("/api/series/nope.close", desk.config, *desk.store, kDeskNow);
  BOOST_TEST_REQUIRE(missing.has_value());
  BOOST_TEST(missing->status == 404u);
  auto alerts = web::answer("/api/alerts", desk.config, *desk.store, kDeskNow);
  BOOST_TEST_REQUIRE(alerts.has_value());
  BOOST_TEST(boost::json::parse(alerts->body).as_array().size() == 2u);
  BOOST_TEST(!web::answer("/etc/passwd", desk.config, *desk.store, kDeskNow).has_value());
  auto page = web::answer("/", desk.config, *desk.store, kDeskNow);
  BOOST_TEST_REQUIRE(page.has_value());
  BOOST_TEST(page->content_type == "text/html; charset=utf-8");
}

BOOST_AUTO_TEST_SUITE_END()
