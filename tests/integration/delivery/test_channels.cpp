// Alert delivery on the loop: `Dispatcher` + `ChannelTransport` + `http::Client` against scripted
// Slack and webhook receivers and a real SMTP server (aiosmtpd), outcomes read back from the store.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/delivery/dispatcher.hpp"
#include "daemon/http/client.hpp"
#include "daemon/store/state_store.hpp"
#include "support/http_server.hpp"
#include "support/must.hpp"
#include "support/run_loop.hpp"
#include "support/smtp_server.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_channels)

namespace {

using namespace watchdesk;
using watchdesk::testing::must;
using namespace std::chrono_literals;
namespace json = boost::json;
using config::testing::TempDir;
using store::DeliveryStatus;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;
using testing::SmtpOptions;
using testing::SmtpServer;
using testing::SmtpTls;

// An alert document shaped like the ones the triggers write.
std::string alert_json(const std::string& id, const std::string& title) {
  json::object alert{
      {"id", id},
      {"trigger", id.substr(0, id.find('/'))},
      {"kind", "filing"},
      {"title", title},
      {"summary", "Space Exploration Technologies Corp filed S-1 (accession 0001628280-26-036936). "
                  "Zürich desk: prüfen."},
      {"status", "confirmed"},
      {"observed_at", format_rfc3339(now_utc())},
      {"evidence", json::array{json::object{{"signal", "12ab0b67"},
                                            {"source", "spacex-filings"},
                                            {"url", "https://www.sec.gov/Archives/edgar/data/1181412/x-index.htm"}}}},
      {"facts", json::object{{"form", "S-1"}, {"accession", "0001628280-26-036936"}}}};
  return json::serialize(alert);
}

config::Channel slack(const std::string& id, const std::string& url) {
  config::Channel c;
  c.id = id;
  c.kind = config::ChannelKind::slack;
  c.webhook = Secret(url);
  return c;
}

config::Channel webhook(const std::string& id, const std::string& url, const std::string& secret) {
  config::Channel c;
  c.id = id;
  c.kind = config::ChannelKind::webhook;
  c.url = url;
  c.secret = Secret(secret);
  return c;
}

config::Channel email(const std::string& id, const std::string& url, bool starttls) {
  config::Channel c;
  c.id = id;
  c.kind = config::ChannelKind::email;
  c.smtp = url;
  c.starttls = starttls;
  c.from = "watchdesk@example.com";
  c.to = {"desk@example.com", "ops@example.com"};
  return c;
}

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 0xf];
  }
  return out;
}

// HMAC-SHA256 computed here with OpenSSL, independently of the code under test.
std::string hmac_sha256_hex(const std::string& key, const std::string& body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), mac.data(), &len);
  return hex(mac.data(), len);
}

// A handler answering `script` in order, repeating the last answer once the script is spent.
testing::Handler scripted(std::vector<HttpResponse> script) {
  auto next = std::make_shared<std::atomic<std::size_t>>(0);
  return [script = std::move(script), next](const HttpRequest&) {
    const std::size_t i = next->fetch_add(1);
    return script[std::min(i, script.size() - 1)];
  };
}

double seconds_between(const HttpRequest& a, const HttpRequest& b) {
  return std::chrono::duration<double>(b.received - a.received).count();
}

// A state store in a temp dir, the HTTP engine and the outbox pump over it, on one loop.
class Desk {
 public:
  explicit Desk(std::vector<config::Channel> channels, std::string ca_file = {}) {
    auto opened = store::StateStore::open(dir_.path() / "state.db", store::Access::read_write);
    BOOST_TEST_REQUIRE(opened.ok());
    store_ = std::move(opened).value();
    config_.channels = std::move(channels);
    http::ClientOptions options;
    options.user_agent = "watchdesk-test ops@example.com";
    options.host_rate = 100;
    options.connect_timeout = 5s;
    options.timeout = 10s;
    options.ca_file = std::move(ca_file);
    client_ = std::make_unique<http::Client>(io_, options);
    transport_ = std::make_unique<delivery::ChannelTransport>(*client_);
    dispatcher_ = std::make_unique<delivery::Dispatcher>(config_, *store_, *transport_, out_);
  }
  ~Desk() {
    dispatcher_.reset();
    transport_.reset();
    client_.reset();
  }
  Desk(const Desk&) = delete;
  Desk& operator=(const Desk&) = delete;

  /// Queues an alert for `channels`, raised at `raised_at`, as ingestion does.
  void queue(const std::string& id, const std::vector<std::string>& channels, TimePoint raised_at = now_utc(),
             const std::string& title = "SpaceX filed S-1") {
    auto tx = store_->begin();
    BOOST_TEST_REQUIRE(tx.ok());
    auto added = tx->add_alert({id, id.substr(0, id.find('/')), alert_json(id, title), raised_at}, channels);
    BOOST_TEST_REQUIRE(added.ok());
    BOOST_TEST_REQUIRE(*added);
    BOOST_TEST_REQUIRE(tx->commit().ok());
  }

  /// The stored alert JSON of `id`.
  std::string stored_json(const std::string& id) { return must(store_->alert(id)).value().json; }

  /// Pumps the outbox as `check` does (now, and again whenever a retry falls due) until no
  /// delivery is outstanding or `limit` has passed; returns true when none is outstanding.
  bool deliver(std::chrono::milliseconds limit) {
    return deliver_until([&] { return dispatcher_->in_flight() == 0 && dispatcher_->pending() == 0; }, limit);
  }

  /// Like `deliver`, until `done()` holds.
  bool deliver_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    boost::asio::steady_timer timer(io_);
    std::function<void()> pump = [&] {
      dispatcher_->pump(now_utc());
      if (dispatcher_->in_flight() > 0) return;
      if (auto next = dispatcher_->next_due()) {
        timer.expires_after(std::max(Seconds{0}, *next - now_utc()));
        timer.async_wait([&](const boost::system::error_code& ec) {
          if (!ec) pump();
        });
      }
    };
    dispatcher_->on_outcome = [&](const store::Delivery&, const delivery::Judgement&) {
      ++outcomes_;
      if (dispatcher_->in_flight() == 0) pump();
    };
    pump();
    const bool settled = testing::run_until(io_, done, limit);
    dispatcher_->on_outcome = nullptr;
    timer.cancel();
    client_->abort_all("test finished");
    testing::run_for(io_, 50ms);
    return settled;
  }

  /// Pumps once at `at` (a time far ahead shows what would still be tried) and runs the loop
  /// until nothing is in flight.
  int pump_at(TimePoint at) {
    const int started = dispatcher_->pump(at);
    testing::run_until(io_, [&] { return dispatcher_->in_flight() == 0; }, 10s);
    return started;
  }

  /// The delivery row of `alert_id` on `channel`.
  store::Delivery delivery(const std::string& alert_id, const std::string& channel) {
    for (const auto& h : must(store_->alerts_since(TimePoint{})))
      if (h.alert.id == alert_id)
        for (const auto& d : h.deliveries)
          if (d.channel == channel) return d;
    BOOST_FAIL("no delivery of " + alert_id + " to " + channel);
    return {};
  }

  int outcomes() const { return outcomes_; }
  std::string stdout_text() const { return out_.str(); }
  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::unique_ptr<store::StateStore> store_;
  config::Config config_;
  boost::asio::io_context io_;
  std::ostringstream out_;
  std::unique_ptr<http::Client> client_;
  std::unique_ptr<delivery::ChannelTransport> transport_;
  std::unique_ptr<delivery::Dispatcher> dispatcher_;
  int outcomes_ = 0;
};

const std::string alert_id = "s1-public/0001628280-26-036936";

}  // namespace

BOOST_AUTO_TEST_CASE(slack_ok_is_delivered_with_text_and_blocks) {
  HttpServer server;
  server.on("/services/T1/B1/x", HttpServer::serve(HttpResponse::text(200, "ok")));
  Desk desk({slack("desk", server.url("/services/T1/B1/x"))});
  desk.queue(alert_id, {"desk"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  auto d = desk.delivery(alert_id, "desk");
  BOOST_TEST((d.status == DeliveryStatus::delivered));
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.delivered_at.has_value());
  auto requests = server.requests("/services/T1/B1/x");
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(requests[0].method == "POST");
  BOOST_TEST(requests[0].header("Content-Type").find("application/json") == 0u);
  auto body = json::parse(requests[0].body).as_object();
  BOOST_TEST(std::string(body.at("text").as_string()) == "[confirmed] SpaceX filed S-1");
  BOOST_TEST(body.at("blocks").as_array().size() >= 2u);
  BOOST_TEST(requests[0].body.find(alert_id) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(retry_after_is_honoured_before_the_next_attempt) {
  // Retry-After 2 s (under the first backoff) and 7 s (over it): neither retry comes sooner.
  HttpServer server;
  server.on("/short", scripted({HttpResponse::text(429, "rate_limited").with_header("Retry-After", "2"),
                                HttpResponse::text(200, "ok")}));
  server.on("/long", scripted({HttpResponse::text(429, "rate_limited").with_header("Retry-After", "7"),
                               HttpResponse::text(200, "ok")}));
  Desk desk({slack("short", server.url("/short")), slack("long", server.url("/long"))});
  desk.queue(alert_id, {"short", "long"});

  BOOST_TEST_REQUIRE(desk.deliver(20s));
  for (const auto& [channel, retry_after] : {std::pair{"short", 2.0}, std::pair{"long", 7.0}}) {
    BOOST_TEST_CONTEXT("channel " << channel) {
      auto requests = server.requests(std::string("/") + channel);
      BOOST_TEST_REQUIRE(requests.size() == 2u);
      BOOST_TEST(seconds_between(requests[0], requests[1]) >= retry_after);
      auto d = desk.delivery(alert_id, channel);
      BOOST_TEST((d.status == DeliveryStatus::delivered));
      BOOST_TEST(d.attempts == 2);
    }
  }
}

BOOST_AUTO_TEST_CASE(server_error_is_retried_until_delivered) {
  HttpServer server;
  server.on("/hook", scripted({HttpResponse::text(500, "internal"), HttpResponse::text(200, "ok")}));
  Desk desk({slack("desk", server.url("/hook"))});
  desk.queue(alert_id, {"desk"});

  BOOST_TEST_REQUIRE(desk.deliver(15s));
  BOOST_TEST(server.count("/hook") == 2u);
  auto d = desk.delivery(alert_id, "desk");
  BOOST_TEST((d.status == DeliveryStatus::delivered));
  BOOST_TEST(d.attempts == 2);
  BOOST_TEST(d.last_error.empty());
}

BOOST_AUTO_TEST_CASE(slack_no_service_is_permanent_and_never_retried) {
  HttpServer server;
  server.on("/gone", HttpServer::serve(HttpResponse::text(404, "no_service")));
  Desk desk({slack("desk", server.url("/gone"))});
  desk.queue(alert_id, {"desk"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  auto d = desk.delivery(alert_id, "desk");
  BOOST_TEST((d.status == DeliveryStatus::given_up));
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.last_error.find("404") != std::string::npos);
  BOOST_TEST(d.last_error.find("no_service") != std::string::npos);
  // A day later there is still nothing to try.
  BOOST_TEST(desk.pump_at(now_utc() + Seconds{24 * 3600}) == 0);
  BOOST_TEST(server.count("/gone") == 1u);
}

BOOST_AUTO_TEST_CASE(a_delivery_failing_past_give_up_after_is_given_up) {
  HttpServer server;
  server.on("/down", HttpServer::serve(HttpResponse::text(503, "down")));
  server.on("/up", HttpServer::serve(HttpResponse::text(200, "ok")));
  auto old_channel = slack("old", server.url("/down"));
  old_channel.give_up_after = Seconds{60};
  auto fresh_channel = slack("fresh", server.url("/down"));
  fresh_channel.give_up_after = Seconds{3600};
  Desk desk({old_channel, fresh_channel});
  const auto raised = now_utc() - Seconds{120};
  desk.queue(alert_id, {"old", "fresh"}, raised);

  BOOST_TEST_REQUIRE(desk.deliver_until([&] { return desk.outcomes() == 2; }, 10s));
  auto old_delivery = desk.delivery(alert_id, "old");
  BOOST_TEST((old_delivery.status == DeliveryStatus::given_up));
  BOOST_TEST(old_delivery.last_error.find("gave up after 60 s") != std::string::npos);
  BOOST_TEST(old_delivery.last_error.find("503") != std::string::npos);
  // The same failure within its channel's limit is kept for a retry.
  auto fresh_delivery = desk.delivery(alert_id, "fresh");
  BOOST_TEST((fresh_delivery.status == DeliveryStatus::failed));
  BOOST_TEST((fresh_delivery.next_attempt > now_utc()));
  BOOST_TEST(server.count("/down") == 2u);
}

BOOST_AUTO_TEST_CASE(webhook_is_signed_over_the_exact_body_it_sends) {
  HttpServer server;
  server.on("/ops", HttpServer::serve(HttpResponse::text(204, "")));
  Desk desk({webhook("ops", server.url("/ops"), "wh-s3cret")});
  desk.queue(alert_id, {"ops"}, now_utc(), "Société Générale named as a Colossus tenant");

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  BOOST_TEST((desk.delivery(alert_id, "ops").status == DeliveryStatus::delivered));
  auto requests = server.requests("/ops");
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  const auto& r = requests[0];
  BOOST_TEST(r.body == desk.stored_json(alert_id));
  BOOST_TEST(std::string(r.header("X-Watchdesk-Signature")) == "sha256=" + hmac_sha256_hex("wh-s3cret", r.body));
  BOOST_TEST(std::string(r.header("X-Watchdesk-Signature")) != "sha256=" + hmac_sha256_hex("other", r.body));
  BOOST_TEST(std::string(r.header("X-Watchdesk-Alert-Id")) == alert_id);
  BOOST_TEST(r.header("Content-Type").find("application/json") == 0u);
}

BOOST_AUTO_TEST_CASE(webhook_without_secret_is_not_signed) {
  HttpServer server;
  server.on("/ops", HttpServer::serve(HttpResponse::text(200, "")));
  Desk desk({webhook("ops", server.url("/ops"), "")});
  desk.queue(alert_id, {"ops"});
  BOOST_TEST_REQUIRE(desk.deliver(10s));
  auto requests = server.requests("/ops");
  BOOST_TEST_REQUIRE(requests.size() == 1u);
  BOOST_TEST(!requests[0].has_header("X-Watchdesk-Signature"));
  BOOST_TEST(std::string(requests[0].header("X-Watchdesk-Alert-Id")) == alert_id);
}

BOOST_AUTO_TEST_CASE(email_is_sent_as_an_rfc5322_message) {
  SmtpServer smtp;
  Desk desk({email("mail", smtp.url(), false)});
  desk.queue(alert_id, {"mail"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  BOOST_TEST((desk.delivery(alert_id, "mail").status == DeliveryStatus::delivered));
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  const auto& m = messages[0];
  BOOST_TEST(m.from == "watchdesk@example.com");
  BOOST_TEST(m.recipients == (std::vector<std::string>{"desk@example.com", "ops@example.com"}),
             boost::test_tools::per_element());
  BOOST_TEST(!m.tls);
  BOOST_TEST(m.login.empty());
  BOOST_TEST(m.parsed.at("defects").as_array().empty(), json::serialize(m.parsed.at("defects")));
  BOOST_TEST(std::string(m.parsed.at("subject").as_string()) == "[watchdesk] SpaceX filed S-1");
  BOOST_TEST(std::string(m.parsed.at("x-watchdesk-alert-id").as_string()) == alert_id);
  std::string content_type(m.parsed.at("content-type").as_string());
  content_type.erase(std::remove(content_type.begin(), content_type.end(), '"'), content_type.end());
  for (char& c : content_type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  BOOST_TEST(content_type.find("text/plain") == 0u);
  BOOST_TEST(content_type.find("charset=utf-8") != std::string::npos);
  // The quoted-printable body decodes to UTF-8 text with the summary in it.
  BOOST_TEST(std::string(m.parsed.at("body").as_string()).find("Zürich desk: prüfen.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(email_logs_in_when_a_username_is_set) {
  SmtpOptions options;
  options.username = "watchdesk";
  options.password = "mail-s3cret";
  SmtpServer smtp(options);
  auto channel = email("mail", smtp.url(), false);
  channel.username = "watchdesk";
  channel.password = Secret("mail-s3cret");
  auto wrong = email("wrong", smtp.url(), false);
  wrong.username = "watchdesk";
  wrong.password = Secret("not-it");
  Desk desk({channel, wrong});
  desk.queue(alert_id, {"mail", "wrong"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  BOOST_TEST((desk.delivery(alert_id, "mail").status == DeliveryStatus::delivered));
  // A refused login (535) is the server's permanent answer: kept, logged, not retried.
  auto refused = desk.delivery(alert_id, "wrong");
  BOOST_TEST((refused.status == DeliveryStatus::given_up));
  BOOST_TEST(refused.last_error.find("535") != std::string::npos);
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  BOOST_TEST(messages[0].login == "watchdesk");
}

BOOST_AUTO_TEST_CASE(email_upgrades_with_starttls_when_required) {
  TempDir certs;
  auto cert = testing::make_loopback_certificate(certs.path());
  SmtpOptions options;
  options.tls = SmtpTls::starttls;
  options.certificate = cert;
  options.username = "watchdesk";
  options.password = "mail-s3cret";
  SmtpServer smtp(options);
  auto channel = email("mail", smtp.url(), true);
  channel.username = "watchdesk";
  channel.password = Secret("mail-s3cret");
  Desk desk({channel}, cert.cert.string());
  desk.queue(alert_id, {"mail"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  BOOST_TEST((desk.delivery(alert_id, "mail").status == DeliveryStatus::delivered));
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  BOOST_TEST(messages[0].tls);
  BOOST_TEST(messages[0].login == "watchdesk");
}

BOOST_AUTO_TEST_CASE(email_over_smtps_is_tls_from_the_start) {
  TempDir certs;
  auto cert = testing::make_loopback_certificate(certs.path());
  SmtpOptions options;
  options.tls = SmtpTls::implicit;
  options.certificate = cert;
  SmtpServer smtp(options);
  BOOST_TEST(smtp.url().rfind("smtps://", 0) == 0u);
  Desk desk({email("mail", smtp.url(), true)}, cert.cert.string());
  desk.queue(alert_id, {"mail"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  BOOST_TEST((desk.delivery(alert_id, "mail").status == DeliveryStatus::delivered));
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  BOOST_TEST(messages[0].tls);
}

BOOST_AUTO_TEST_CASE(email_is_not_sent_when_starttls_is_required_but_not_offered) {
  SmtpServer smtp;  // plain text only
  Desk desk({email("mail", smtp.url(), true)});
  desk.queue(alert_id, {"mail"});

  BOOST_TEST_REQUIRE(desk.deliver_until([&] { return desk.outcomes() == 1; }, 10s));
  auto d = desk.delivery(alert_id, "mail");
  BOOST_TEST((d.status == DeliveryStatus::failed));
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.last_error.find("STARTTLS") != std::string::npos, d.last_error);
  BOOST_TEST(smtp.wait_for(1, 500ms).empty());
}

BOOST_AUTO_TEST_CASE(smtp_550_rejection_is_permanent) {
  SmtpOptions options;
  options.reject_data = 550;
  SmtpServer smtp(options);
  Desk desk({email("mail", smtp.url(), false)});
  desk.queue(alert_id, {"mail"});

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  auto d = desk.delivery(alert_id, "mail");
  BOOST_TEST((d.status == DeliveryStatus::given_up));
  BOOST_TEST(d.attempts == 1);
  BOOST_TEST(d.last_error.find("550") != std::string::npos, d.last_error);
  BOOST_TEST(desk.pump_at(now_utc() + Seconds{24 * 3600}) == 0);
}

BOOST_AUTO_TEST_CASE(non_ascii_subject_arrives_rfc2047_encoded_with_date_and_message_id) {
  SmtpServer smtp;
  Desk desk({email("mail", smtp.url(), false)});
  const std::string title = "Société Générale rents GPU capacity on xAI's Colossus (東京 desk, ≥ 10 000 H100s)";
  const auto before = now_utc();
  desk.queue(alert_id, {"mail"}, now_utc(), title);

  BOOST_TEST_REQUIRE(desk.deliver(10s));
  auto messages = smtp.wait_for(1, 5s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  const auto& m = messages[0];
  const auto& parsed = m.parsed;
  BOOST_TEST(parsed.at("defects").as_array().empty(), json::serialize(parsed.at("defects")));
  // On the wire: encoded-words only, every header line within RFC 2047's 76 characters.
  const std::string head = m.data.substr(0, m.data.find("\r\n\r\n"));
  BOOST_TEST(head.find("Subject: =?UTF-8?B?") != std::string::npos);
  for (unsigned char c : head) BOOST_TEST_REQUIRE(c < 0x80);
  BOOST_TEST(parsed.at("longest_header_line").as_int64() <= 76);
  // Decoded by Python's mail parser: the exact title.
  BOOST_TEST(std::string(parsed.at("subject").as_string()) == "[watchdesk] " + title);
  // Date: parseable, with a zone, and now.
  auto date = parse_rfc3339(std::string(parsed.at("date").as_string()));
  BOOST_TEST_REQUIRE(date.has_value());
  BOOST_TEST((*date >= before - Seconds{1} && *date <= now_utc() + Seconds{1}));
  // Message-ID: <left@right> with a domain right part.
  const std::string id(parsed.at("message-id").as_string());
  BOOST_TEST(id.front() == '<');
  BOOST_TEST(id.back() == '>');
  BOOST_TEST(id.find("@example.com>") != std::string::npos);
  BOOST_TEST(std::string(parsed.at("mime-version").as_string()) == "1.0");
  BOOST_TEST(std::string(parsed.at("body").as_string()).find(title) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
