// Tests for config/source_index.cpp: constant-time lookups that stay right while the list changes.
#include <boost/test/unit_test.hpp>

#include <string>

#include "config/config.hpp"

using namespace watchdesk::config;

namespace {

Config with_sources(int n) {
  Config c;
  for (int i = 0; i < n; ++i) {
    c.sources.push_back(Source{});
    c.sources.back().id = "s" + std::to_string(i);
  }
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_source_index)

BOOST_AUTO_TEST_CASE(finds_every_source_of_a_large_list) {
  const Config c = with_sources(1000);
  for (int i = 0; i < 1000; ++i) BOOST_TEST(c.find_source("s" + std::to_string(i)) == &c.sources[i]);
  BOOST_TEST(c.find_source("s1000") == nullptr);
}

BOOST_AUTO_TEST_CASE(follows_sources_added_after_a_lookup) {
  Config c = with_sources(3);
  BOOST_TEST(c.find_source("s3") == nullptr);
  c.sources.push_back(Source{});
  c.sources.back().id = "s3";
  BOOST_TEST(c.find_source("s3") == &c.sources[3]);
  BOOST_TEST(c.find_source("s0") == &c.sources[0]);
}

BOOST_AUTO_TEST_CASE(follows_ids_renamed_in_place) {
  Config c = with_sources(3);
  BOOST_TEST(c.find_source("s1") == &c.sources[1]);
  c.sources[1].id = "renamed";
  BOOST_TEST(c.find_source("s1") == nullptr);
  BOOST_TEST(c.find_source("renamed") == &c.sources[1]);
}

BOOST_AUTO_TEST_CASE(a_copy_points_into_its_own_sources) {
  const Config original = with_sources(3);
  BOOST_TEST(original.find_source("s2") == &original.sources[2]);
  const Config copy = original;
  BOOST_TEST(copy.find_source("s2") == &copy.sources[2]);
  Config moved = with_sources(2);
  moved = copy;
  BOOST_TEST(moved.find_source("s2") == &moved.sources[2]);
}

BOOST_AUTO_TEST_SUITE_END()
