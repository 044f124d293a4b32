// Tests for core/text/escape_html.cpp: the five characters HTML gives meaning to, and nothing else.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/escape_html.hpp"

using watchdesk::text::escape_html;

BOOST_AUTO_TEST_SUITE(core_escape_html)

BOOST_AUTO_TEST_CASE(escapes_markup_and_quotes) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"plain text", "plain text"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"},
      {"AT&T's", "AT&amp;T&#39;s"},
      {"&lt; already escaped", "&amp;lt; already escaped"},
      {"Colossus \xE2\x80\x94 xAI", "Colossus \xE2\x80\x94 xAI"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) BOOST_TEST(escape_html(in) == out, in);
}

BOOST_AUTO_TEST_SUITE_END()
