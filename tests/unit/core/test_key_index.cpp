// Tests for core/key_index.hpp: lookups by key through positions sorted by key.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/key_index.hpp"

using watchdesk::KeyIndex;

namespace {

struct Items {
  std::vector<std::string> keys;
  std::string_view operator()(std::size_t i) const { return keys[i]; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(core_key_index)

BOOST_AUTO_TEST_CASE(finds_every_item_of_a_large_unsorted_list) {
  Items items;
  for (int i = 0; i < 5000; ++i) items.keys.push_back("s" + std::to_string((i * 7919) % 5000));
  KeyIndex index;
  index.build(items.keys.size(), items);
  BOOST_TEST(index.size() == 5000u);
  for (std::size_t i = 0; i < items.keys.size(); ++i) {
    const auto at = index.find(items.keys[i], items);
    BOOST_TEST_REQUIRE(at.has_value());
    BOOST_TEST(*at == i);
  }
}

BOOST_AUTO_TEST_CASE(misses_keys_not_indexed_including_prefixes_and_extensions) {
  const Items items{{"b", "abc", "abd"}};
  KeyIndex index;
  index.build(items.keys.size(), items);
  for (const char* missing : {"", "a", "ab", "abcd", "abe", "c", "B"})
    BOOST_TEST(!index.find(missing, items).has_value(), missing);
}

BOOST_AUTO_TEST_CASE(gives_the_first_position_of_a_repeated_key) {
  const Items items{{"x", "dup", "y", "dup", "dup"}};
  KeyIndex index;
  index.build(items.keys.size(), items);
  BOOST_TEST(index.find("dup", items).value() == 1u);
}

BOOST_AUTO_TEST_CASE(an_empty_index_finds_nothing) {
  const Items items;
  KeyIndex index;
  BOOST_TEST(!index.find("a", items).has_value());
  index.build(0, items);
  BOOST_TEST(index.size() == 0u);
  BOOST_TEST(!index.find("a", items).has_value());
}

BOOST_AUTO_TEST_CASE(a_rebuild_indexes_the_new_list_alone) {
  Items items{{"a", "b"}};
  KeyIndex index;
  index.build(items.keys.size(), items);
  items.keys = {"c"};
  index.build(items.keys.size(), items);
  BOOST_TEST(index.size() == 1u);
  BOOST_TEST(index.find("c", items).value() == 0u);
  BOOST_TEST(!index.find("a", items).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
