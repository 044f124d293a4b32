// Tests for core/text/utf8.cpp: strict validation, repair, windows-1252, ASCII runs, truncation and code points.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/utf8.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(text_utf8)

struct Utf8Case {
  std::string input;
  std::string expected;
};

BOOST_AUTO_TEST_CASE(validates_utf8_strictly) {
  struct Case {
    std::string input;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"abc", true},
      {"\u00E9\u20AC\U0001F600", true},
      {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF
      {"\xC0\xAF", false},          // overlong '/'
      {"\xE0\x80\xAF", false},      // overlong
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xFF", false},
      {"\x80", false},
      {"\xE2\x82", false},  // truncated
      {std::string("a\0b", 3), true},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      BOOST_TEST(text::is_valid_utf8(c.input) == c.valid);
    }
  }
}

BOOST_AUTO_TEST_CASE(sanitize_replaces_each_maximal_invalid_subpart) {
  const Utf8Case cases[] = {
      {"caf\u00E9", "caf\u00E9"},
      {"a\xFF" "b", "a\uFFFD" "b"},
      {"\xE2\x82", "\uFFFD"},
      {"\xE2\x82x", "\uFFFDx"},
      {"\xF0\x9F\x98", "\uFFFD"},
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
      {"\xC0\xAF", "\uFFFD\uFFFD"},
      {"ok\xF4\x90\x80\x80!", "ok\uFFFD\uFFFD\uFFFD\uFFFD!"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      const std::string out = text::sanitize_utf8(c.input);
      BOOST_TEST(out == c.expected);
      BOOST_TEST(text::is_valid_utf8(out));
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_latin1_as_windows1252) {
  const Utf8Case cases[] = {
      {"caf\xE9 M\xFCller", "caf\u00E9 M\u00FCller"},
      {"L\x92op\xE9rateur", "L\u2019op\u00E9rateur"},
      {"\x80 \x96 \x93q\x94", "\u20AC \u2013 \u201Cq\u201D"},
      {"\x81", "\u0081"},
      {"\xA0\xFF", "\u00A0\u00FF"},
      {"plain", "plain"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      BOOST_TEST(text::latin1_to_utf8(c.input) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(finds_the_ascii_prefix_wherever_the_first_high_byte_falls) {
  for (std::size_t length = 0; length <= 20; ++length) {
    const std::string ascii(length, 'a');
    BOOST_TEST(text::ascii_prefix(ascii) == length);
    for (std::size_t at = 0; at < length; ++at) {
      std::string s = ascii;
      s[at] = '\xE9';
      BOOST_TEST_CONTEXT("length " << length << ", high byte at " << at) {
        BOOST_TEST(text::ascii_prefix(s) == at);
        std::string expected = s.substr(0, at) + "\u00E9" + s.substr(at + 1);
        BOOST_TEST(text::latin1_to_utf8(s) == expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(truncates_on_code_point_boundaries) {
  struct Case {
    std::string input;
    std::size_t max;
    std::string expected;
  };
  const Case cases[] = {
      {"h\u00E9llo", 2, "h"},
      {"h\u00E9llo", 3, "h\u00E9"},
      {"abc", 10, "abc"},
      {"abc", 0, ""},
      {"\u20AC", 2, ""},
      {"\U0001F600x", 4, "\U0001F600"},
      {"\U0001F600x", 3, ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "' max " << c.max) {
      BOOST_TEST(std::string(text::truncate_utf8(c.input, c.max)) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_code_points_and_steps_over_broken_ones) {
  const std::string t = "a\u2019\xE2\x80x";
  const auto a = text::code_point_at(t, 0);
  BOOST_TEST((a.valid && a.value == U'a' && a.length == 1u));
  const auto quote = text::code_point_at(t, 1);
  BOOST_TEST((quote.valid && quote.value == U'\u2019' && quote.length == 3u));
  const auto broken = text::code_point_at(t, 4);
  BOOST_TEST(!broken.valid);
  BOOST_TEST(broken.length == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
