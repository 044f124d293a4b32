// Tests for `signal_id`: the first 8 hex digits of SHA-256 over `SOURCE "/" KEY`.
#include <boost/test/data/monomorphic.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

#include "watchers/observation.hpp"

namespace {

struct Vector {
  std::string source;
  std::string key;
  std::string expected;  // `printf '%s' 'SOURCE/KEY' | sha256sum | cut -c1-8`
};

std::ostream& operator<<(std::ostream& out, const Vector& v) {
  return out << v.source << "/" << v.key;
}

const Vector kVectors[] = {
    {"src", "key", "ad1bbf2c"},
    {"spacex-filings", "0001628280-26-036936", "12ab0b67"},
    {"colossus-news", "https://example.com/a?b=1", "229ef59e"},
    {"xai-jobs", "4012345007", "f3673b08"},
    {"", "", "8a5edab2"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(store_signal_id)

BOOST_DATA_TEST_CASE(matches_sha256_prefix_of_source_slash_key,
                     boost::unit_test::data::make(kVectors), vector) {
  BOOST_TEST(watchdesk::signal_id(vector.source, vector.key) == vector.expected);
}

BOOST_AUTO_TEST_CASE(separates_source_from_key) {
  BOOST_TEST(watchdesk::signal_id("ab", "c") != watchdesk::signal_id("a", "bc"));
}

BOOST_AUTO_TEST_SUITE_END()
