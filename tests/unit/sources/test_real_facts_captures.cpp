// The edgar-facts parser over real captured company facts in tests/fixtures/real/edgar (provenance in
// tests/fixtures/real/PROVENANCE.md), through the entry point ingestion uses; the expected values were
// read from the files with python3's json module, not from the parser.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

// Logistic Properties of the Americas (CIK 1997711), a 20-F filer reporting in IFRS.
constexpr std::string_view lpa_file = "companyfacts_lpa_ifrs.json";

config::Source lpa_facts() {
  config::Source s;
  s.id = "lpa-facts";
  s.kind = config::SourceKind::edgar_facts;
  s.cik = "1997711";
  return s;
}

ParseOutput parse_facts(std::string_view body) {
  auto out = sources::parse_source(lpa_facts(), body, "application/json");
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  return std::move(*out);
}

// The one point of `field` in `out`; the test fails when there is not exactly one.
SeriesPoint only_point(const ParseOutput& out, std::string_view field) {
  auto points = points_of(out, field);
  BOOST_TEST_REQUIRE(points.size() == 1u, field << ": " << points.size() << " points");
  return points.front();
}

// `point` is `value` at the day `at`, from filing `accession`, computed as `basis` says.
void expect_point(const SeriesPoint& point, double value, const char* at, const char* accession, const char* basis) {
  BOOST_TEST(point.value == value);
  BOOST_TEST(format_date(point.at) == at);
  BOOST_TEST(point.ref == accession);
  BOOST_TEST(point.basis == basis);
}

// The real file without the ifrs-full concepts named in `names`, as SEC would answer for a filer that
// never tagged them.
std::string lpa_without(std::initializer_list<std::string_view> names) {
  auto document = boost::json::parse(read_fixture("real/edgar", lpa_file));
  auto& ifrs = document.at("facts").at("ifrs-full").as_object();
  for (auto name : names) BOOST_TEST_REQUIRE(ifrs.erase(name) == 1u, name << " is not in the file");
  return boost::json::serialize(document);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_real_facts_captures)

// ifrs-full Revenue, USD, yearly only (no 6-K half years): FY 2024 = 43,862,372 in 0001997711-25-000030.
// Its part from contracts with customers is 5,053,779 for the same year in the same filing; the rest is
// rent (RentalIncome 38,808,593; the two sum to the total). python3, d = json.load(file):
//   [r['val'] for r in d['facts']['ifrs-full']['Revenue']['units']['USD'] if r['end'] == '2024-12-31']
BOOST_AUTO_TEST_CASE(ifrs_annual_filer_reports_its_total_revenue_for_the_latest_year) {
  const auto out = parse_facts(read_fixture("real/edgar", lpa_file));
  expect_point(only_point(out, "revenue_ttm"), 43862372.0, "2024-12-31", "0001997711-25-000030",
               "ifrs-full:Revenue (USD), the fiscal year");
  BOOST_TEST(out.dropped.empty());
}

// dei EntityCommonStockSharesOutstanding: 31,709,747 at 2024-03-28 (20-F of 2024), then 31,668,601 at
// 2025-04-02 in the 20-F (0001997711-25-000030, filed 2025-04-02) and again in its amendment
// (0001641172-25-002932, 20-F/A filed 2025-04-07): one class, the amendment's row.
BOOST_AUTO_TEST_CASE(ifrs_filer_share_count_is_the_amended_cover_page_figure) {
  const auto out = parse_facts(read_fixture("real/edgar", lpa_file));
  expect_point(only_point(out, "shares_outstanding"), 31668601.0, "2025-04-02", "0001641172-25-002932",
               "dei:EntityCommonStockSharesOutstanding, 1 class");
}

// Without the total, the part from contracts with customers is all the filer reports, and is used.
BOOST_AUTO_TEST_CASE(ifrs_filer_without_total_revenue_falls_back_to_contract_revenue) {
  const auto out = parse_facts(lpa_without({"Revenue"}));
  expect_point(only_point(out, "revenue_ttm"), 5053779.0, "2024-12-31", "0001997711-25-000030",
               "ifrs-full:RevenueFromContractsWithCustomers (USD), the fiscal year");
}

// With neither revenue concept the figure is missing with its reason (what makes the source degraded
// for a metric that needs it), and the share count is still read.
BOOST_AUTO_TEST_CASE(ifrs_filer_without_revenue_concepts_says_why_revenue_is_missing) {
  const auto out = parse_facts(lpa_without({"Revenue", "RevenueFromContractsWithCustomers"}));
  BOOST_TEST(points_of(out, "revenue_ttm").empty());
  BOOST_TEST_REQUIRE(out.dropped.size() == 1u);
  BOOST_TEST(out.dropped.front().rfind("revenue_ttm: no facts from 10-K, 10-Q, 20-F, 40-F or 6-K filings", 0) == 0u,
             out.dropped.front());
  BOOST_TEST(only_point(out, "shares_outstanding").value == 31668601.0);
}

BOOST_AUTO_TEST_SUITE_END()
