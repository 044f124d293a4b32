// `watchdesk check` end to end: the real binary against local fixtures for the seed's three
// questions, delivering to a Slack receiver, a signed webhook, aiosmtpd and stdout.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/http_server.hpp"
#include "support/smtp_server.hpp"
#include "unit/config/support.hpp"
#include "core/time.hpp"

BOOST_AUTO_TEST_SUITE(integration_check_end_to_end)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
namespace json = boost::json;
using config::testing::TempDir;
using testing::HttpRequest;
using testing::HttpResponse;
using testing::HttpServer;
using testing::SmtpServer;

constexpr const char* webhook_secret = "e2e-webhook-s3cret";
constexpr const char* s1_accession = "0001628280-26-036936";

// ---- Fixtures, dated relative to today so that the default max_age (3 days) applies honestly.

using Days = std::chrono::sys_days;

Days today() { return std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()); }

std::string ymd(Days d) { return format_rfc3339(TimePoint{d}).substr(0, 10); }

// RFC 822, as RSS writes dates: `Tue, 24 Nov 2026 05:30:00 GMT`.
std::string rfc822(TimePoint t) {
  static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{t - day};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", days[std::chrono::weekday{day}.c_encoding()],
                     static_cast<unsigned>(date.day()), months[static_cast<unsigned>(date.month()) - 1],
                     static_cast<int>(date.year()), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

std::string filing_entry(const std::string& form, const std::string& accession, Days filed) {
  const std::string folder = [&] {
    std::string digits;
    for (char c : accession)
      if (c != '-') digits += c;
    return digits;
  }();
  const std::string index =
      "https://www.sec.gov/Archives/edgar/data/1181412/" + folder + "/" + accession + "-index.htm";
  return fmt::format(R"(<entry>
<category label="form type" scheme="https://www.sec.gov/" term="{form}"/>
<content type="text/xml">
<accession-number>{acc}</accession-number><act>33</act>
<filing-date>{date}</filing-date>
<filing-href>{index}</filing-href>
<filing-type>{form}</filing-type>
<form-name>{form} filing</form-name><size>4 MB</size>
</content>
<id>urn:tag:sec.gov,2008:accession-number={acc}</id>
<link href="{index}" rel="alternate" type="text/html"/>
<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; {date} &lt;b&gt;AccNo:&lt;/b&gt; {acc}</summary>
<title>{form}  - {form} filing</title>
<updated>{date}T16:31:07-05:00</updated>
</entry>
)",
                     fmt::arg("form", form), fmt::arg("acc", accession), fmt::arg("date", ymd(filed)),
                     fmt::arg("index", index));
}

// SpaceX's company filings feed; with the S-1 on top once `s1` is set.
std::string filings_atom(bool s1) {
  std::string entries;
  if (s1) entries += filing_entry("S-1", s1_accession, today());
  entries += filing_entry("D", "0001181412-26-000007", today() - std::chrono::days{20});
  entries += filing_entry("D/A", "0001181412-26-000005", today() - std::chrono::days{40});
  return R"(<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<author><email>webmaster@sec.gov</email><name>Webmaster</name></author>
<company-info>
<cik>0001181412</cik><conformed-name>Space Exploration Technologies Corp</conformed-name>
</company-info>
<id>https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&amp;CIK=0001181412</id>
<title>Space Exploration Technologies Corp  (0001181412)</title>
<updated>)" + ymd(today()) + R"(T16:31:07-05:00</updated>
)" + entries + "</feed>\n";
}

// Stooq daily history of CRWV: a steady price around 100 for 30 days up to two days ago, and with
// `drop`, yesterday's close 15% under the close seven days before it.
std::string price_csv(bool drop) {
  std::string csv = "Date,Open,High,Low,Close,Volume\n";
  std::map<Days, double> closes;
  for (int back = 31; back >= 2; --back) {
    const Days day = today() - std::chrono::days{back};
    const double close = back % 2 == 0 ? 100.0 : 100.6;
    closes[day] = close;
    csv += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},{}\n", ymd(day), close - 0.3, close + 1.0, close - 1.2,
                       close, 18000000 + back * 1000);
  }
  if (drop) {
    const Days yesterday = today() - std::chrono::days{1};
    const double close = closes.at(yesterday - std::chrono::days{7}) * 0.85;
    csv += fmt::format("{},{:.2f},{:.2f},{:.2f},{:.2f},{}\n", ymd(yesterday), close + 0.3, close + 1.0,
                       close - 1.0, close, 31000000);
  }
  return csv;
}

std::string rss_item(const std::string& headline, const std::string& publisher, const std::string& guid,
                     TimePoint published) {
  return fmt::format(R"(<item>
<title>{headline} - {publisher}</title>
<link>https://news.google.com/rss/articles/{guid}?oc=5</link>
<guid isPermaLink="false">{guid}</guid>
<pubDate>{date}</pubDate>
<description>&lt;a href="https://news.google.com/rss/articles/{guid}?oc=5"&gt;{headline}&lt;/a&gt;&amp;nbsp;&lt;font color="#6f6f6f"&gt;{publisher}&lt;/font&gt;</description>
<source url="https://{host}">{publisher}</source>
</item>
)",
                     fmt::arg("headline", headline), fmt::arg("publisher", publisher), fmt::arg("guid", guid),
                     fmt::arg("date", rfc822(published)),
                     fmt::arg("host", publisher == "Example Wire" ? "wire.example.com" : "markets.example.com"));
}

// A Google News search feed for Colossus: Anthropic (already known) and the traps that name no new
// tenant (a publisher that is also a listed organisation, a hedge, a supplier, a second clause, the
// owner's own activity), and with `new_lab`, an article about a new lab renting Colossus capacity.
std::string news_rss(bool new_lab) {
  const TimePoint now = now_utc();
  std::string items;
  if (new_lab)
    items += rss_item("Mistral signs on to rent GPU capacity on xAI's Colossus cluster", "Example Wire",
                      "CBMiE2eMistralColossus01", now - Seconds{3600});
  items += rss_item("Anthropic becomes first external tenant of xAI's Colossus, sources say", "Example Markets",
                    "CBMiE2eAnthropicColossus03", now - Seconds{30 * 3600});
  items += rss_item("xAI doubles Colossus capacity for Grok", "Bloomberg", "CBMiE2eTrapPublisher04",
                    now - Seconds{2 * 3600});
  items += rss_item("Could Meta become the next Colossus tenant?", "Example Wire", "CBMiE2eTrapHedge05",
                    now - Seconds{2 * 3600});
  items += rss_item("NVIDIA signs chip-supply deal for xAI's Colossus cluster", "Example Markets",
                    "CBMiE2eTrapSupplier06", now - Seconds{2 * 3600});
  items += rss_item("Google signs a cloud deal with Oracle as Colossus waits for a customer", "Example Wire",
                    "CBMiE2eTrapClauses07", now - Seconds{2 * 3600});
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<rss xmlns:media="http://search.yahoo.com/mrss/" version="2.0">
<channel>
<generator>NFE/5.0</generator>
<title>"Colossus xAI compute" - Google News</title>
<link>https://news.google.com/search?q=Colossus+xAI+compute</link>
<language>en-US</language>
<lastBuildDate>)" + rfc822(now) + R"(</lastBuildDate>
<description>Google News</description>
)" + items + "</channel>\n</rss>\n";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string hmac_sha256_hex(const std::string& key, const std::string& body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(body.data()),
       body.size(), mac.data(), &len);
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out += digits[mac[i] >> 4];
    out += digits[mac[i] & 0xf];
  }
  return out;
}

// The alert id a Slack post carries in its context block (`alert `ID``).
std::string slack_alert_id(const HttpRequest& request) {
  const auto body = json::parse(request.body).as_object();
  for (const auto& block : body.at("blocks").as_array()) {
    if (block.at("type").as_string() != "context") continue;
    for (const auto& element : block.at("elements").as_array()) {
      const std::string text(element.at("text").as_string());
      if (text.rfind("alert `", 0) == 0) return text.substr(7, text.size() - 8);
    }
  }
  return {};
}

// ---- The desk: a local world of sources and channels, a config, and the binary run against it.

struct Outcome {
  int exit_code = -1;
  /// Alerts the `stdout` channel printed (one JSON object each), and the `--format json` summary.
  std::vector<json::object> stdout_alerts;
  json::object summary;
};

class Desk {
 public:
  Desk() {
    slack(HttpResponse::text(200, "ok"));
    webhook(HttpResponse::text(204, ""));
    fixtures(false);
    dir_.write("slack-webhook", server_.url("/services/T000/B000/XXXX") + "\n");
    dir_.write("webhook-secret", std::string(webhook_secret) + "\n");
    const std::string all = R"(channels = ["desk", "ops", "desk-mail", "console"])";
    config_ = dir_.write("watchdesk.toml", fmt::format(R"([watchdesk]
state = "state.db"
user_agent = "watchdesk end-to-end test ops@example.com"
log_level = "warn"
host_rate = 100

[sources.spacex-filings]
kind = "edgar-filings"
cik = "1181412"
url = "{base}/edgar/spacex-filings.atom"
every = "10m"

[sources.crwv-price]
kind = "price"
provider = "stooq"
symbol = "CRWV"
history = true
url = "{base}/stooq/crwv-history.csv"
every = "15m"

[sources.crwv-facts]
kind = "edgar-facts"
cik = "1769628"
url = "{base}/edgar/crwv-facts.json"
every = "1d"

[sources.colossus-news]
kind = "feed"
url = "{base}/news/colossus.rss"
every = "15m"

[metrics.crwv-ps]
expr = "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm"

[triggers.s1-public]
kind = "filing"
source = "spacex-filings"
forms = ["S-1", "S-1/A", "F-1"]
{all}

[triggers.coreweave-move]
kind = "metric-move"
metric = "crwv-ps"
window = "7d"
threshold = "10%"
{all}

[triggers.second-tenant]
kind = "tenant"
sources = ["colossus-news"]
subject = ["Colossus"]
known = ["Anthropic"]
{all}

[channels.desk]
kind = "slack"
webhook = "file:slack-webhook"

[channels.ops]
kind = "webhook"
url = "{base}/hooks/ops"
secret = "file:webhook-secret"

[channels.desk-mail]
kind = "email"
smtp = "{smtp}"
starttls = false
from = "watchdesk@example.com"
to = ["desk@example.com"]

[channels.console]
kind = "stdout"
)",
                                                       fmt::arg("base", server_.base_url()), fmt::arg("smtp", smtp_.url()),
                                                       fmt::arg("all", all)));
  }

  /// Serves the fixtures before (`changed` false) or after the news of the day.
  void fixtures(bool changed) {
    server_.on("/edgar/spacex-filings.atom",
               HttpServer::serve(HttpResponse::text(200, filings_atom(changed), "application/atom+xml")));
    server_.on("/stooq/crwv-history.csv", HttpServer::serve(HttpResponse::text(200, price_csv(changed), "text/csv")));
    server_.on("/edgar/crwv-facts.json",
               HttpServer::serve(HttpResponse::text(
                   200, slurp(std::filesystem::path(WATCHDESK_FIXTURES) / "edgar" / "companyfacts_crwv.json"),
                   "application/json")));
    server_.on("/news/colossus.rss", HttpServer::serve(HttpResponse::text(200, news_rss(changed), "application/rss+xml")));
  }

  /// What the Slack receiver and the webhook receiver answer from now on.
  void slack(HttpResponse answer) { server_.on("/services/T000/B000/XXXX", HttpServer::serve(std::move(answer))); }
  void webhook(HttpResponse answer) { server_.on("/hooks/ops", HttpServer::serve(std::move(answer))); }

  /// Runs `watchdesk SUBCOMMAND -c CONFIG ARGS...`.
  testing::Finished watchdesk(const std::string& subcommand, std::vector<std::string> args = {}) {
    std::vector<std::string> argv{WATCHDESK_BINARY, subcommand, "-c", config_.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_to_completion(argv, 60s);
  }

  /// Runs `watchdesk check --format json ARGS...` and sorts its output.
  Outcome check(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--format", "json"});
    auto finished = watchdesk("check", std::move(args));
    Outcome outcome;
    outcome.exit_code = finished.exit_code;
    std::istringstream lines(finished.out);
    for (std::string line; std::getline(lines, line);) {
      json::error_code ec;
      auto value = json::parse(line, ec);
      BOOST_TEST_REQUIRE(!ec, "check printed a line that is not JSON: " << line);
      BOOST_TEST_REQUIRE(value.is_object());
      if (value.as_object().contains("dry_run")) outcome.summary = value.as_object();
      else outcome.stdout_alerts.push_back(value.as_object());
    }
    BOOST_TEST(!outcome.summary.empty(), "check printed no summary");
    return outcome;
  }

  /// `watchdesk alerts --format json`: alert id -> channel -> delivery object.
  std::map<std::string, std::map<std::string, json::object>> alerts() {
    auto finished = watchdesk("alerts", {"--format", "json"});
    BOOST_TEST_REQUIRE(finished.exit_code == 0);
    std::map<std::string, std::map<std::string, json::object>> out;
    const json::value listed = json::parse(finished.out);
    for (const auto& alert : listed.as_array()) {
      auto& channels = out[std::string(alert.at("id").as_string())];
      for (const auto& d : alert.at("deliveries").as_array())
        channels[std::string(d.at("channel").as_string())] = d.as_object();
    }
    return out;
  }

  /// The alert ids each network channel has received so far, in arrival order.
  std::vector<std::string> slack_ids() {
    std::vector<std::string> ids;
    for (const auto& r : server_.requests("/services/T000/B000/XXXX")) ids.push_back(slack_alert_id(r));
    return ids;
  }
  std::vector<std::string> webhook_ids() {
    std::vector<std::string> ids;
    for (const auto& r : server_.requests("/hooks/ops")) {
      BOOST_TEST(std::string(r.header("X-Watchdesk-Signature")) == "sha256=" + hmac_sha256_hex(webhook_secret, r.body));
      const std::string id(json::parse(r.body).at("id").as_string());
      BOOST_TEST(std::string(r.header("X-Watchdesk-Alert-Id")) == id);
      ids.push_back(id);
    }
    return ids;
  }
  std::vector<std::string> email_ids() {
    std::vector<std::string> ids;
    for (const auto& m : smtp_.messages()) ids.emplace_back(m.parsed.at("x-watchdesk-alert-id").as_string());
    return ids;
  }
  /// Requests the sources and channels have had, for "nothing was sent".
  std::size_t slack_requests() const { return server_.count("/services/T000/B000/XXXX"); }
  std::size_t webhook_requests() const { return server_.count("/hooks/ops"); }
  std::size_t source_requests() const {
    return server_.count("/edgar/spacex-filings.atom") + server_.count("/stooq/crwv-history.csv") +
           server_.count("/edgar/crwv-facts.json") + server_.count("/news/colossus.rss");
  }

  const std::filesystem::path& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  HttpServer server_;
  SmtpServer smtp_;
  std::filesystem::path config_;
};

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::vector<std::string> ids_of(const std::vector<json::object>& alerts) {
  std::vector<std::string> ids;
  for (const auto& a : alerts) ids.emplace_back(a.at("id").as_string());
  return ids;
}

// The three alerts of the news of the day: the coreweave-move id is dated by the price, so it is
// taken from what `check` raised and checked by its shape.
std::vector<std::string> expected_ids(const std::vector<std::string>& raised) {
  std::vector<std::string> ids{std::string("s1-public/") + s1_accession, "second-tenant/Mistral/reported"};
  for (const auto& id : raised)
    if (id.rfind("coreweave-move/move/", 0) == 0) ids.push_back(id);
  BOOST_TEST(ids.size() == 3u, "no coreweave-move/move/... alert among the raised ones");
  return sorted(ids);
}

std::vector<std::string> raised_ids(const Outcome& outcome) {
  std::vector<std::string> ids;
  for (const auto& a : outcome.summary.at("alerts").as_array()) ids.emplace_back(a.at("id").as_string());
  return ids;
}

// Every file of `dir` with its bytes.
std::map<std::string, std::string> files_of(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_regular_file()) out[entry.path().filename().string()] = slurp(entry.path());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_seed_questions_fire_once_and_reach_every_channel) {
  Desk desk;

  // Before: no S-1, news only about Anthropic, a steady price.
  auto first = desk.check();
  BOOST_TEST(first.exit_code == 0);
  BOOST_TEST(raised_ids(first).empty());
  BOOST_TEST(first.stdout_alerts.empty());
  BOOST_TEST(desk.slack_requests() == 0u);
  BOOST_TEST(desk.webhook_requests() == 0u);
  BOOST_TEST(desk.email_ids().empty());
  BOOST_TEST(desk.source_requests() == 4u);

  // The news of the day: an S-1, a new lab renting Colossus, CRWV down 15%.
  desk.fixtures(true);
  auto second = desk.check();
  BOOST_TEST(second.exit_code == 1);
  const auto expected = expected_ids(raised_ids(second));
  BOOST_TEST(sorted(raised_ids(second)) == expected, boost::test_tools::per_element());
  BOOST_TEST(sorted(ids_of(second.stdout_alerts)) == expected, boost::test_tools::per_element());
  BOOST_TEST(sorted(desk.slack_ids()) == expected, boost::test_tools::per_element());
  BOOST_TEST(sorted(desk.webhook_ids()) == expected, boost::test_tools::per_element());
  BOOST_TEST(sorted(desk.email_ids()) == expected, boost::test_tools::per_element());
  BOOST_TEST(second.summary.at("pending_deliveries").as_int64() == 0);

  // Nothing new: nothing raised, nothing sent again.
  auto third = desk.check();
  BOOST_TEST(third.exit_code == 0);
  BOOST_TEST(raised_ids(third).empty());
  BOOST_TEST(third.stdout_alerts.empty());
  BOOST_TEST(desk.slack_requests() == 3u);
  BOOST_TEST(desk.webhook_requests() == 3u);
  BOOST_TEST(desk.email_ids().size() == 3u);

  // The history: three alerts, each delivered on all four channels.
  auto history = desk.alerts();
  std::vector<std::string> history_ids;
  for (const auto& [id, channels] : history) {
    history_ids.push_back(id);
    BOOST_TEST_CONTEXT("alert " << id) {
      BOOST_TEST(channels.size() == 4u);
      for (const auto& [channel, d] : channels) {
        BOOST_TEST_CONTEXT("channel " << channel) {
          BOOST_TEST(std::string(d.at("status").as_string()) == "delivered");
          BOOST_TEST(d.at("attempts").as_int64() == 1);
        }
      }
    }
  }
  BOOST_TEST(history_ids == expected, boost::test_tools::per_element());
  BOOST_TEST(desk.watchdesk("status").exit_code == 0);
}

BOOST_AUTO_TEST_CASE(a_dead_channel_keeps_its_alerts_queued_until_it_recovers) {
  Desk desk;
  desk.fixtures(true);
  desk.slack(HttpResponse::text(503, "service unavailable"));

  const auto started = std::chrono::steady_clock::now();
  auto first = desk.check({"--deliver-timeout", "3s"});
  BOOST_TEST((std::chrono::steady_clock::now() - started < 15s));
  BOOST_TEST(first.exit_code == 1);
  const auto expected = expected_ids(raised_ids(first));
  BOOST_TEST(first.summary.at("pending_deliveries").as_int64() == 3);
  BOOST_TEST(sorted(desk.webhook_ids()) == expected, boost::test_tools::per_element());
  BOOST_TEST(sorted(desk.email_ids()) == expected, boost::test_tools::per_element());
  const auto failed_posts = desk.slack_requests();
  BOOST_TEST(failed_posts == 3u);  // the first retry falls after the 3 s bound

  for (const auto& [id, channels] : desk.alerts()) {
    BOOST_TEST_CONTEXT("alert " << id) {
      const auto& slack = channels.at("desk");
      const std::string status(slack.at("status").as_string());
      BOOST_TEST((status == "retrying" || status == "pending"));
      BOOST_TEST(std::string(slack.at("last_error").as_string()).find("503") != std::string::npos);
      BOOST_TEST(std::string(channels.at("ops").at("status").as_string()) == "delivered");
      BOOST_TEST(std::string(channels.at("desk-mail").at("status").as_string()) == "delivered");
      BOOST_TEST(std::string(channels.at("console").at("status").as_string()) == "delivered");
    }
  }

  // Slack is back: the next check delivers each queued alert exactly once, and nothing else.
  desk.slack(HttpResponse::text(200, "ok"));
  auto second = desk.check();
  BOOST_TEST(second.exit_code == 0);
  BOOST_TEST(raised_ids(second).empty());
  BOOST_TEST(second.summary.at("pending_deliveries").as_int64() == 0);
  auto slack_ids = desk.slack_ids();
  BOOST_TEST_REQUIRE(slack_ids.size() == failed_posts + 3);
  std::vector<std::string> after(slack_ids.begin() + static_cast<std::ptrdiff_t>(failed_posts), slack_ids.end());
  BOOST_TEST(sorted(after) == expected, boost::test_tools::per_element());
  BOOST_TEST(desk.webhook_requests() == 3u);
  BOOST_TEST(desk.email_ids().size() == 3u);
  BOOST_TEST(second.stdout_alerts.empty());
  for (const auto& [id, channels] : desk.alerts())
    for (const auto& [channel, d] : channels)
      BOOST_TEST(std::string(d.at("status").as_string()) == "delivered", id << " on " << channel);
}

BOOST_AUTO_TEST_CASE(deliver_timeout_bounds_a_hanging_channel_and_failures_are_kept) {
  Desk desk;
  desk.fixtures(true);
  HttpResponse hanging = HttpResponse::text(200, "ok");
  hanging.delay = 30s;
  desk.slack(hanging);
  desk.webhook(HttpResponse::text(410, "gone"));

  const auto started = std::chrono::steady_clock::now();
  auto outcome = desk.check({"--deliver-timeout", "2s"});
  const auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST((took >= 2s && took < 10s));
  BOOST_TEST(outcome.exit_code == 1);
  BOOST_TEST(outcome.summary.at("pending_deliveries").as_int64() == 3);  // the Slack posts, cut short
  BOOST_TEST(desk.webhook_requests() == 3u);

  auto history = desk.alerts();
  BOOST_TEST(history.size() == 3u);
  for (const auto& [id, channels] : history) {
    BOOST_TEST_CONTEXT("alert " << id) {
      const auto& slack = channels.at("desk");
      BOOST_TEST(std::string(slack.at("status").as_string()) == "retrying");
      BOOST_TEST(std::string(slack.at("last_error").as_string()).find("deliver-timeout") != std::string::npos);
      // A permanent refusal is kept with its error and not retried.
      const auto& ops = channels.at("ops");
      BOOST_TEST(std::string(ops.at("status").as_string()) == "failed");
      BOOST_TEST(ops.at("attempts").as_int64() == 1);
      BOOST_TEST(std::string(ops.at("last_error").as_string()).find("410") != std::string::npos);
      BOOST_TEST(!ops.contains("next_attempt"));
      BOOST_TEST(std::string(channels.at("desk-mail").at("status").as_string()) == "delivered");
    }
  }
}

BOOST_AUTO_TEST_CASE(dry_run_sends_nothing_and_creates_no_state) {
  Desk desk;
  desk.fixtures(true);
  auto dry = desk.check({"--dry-run"});
  BOOST_TEST(dry.exit_code == 1);  // what would have fired
  BOOST_TEST(raised_ids(dry).size() == 3u);
  BOOST_TEST(dry.summary.at("dry_run").as_bool());
  BOOST_TEST(dry.summary.at("pending_deliveries").as_int64() == 0);
  BOOST_TEST(dry.stdout_alerts.empty());
  BOOST_TEST(desk.slack_requests() == 0u);
  BOOST_TEST(desk.webhook_requests() == 0u);
  BOOST_TEST(desk.email_ids().empty());
  for (const auto& name : {"state.db", "state.db-wal", "state.db-shm", "state.db-journal"})
    BOOST_TEST(!std::filesystem::exists(desk.dir() / name), name);
}

BOOST_AUTO_TEST_CASE(dry_run_leaves_the_state_database_byte_identical) {
  Desk desk;
  BOOST_TEST_REQUIRE(desk.check().exit_code == 0);  // a state with a baseline in it
  const auto before = files_of(desk.dir());
  BOOST_TEST_REQUIRE(before.count("state.db") == 1u);

  desk.fixtures(true);
  auto dry = desk.check({"--dry-run"});
  BOOST_TEST(dry.exit_code == 1);
  BOOST_TEST(desk.slack_requests() == 0u);
  BOOST_TEST(desk.webhook_requests() == 0u);
  BOOST_TEST(desk.email_ids().empty());
  const auto after = files_of(desk.dir());
  BOOST_TEST(after.size() == before.size());
  for (const auto& [name, bytes] : before) {
    BOOST_TEST_CONTEXT("file " << name) {
      BOOST_TEST_REQUIRE(after.count(name) == 1u);
      BOOST_TEST((after.at(name) == bytes));
    }
  }

  // Nothing was used up: the real check raises and delivers the same three alerts.
  auto real = desk.check();
  BOOST_TEST(real.exit_code == 1);
  BOOST_TEST(sorted(raised_ids(real)) == sorted(raised_ids(dry)), boost::test_tools::per_element());
  BOOST_TEST(desk.slack_requests() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
