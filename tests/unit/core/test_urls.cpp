// Tests for core/urls.cpp: scheme and host extraction, percent-encoding, loopback hosts.
#include <boost/test/unit_test.hpp>

#include "core/urls.hpp"

using namespace watchdesk;

BOOST_AUTO_TEST_SUITE(core_urls)

BOOST_AUTO_TEST_CASE(extracts_scheme_and_host) {
  struct Case {
    const char* url;
    const char* scheme;
    const char* host;
  };
  const Case cases[] = {
      {"https://www.sec.gov/cgi-bin/browse-edgar?x=1", "https", "www.sec.gov"},
      {"HTTP://Data.SEC.gov:8443/path", "http", "data.sec.gov"},
      {"https://user:pw@efts.sec.gov/LATEST", "https", "efts.sec.gov"},
      {"http://[::1]:9464/metrics", "http", "::1"},
      {"http://127.0.0.1:8080/x", "http", "127.0.0.1"},
      {"file:///etc/passwd", "file", ""},
      {"https://stooq.com?s=crwv.us", "https", "stooq.com"},
      {"file:///tmp/x.atom", "file", ""},
      {"file:snapshots/x.atom", "file", ""},
      {"smtp://mail.example.com:587", "smtp", "mail.example.com"},
      {"no scheme here", "", ""},
      {"://x", "", "x"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.url) {
      BOOST_TEST(url_scheme(c.url) == c.scheme);
      BOOST_TEST(url_host(c.url) == c.host);
    }
  }
}

BOOST_AUTO_TEST_CASE(percent_encodes_all_but_unreserved_and_kept_characters) {
  BOOST_TEST(percent_encode("\"Colossus\"") == "%22Colossus%22");
  BOOST_TEST(percent_encode("a b&c=d") == "a%20b%26c%3Dd");
  BOOST_TEST(percent_encode("S-1/A") == "S-1%2FA");
  BOOST_TEST(percent_encode("S-1/A", "/") == "S-1/A");
  BOOST_TEST(percent_encode("crwv.us_~") == "crwv.us_~");
  BOOST_TEST(percent_encode("\xc3\xa9") == "%C3%A9");
  BOOST_TEST(percent_encode("\xC3\xA9&=?#") == "%C3%A9%26%3D%3F%23");
  BOOST_TEST(percent_encode("a/b c", "/") == "a/b%20c");
}

BOOST_AUTO_TEST_CASE(recognises_loopback_hosts) {
  struct Case {
    const char* host;
    bool loopback;
  };
  const Case cases[] = {{"127.0.0.1", true},  {"127.1.2.3", true},    {"localhost", true},  {"LOCALHOST", true},
                        {"::1", true},        {"0.0.0.0", false},     {"10.0.0.1", false},  {"127.0.0", false},
                        {"127.0.0.256", false}, {"127.0.0.1.5", false}, {"127.a.0.1", false}, {"", false},
                        {"::", false},        {"example.com", false}, {"127.0.0.", false}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.host) { BOOST_TEST(is_loopback_host(c.host) == c.loopback); }
  }
}

BOOST_AUTO_TEST_SUITE_END()
