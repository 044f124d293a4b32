// Tests for the known-key path of watchers/sources/parse.cpp: the EDGAR Atom and feed parsers read
// each item's key first and skip the items the store holds, yielding for the others exactly what a
// whole parse yields.
#include <boost/test/unit_test.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/parse_output.hpp"
#include "watchers/sources/parse.hpp"

using namespace watchdesk;
using namespace watchdesk::testing;

namespace {

config::Source known_keys_source(config::SourceKind kind) {
  config::Source s;
  s.id = "known-keys";
  s.kind = kind;
  if (kind == config::SourceKind::edgar_filings) s.cik = "1181412";
  return s;
}

// One parser on one real or hand-made document.
struct KnownKeysCase {
  config::SourceKind kind;
  const char* dir;
  const char* file;
};

const KnownKeysCase kKnownKeysCases[] = {
    {config::SourceKind::feed, "feed", "atom.xml"},
    {config::SourceKind::feed, "feed", "google_news.xml"},
    {config::SourceKind::feed, "feed", "rss_100_items.xml"},
    {config::SourceKind::feed, "feed", "rss_content_encoded.xml"},
    {config::SourceKind::feed, "feed", "rss_doctype_entities.xml"},
    {config::SourceKind::feed, "feed", "rss_latin1.xml"},
    {config::SourceKind::feed, "feed", "rss_named_zones.xml"},
    {config::SourceKind::feed, "feed", "rss_no_guid.xml"},
    {config::SourceKind::feed, "feed", "rss_one_item.xml"},
    {config::SourceKind::edgar_filings, "edgar", "filings_spacex.atom"},
    {config::SourceKind::edgar_filings, "edgar", "filings_100.atom"},
    {config::SourceKind::edgar_filings, "edgar", "filings_latin1.atom"},
    {config::SourceKind::edgar_filings, "edgar", "filings_one.atom"},
    {config::SourceKind::edgar_current, "edgar", "current_mixed.atom"},
};

ParseOutput parse_knowing(const config::Source& source, const std::string& body, const KnownKey& known) {
  auto out = sources::parse_source(source, body, "", known);
  BOOST_TEST_REQUIRE(out.ok(), (out.ok() ? "" : out.error().message));
  return std::move(out).value();
}

void require_same_observation(const Observation& a, const Observation& b) {
  BOOST_TEST(a.key == b.key);
  BOOST_TEST(a.title == b.title);
  BOOST_TEST(a.url == b.url);
  BOOST_TEST(utc(a.published) == utc(b.published));
  BOOST_TEST(a.facts.size() == b.facts.size());
  for (const auto& [name, value] : a.facts) BOOST_TEST(watchdesk::testing::fact(b, name) == value, a.key << " fact " << name);
}

// The observations of `whole` whose keys are not in `known`, in order.
std::vector<const Observation*> unknown_observations(const ParseOutput& whole, const std::set<std::string>& known) {
  std::vector<const Observation*> out;
  for (const auto& o : whole.observations)
    if (!known.count(o.key)) out.push_back(&o);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(known_keys)

BOOST_AUTO_TEST_CASE(a_known_nothing_parse_is_the_whole_parse) {
  for (const auto& c : kKnownKeysCases) {
    BOOST_TEST_CONTEXT(c.file) {
      const auto source = known_keys_source(c.kind);
      const std::string body = read_fixture(c.dir, c.file);
      const ParseOutput whole = parse_knowing(source, body, {});
      BOOST_TEST_REQUIRE(!whole.observations.empty());
      const ParseOutput none = parse_knowing(source, body, [](std::string_view) { return false; });
      BOOST_TEST_REQUIRE(none.observations.size() == whole.observations.size());
      for (std::size_t i = 0; i < whole.observations.size(); ++i) require_same_observation(none.observations[i], whole.observations[i]);
      BOOST_TEST(none.dropped == whole.dropped, boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(known_keys_yield_nothing_and_the_others_what_a_whole_parse_yields) {
  for (const auto& c : kKnownKeysCases) {
    BOOST_TEST_CONTEXT(c.file) {
      const auto source = known_keys_source(c.kind);
      const std::string body = read_fixture(c.dir, c.file);
      const ParseOutput whole = parse_knowing(source, body, {});
      // Every other key known, then all of them.
      std::set<std::string> half;
      std::set<std::string> all;
      for (std::size_t i = 0; i < whole.observations.size(); ++i) {
        all.insert(whole.observations[i].key);
        if (i % 2 == 0) half.insert(whole.observations[i].key);
      }
      for (const auto* known : {&half, &all}) {
        std::set<std::string> asked;
        const ParseOutput lazy = parse_knowing(source, body, [&](std::string_view key) {
          asked.emplace(key);
          return known->count(std::string(key)) > 0;
        });
        const auto expected = unknown_observations(whole, *known);
        BOOST_TEST_REQUIRE(lazy.observations.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) require_same_observation(lazy.observations[i], *expected[i]);
        BOOST_TEST(lazy.dropped == whole.dropped, boost::test_tools::per_element());
        // Every key the whole parse yields was asked about.
        for (const auto& key : all) BOOST_TEST(asked.count(key) == 1u, key);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_known_key_repeated_in_the_document_is_still_dropped_as_a_repeat) {
  const std::string body =
      "<rss version=\"2.0\"><channel><title>Desk</title>"
      "<item><title>First</title><guid>same</guid></item>"
      "<item><title>Second</title><guid>same</guid></item>"
      "<item><title>Third</title><link>https://news.example.com/3</link></item>"
      "<item><title>Fourth</title><link>https://NEWS.example.com/3#top</link></item>"
      "</channel></rss>";
  const auto source = known_keys_source(config::SourceKind::feed);
  const ParseOutput whole = parse_knowing(source, body, {});
  BOOST_TEST_REQUIRE(whole.dropped.size() == 2u);
  const ParseOutput lazy = parse_knowing(source, body, [](std::string_view key) {
    return key == "same" || key == "https://news.example.com/3";
  });
  BOOST_TEST(lazy.observations.empty());
  BOOST_TEST(lazy.dropped == whole.dropped, boost::test_tools::per_element());
  BOOST_TEST(lazy.dropped[0] == "item #2 'Second' repeats key same");
}

BOOST_AUTO_TEST_CASE(a_known_key_joined_from_pieces_is_still_recognised_as_repeated) {
  // The guid is written in two pieces around a CDATA section, with blanks to trim: its key is
  // joined outside the document, and must outlive the item it was read from.
  const std::string guid = "tag:news.example.com,2026:colossus-second-tenant";
  const std::string body = "<rss version=\"2.0\"><channel><title>Desk</title>"
                           "<item><title>First</title><guid> <![CDATA[" + guid.substr(0, 20) + "]]>" +
                           guid.substr(20) + " </guid></item>"
                           "<item><title>Filler</title><guid>filler-item-with-a-long-guid-to-reuse-memory</guid></item>"
                           "<item><title>Again</title><guid>" + guid + "</guid></item>"
                           "</channel></rss>";
  const auto source = known_keys_source(config::SourceKind::feed);
  const ParseOutput whole = parse_knowing(source, body, {});
  BOOST_TEST_REQUIRE(whole.observations.size() == 2u);
  BOOST_TEST(whole.observations[0].key == guid);
  const ParseOutput lazy = parse_knowing(source, body, [&](std::string_view key) { return key == guid; });
  BOOST_TEST_REQUIRE(lazy.observations.size() == 1u);
  BOOST_TEST(lazy.observations[0].key == "filler-item-with-a-long-guid-to-reuse-memory");
  BOOST_TEST(lazy.dropped == whole.dropped, boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(lazy.dropped.size() == 1u);
  BOOST_TEST(lazy.dropped[0] == "item #3 'Again' repeats key " + guid);
}

BOOST_AUTO_TEST_CASE(a_known_accession_leaves_out_every_role_of_its_filing) {
  const auto source = known_keys_source(config::SourceKind::edgar_current);
  const std::string body = read_fixture("edgar", "current_mixed.atom");
  const ParseOutput whole = parse_knowing(source, body, {});
  // The filing with the most roles, whose entries come one after another.
  const Observation* most = nullptr;
  for (const auto& o : whole.observations)
    if (!most || watchdesk::testing::fact(o, "entities").size() > watchdesk::testing::fact(*most, "entities").size()) most = &o;
  BOOST_TEST_REQUIRE(most != nullptr);
  BOOST_TEST_REQUIRE(watchdesk::testing::fact(*most, "entities").find(';') != std::string::npos);
  int asked = 0;
  const ParseOutput lazy = parse_knowing(source, body, [&](std::string_view key) {
    if (key == most->key) ++asked;
    return key == most->key;
  });
  BOOST_TEST(find_key(lazy, most->key) == nullptr);
  BOOST_TEST(lazy.observations.size() == whole.observations.size() - 1);
  // Consecutive roles of one filing are asked about once.
  BOOST_TEST(asked == 1);
}

BOOST_AUTO_TEST_SUITE_END()
