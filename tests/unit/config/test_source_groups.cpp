// Tests for config/source_groups.cpp and the loader's reading of `[sources.ID]` tables a group at a
// time: the groups found, and the same configuration and the same errors as one tree gives.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "config/loader.hpp"
#include "config/source_groups.hpp"

using namespace watchdesk;
using namespace watchdesk::config;

namespace {

// `[sources.sN]` tables for N in [from, to), feeds on example.com, `extra` inside table `bad`.
std::string numbered_source_tables(int from, int to, int bad = -1, const std::string& extra = {}) {
  std::string out;
  for (int i = from; i < to; ++i) {
    out += "[sources.s" + std::to_string(i) + "]\nkind = \"feed\"\nurl = \"https://news.example.com/" +
           std::to_string(i) + ".rss\"\nevery = \"15m\"\n";
    if (i == bad) out += extra;
    out += "\n";
  }
  return out;
}

const std::string kGroupsHead = R"([watchdesk]
state = "state.db"
user_agent = "Acme Research ops@acme.example"

[channels.console]
kind = "stdout"

)";

const std::string kGroupsTrigger = R"(
[triggers.tenant]
kind = "tenant"
subject = ["Colossus"]
sources = ["s1", "s2"]
channels = ["console"]
)";

// Loads `text` both ways: the configurations' sources must match, or the errors.
void require_same_either_way(const std::string& text) {
  const auto grouped = load_config_text(text, "test.toml", SourceTables::in_groups);
  const auto whole = load_config_text(text, "test.toml", SourceTables::in_one_tree);
  BOOST_TEST_REQUIRE(grouped.ok() == whole.ok());
  if (!whole.ok()) {
    BOOST_TEST(grouped.error().to_string() == whole.error().to_string());
    return;
  }
  BOOST_TEST_REQUIRE(grouped->sources.size() == whole->sources.size());
  for (std::size_t i = 0; i < whole->sources.size(); ++i) {
    const auto& a = grouped->sources[i];
    const auto& b = whole->sources[i];
    BOOST_TEST(a.id == b.id);
    BOOST_TEST(a.url == b.url);
    BOOST_TEST(a.every.count() == b.every.count());
    BOOST_TEST(a.position.line == b.position.line);
    BOOST_TEST(a.position.column == b.position.column);
  }
  BOOST_TEST(grouped->triggers.size() == whole->triggers.size());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_source_groups)

BOOST_AUTO_TEST_CASE(finds_top_level_source_headers_only) {
  const std::string text =
      "[watchdesk]\n"                                   // 1
      "note = '''\n"                                    // 2
      "[sources.in_a_literal]\n"                        // 3
      "'''\n"                                           // 4
      "[sources.a]  # first\n"                          // 5
      "kind = \"feed\"\n"                               // 6
      "  [sources.b]\n"                                 // 7
      "text = \"\"\"\n"                                 // 8
      "[sources.in_a_string] \\\"\"\"\n"                // 9
      "\"\"\"\n"                                        // 10
      "[sources.c]\n"                                   // 11
      "list = [\n"                                      // 12
      "[sources.in_an_array]\n"                         // 13
      "]\n"                                             // 14
      "[sources]\n"                                     // 15
      "[sources.d]\n"                                   // 16
      "[\"sources\".e]\n"                               // 17
      "[[sources.f]]\n"                                 // 18
      "[sources.g.h]\n"                                 // 19
      "[ sources . i ]\n";                              // 20
  const auto groups = find_source_groups(text, 2);
  BOOST_TEST_REQUIRE(groups.size() == 4u);
  // a and b; c alone (the group was full); d alone (after [sources]); i alone.
  const std::vector<int> lines{5, 11, 16, 20};
  const std::vector<std::size_t> counts{2, 1, 1, 1};
  for (std::size_t i = 0; i < groups.size(); ++i) {
    BOOST_TEST(groups[i].first_line == lines[i]);
    BOOST_TEST(groups[i].count == counts[i]);
  }
  BOOST_TEST(text.substr(groups[1].begin, groups[1].end - groups[1].begin).starts_with("[sources.c]\n"));
  BOOST_TEST(text.substr(groups[1].end).starts_with("[sources]\n"));
  BOOST_TEST(groups[3].end == text.size());

  const std::string rest = without_groups(text, groups);
  BOOST_TEST(std::count(rest.begin(), rest.end(), '\n') == std::count(text.begin(), text.end(), '\n'));
  BOOST_TEST(rest.find("[sources.a]") == std::string::npos);
  BOOST_TEST(rest.find("[sources.in_a_literal]") != std::string::npos);
  BOOST_TEST(rest.find("[sources.g.h]") != std::string::npos);
  std::string document;
  group_document(text, groups[1], document);
  BOOST_TEST(document == std::string(10, '\n') + text.substr(groups[1].begin, groups[1].end - groups[1].begin));
}

BOOST_AUTO_TEST_CASE(a_large_file_read_in_groups_is_the_file_read_in_one_tree) {
  const int n = static_cast<int>(2 * kSourcesPerGroup + 5);
  // The settings first; then the trigger between groups and the settings after them.
  for (const std::string& text :
       {kGroupsHead + numbered_source_tables(0, n) + kGroupsTrigger,
        numbered_source_tables(0, 3000) + kGroupsTrigger + numbered_source_tables(3000, n) + kGroupsHead}) {
    const auto loaded = load_config_text(text, "test.toml", SourceTables::in_groups);
    BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
    BOOST_TEST(loaded->sources.size() == static_cast<std::size_t>(n));
    require_same_either_way(text);
  }
}

BOOST_AUTO_TEST_CASE(errors_are_the_same_in_groups_as_in_one_tree) {
  const int n = static_cast<int>(2 * kSourcesPerGroup + 5);
  const std::vector<std::string> texts{
      // A schema error in the third group.
      kGroupsHead + numbered_source_tables(0, n, 4000, "every2 = \"1h\"\n") + kGroupsTrigger,
      kGroupsHead + numbered_source_tables(0, n, 4000, "jitter = \"lots\"\n") + kGroupsTrigger,
      // A syntax error in the second group.
      kGroupsHead + numbered_source_tables(0, n, 3000, "url = \n") + kGroupsTrigger,
      // A table defined twice, in two groups.
      kGroupsHead + numbered_source_tables(0, n) + numbered_source_tables(7, 8) + kGroupsTrigger,
      // A source defined with a dotted key outside the groups.
      kGroupsHead + "sources.extra.kind = \"feed\"\n" + numbered_source_tables(0, n) + kGroupsTrigger,
      // A trigger naming a source no group holds.
      kGroupsHead + numbered_source_tables(0, n) + kGroupsTrigger + "[triggers.other]\nkind = \"tenant\"\nsources = [\"s" +
          std::to_string(n) + "\"]\nsubject = [\"Colossus\"]\nchannels = [\"console\"]\n",
  };
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& text = texts[i];
    BOOST_TEST_CONTEXT("text " << i) {
      const auto grouped = load_config_text(text, "test.toml", SourceTables::in_groups);
      BOOST_TEST_REQUIRE(!grouped.ok());
      require_same_either_way(text);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_small_file_is_read_in_one_tree_and_either_way_alike) {
  require_same_either_way(kGroupsHead + numbered_source_tables(0, 3) + kGroupsTrigger);
  const auto loaded = load_config_text(kGroupsHead + numbered_source_tables(0, 3) + kGroupsTrigger, "test.toml");
  BOOST_TEST_REQUIRE(loaded.ok(), (loaded.ok() ? "" : loaded.error().to_string()));
  BOOST_TEST(loaded->sources.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
