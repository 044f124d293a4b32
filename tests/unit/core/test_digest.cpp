// Tests for core/digest.cpp: SHA-256 hex prefixes against published test vectors.
#include <boost/test/unit_test.hpp>

#include <string>

#include "core/digest.hpp"

BOOST_AUTO_TEST_SUITE(core_digest)

BOOST_AUTO_TEST_CASE(hashes_the_parts_as_one_text) {
  // FIPS 180-2 example: SHA-256("abc").
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  BOOST_TEST(watchdesk::sha256_hex({"abc"}, 64) == abc);
  BOOST_TEST(watchdesk::sha256_hex({"a", "", "bc"}, 64) == abc);
  BOOST_TEST(watchdesk::sha256_hex({}, 16) == "e3b0c44298fc1c14");  // the empty text
}

BOOST_AUTO_TEST_CASE(keeps_as_many_hex_digits_as_asked) {
  BOOST_TEST(watchdesk::sha256_hex({"abc"}, 8) == "ba7816bf");
  BOOST_TEST(watchdesk::sha256_hex({"abc"}, 3) == "ba7");
  BOOST_TEST(watchdesk::sha256_hex({"abc"}, 0).empty());
  BOOST_TEST(watchdesk::sha256_hex({"abc"}, 100).size() == 64u);
}

BOOST_AUTO_TEST_SUITE_END()
