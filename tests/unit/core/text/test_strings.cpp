// Tests for core/text/strings.cpp: whitespace, trimming, ASCII case, line and column.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/strings.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(text_strings)

struct StringsCase {
  std::string input;
  std::string expected;
};

BOOST_AUTO_TEST_CASE(collapses_unicode_whitespace_and_controls) {
  const StringsCase cases[] = {
      {"  a \t\n b  ", "a b"},
      {"a\u00A0\u00A0b", "a b"},
      {"\u2003x\u3000y\u200B", "x y"},
      {"a\x01\x7f" "b", "a b"},
      {"\xEF\xBB\xBF" "BOM", "BOM"},
      {"a\xC2\x85" "b", "a b"},  // NEL, a C1 control
      {"a\xFF b", "a\xFF b"},    // invalid bytes pass through
      {"", ""},
      {" \n\t ", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      BOOST_TEST(text::collapse_whitespace(c.input) == c.expected);
      std::string in_place = " a  b " + c.input;
      text::collapse_whitespace_in_place(in_place, 6);
      BOOST_TEST(in_place == " a  b " + c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(compares_ascii_case_insensitively) {
  BOOST_TEST(text::iequals("GPU", "gpu"));
  BOOST_TEST(text::iequals("", ""));
  BOOST_TEST(!text::iequals("GPU", "GPUs"));
  BOOST_TEST(!text::iequals("\u00C9", "\u00E9"));  // ASCII only; use fold_case for more
}

BOOST_AUTO_TEST_CASE(trims_ascii_whitespace_only) {
  BOOST_TEST(text::trim(" \t\r\n\f\vS-1/A \r\n") == "S-1/A");
  BOOST_TEST(text::trim("\u00A0x\u00A0") == "\u00A0x\u00A0");
  BOOST_TEST(text::trim("   ").empty());
  BOOST_TEST(text::trim("a b") == "a b");
}

BOOST_AUTO_TEST_CASE(lowers_ascii_letters_only) {
  BOOST_TEST(text::to_lower_ascii("WWW.SEC.Gov") == "www.sec.gov");
  BOOST_TEST(text::to_lower_ascii("\u00C9COLE") == "\u00C9cole");
}

BOOST_AUTO_TEST_CASE(reports_line_and_column_of_an_offset) {
  const std::string t = "ab\ncd\n";
  struct Case {
    std::size_t offset;
    std::size_t line;
    std::size_t column;
  };
  const Case cases[] = {{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, {6, 3, 1}, {99, 3, 1}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("offset " << c.offset) {
      const auto at = text::line_column_at(t, c.offset);
      BOOST_TEST(at.line == c.line);
      BOOST_TEST(at.column == c.column);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
