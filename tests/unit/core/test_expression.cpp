// Tests for core/expression.cpp: parsing, inputs, evaluation and errors of metric expressions.
#include <boost/test/unit_test.hpp>

#include <map>

#include "core/expression.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(metric_expression)

namespace {
std::optional<double> eval(std::string_view text, const std::map<std::string, double>& values) {
  auto e = Expression::parse(text);
  BOOST_TEST_REQUIRE(e.ok(), "parse failed: " << (e.ok() ? "" : e.error().message));
  return e->evaluate([&](std::string_view name) -> std::optional<double> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}
}  // namespace

BOOST_AUTO_TEST_CASE(computes_price_to_sales_from_hyphenated_series) {
  auto e = Expression::parse("crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm");
  BOOST_TEST_REQUIRE(e.ok());
  BOOST_TEST(e->inputs() == (std::vector<std::string>{"crwv-price.close", "crwv-facts.shares_outstanding",
                                                       "crwv-facts.revenue_ttm"}),
             boost::test_tools::per_element());
  auto v = eval("crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm",
                {{"crwv-price.close", 100}, {"crwv-facts.shares_outstanding", 500e6},
                 {"crwv-facts.revenue_ttm", 5e9}});
  BOOST_TEST_REQUIRE(v.has_value());
  BOOST_TEST(*v == 10.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(respects_precedence_parentheses_and_unary_minus) {
  struct Case {
    const char* text;
    double expected;
  };
  const Case cases[] = {{"1 + 2 * 3", 7}, {"(1 + 2) * 3", 9}, {"10 / 4", 2.5}, {"-a + 1", -1},
                        {"a - b - c", -4}, {"a-b", 0}, {"2 * (a - (b - c))", 4}, {".5 * 4", 2}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto v = eval(c.text, {{"a", 2}, {"b", 3}, {"c", 3}, {"a-b", 0}});
      BOOST_TEST_REQUIRE(v.has_value());
      BOOST_TEST(*v == c.expected, boost::test_tools::tolerance(1e-12));
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_input_or_division_by_zero_gives_no_value) {
  BOOST_TEST(!eval("a * missing", {{"a", 1}}).has_value());
  BOOST_TEST(!eval("a / b", {{"a", 1}, {"b", 0}}).has_value());
}

BOOST_AUTO_TEST_CASE(reports_parse_errors_with_column) {
  struct Case {
    const char* text;
    int column;
  };
  const Case cases[] = {{"", 1}, {"a +", 4}, {"(a + b", 7}, {"a $ b", 3}, {"a b", 3}, {"* a", 1}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto e = Expression::parse(c.text);
      BOOST_TEST_REQUIRE(!e.ok());
      BOOST_TEST(e.error().position.column == c.column);
    }
  }
}

BOOST_AUTO_TEST_CASE(rejects_pathological_nesting) {
  std::string deep(200, '(');
  deep += "1";
  deep += std::string(200, ')');
  auto e = Expression::parse(deep);
  BOOST_TEST(!e.ok());
}

BOOST_AUTO_TEST_SUITE_END()
