// Tests for daemon/observability/metrics_registry.cpp: Prometheus text exposition.
#include <boost/test/unit_test.hpp>

#include "daemon/observability/metrics_registry.hpp"

using namespace watchdesk::observability;

BOOST_AUTO_TEST_SUITE(observability_metrics_registry)

BOOST_AUTO_TEST_CASE(renders_counters_gauges_and_histograms) {
  MetricsRegistry r;
  r.count("watchdesk_fetches_total", "Fetches by source and outcome.", {{"source", "a"}, {"outcome", "ok"}});
  r.count("watchdesk_fetches_total", "Fetches by source and outcome.", {{"source", "a"}, {"outcome", "ok"}});
  r.set("watchdesk_pending_deliveries", "Deliveries waiting.", {}, 3);
  r.observe("watchdesk_fetch_seconds", "Fetch latency.", {{"source", "a"}}, 0.02);
  r.observe("watchdesk_fetch_seconds", "Fetch latency.", {{"source", "a"}}, 7);
  auto text = r.render();
  BOOST_TEST(text.find("# TYPE watchdesk_fetches_total counter\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_fetches_total{source=\"a\",outcome=\"ok\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_pending_deliveries 3\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_fetch_seconds_bucket{source=\"a\",le=\"0.01\"} 0\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_fetch_seconds_bucket{source=\"a\",le=\"0.025\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_fetch_seconds_bucket{source=\"a\",le=\"+Inf\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_fetch_seconds_count{source=\"a\"} 2\n") != std::string::npos);
  BOOST_TEST(r.value("watchdesk_fetches_total", {{"source", "a"}, {"outcome", "ok"}}) == 2);
}

BOOST_AUTO_TEST_CASE(histogram_keeps_the_bounds_of_its_first_observation) {
  MetricsRegistry r;
  r.observe("watchdesk_schedule_lateness_seconds", "Lateness.", {}, 0.0015, MetricsRegistry::lateness_buckets);
  r.observe("watchdesk_schedule_lateness_seconds", "Lateness.", {}, 0.2);
  auto text = r.render();
  BOOST_TEST(text.find("watchdesk_schedule_lateness_seconds_bucket{le=\"0.001\"} 0\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_schedule_lateness_seconds_bucket{le=\"0.002\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_schedule_lateness_seconds_bucket{le=\"0.2\"} 2\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_schedule_lateness_seconds_bucket{le=\"0.15\"} 1\n") != std::string::npos);
  BOOST_TEST(text.find("watchdesk_schedule_lateness_seconds_count 2\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(escapes_label_values) {
  BOOST_TEST(render_labels({{"x", "a\"b\\c\nd"}}) == "{x=\"a\\\"b\\\\c\\nd\"}");
}

BOOST_AUTO_TEST_SUITE_END()
