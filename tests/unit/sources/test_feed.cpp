// Tests for watchers/sources/feed.cpp: RSS and Atom items, keys, text cleaning, encodings, errors.
#include <boost/test/unit_test.hpp>

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "core/text/utf8.hpp"
#include "support/parse_output.hpp"
#include "watchers/sources/feed.hpp"

using namespace watchdesk;

using namespace watchdesk::testing;

namespace {

config::Source feed_source() {
  config::Source s;
  s.id = "colossus-news";
  s.kind = config::SourceKind::feed;
  s.url = "https://news.google.com/rss/search?q=Colossus+xAI";
  return s;
}

ParseOutput parse_ok(const std::string& fixture) {
  auto out = sources::parse_feed(read_fixture("feed", fixture), feed_source());
  BOOST_TEST_REQUIRE(out.ok(), fixture << ": " << (out.ok() ? "" : out.error().message));
  return std::move(out).value();
}

// SHA-256 hex of `text`, computed here independently of the parser.
std::string sha256_hex(const std::string& text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

void require_valid_utf8(const ParseOutput& out) {
  for (const auto& o : out.observations) {
    BOOST_TEST(text::is_valid_utf8(o.key));
    BOOST_TEST(text::is_valid_utf8(o.title));
    BOOST_TEST(text::is_valid_utf8(o.url));
    for (const auto& [name, value] : o.facts) {
      BOOST_TEST(text::is_valid_utf8(value), name);
      if (name == "summary") BOOST_TEST(value.size() <= sources::kMaxSummaryBytes);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sources_feed)

BOOST_AUTO_TEST_CASE(an_empty_feed_is_valid) {
  const ParseOutput out = parse_ok("rss_empty.xml");
  BOOST_TEST(out.observations.empty());
  BOOST_TEST(out.dropped.empty());
  BOOST_TEST(out.points.empty());
}

BOOST_AUTO_TEST_CASE(rss_item_gives_key_title_link_date_and_summary) {
  const ParseOutput out = parse_ok("rss_one_item.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 1u);
  const Observation& o = out.observations[0];
  BOOST_TEST(o.key == "https://computeledger.example/?p=4812");
  BOOST_TEST(fact(o, "guid") == "https://computeledger.example/?p=4812");
  BOOST_TEST(o.title == "Colossus 2 adds a second tenant");  // not <media:title>
  BOOST_TEST(o.url == "https://computeledger.example/2026/11/colossus-2-tenant");
  BOOST_TEST(utc(o.published) == "2026-11-23T14:03:00Z");
  BOOST_TEST(fact(o, "summary") == "The Memphis site now hosts a second lab. More soon\u2026");
  BOOST_TEST(fact(o, "publisher") == "Compute Ledger");  // the channel, for want of <source>
}

BOOST_AUTO_TEST_CASE(google_news_titles_lose_the_publisher_suffix) {
  const ParseOutput out = parse_ok("google_news.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 3u);
  struct Expected {
    const char* key;
    const char* title;
    const char* publisher;
    const char* published;
  };
  const Expected expected[] = {
      {"CBMiVkFVX3lxTE1hbXBsZTEyMzQ1Njc4OTA", "xAI signs a second Colossus tenant, sources say",
       "Memphis Ledger", "2026-11-23T14:03:00Z"},
      {"CBMiWkFVX3lxTE1hbXBsZTk4NzY1NDMyMTA", "Colossus - what we know - about the supercomputer",
       "Chip Weekly", "2026-11-22T09:15:00Z"},
      // No <source>: the publisher comes from the title of a news.google.com link.
      {"CBMiXkFVX3lxTE1hbXBsZTU1NTU1NTU1NTU", "Anthropic's compute deal with xAI? Not so fast",
       "Infra Insider", "2026-11-21T18:40:00Z"},
  };
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST_CONTEXT("item " << i) {
      const Observation& o = out.observations[i];
      BOOST_TEST(o.key == expected[i].key);
      BOOST_TEST(o.title == expected[i].title);
      BOOST_TEST(fact(o, "publisher") == expected[i].publisher);
      BOOST_TEST(utc(o.published) == expected[i].published);
      BOOST_TEST(o.url.rfind("https://news.google.com/rss/articles/", 0) == 0u);
    }
  }
  BOOST_TEST(fact(out.observations[0], "summary") ==
             "xAI signs a second Colossus tenant, sources say Memphis Ledger");
}

BOOST_AUTO_TEST_CASE(hundred_items_have_distinct_keys_and_split_titles) {
  const ParseOutput out = parse_ok("rss_100_items.xml");
  BOOST_TEST(out.observations.size() == 100u);
  BOOST_TEST(out.dropped.empty());
  std::set<std::string> keys;
  for (const auto& o : out.observations) {
    keys.insert(o.key);
    const std::string publisher = fact(o, "publisher");
    BOOST_TEST(publisher != "<none>");
    BOOST_TEST(o.title.find(" - " + publisher) == std::string::npos);
    BOOST_TEST(o.published.has_value());
  }
  BOOST_TEST(keys.size() == 100u);
  BOOST_TEST(fact(out.observations[3], "publisher") == "Grid & Power Daily");
  BOOST_TEST(out.observations[0].title == "Colossus: update 100 on AI infrastructure");
  require_valid_utf8(out);
}

BOOST_AUTO_TEST_CASE(items_without_guid_are_keyed_by_link_then_hash) {
  const ParseOutput out = parse_ok("rss_no_guid.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 2u);
  const Observation& linked = out.observations[0];
  BOOST_TEST(linked.key == "https://gridpower.example/news/tva-150mw?id=77");
  BOOST_TEST(linked.url == "HTTPS://GridPower.Example:443/news/tva-150mw?utm_source=rss&id=77&utm_medium=feed#comments");
  BOOST_TEST(fact(linked, "guid") == "<none>");
  BOOST_TEST(utc(linked.published) == "2026-11-20T16:00:00Z");
  BOOST_TEST(fact(linked, "summary") == "The utility board voted 7\u20132.");
  BOOST_TEST(fact(linked, "publisher") == "Grid & Power Daily");

  const Observation& hashed = out.observations[1];
  const std::string digest =
      sha256_hex("Turbine permits: what changed\nThu, 19 Nov 2026 08:00:00 -0500");
  BOOST_TEST(hashed.key == "sha256:" + digest.substr(0, 16));
  BOOST_TEST(hashed.url.empty());

  BOOST_TEST_REQUIRE(out.dropped.size() == 1u);
  BOOST_TEST(out.dropped[0] == "item #3 has no guid, id, link or title to key it by");

  const ParseOutput again = parse_ok("rss_no_guid.xml");
  BOOST_TEST(again.observations[1].key == hashed.key);
}

BOOST_AUTO_TEST_CASE(content_encoded_becomes_plain_summary) {
  const ParseOutput out = parse_ok("rss_content_encoded.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 1u);
  const Observation& o = out.observations[0];
  BOOST_TEST(o.title == "CoreWeave\u2019s backlog, explained");
  BOOST_TEST(o.key == "neocloud-2026-47");
  BOOST_TEST(utc(o.published) == "2026-11-22T21:30:00Z");  // dc:date
  BOOST_TEST(fact(o, "summary") ==
             "Backlog Remaining performance obligations rose to $55.6 billion \u2014 up 14%. Read on\u2019");
}

BOOST_AUTO_TEST_CASE(named_zones_and_missing_dates) {
  const ParseOutput out = parse_ok("rss_named_zones.xml");
  struct Expected {
    const char* key;
    const char* published;
  };
  const Expected expected[] = {{"ed-1", "2026-11-23T14:03:00Z"},
                               {"ed-2", "2026-06-01T14:03:00Z"},
                               {"ed-3", "<none>"},
                               {"ed-4", "<none>"}};
  for (const auto& e : expected) {
    BOOST_TEST_CONTEXT(e.key) {
      const Observation* o = find_key(out, e.key);
      BOOST_TEST_REQUIRE(o != nullptr);
      BOOST_TEST(utc(o->published) == e.published);
    }
  }
}

BOOST_AUTO_TEST_CASE(atom_entries_use_id_alternate_link_and_published) {
  const ParseOutput out = parse_ok("atom.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 3u);
  const Observation& cooling = out.observations[0];
  BOOST_TEST(cooling.key == "tag:rackandstack.example,2026:/posts/liquid-cooling");
  BOOST_TEST(fact(cooling, "guid") == cooling.key);
  BOOST_TEST(cooling.title == "Liquid cooling at Colossus");
  BOOST_TEST(cooling.url == "https://rackandstack.example/2026/11/liquid-cooling");
  BOOST_TEST(utc(cooling.published) == "2026-11-23T18:30:02Z");
  BOOST_TEST(fact(cooling, "summary") == "Direct-to-chip & rear-door heat exchangers.");
  BOOST_TEST(fact(cooling, "publisher") == "Rack & Stack");

  const Observation& updated = out.observations[1];
  BOOST_TEST(utc(updated.published) == "2026-11-20T07:00:00Z");
  BOOST_TEST(fact(updated, "publisher") == "Cooling Quarterly");
  BOOST_TEST(fact(updated, "summary") == "XHTML content here.");

  const Observation& no_id = out.observations[2];
  BOOST_TEST(no_id.key == "https://rackandstack.example/2026/11/no-id");
  BOOST_TEST(fact(no_id, "guid") == "<none>");
}

BOOST_AUTO_TEST_CASE(iso_8859_1_feed_is_decoded_to_utf8) {
  const ParseOutput out = parse_ok("rss_latin1.xml");
  BOOST_TEST_REQUIRE(out.observations.size() == 1u);
  const Observation& o = out.observations[0];
  BOOST_TEST(o.title == "Caf\u00E9 M\u00FCller \u2013 \u201Ccentre de donn\u00E9es\u201D \u00E0 Lyon");
  BOOST_TEST(fact(o, "summary") == "L\u2019op\u00E9rateur \u00E9tend son site : 40 MW.");
  BOOST_TEST(fact(o, "publisher") == "Le R\u00E9seau");
  BOOST_TEST(utc(o.published) == "2026-11-23T09:00:00Z");
  require_valid_utf8(out);
}

BOOST_AUTO_TEST_CASE(doctype_entities_are_never_expanded) {
  const std::string body = read_fixture("feed", "rss_doctype_entities.xml");
  auto out = sources::parse_feed(body, feed_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  const Observation& o = out->observations[0];
  BOOST_TEST(o.title == "Laughs &lol9;");
  BOOST_TEST(fact(o, "summary") == "Secret: &xxe;");
  for (const auto& [name, value] : o.facts) BOOST_TEST(value.find("root:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_long_summaries_come_out_clean) {
  std::string description;
  for (int i = 0; i < 700; ++i) description += "\u00E9t\u00E9 ";  // 6 bytes each: 4200 bytes
  const std::string body = "<rss><channel><title>T</title><item><guid>g\xFF</guid><title>Bad \xC3 byte\xE2\x82</title>"
                           "<description>" + description + "</description></item></channel></rss>";
  auto out = sources::parse_feed(body, feed_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  const Observation& o = out->observations[0];
  BOOST_TEST(o.key == "g\uFFFD");
  BOOST_TEST(o.title == "Bad \uFFFD byte\uFFFD");
  const std::string summary = fact(o, "summary");
  BOOST_TEST(summary.size() <= sources::kMaxSummaryBytes);
  BOOST_TEST(summary.size() > sources::kMaxSummaryBytes - 100);
  BOOST_TEST(summary.substr(summary.size() - 8) == "\u00E9t\u00E9\u2026");  // cut between words
  require_valid_utf8(*out);
}

BOOST_AUTO_TEST_CASE(repeated_keys_are_dropped) {
  const std::string body =
      "<rss><channel><item><guid>same</guid><title>First</title></item>"
      "<item><guid>same</guid><title>Second</title></item></channel></rss>";
  auto out = sources::parse_feed(body, feed_source());
  BOOST_TEST_REQUIRE(out.ok());
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  BOOST_TEST(out->observations[0].title == "First");
  BOOST_TEST_REQUIRE(out->dropped.size() == 1u);
  BOOST_TEST(out->dropped[0] == "item #2 'Second' repeats key same");
}

BOOST_AUTO_TEST_CASE(rss_1_0_items_are_read) {
  const std::string body =
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"https://x.example/\"><title>RDF Wire</title>"
      "</channel><item rdf:about=\"https://x.example/a\"><title>A</title><link>https://x.example/a</link>"
      "<dc:date>2026-11-01T10:00:00Z</dc:date></item></rdf:RDF>";
  auto out = sources::parse_feed(body, feed_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  BOOST_TEST(out->observations[0].key == "https://x.example/a");
  BOOST_TEST(utc(out->observations[0].published) == "2026-11-01T10:00:00Z");
  BOOST_TEST(fact(out->observations[0], "publisher") == "RDF Wire");
}

BOOST_AUTO_TEST_CASE(utf16_feed_with_a_byte_order_mark_is_read) {
  const std::string ascii =
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><guid>u16</guid><title>Caf";
  std::string body = "\xFF\xFE";  // UTF-16LE
  for (const char c : ascii) {
    body += c;
    body += '\0';
  }
  body += "\xE9";
  body += '\0';
  for (const char c : std::string("</title></item></channel></rss>")) {
    body += c;
    body += '\0';
  }
  auto out = sources::parse_feed(body, feed_source());
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  BOOST_TEST_REQUIRE(out->observations.size() == 1u);
  BOOST_TEST(out->observations[0].title == "Caf\u00E9");
}

BOOST_AUTO_TEST_CASE(bad_answers_are_errors_that_say_what_and_where) {
  struct Case {
    const char* name;
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {"truncated", read_fixture("feed", "rss_truncated.xml"),
       "feed XML is malformed at line 1, column 700: Start-end tags mismatch (the answer looks truncated)"},
      {"html page", read_fixture("feed", "html_error.html"),
       "expected an RSS 2.0 or Atom 1.0 feed but got an HTML page titled "
       "'Error 503 (Service Unavailable)!!1'; check the feed URL"},
      {"not a feed", read_fixture("feed", "not_a_feed.xml"),
       "expected an RSS 2.0 or Atom 1.0 feed but got an XML document whose root "
       "element is <sitemapindex>"},
      {"koi8", read_fixture("feed", "rss_koi8.xml"),
       "the feed declares encoding 'KOI8-R', which watchdesk cannot read"},
      {"empty", "", "expected an RSS 2.0 or Atom 1.0 feed but got an empty answer"},
      {"json", "{\"items\": []}",
       "expected an RSS 2.0 or Atom 1.0 feed but got text starting '{\"items\": []}'"},
      {"no channel", "<rss version=\"2.0\"></rss>", "the RSS document has no <channel>"},
      {"mismatched tags", "<rss>\n<channel>\n<item><title>x</item>\n</channel></rss>",
       "feed XML is malformed at line 3, column 17: Start-end tags mismatch; check"},
      {"html without doctype", "<html><body>x</body></html>",
       "expected an RSS 2.0 or Atom 1.0 feed but got an HTML page"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto out = sources::parse_feed(c.body, feed_source());
      BOOST_TEST_REQUIRE(!out.ok());
      BOOST_TEST(out.error().message.find(c.message) != std::string::npos, "message: " << out.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_fixture_yields_valid_utf8) {
  for (const char* name : {"rss_one_item.xml", "google_news.xml", "rss_no_guid.xml", "rss_content_encoded.xml",
                           "rss_named_zones.xml", "atom.xml", "rss_latin1.xml", "rss_doctype_entities.xml"}) {
    BOOST_TEST_CONTEXT(name) { require_valid_utf8(parse_ok(name)); }
  }
}

BOOST_AUTO_TEST_CASE(canonical_links_drop_tracking_and_case_noise) {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {" HTTPS://Example.COM:443/a/B?utm_source=x&id=1#top ", "https://example.com/a/B?id=1"},
      {"http://example.com:80/", "http://example.com/"},
      {"http://example.com:8080/x", "http://example.com:8080/x"},
      {"https://example.com/x?utm_medium=a&utm_campaign=b", "https://example.com/x"},
      {"https://User@Example.com/x", "https://User@example.com/x"},
      {"/relative/path", "/relative/path"},
      {"", ""},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.input) { BOOST_TEST(sources::canonical_link(c.input) == c.expected); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
