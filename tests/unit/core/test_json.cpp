// Tests for core/json.cpp: JSON string literals written without a `boost::json::value`.
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "core/json.hpp"

BOOST_AUTO_TEST_SUITE(core_json)

BOOST_AUTO_TEST_CASE(writes_a_string_as_boost_json_serialises_it) {
  using namespace std::string_literals;
  const std::string cases[] = {
      "",
      "plain text",
      "quote \" and backslash \\ and slash /",
      "tab\tnewline\nreturn\rbackspace\bform feed\f",
      "nul \0 unit separator \x1f delete \x7f"s,
      "UTF-8: Straße, 東京, 🙂",
      "\"\\\n",
  };
  for (const auto& text : cases) {
    std::string out = "prefix:";
    watchdesk::append_json_string(out, text);
    BOOST_TEST(out == "prefix:" + boost::json::serialize(boost::json::string(text)));
  }
}

BOOST_AUTO_TEST_CASE(escapes_control_characters_as_unicode_escapes) {
  std::string out;
  watchdesk::append_json_string(out, std::string_view("a\x01z", 3));
  BOOST_TEST(out == "\"a\\u0001z\"");
}

BOOST_AUTO_TEST_SUITE_END()
