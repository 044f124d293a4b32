// Tests for daemon/delivery/message_format.cpp: Slack payloads, RFC 5322 mail and webhook signatures.
#include <openssl/evp.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>

#include "daemon/delivery/message_format.hpp"

using namespace watchdesk;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(delivery_message_format)

namespace {
json::object sample_alert(std::string title = "SpaceX filed S-1 publicly") {
  return json::object{
      {"id", "s1-public/0001628280-26-036936"},
      {"trigger", "s1-public"},
      {"kind", "filing"},
      {"title", title},
      {"summary", "Space Exploration Technologies Corp filed S-1 on 2026-05-20."},
      {"status", "confirmed"},
      {"observed_at", "2026-05-20T14:03:07Z"},
      {"published_at", "2026-05-20T13:58:00Z"},
      {"evidence", json::array{json::object{{"signal", "12ab0b67"},
                                            {"source", "spacex-filings"},
                                            {"url", "https://www.sec.gov/Archives/edgar/data/1181412/x-index.htm"}}}},
      {"facts", json::object{{"form", "S-1"}, {"accession", "0001628280-26-036936"}}}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(slack_payload_has_text_and_blocks_with_evidence) {
  auto payload = json::parse(delivery::slack_payload(sample_alert())).as_object();
  BOOST_TEST(std::string(payload.at("text").as_string()) == "[confirmed] SpaceX filed S-1 publicly");
  const auto& blocks = payload.at("blocks").as_array();
  BOOST_TEST_REQUIRE(blocks.size() == 3u);
  BOOST_TEST(std::string(blocks[0].at("type").as_string()) == "header");
  auto evidence = json::serialize(blocks[2]);
  BOOST_TEST(evidence.find("12ab0b67") != std::string::npos);
  BOOST_TEST(evidence.find("https://www.sec.gov/Archives/edgar/data/1181412/x-index.htm") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(email_has_rfc5322_headers_and_crlf_lines) {
  auto t = TimePoint{std::chrono::seconds{1779285787}};  // 2026-05-20T14:03:07Z, a Wednesday
  auto env = delivery::email_message(sample_alert(), "watchdesk@example.com", {"desk@example.com", "b@example.com"}, t);
  const auto& m = env.message;
  BOOST_TEST(m.find("Date: Wed, 20 May 2026 14:03:07 +0000\r\n") == 0u);
  BOOST_TEST(m.find("\r\nMessage-ID: <") != std::string::npos);
  BOOST_TEST(m.find("@example.com>\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nFrom: watchdesk@example.com\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nTo: desk@example.com, b@example.com\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nSubject: [watchdesk] SpaceX filed S-1 publicly\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nMIME-Version: 1.0\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\nContent-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
  BOOST_TEST(m.find("\r\n\r\n") != std::string::npos);
  // Every LF is part of a CRLF.
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i] == '\n') BOOST_TEST_REQUIRE((i > 0 && m[i - 1] == '\r'));
  for (std::size_t start = 0, end; (end = m.find("\r\n", start)) != std::string::npos; start = end + 2)
    BOOST_TEST(end - start <= 998u);
}

BOOST_AUTO_TEST_CASE(non_ascii_subject_is_rfc2047_encoded_and_newlines_cannot_inject_headers) {
  auto env = delivery::email_message(sample_alert("Société Générale rents Colossus\r\nBcc: x@evil"),
                                     "watchdesk@example.com", {"desk@example.com"}, TimePoint{});
  BOOST_TEST(env.message.find("Subject: =?UTF-8?B?") != std::string::npos);
  auto headers = env.message.substr(0, env.message.find("\r\n\r\n"));
  BOOST_TEST(headers.find("\r\nBcc:") == std::string::npos);
  BOOST_TEST(delivery::encode_header_word("plain") == "plain");
  BOOST_TEST(delivery::encode_header_word("é") == "=?UTF-8?B?w6k=?=");
}

BOOST_AUTO_TEST_CASE(long_non_ascii_subject_is_folded_into_whole_character_words) {
  const std::string title = "Société Générale rents GPU capacity on xAI's Colossus (東京 desk, ≥ 10 000 H100s)";
  auto env = delivery::email_message(sample_alert(title), "watchdesk@example.com", {"desk@example.com"}, TimePoint{});
  const auto& m = env.message;
  // The header runs to the first CRLF that no folding space follows.
  const auto start = m.find("\r\nSubject: ") + 2;
  auto end = m.find("\r\n", start);
  while (end != std::string::npos && m[end + 2] == ' ') end = m.find("\r\n", end + 2);
  const std::string subject = m.substr(start, end - start);
  std::string decoded;
  std::size_t lines = 0;
  for (std::size_t at = 0; at < subject.size();) {
    auto line_end = std::min(subject.find("\r\n", at), subject.size());
    const std::string line = subject.substr(at, line_end - at);
    BOOST_TEST(line.size() <= 76u, line);
    ++lines;
    // Each line holds one encoded-word of at most 75 characters.
    const auto open = line.find("=?UTF-8?B?");
    BOOST_TEST_REQUIRE(open != std::string::npos);
    const std::string word = line.substr(open);
    BOOST_TEST(word.size() <= 75u);
    BOOST_TEST(word.substr(word.size() - 2) == "?=");
    const std::string b64 = word.substr(10, word.size() - 12);
    std::string bytes(b64.size(), '\0');
    int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                            reinterpret_cast<const unsigned char*>(b64.data()), static_cast<int>(b64.size()));
    BOOST_TEST_REQUIRE(n >= 0);
    bytes.resize(static_cast<std::size_t>(n) - (b64.size() - b64.find_last_not_of('=') - 1));
    // No word starts with a continuation byte: characters are never split.
    BOOST_TEST((static_cast<unsigned char>(bytes.front()) & 0xC0) != 0x80);
    decoded += bytes;
    at = line_end + 3;  // CRLF and the folding space
  }
  BOOST_TEST(lines > 1u);
  BOOST_TEST(decoded == "[watchdesk] " + title);
}

BOOST_AUTO_TEST_CASE(slack_payload_names_the_alert_id) {
  auto payload = delivery::slack_payload(sample_alert());
  BOOST_TEST(payload.find("alert `s1-public/0001628280-26-036936`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(webhook_signature_matches_rfc4231_vector) {
  // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
  BOOST_TEST(delivery::webhook_signature("Jefe", "what do ya want for nothing?") ==
             "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(text_rendering_lists_facts_and_evidence) {
  auto text = delivery::alert_text(sample_alert());
  BOOST_TEST(text.find("status: confirmed") != std::string::npos);
  BOOST_TEST(text.find("form: S-1") != std::string::npos);
  BOOST_TEST(text.find("signal 12ab0b67 (spacex-filings)") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
