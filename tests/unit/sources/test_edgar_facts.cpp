// Tests for watchers/sources/edgar_facts.cpp: trailing-twelve-month revenue and shares outstanding.
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "unit/sources/edgar_fixture.hpp"
#include "watchers/sources/edgar_facts.hpp"

using namespace watchdesk;
using namespace watchdesk::sources;
using watchdesk::testing::edgar_fixture;
using watchdesk::testing::edgar_source;

namespace {

config::Source facts_source() { return edgar_source(config::SourceKind::edgar_facts, "crwv-facts", "1769628"); }

const SeriesPoint* find_field(const ParseOutput& out, std::string_view field) {
  auto it = std::find_if(out.points.begin(), out.points.end(), [&](const SeriesPoint& p) { return p.field == field; });
  return it == out.points.end() ? nullptr : &*it;
}

std::chrono::sys_days day(const char* text) { return std::chrono::floor<std::chrono::days>(*parse_rfc3339(text)); }

PeriodFact fact(const char* start, const char* end, double value, const char* accession, const char* filed) {
  return PeriodFact{day(start), day(end), value, accession, day(filed)};
}

std::optional<SeriesPoint> ttm_at(const std::vector<SeriesPoint>& history, const char* end) {
  auto it = std::find_if(history.begin(), history.end(),
                         [&](const SeriesPoint& p) { return format_date(p.at) == end; });
  if (it == history.end()) return std::nullopt;
  return *it;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(edgar_facts)

BOOST_AUTO_TEST_CASE(latest_ttm_sums_four_quarters_with_a_derived_fourth_quarter) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_crwv.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const auto* revenue = find_field(*out, "revenue_ttm");
  BOOST_TEST_REQUIRE(revenue != nullptr);
  // Q3 2025 + (FY 2025 - Q1 - Q2 - Q3 2025) + Q1 2026 + Q2 2026; the 8-K figure for Q2 2026 is
  // not a periodic report's and is ignored.
  const double q4_2025 = 5131000000.0 - 981631000.0 - 1212810000.0 - 1364842000.0;
  BOOST_TEST(revenue->value == 1364842000.0 + q4_2025 + 1902000000.0 + 2250000000.0);
  BOOST_TEST(revenue->value == 7088559000.0);
  BOOST_TEST(format_rfc3339(revenue->at) == "2026-06-30T00:00:00Z");
  BOOST_TEST(revenue->ref == "0001769628-26-000077");
  BOOST_TEST(out->dropped.empty());
}

BOOST_AUTO_TEST_CASE(shares_outstanding_sums_the_classes_of_the_latest_filing) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_crwv.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok());
  const auto* shares = find_field(*out, "shares_outstanding");
  BOOST_TEST_REQUIRE(shares != nullptr);
  BOOST_TEST(shares->value == 425300000.0 + 53900000.0 + 10800000.0);
  BOOST_TEST(format_rfc3339(shares->at) == "2026-07-31T00:00:00Z");
  BOOST_TEST(shares->ref == "0001769628-26-000077");
}

BOOST_AUTO_TEST_CASE(latest_quarter_only_in_the_10k_gives_the_annual_figure) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_q4_in_10k.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok());
  const auto* revenue = find_field(*out, "revenue_ttm");
  BOOST_TEST_REQUIRE(revenue != nullptr);
  BOOST_TEST(revenue->value == 5131000000.0);
  BOOST_TEST(format_date(revenue->at) == "2025-12-31");
  BOOST_TEST(revenue->ref == "0001769628-26-000009");
  const auto* shares = find_field(*out, "shares_outstanding");
  BOOST_TEST_REQUIRE(shares != nullptr);
  BOOST_TEST(shares->value == 410000000.0);
  BOOST_TEST(format_date(shares->at) == "2026-02-20");
}

BOOST_AUTO_TEST_CASE(concept_switch_uses_the_newest_concept_and_the_old_one_for_earlier_periods) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_concept_switch.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const auto* revenue = find_field(*out, "revenue_ttm");
  BOOST_TEST_REQUIRE(revenue != nullptr);
  // Q4 2023 = FY 2023 (only under Revenues) - Q1..Q3 2023; then Q1..Q3 2024 under the new concept.
  BOOST_TEST(revenue->value == (612000000.0 - 438000000.0) + 190000000.0 + 207000000.0 + 229000000.0);
  BOOST_TEST(format_date(revenue->at) == "2024-09-30");
  BOOST_TEST(revenue->ref == "0001999123-24-000041");
}

BOOST_AUTO_TEST_CASE(concept_choice_follows_recency_not_name) {
  // Two concepts in one filing history; whichever reaches the later period end is used.
  auto document = [](const char* newer, const char* older) {
    return std::string(R"({"cik":1999123,"facts":{"us-gaap":{")") + newer +
           R"(":{"units":{"USD":[{"start":"2025-01-01","end":"2025-12-31","val":900,"accn":"0001999123-26-000001","form":"10-K","filed":"2026-02-20"}]}},")" +
           older +
           R"(":{"units":{"USD":[{"start":"2024-01-01","end":"2024-12-31","val":700,"accn":"0001999123-25-000001","form":"10-K","filed":"2025-02-20"}]}}}}})";
  };
  const char* rfc = "RevenueFromContractWithCustomerExcludingAssessedTax";
  const char* revenues = "Revenues";
  for (auto [newer, older] : {std::pair{rfc, revenues}, std::pair{revenues, rfc}}) {
    BOOST_TEST_CONTEXT("newer concept " << newer) {
      auto out = parse_edgar_facts(document(newer, older), facts_source());
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      const auto* revenue = find_field(*out, "revenue_ttm");
      BOOST_TEST_REQUIRE(revenue != nullptr);
      BOOST_TEST(revenue->value == 900.0);
      BOOST_TEST(format_date(revenue->at) == "2025-12-31");
      BOOST_TEST(find_field(*out, "shares_outstanding") == nullptr);
      BOOST_TEST(out->dropped.size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(ttm_history_follows_the_quarterly_rules) {
  const char* k24 = "0000000001-25-000001";
  const char* q25 = "0000000001-25-000002";
  const char* q25b = "0000000001-25-000003";
  const char* q25c = "0000000001-25-000004";
  const char* k25 = "0000000001-26-000001";
  const char* q26 = "0000000001-26-000002";
  struct Case {
    const char* label;
    std::vector<PeriodFact> facts;
    const char* end;
    std::optional<double> value;  // nullopt: no TTM at that end
    const char* ref;
  };
  const std::vector<PeriodFact> year_2024_quarters{
      fact("2024-01-01", "2024-03-31", 10, q25, "2025-05-01"), fact("2024-04-01", "2024-06-30", 20, q25b, "2025-08-01"),
      fact("2024-07-01", "2024-09-30", 30, q25c, "2025-11-01"), fact("2024-01-01", "2024-12-31", 100, k24, "2025-02-20")};
  auto with = [&](std::vector<PeriodFact> extra) {
    auto all = year_2024_quarters;
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  const Case cases[] = {
      {"annual figure at the fiscal year end", year_2024_quarters, "2024-12-31", 100, k24},
      {"four quarters with Q4 derived from FY minus three quarters",
       with({fact("2025-01-01", "2025-03-31", 15, q26, "2025-05-01")}), "2025-03-31", 20 + 30 + 40 + 15, q26},
      {"restated comparative: the later filing wins",
       with({fact("2025-01-01", "2025-03-31", 15, q26, "2025-05-01"),
             fact("2024-01-01", "2024-03-31", 12, q26, "2025-05-01")}),
       "2025-03-31", 20 + 30 + (100 - 12 - 20 - 30) + 15, q26},
      {"repeated comparative is not counted twice",
       with({fact("2025-01-01", "2025-03-31", 15, q26, "2025-05-01"),
             fact("2024-01-01", "2024-03-31", 10, q26, "2025-05-01")}),
       "2025-03-31", 20 + 30 + 40 + 15, q26},
      {"Q4 derived from FY minus nine months",
       {fact("2024-01-01", "2024-09-30", 60, q25c, "2025-11-01"), fact("2024-07-01", "2024-09-30", 30, q25c, "2025-11-01"),
        fact("2024-04-01", "2024-06-30", 20, q25b, "2025-08-01"), fact("2024-01-01", "2024-12-31", 100, k24, "2025-02-20"),
        fact("2025-01-01", "2025-03-31", 15, q26, "2025-05-01")},
       "2025-03-31", 20 + 30 + 40 + 15, q26},
      {"year to date formula when the quarters are missing",
       {fact("2024-01-01", "2024-12-31", 100, k24, "2025-02-20"), fact("2024-01-01", "2024-06-30", 45, q25, "2025-08-01"),
        fact("2025-01-01", "2025-06-30", 60, q26, "2025-08-01")},
       "2025-06-30", 100 + 60 - 45, q26},
      {"a gap in the quarters gives no TTM",
       {fact("2024-01-01", "2024-03-31", 10, q25, "2025-05-01"), fact("2024-07-01", "2024-09-30", 30, q25c, "2025-11-01"),
        fact("2024-10-01", "2024-12-31", 40, k24, "2025-02-20"), fact("2025-01-01", "2025-03-31", 15, q26, "2025-05-01")},
       "2025-03-31", std::nullopt, ""},
      {"52/53-week quarters",
       {fact("2024-01-28", "2024-04-27", 10, q25, "2024-05-20"), fact("2024-04-28", "2024-07-27", 20, q25b, "2024-08-20"),
        fact("2024-07-28", "2024-10-26", 30, q25c, "2024-11-20"), fact("2024-10-27", "2025-01-26", 40, k25, "2025-03-01"),
        fact("2025-01-27", "2025-04-26", 50, q26, "2025-05-20")},
       "2025-04-26", 20 + 30 + 40 + 50, q26},
      {"half-year figures are not quarters", {fact("2025-01-01", "2025-06-30", 60, q26, "2025-08-01")}, "2025-06-30",
       std::nullopt, ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.label) {
      auto history = revenue_ttm_history(c.facts);
      BOOST_TEST(std::is_sorted(history.begin(), history.end(),
                                [](const SeriesPoint& a, const SeriesPoint& b) { return a.at < b.at; }));
      auto got = ttm_at(history, c.end);
      if (!c.value) {
        BOOST_TEST(!got.has_value());
      } else {
        BOOST_TEST_REQUIRE(got.has_value());
        BOOST_TEST(got->field == "revenue_ttm");
        BOOST_TEST(got->value == *c.value);
        BOOST_TEST(got->ref == c.ref);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(history_of_the_q4_fixture_derives_the_prior_fourth_quarter) {
  // Through the parser's input: at 2025-09-30 only the quarter chain works (no nine-month 2024
  // figure in the fixture), so Q4 2024 must be FY 2024 minus its three quarters.
  std::vector<PeriodFact> facts{
      fact("2024-01-01", "2024-03-31", 188662000, "0001769628-25-000012", "2025-05-15"),
      fact("2024-04-01", "2024-06-30", 395361000, "0001769628-25-000031", "2025-08-14"),
      fact("2024-07-01", "2024-09-30", 583940000, "0001769628-25-000052", "2025-11-13"),
      fact("2024-01-01", "2024-12-31", 1915426000, "0001769628-25-000004", "2025-03-31"),
      fact("2025-01-01", "2025-03-31", 981631000, "0001769628-25-000012", "2025-05-15"),
      fact("2025-04-01", "2025-06-30", 1212810000, "0001769628-25-000031", "2025-08-14"),
      fact("2025-07-01", "2025-09-30", 1364842000, "0001769628-25-000052", "2025-11-13"),
      fact("2025-01-01", "2025-09-30", 3559283000, "0001769628-25-000052", "2025-11-13"),
  };
  auto history = revenue_ttm_history(facts);
  auto at = ttm_at(history, "2025-09-30");
  BOOST_TEST_REQUIRE(at.has_value());
  BOOST_TEST(at->value == (1915426000.0 - 188662000.0 - 395361000.0 - 583940000.0) + 981631000.0 + 1212810000.0 +
                              1364842000.0);
  BOOST_TEST(at->ref == "0001769628-25-000052");
}

BOOST_AUTO_TEST_CASE(out_of_range_values_are_rejected_not_used) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_out_of_range.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  const auto* revenue = find_field(*out, "revenue_ttm");
  BOOST_TEST_REQUIRE(revenue != nullptr);
  BOOST_TEST(std::isfinite(revenue->value));
  BOOST_TEST(revenue->value == 5131000000.0);
  BOOST_TEST(find_field(*out, "shares_outstanding") == nullptr);
  const std::vector<std::string> dropped{
      "us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax: fact 2 skipped: `val` is not a finite number "
      "(out of range)",
      "dei:EntityCommonStockSharesOutstanding: fact 1 skipped: `val` is not a finite number (out of range)",
      "shares_outstanding: no usable dei:EntityCommonStockSharesOutstanding or us-gaap:CommonStockSharesOutstanding "
      "facts in shares"};
  BOOST_TEST(out->dropped == dropped, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(malformed_documents_are_errors_that_say_what_and_where) {
  struct Case {
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {edgar_fixture("malformed_facts_cik_range.json"),
       "EDGAR company facts: `cik` 1E20 is not a CIK (1 to 10 digits)"},
      {edgar_fixture("malformed_facts_empty.json"),
       "EDGAR company facts: neither revenue_ttm nor shares_outstanding could be read (revenue_ttm: no facts "
       "from 10-K, 10-Q, 20-F, 40-F or 6-K filings under us-gaap Revenues or "
       "RevenueFromContractWithCustomerExcludingAssessedTax, nor ifrs-full Revenue or "
       "RevenueFromContractsWithCustomers; shares_outstanding: no usable dei:EntityCommonStockSharesOutstanding "
       "or us-gaap:CommonStockSharesOutstanding facts in shares); check `cik`"},
      {edgar_fixture("submissions_spacex.json"),
       "EDGAR company facts: expected a company's XBRL facts (an object with `facts`), got an object with keys "
       "\"cik\", \"entityType\", \"sic\", \"sicDescription\", \"ownerOrg\", ..."},
      {edgar_fixture("malformed_rate_limited.html"),
       "EDGAR company facts: expected JSON, got an HTML page titled 'SEC.gov | Request Rate Threshold Exceeded'"},
      {edgar_fixture("companyfacts_crwv.json").substr(0, 1000),
       "EDGAR company facts: JSON error at line 1, column 1001: incomplete JSON (the document ends early: "
       "truncated?)"},
      {R"({"facts":{"us-gaap":{"Revenues":{"units":{"USD":[{"start":"2025-01-01","end":"2025-12-31","val":"5e9","form":"10-K"}]}}}}})",
       "EDGAR company facts: neither revenue_ttm nor shares_outstanding could be read (revenue_ttm: no facts "
       "from 10-K, 10-Q, 20-F, 40-F or 6-K filings under us-gaap Revenues or "
       "RevenueFromContractWithCustomerExcludingAssessedTax, nor ifrs-full Revenue or "
       "RevenueFromContractsWithCustomers; shares_outstanding: no usable dei:EntityCommonStockSharesOutstanding "
       "or us-gaap:CommonStockSharesOutstanding facts in shares); check `cik`"},
      {R"({"facts":[]})", "EDGAR company facts: expected a company's XBRL facts (an object with `facts`), got an object "
                          "with keys \"facts\""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("body '" << c.body.substr(0, 60) << "'") {
      auto out = parse_edgar_facts(c.body, facts_source());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message == c.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(unusable_facts_are_reported_a_few_at_a_time) {
  std::string facts;
  for (int i = 0; i < 8; ++i) facts += std::string(i ? "," : "") + R"({"end":"2026-01-01","val":1,"form":"10-Q"})";
  auto body = R"({"facts":{"us-gaap":{"Revenues":{"units":{"USD":[)" + facts +
              R"(]}}},"dei":{"EntityCommonStockSharesOutstanding":{"units":{"shares":[{"end":"2026-07-31","val":5,"accn":"0001769628-26-000077"}]}}}}})";
  auto out = parse_edgar_facts(body, facts_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->dropped.size() == 7u);
  BOOST_TEST(out->dropped[0] == "us-gaap:Revenues: fact 1 skipped: no valid `start` date");
  BOOST_TEST(out->dropped[5] == "us-gaap:Revenues: 3 more facts skipped");
  BOOST_TEST(out->dropped[6] ==
             "revenue_ttm: no facts from 10-K, 10-Q, 20-F, 40-F or 6-K filings under us-gaap Revenues or "
             "RevenueFromContractWithCustomerExcludingAssessedTax, nor ifrs-full Revenue or "
             "RevenueFromContractsWithCustomers");
  BOOST_TEST_REQUIRE(out->points.size() == 1u);
  BOOST_TEST(out->points[0].value == 5.0);
}

BOOST_AUTO_TEST_CASE(concept_tie_takes_the_total_not_its_part_from_contracts) {
  // Both concepts for the same year; the part from contracts with customers is listed first and, in
  // the second case, refiled later by an amendment. The total is the revenue either way.
  struct Case {
    const char* taxonomy;
    const char* total;
    const char* part;
    const char* part_filed;
  };
  for (const auto& c : {Case{"ifrs-full", "Revenue", "RevenueFromContractsWithCustomers", "2025-04-02"},
                        Case{"ifrs-full", "Revenue", "RevenueFromContractsWithCustomers", "2025-04-07"},
                        Case{"us-gaap", "Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax", "2026-03-02"}}) {
    BOOST_TEST_CONTEXT(c.taxonomy << " part filed " << c.part_filed) {
      auto year = [](double value, const char* filed) {
        return fmt::format(
            R"({{"units":{{"USD":[{{"start":"2024-01-01","end":"2024-12-31","val":{},"accn":"0001997711-25-000030","form":"20-F","filed":"{}"}}]}}}})",
            value, filed);
      };
      const auto document = fmt::format(R"({{"cik":1997711,"facts":{{"{}":{{"{}":{},"{}":{}}}}}}})", c.taxonomy, c.part,
                                        year(5053779, c.part_filed), c.total, year(43862372, "2025-04-02"));
      auto out = parse_edgar_facts(document, facts_source());
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      const auto* revenue = find_field(*out, "revenue_ttm");
      BOOST_TEST_REQUIRE(revenue != nullptr);
      BOOST_TEST(revenue->value == 43862372.0);
      BOOST_TEST(revenue->basis == fmt::format("{}:{} (USD), the fiscal year", c.taxonomy, c.total));
    }
  }
}

// Share counts and revenue as multi-class, balance-sheet-only and IFRS filers report them (fixtures in
// the documented companyfacts shape; expected values computed from the files).
namespace {

// What one fixture's point of `field` must be.
struct PointCase {
  const char* file;
  double value;
  const char* at;
  const char* accession;
  const char* basis;
};

void check_points(std::string_view field, const std::vector<PointCase>& cases) {
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.file << " " << field) {
      auto out = parse_edgar_facts(edgar_fixture(c.file), facts_source());
      BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
      const auto* point = find_field(*out, field);
      BOOST_TEST_REQUIRE(point != nullptr);
      BOOST_TEST(point->value == c.value);
      BOOST_TEST(format_date(point->at) == c.at);
      BOOST_TEST(point->ref == c.accession);
      BOOST_TEST(point->basis == c.basis);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(share_counts_sum_every_class_and_say_which_concept) {
  check_points("shares_outstanding", {
      {"companyfacts_multiclass.json", 488541051.0, "2025-08-08", "0001769628-25-000031",
       "dei:EntityCommonStockSharesOutstanding, 3 classes summed"},
      // No cover-page count at all (as Alphabet files): the balance sheet's, per class.
      {"companyfacts_gaap_shares.json", 12145000000.0, "2025-03-31", "0001652044-25-000043",
       "us-gaap:CommonStockSharesOutstanding, 3 classes summed"},
      {"companyfacts_ifrs_halves.json", 1167176512.0, "2023-12-31", "0001104659-24-026390",
       "dei:EntityCommonStockSharesOutstanding, 1 class"},
  });
}

BOOST_AUTO_TEST_CASE(ifrs_revenue_from_halves_or_years_as_the_filer_reports) {
  check_points("revenue_ttm", {
      // FY 2023 + H1 2024 - H1 2023 (the restated H1 2023 of the 2024 half-year report), in euros.
      {"companyfacts_ifrs_halves.json", 31207000000.0 + 16503000000.0 - 15120000000.0, "2024-06-30",
       "0001104659-24-083117",
       "ifrs-full:Revenue (EUR), two halves (fiscal year + six months - the same six months before)"},
      // Yearly only: the latest year, in dollars although the filer also tags reais.
      {"companyfacts_ifrs_annual.json", 45993504.0, "2024-12-31", "0001997711-25-000030",
       "ifrs-full:RevenueFromContractsWithCustomers (USD), the fiscal year"},
  });
}

BOOST_AUTO_TEST_CASE(us_gaap_revenue_says_it_summed_four_quarters) {
  auto out = parse_edgar_facts(edgar_fixture("companyfacts_crwv.json"), facts_source());
  BOOST_TEST_REQUIRE(out.ok());
  const auto* revenue = find_field(*out, "revenue_ttm");
  BOOST_TEST_REQUIRE(revenue != nullptr);
  BOOST_TEST(revenue->basis.find("(USD), four quarters") != std::string::npos, revenue->basis);
}

BOOST_AUTO_TEST_SUITE_END()
