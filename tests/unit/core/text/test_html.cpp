// Tests for core/text/html.cpp: character references and HTML to plain text.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/html.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(text_html)

struct HtmlCase {
  std::string input;
  std::string expected;
};

BOOST_AUTO_TEST_CASE(decodes_xml_html_and_numeric_references) {
  const HtmlCase cases[] = {
      {"&amp;&lt;&gt;&quot;&apos;", "&<>\"'"},
      {"fish &amp; chips", "fish & chips"},
      {"a&nbsp;b", "a\u00A0b"},
      {"&mdash;&ndash;&rsquo;&lsquo;&ldquo;&rdquo;&hellip;", "\u2014\u2013\u2019\u2018\u201C\u201D\u2026"},
      {"&Eacute;&eacute;&uuml;&szlig;&euro;&copy;", "\u00C9\u00E9\u00FC\u00DF\u20AC\u00A9"},
      {"&#8217;&#x2019;&#X2019;&#39;", "\u2019\u2019\u2019'"},
      {"&#146;&#150;&#128;", "\u2019\u2013\u20AC"},  // windows-1252 reading of 0x80-0x9F
      {"&#0;", "\uFFFD"},
      {"&#xD800;", "\uFFFD"},
      {"&#x110000;", "\uFFFD"},
      {"&#99999999999999999999999;", "\uFFFD"},
      {"&#x1F600;", "\U0001F600"},
      {"&amp;lt;", "&lt;"},  // one level only
      {"AT&T", "AT&T"},
      {"&amp", "&amp"},
      {"&unknown;", "&unknown;"},
      {"&;&#;&#x;&# 65;", "&;&#;&#x;&# 65;"},
      {"&AMP;", "&AMP;"},  // names are case-sensitive
      {"R&D &amp; ops", "R&D & ops"},
      {"", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      BOOST_TEST(text::decode_entities(c.input) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(strips_html_to_plain_text) {
  const HtmlCase cases[] = {
      {"<p>Hello <b>world</b></p>", "Hello world"},
      {"<p>one</p><p>two</p>", "one two"},
      {"a<br>b<BR/>c", "a b c"},
      {"x<span class=\"k\">y</span>z", "xyz"},
      {"a < b and c > d", "a < b and c > d"},
      {"1 <2", "1 <2"},
      {"<script>alert('<p>')</script>text", "text"},
      {"<STYLE type=\"text/css\">p { color: red }</STYLE>ok", "ok"},
      {"before<!-- <p>hidden</p> -->after", "beforeafter"},
      {"<![CDATA[raw &amp; kept]]>", "raw &amp; kept"},
      {"<a title=\"x > y\" href='z'>link</a>", "link"},
      {"<a title='say \"hi\">' href=\"x\">t</a>", "t"},
      {"<a title=\"it's > ok\" b='>'>t</a>", "t"},
      {"<a title=\"never closed>t</a>", ""},
      {"&lt;b&gt;not a tag&lt;/b&gt;", "<b>not a tag</b>"},
      {"<a href=\"u\">Headline</a>&nbsp;&nbsp;<font color=\"#6f6f6f\">Publisher</font>",
       "Headline Publisher"},
      {"<p>caf&eacute; &mdash; 24/7&nbsp;</p>", "caf\u00E9 \u2014 24/7"},
      {"trailing <a href=\"", "trailing"},
      {"<script>never closed", ""},
      {"<!DOCTYPE html><?xml version=\"1.0\"?>body", "body"},
      {"<p>OpenAI &amp; Meta <b>rent</b> Colossus</p>", "OpenAI & Meta rent Colossus"},
      {"", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      BOOST_TEST(text::strip_html(c.input) == c.expected);
      // Appended after text that is not touched, however it is spaced.
      std::string out = "  kept  ";
      text::append_html_text(out, c.input);
      BOOST_TEST(out == "  kept  " + c.expected);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
