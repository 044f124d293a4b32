// Tests for core/text.cpp: entities, HTML stripping, whitespace, UTF-8, case and whole-word matching.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "core/text/words.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(text_utilities)

struct TextCase {
  std::string input;
  std::string expected;
};

BOOST_AUTO_TEST_CASE(decodes_xml_html_and_numeric_references) {
  const TextCase cases[] = {
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
  const TextCase cases[] = {
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

BOOST_AUTO_TEST_CASE(collapses_unicode_whitespace_and_controls) {
  const TextCase cases[] = {
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
  const TextCase cases[] = {
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
  const TextCase cases[] = {
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

BOOST_AUTO_TEST_CASE(compares_ascii_case_insensitively) {
  BOOST_TEST(text::iequals("GPU", "gpu"));
  BOOST_TEST(text::iequals("", ""));
  BOOST_TEST(!text::iequals("GPU", "GPUs"));
  BOOST_TEST(!text::iequals("\u00C9", "\u00E9"));  // ASCII only; use fold_case for more
}

BOOST_AUTO_TEST_CASE(folds_case_keeping_length) {
  const TextCase cases[] = {
      {"GPU Cluster", "gpu cluster"},
      {"\u00C9COLE Stra\u00DFe", "\u00E9cole stra\u00DFe"},
      {"\u0178\u0100\u0139\u017D", "\u00FF\u0101\u013A\u017E"},
      {"\u03A3\u03A9\u0386\u038F", "\u03C3\u03C9\u03AC\u03CE"},
      {"\u0416\u0401", "\u0436\u0451"},
      {"\u0130", "\u0130"},  // dotted capital I would change length: kept
      {"a\xFF" "B", "a\xFF" "b"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("input '" << c.input << "'") {
      const std::string out = text::fold_case(c.input);
      BOOST_TEST(out == c.expected);
      BOOST_TEST(out.size() == c.input.size());
      std::string reused = "a longer text held before, to be replaced whole";
      text::fold_case_into(reused, c.input);
      BOOST_TEST(reused == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(matches_whole_words_ignoring_case) {
  struct Case {
    std::string text;
    std::string word;
    bool match;
  };
  const Case cases[] = {
      {"GPU Cluster Engineer", "gpu", true},
      {"GPUs Procurement Lead", "GPU", false},
      {"eGPU tester", "gpu", false},
      {"AI infra (GPU)", "GPU", true},
      {"GPU-rich neoclouds", "gpu", true},
      {"xAI\u2019s Colossus", "xai", true},
      {"xAI's Colossus", "xAI", true},
      {"GPU\u2014cluster", "gpu", true},
      {"GPU\u00A0cluster", "gpu", true},
      {"Colossus 2 expansion", "colossus 2", true},
      {"Colossus 25 expansion", "colossus 2", false},
      {"a second tenant arrives", "Second Tenant", true},
      {"seconds tenant", "second tenant", false},
      {"Z\u00FCrich office", "z\u00FCrich", true},
      {"Z\u00DCRICH office", "z\u00FCrich", true},
      {"Z\u00FCrichsee", "z\u00FCrich", false},
      {"\u00FCber", "ber", false},  // a non-ASCII letter is a letter
      {"C++ developer", "C++", true},
      {"datacenter/networking", "datacenter", true},
      {"gpus then gpu", "gpu", true},  // a later occurrence counts
      {"\u0394\u03B5\u03BB\u03C4\u03B1 team", "\u03B4\u03B5\u03BB\u03C4\u03B1", true},
      {"xAI's Colossus cluster", "Colossus", true},
      {"COLOSSUS goes multi-tenant", "Colossus", true},
      {"colossal build", "Colossus", false},
      {"Colossuses", "Colossus", false},
      {"anything", "  ", false},
      {"anything", "", false},
      {"", "gpu", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("text '" << c.text << "' word '" << c.word << "'") {
      BOOST_TEST(text::contains_word(c.text, c.word) == c.match);
      BOOST_TEST(text::find_words(c.text, c.word).empty() == !c.match);
      BOOST_TEST(text::contains_any_word(c.text, {"no-such-word", c.word}) == c.match);
    }
  }
}

BOOST_AUTO_TEST_CASE(finds_every_whole_word_occurrence_with_its_span) {
  const auto spans = text::find_words("Colossus, then colossus, Colossuses, Z\u00DCRICH", "Colossus");
  BOOST_TEST_REQUIRE(spans.size() == 2u);
  BOOST_TEST(spans[0].begin == 0u);
  BOOST_TEST(spans[0].end == 8u);
  BOOST_TEST(spans[1].begin == 15u);
  BOOST_TEST(spans[1].end == 23u);
  const std::string zurich = "in Z\u00DCRICH";
  const auto folded = text::find_words(zurich, " z\u00FCrich ");
  BOOST_TEST_REQUIRE(folded.size() == 1u);
  BOOST_TEST(folded[0].begin == 3u);
  BOOST_TEST(folded[0].end == zurich.size());
}

BOOST_AUTO_TEST_CASE(tells_whether_a_span_stands_as_whole_words) {
  const std::string t = "(GPU) eGPU C++ dev";
  BOOST_TEST(text::is_whole_word(t, {1, 4}));      // GPU inside brackets
  BOOST_TEST(!text::is_whole_word(t, {7, 10}));    // the GPU of eGPU
  BOOST_TEST(!text::is_whole_word(t, {6, 9}));     // eGP, glued to U
  BOOST_TEST(text::is_whole_word(t, {11, 14}));    // C++ ends with punctuation
  BOOST_TEST(!text::is_whole_word(t, {3, 3}));     // empty
  BOOST_TEST(!text::is_whole_word(t, {15, 99}));   // past the end
}

BOOST_AUTO_TEST_CASE(matches_any_listed_word) {
  const std::vector<std::string> words = {"infrastructure", "GPU"};
  BOOST_TEST(text::contains_any_word("Senior GPU Cluster Engineer", words));
  BOOST_TEST(text::contains_any_word("Datacenter Infrastructure Lead", words));
  BOOST_TEST(!text::contains_any_word("GPUs enthusiast", words));
  BOOST_TEST(!text::contains_any_word("Recruiter", {}));
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

BOOST_AUTO_TEST_CASE(folded_word_matching_agrees_with_contains_word) {
  const std::string folded = text::fold_case("Z\u00DCRICH GPU Cluster \u2014 Datacenter/Networking");
  BOOST_TEST(text::contains_folded_word(folded, text::fold_case("Z\u00FCrich")));
  BOOST_TEST(text::contains_folded_word(folded, text::fold_case("datacenter")));
  BOOST_TEST(text::contains_folded_word(folded, " gpu "));
  BOOST_TEST(!text::contains_folded_word(folded, "GPU"));  // not folded: no match by contract
  BOOST_TEST(!text::contains_folded_word(folded, "cluste"));
  BOOST_TEST(!text::contains_folded_word(folded, ""));
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
