// The weekly digest end to end on the loop under a virtual clock: the schedule queues it on time,
// and the outbox carries it to a webhook (JSON), a Slack receiver (Markdown) and aiosmtpd
// (multipart/alternative: plain text and HTML).
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>
#include <sstream>
#include <string>

#include "config/loader.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/delivery/dispatcher.hpp"
#include "daemon/digest/digest_schedule.hpp"
#include "daemon/http/client.hpp"
#include "daemon/store/state_store.hpp"
#include "support/http_server.hpp"
#include "support/must.hpp"
#include "support/run_loop.hpp"
#include "support/smtp_server.hpp"
#include "unit/config/support.hpp"

BOOST_AUTO_TEST_SUITE(integration_digest_delivery)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using watchdesk::testing::must;
namespace json = boost::json;
using config::testing::TempDir;
using testing::HttpResponse;
using testing::HttpServer;
using testing::SmtpServer;

TimePoint utc(const char* text) { return *parse_rfc3339(text); }

std::string config_text(const HttpServer& hooks, const SmtpServer& smtp) {
  return "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"Acme ops@acme.example\"\n"
         "[sources.news]\nkind = \"feed\"\nurl = \"https://news.example.com/rss\"\nevery = \"15m\"\n"
         "[triggers.second-tenant]\nkind = \"tenant\"\nsources = [\"news\"]\nsubject = [\"Colossus\"]\n"
         "channels = [\"ops\"]\n"
         "[figures.spacex-valuation]\nlabel = \"SpaceX IPO valuation\"\nvalue = \"$1.75-2T\"\nstatus = \"reported\"\n"
         "[channels.ops]\nkind = \"webhook\"\nurl = \"" + hooks.url("/hook") + "\"\n"
         "[channels.desk-mail]\nkind = \"email\"\nsmtp = \"" + smtp.url() + "\"\nstarttls = false\n"
         "from = \"watchdesk@example.com\"\nto = [\"desk@example.com\"]\n"
         "[digests.weekly]\nschedule = \"Mon 08:00\"\ntimezone = \"America/New_York\"\n"
         "channels = [\"ops\", \"desk-mail\", \"slack\"]\n"
         "[channels.slack]\nkind = \"webhook\"\nurl = \"" + hooks.url("/slack-stand-in") + "\"\n";
}

}  // namespace

BOOST_AUTO_TEST_CASE(digest_queued_on_schedule_reaches_webhook_slack_and_email) {
  TempDir dir;
  HttpServer hooks;
  hooks.on("/hook", HttpServer::serve(HttpResponse::text(200, "ok")));
  hooks.on("/slack", HttpServer::serve(HttpResponse::text(200, "ok")));
  SmtpServer smtp;
  auto config = must(config::load_config_text(config_text(hooks, smtp), dir.path() / "watchdesk.toml"));
  // The Slack channel posts to the local receiver (the loader accepts only Slack's own hosts).
  for (auto& channel : config.channels) {
    if (channel.id != "slack") continue;
    channel.kind = config::ChannelKind::slack;
    channel.webhook = Secret(hooks.url("/slack"));
  }
  auto store = must(store::StateStore::open(dir.path() / "state.db", store::Access::read_write));

  digest::DigestSchedule schedule(config, *store);
  BOOST_TEST((must(schedule.run_due(utc("2026-12-03T12:00:00Z")))[0].step == digest::DigestStep::started));
  BOOST_TEST((must(schedule.run_due(utc("2026-12-07T12:59:00Z")))[0].step == digest::DigestStep::not_due));
  const auto virtual_now = utc("2026-12-07T13:00:00Z");
  const auto due = must(schedule.run_due(virtual_now));
  BOOST_TEST_REQUIRE((due[0].step == digest::DigestStep::queued));

  boost::asio::io_context io;
  http::ClientOptions options;
  options.user_agent = "watchdesk-test ops@example.com";
  options.host_rate = 100;
  options.connect_timeout = 5s;
  options.timeout = 10s;
  std::ostringstream out;
  {
    http::Client client(io, options);
    delivery::ChannelTransport transport(client);
    delivery::Dispatcher dispatcher(config, *store, transport, out);
    BOOST_TEST(dispatcher.pump(virtual_now) == 3);
    BOOST_TEST(testing::run_until(io, [&] { return dispatcher.in_flight() == 0; }, 20s));
    client.abort_all("test finished");
    testing::run_for(io, 20ms);
  }

  // The webhook receives the JSON document itself.
  const auto hook = hooks.requests("/hook");
  BOOST_TEST_REQUIRE(hook.size() == 1u);
  const auto doc = json::parse(hook[0].body).as_object();
  BOOST_TEST(doc.at("kind").as_string() == "digest");
  BOOST_TEST(doc.at("id").as_string() == "digest/weekly/2026-12-07T13:00:00Z");
  BOOST_TEST(hook[0].header("X-Watchdesk-Alert-Id") == "digest/weekly/2026-12-07T13:00:00Z");

  // Slack gets the Markdown as text and as sections.
  const auto slack = hooks.requests("/slack");
  BOOST_TEST_REQUIRE(slack.size() == 1u);
  const auto payload = json::parse(slack[0].body).as_object();
  const std::string text(payload.at("text").as_string());
  BOOST_TEST(text.rfind("# Things to watch this week: 2026-12-07", 0) == 0u, text);
  BOOST_TEST(payload.at("blocks").as_array().size() >= 2u);

  // E-mail: multipart/alternative with the Markdown as plain text and the HTML rendering.
  const auto messages = smtp.wait_for(1, 10s);
  BOOST_TEST_REQUIRE(messages.size() == 1u);
  const auto& parsed = messages[0].parsed;
  BOOST_TEST(parsed.at("defects").as_array().empty(), json::serialize(parsed.at("defects")));
  BOOST_TEST(std::string(parsed.at("content-type").as_string()).find("multipart/alternative") == 0u);
  BOOST_TEST(std::string(parsed.at("subject").as_string()) == "[watchdesk] Things to watch this week: 2026-12-07");
  const auto& parts = parsed.at("parts").as_array();
  BOOST_TEST_REQUIRE(parts.size() == 2u);
  BOOST_TEST(parts[0].as_object().at("content-type").as_string() == "text/plain");
  BOOST_TEST(std::string(parts[0].as_object().at("body").as_string()).find("| SpaceX IPO valuation | $1.75-2T |") !=
             std::string::npos);
  BOOST_TEST(parts[1].as_object().at("content-type").as_string() == "text/html");
  BOOST_TEST(std::string(parts[1].as_object().at("body").as_string()).find("<td>SpaceX IPO valuation</td>") !=
             std::string::npos);
  for (const auto& part : parts) BOOST_TEST(part.as_object().at("defects").as_array().empty());

  // Every channel recorded it delivered; the next tick before next Monday queues nothing.
  for (const auto& h : must(store->alerts_since(TimePoint{})))
    for (const auto& d : h.deliveries) BOOST_TEST(to_string(d.status) == "delivered", d.channel);
  BOOST_TEST((must(schedule.run_due(utc("2026-12-07T13:01:00Z")))[0].step == digest::DigestStep::not_due));
}

BOOST_AUTO_TEST_SUITE_END()
