// Tests for config/loader.cpp: bad configurations with their exact position and message, the
// DESIGN.md example, defaults, default URLs, relative paths, secrets and the shipped watchdesk.toml.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "config/loader.hpp"
#include "config/price_requests.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "core/units.hpp"
#include "support.hpp"

using namespace watchdesk;
using namespace watchdesk::config;
using watchdesk::config::testing::ScopedEnv;
using watchdesk::config::testing::TempDir;

BOOST_AUTO_TEST_SUITE(config_loader)

namespace {

// Four lines: the body of every case starts on line 5.
#define HEADER                                  \
  "[watchdesk]\n"                               \
  "state = \"state.db\"\n"                      \
  "user_agent = \"Test Desk ops@test.example\"\n" \
  "\n"

#define CONSOLE "[channels.console]\nkind = \"stdout\"\n"

#define FILINGS_SOURCE     \
  "[sources.filings]\n"    \
  "kind = \"edgar-filings\"\n" \
  "cik = \"1181412\"\n"    \
  "every = \"10m\"\n"

#define PRICE_SOURCE        \
  "[sources.crwv-price]\n"  \
  "kind = \"price\"\n"      \
  "provider = \"stooq\"\n"  \
  "symbol = \"CRWV\"\n"     \
  "every = \"15m\"\n"

struct BadCase {
  const char* name;
  const char* text;
  int line;
  int column;
  const char* fragment;
};

// Every case is one mistake; the loader must report it at the key or value that is wrong (the
// table header for a missing key), with a message containing `fragment`.
const BadCase bad_cases[] = {
    {"toml_syntax_error", HEADER "[sources.x\nkind = \"feed\"\n", 5, 11, "Error while parsing table header"},
    {"duplicate_table", HEADER CONSOLE "[channels.console]\nkind = \"stdout\"\n", 7, 1,
     "cannot redefine existing table 'channels.console'"},
    {"unknown_key_suggests_closest", HEADER
     "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\nevry = \"10m\"\n",
     8, 1, "unknown key 'evry' in [sources.x]; did you mean 'every'?"},
    {"unknown_key_lists_valid_keys", HEADER
     "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\nevery = \"10m\"\ncolour = \"red\"\n",
     9, 1, "unknown key 'colour' in [sources.x]; valid keys for kind feed: kind, every, url, jitter, max_body"},
    {"key_of_another_source_kind", HEADER FILINGS_SOURCE "symbol = \"CRWV\"\n", 9, 1,
     "key 'symbol' does not apply to [sources.filings] (kind edgar-filings); it is a key of price sources"},
    {"missing_every", HEADER "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\n", 5, 1,
     "[sources.x] is missing required key 'every' (such as every = \"10m\")"},
    {"every_as_integer", HEADER "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\nevery = 10\n",
     8, 9, "[sources.x] 'every' must be a duration string such as \"10m\", got an integer"},
    {"every_malformed", HEADER
     "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/feed\"\nevery = \"10 minutes\"\n",
     8, 9, "'every' is not a duration: \"10 minutes\""},
    {"unknown_source_kind", HEADER "[sources.x]\nkind = \"edgar-filing\"\nevery = \"10m\"\n", 6, 8,
     "unknown source kind 'edgar-filing'; did you mean 'edgar-filings'? Valid source kinds: edgar-filings, "
     "edgar-current, edgar-submissions, edgar-facts, edgar-search, price, jobs, feed"},
    {"missing_kind", HEADER "\n[sources.x]\nevery = \"10m\"\n", 6, 1, "[sources.x] is missing required key 'kind'"},
    {"unknown_price_provider", HEADER
     "[sources.p]\nkind = \"price\"\nprovider = \"google\"\nsymbol = \"CRWV\"\nevery = \"15m\"\n",
     7, 12, "[sources.p] unknown price provider 'google'; valid price providers: yahoo, stooq, nasdaq"},
    {"unknown_jobs_provider", HEADER
     "[sources.j]\nkind = \"jobs\"\nprovider = \"workday\"\nboard = \"xai\"\nevery = \"6h\"\n",
     7, 12, "unknown jobs provider 'workday'; valid jobs providers: greenhouse, lever, ashby"},
    {"fallback_same_as_provider", HEADER PRICE_SOURCE "fallback = \"stooq\"\n", 10, 12,
     "'fallback' must name providers other than 'provider' (stooq), each once"},
    {"fallback_listed_twice", HEADER PRICE_SOURCE "fallback = [\"yahoo\", \"yahoo\"]\n", 10, 22,
     "'fallback' must name providers other than 'provider' (stooq), each once"},
    {"fallback_url_without_fallback", HEADER PRICE_SOURCE "fallback_url = \"http://127.0.0.1/q\"\n", 10, 16,
     "'fallback_url' needs 'fallback', the provider it is fetched from"},
    {"fallback_url_count", HEADER PRICE_SOURCE "fallback = [\"yahoo\"]\nfallback_url = [\"http://a/1\", \"http://a/2\"]\n",
     11, 17, "'fallback_url' must give one URL per 'fallback' provider (1), in the same order"},
    {"history_on_yahoo", HEADER
     "[sources.p]\nkind = \"price\"\nprovider = \"yahoo\"\nsymbol = \"CRWV\"\nevery = \"15m\"\nhistory = true\n",
     10, 11, "'history = true' applies to stooq and nasdaq only"},
    {"cik_not_a_number", HEADER "[sources.f]\nkind = \"edgar-facts\"\ncik = \"SPACEX\"\nevery = \"1d\"\n", 7, 7,
     "'cik' must be the company's CIK number (up to 10 digits)"},
    {"url_not_http", HEADER "[sources.x]\nkind = \"feed\"\nurl = \"ftp://example.com/feed\"\nevery = \"10m\"\n", 7,
     7, "'url' must be an http:// or https:// URL with a host"},
    {"max_body_malformed", HEADER
     "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/f\"\nevery = \"10m\"\nmax_body = \"16XB\"\n",
     9, 12, "'max_body' is not a size: \"16XB\""},
    {"jitter_above_half", HEADER
     "[sources.x]\nkind = \"feed\"\nurl = \"https://example.com/f\"\nevery = \"10m\"\njitter = \"60%\"\n",
     9, 10, "'jitter' must be between 0% and 50%"},
    {"bad_source_id", HEADER "[sources.\"crwv price\"]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"10m\"\n",
     5, 10, "an id must start with a letter and use only letters, digits, '-' and '_'"},
    {"trigger_unknown_source", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filing\"\nchannels = [\"console\"]\n",
     13, 10, "[triggers.t] 'source' refers to source 'filing', which is not declared; did you mean 'filings'?"},
    {"trigger_unknown_channel", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\nchannels = [\"console\", \"desk\"]\n",
     14, 24, "[triggers.t] 'channels' refers to channel 'desk', which is not declared; channels: console"},
    {"trigger_empty_channels", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\nchannels = []\n",
     14, 12, "'channels' is empty; a trigger needs at least one channel"},
    {"trigger_missing_channels", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\n",
     11, 1, "[triggers.t] is missing required key 'channels'; a trigger needs at least one channel"},
    {"unknown_trigger_kind", HEADER CONSOLE "[triggers.t]\nkind = \"filings\"\nchannels = [\"console\"]\n", 8, 8,
     "unknown trigger kind 'filings'; did you mean 'filing'? Valid trigger kinds: filing, metric-move, tenant, count"},
    {"key_of_another_trigger_kind", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\nchannels = [\"console\"]\nwindow = \"7d\"\n",
     15, 1, "key 'window' does not apply to [triggers.t] (kind filing); it is a key of metric-move, count triggers"},
    {"filing_trigger_on_price_source", HEADER PRICE_SOURCE CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"crwv-price\"\nchannels = [\"console\"]\n",
     14, 10, "kind filing needs a filing source (edgar-filings, edgar-current, edgar-submissions or edgar-search), "
             "but crwv-price is a price source"},
    {"filing_form_the_source_drops", HEADER FILINGS_SOURCE "forms = [\"S-1\"]\n" CONSOLE
     "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\nforms = [\"S-1\", \"S-1/A\"]\nchannels = [\"console\"]\n",
     15, 17, "'forms' has \"S-1/A\", which source filings never keeps (its forms: S-1)"},
    {"count_trigger_on_price_source", HEADER PRICE_SOURCE CONSOLE
     "[triggers.t]\nkind = \"count\"\nsource = \"crwv-price\"\nwindow = \"90d\"\nabove = 10\n"
     "channels = [\"console\"]\n",
     14, 10, "kind count counts items"},
    {"tenant_trigger_on_filings_source", HEADER FILINGS_SOURCE CONSOLE
     "[triggers.t]\nkind = \"tenant\"\nsources = [\"filings\"]\nsubject = [\"Colossus\"]\nchannels = [\"console\"]\n",
     13, 12, "kind tenant reads news feeds and EDGAR full-text searches (feed, edgar-search), but filings is a "
             "edgar-filings source"},
    {"tenant_without_subject", HEADER CONSOLE
     "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
     "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nchannels = [\"console\"]\n",
     11, 1, "[triggers.t] is missing required key 'subject'"},
    {"tenant_deadline_impossible", HEADER CONSOLE
     "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
     "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nsubject = [\"Colossus\"]\ndeadline = \"2026-13-01\"\n"
     "channels = [\"console\"]\n",
     15, 12, "'deadline' is not a date: \"2026-13-01\"; write it as YYYY-MM-DD"},
    {"tenant_confirm_not_integer", HEADER CONSOLE
     "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
     "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nsubject = [\"Colossus\"]\nconfirm = 2.5\n"
     "channels = [\"console\"]\n",
     15, 11, "'confirm' must be an integer, got a floating-point number"},
    {"count_without_window", HEADER CONSOLE
     "[sources.j]\nkind = \"jobs\"\nprovider = \"greenhouse\"\nboard = \"xai\"\nevery = \"6h\"\n"
     "[triggers.t]\nkind = \"count\"\nsource = \"j\"\nabove = 10\nchannels = [\"console\"]\n",
     12, 1, "[triggers.t] is missing required key 'window'"},
    {"above_not_above_below", HEADER CONSOLE
     "[sources.j]\nkind = \"jobs\"\nprovider = \"greenhouse\"\nboard = \"xai\"\nevery = \"6h\"\n"
     "[triggers.t]\nkind = \"count\"\nsource = \"j\"\nwindow = \"90d\"\nabove = 3\nbelow = 5\n"
     "channels = [\"console\"]\n",
     16, 9, "'above' must be greater than 'below'"},
    {"metric_move_unknown_metric", HEADER PRICE_SOURCE CONSOLE
     "[triggers.t]\nkind = \"metric-move\"\nmetric = \"crwv-ps\"\nwindow = \"7d\"\nthreshold = \"10%\"\n"
     "channels = [\"console\"]\n",
     14, 10, "[triggers.t] 'metric': unknown series 'crwv-ps'; a series is SOURCE.FIELD"},
    {"metric_move_without_threshold", HEADER PRICE_SOURCE CONSOLE
     "[triggers.t]\nkind = \"metric-move\"\nmetric = \"crwv-price.close\"\nwindow = \"7d\"\nchannels = [\"console\"]\n",
     12, 1, "[triggers.t] needs at least one of 'threshold', 'above' or 'below'"},
    {"threshold_without_percent_sign", HEADER PRICE_SOURCE CONSOLE
     "[triggers.t]\nkind = \"metric-move\"\nmetric = \"crwv-price.close\"\nwindow = \"7d\"\nthreshold = \"10\"\n"
     "channels = [\"console\"]\n",
     16, 13, "'threshold' must be a percentage above 0 such as \"10%\" (relative change) or a number"},
    {"metric_expression_does_not_parse", HEADER PRICE_SOURCE "[metrics.m]\nexpr = \"crwv-price.close * (\"\n", 11, 29,
     "[metrics.m] 'expr' does not parse: expected a number, a series name or '(' but the expression ends"},
    {"metric_unknown_field", HEADER PRICE_SOURCE "[metrics.m]\nexpr = \"2 * crwv-price.clos\"\n", 11, 13,
     "unknown series 'crwv-price.clos': source crwv-price is of kind price, which produces close, open, high, "
     "low, volume; did you mean 'crwv-price.close'?"},
    {"metric_unknown_source", HEADER PRICE_SOURCE "[metrics.m]\nexpr = \"crwv.close / 2\"\n", 11, 9,
     "unknown series 'crwv.close': there is no source 'crwv'"},
    {"metric_series_of_a_feed", HEADER "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
     "[metrics.m]\nexpr = \"n.close\"\n", 10, 9, "source n is of kind feed, which produces no series"},
    {"metric_cycle", HEADER "[metrics.a]\nexpr = \"b + 1\"\n[metrics.b]\nexpr = \"c * 2\"\n[metrics.c]\nexpr = \"a\"\n",
     6, 8, "metrics a -> b -> c -> a form a cycle"},
    {"sec_source_user_agent_without_email",
     "[watchdesk]\nstate = \"s.db\"\nuser_agent = \"Test Desk\"\n\n" FILINGS_SOURCE, 3, 14,
     "[watchdesk] 'user_agent' has no email address: source filings fetches from SEC"},
    {"sec_host_url_without_user_agent",
     "[watchdesk]\nstate = \"s.db\"\n\n[sources.n]\nkind = \"feed\"\nurl = \"https://www.sec.gov/x.atom\"\n"
     "every = \"10m\"\n",
     1, 1, "[watchdesk] is missing 'user_agent': source n fetches from SEC"},
    {"metrics_address_not_loopback", "[watchdesk]\nstate = \"s.db\"\nmetrics = \"0.0.0.0:9464\"\n", 3, 11,
     "is not a loopback address; /metrics would be reachable from the network"},
    {"public_page_without_token", "[watchdesk]\nstate = \"s.db\"\nmetrics = \"0.0.0.0:9464\"\nmetrics_public = true\n",
     4, 18, "metrics_public = true serves the status page and its API to the network; set metrics_token"},
    {"metrics_address_without_port", "[watchdesk]\nstate = \"s.db\"\nmetrics = \"127.0.0.1\"\n", 3, 11,
     "'metrics' must be HOST:PORT"},
    {"sec_rate_above_ten", "[watchdesk]\nstate = \"s.db\"\nsec_rate = 12\n", 3, 12,
     "'sec_rate' must be more than 0 and at most 10 requests per second"},
    {"log_level_unknown", "[watchdesk]\nstate = \"s.db\"\nlog_level = \"verbose\"\n", 3, 13,
     "unknown log_level 'verbose'; valid levels: trace, debug, info, warn, error, critical, off"},
    {"health_channel_unknown", "[watchdesk]\nstate = \"s.db\"\nhealth_channels = [\"desk\"]\n\n" CONSOLE, 3, 20,
     "[watchdesk] 'health_channels' refers to channel 'desk', which is not declared"},
    {"missing_state", "[watchdesk]\nlog_level = \"info\"\n", 1, 1, "[watchdesk] is missing required key 'state'"},
    {"missing_watchdesk_section", CONSOLE, 1, 1, "missing [watchdesk] section"},
    {"settings_key_above_the_header", "state = \"s.db\"\n[watchdesk]\n", 1, 1,
     "'state' belongs in the [watchdesk] section"},
    {"unknown_section", HEADER "[trigger.t]\nkind = \"filing\"\n", 5, 2,
     "unknown section 'trigger'; did you mean [triggers]?"},
    {"section_not_a_table", "sources = 5\n[watchdesk]\nstate = \"s.db\"\n", 1, 1, "'sources' must be a table"},
    {"metrics_address_above_the_header", "metrics = \"127.0.0.1:9464\"\n[watchdesk]\nstate = \"s.db\"\n", 1, 1,
     "'metrics' belongs in the [watchdesk] section"},
    {"file_url_not_allowed", HEADER "[sources.x]\nkind = \"feed\"\nurl = \"file:snapshots/x.atom\"\nevery = \"10m\"\n",
     7, 7, "file: URLs read local snapshots; set allow_file_urls = true in [watchdesk]"},
    {"figure_unknown_status", HEADER "[figures.f]\nlabel = \"x\"\nvalue = \"1\"\nstatus = \"rumoured\"\n", 8, 10,
     "unknown status 'rumoured'; valid statuses: ai-prior, reported, confirmed"},
    {"figure_bad_signal_id", HEADER
     "[figures.f]\nlabel = \"x\"\nvalue = \"1\"\nstatus = \"reported\"\nsignals = [\"47c46e8d\", \"47C4\"]\n",
     9, 24, "'signals' must hold signal ids, 8 lower-case hex digits"},
    {"slack_without_webhook", HEADER "[channels.desk]\nkind = \"slack\"\n", 5, 1,
     "[channels.desk] is missing required key 'webhook'"},
    {"email_bad_smtp_scheme", HEADER
     "[channels.m]\nkind = \"email\"\nsmtp = \"http://mail.example.com\"\nfrom = \"a@example.com\"\n"
     "to = [\"b@example.com\"]\n",
     7, 8, "'smtp' must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT"},
    {"email_password_without_username", HEADER
     "[channels.m]\nkind = \"email\"\nsmtp = \"smtp://mail.example.com:587\"\nfrom = \"a@example.com\"\n"
     "to = [\"b@example.com\"]\npassword = \"env:X\"\n",
     10, 12, "'password' needs 'username' too"},
    {"key_of_another_channel_kind", HEADER "[channels.c]\nkind = \"stdout\"\nwebhook = \"env:X\"\n", 7, 1,
     "key 'webhook' does not apply to [channels.c] (kind stdout); it is a key of slack channels"},
    {"env_secret_not_set", HEADER "[channels.desk]\nkind = \"slack\"\nwebhook = \"env:WATCHDESK_TEST_UNSET_WEBHOOK\"\n",
     7, 11, "channel desk: webhook: environment variable WATCHDESK_TEST_UNSET_WEBHOOK is not set"},
    {"credential_without_credentials_directory", HEADER
     "[channels.m]\nkind = \"email\"\nsmtp = \"smtp://mail.example.com:587\"\nfrom = \"a@example.com\"\n"
     "to = [\"b@example.com\"]\nusername = \"u\"\npassword = \"credential:smtp-password\"\n",
     11, 12, "channel m: password: credential:smtp-password needs $CREDENTIALS_DIRECTORY, which is not set"},
    {"malformed_env_reference", HEADER "[channels.desk]\nkind = \"slack\"\nwebhook = \"env:slack-hook\"\n", 7, 11,
     "channel desk: webhook: 'env:slack-hook' is not a valid environment reference"},
    {"api_key_without_stooq", HEADER
     "[sources.p]\nkind = \"price\"\nprovider = \"nasdaq\"\nsymbol = \"CRWV\"\nevery = \"15m\"\n"
     "fallback = \"yahoo\"\napi_key = \"env:STOOQ_KEY\"\n",
     11, 11, "[sources.p] 'api_key' is Stooq's key and applies only where stooq is the 'provider' or a 'fallback'"},
    {"api_key_not_set", HEADER PRICE_SOURCE "api_key = \"env:WATCHDESK_TEST_UNSET_STOOQ_KEY\"\n", 10, 11,
     "source crwv-price: api_key: environment variable WATCHDESK_TEST_UNSET_STOOQ_KEY is not set"},
    {"api_key_malformed_reference", HEADER PRICE_SOURCE "api_key = \"env:stooq-key\"\n", 10, 11,
     "source crwv-price: api_key: 'env:stooq-key' is not a valid environment reference"},
};

Result<Config> load_text(std::string_view text) { return load_config_text(text, "test.toml"); }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(rejects_each_bad_configuration_at_the_offending_place) {
  ScopedEnv unset_webhook("WATCHDESK_TEST_UNSET_WEBHOOK", std::nullopt);
  ScopedEnv unset_stooq_key("WATCHDESK_TEST_UNSET_STOOQ_KEY", std::nullopt);
  ScopedEnv no_credentials("CREDENTIALS_DIRECTORY", std::nullopt);
  BOOST_TEST(std::size(bad_cases) >= 25u);
  for (const auto& c : bad_cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto result = load_text(c.text);
      BOOST_TEST(!result.ok());
      BOOST_TEST_REQUIRE(!result.ok());
      BOOST_TEST(result.error().position.line == c.line);
      BOOST_TEST(result.error().position.column == c.column);
      BOOST_TEST(result.error().message.find(c.fragment) != std::string::npos,
                 "message: " << result.error().message);
      BOOST_TEST(result.error().to_string() == "test.toml:" + std::to_string(c.line) + ":" +
                                                  std::to_string(c.column) + ": " + result.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(prints_errors_without_a_position_as_file_and_message) {
  Error e{"cannot read the configuration file: Permission denied", Position{"/etc/watchdesk/watchdesk.toml", 0, 0},
          ErrorKind::config};
  BOOST_TEST(e.to_string() == "/etc/watchdesk/watchdesk.toml: cannot read the configuration file: Permission denied");
  auto missing = load_config("/nonexistent/watchdesk.toml");
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST(missing.error().to_string() ==
             "/nonexistent/watchdesk.toml: cannot read the configuration file: No such file or directory");
}

BOOST_AUTO_TEST_CASE(reports_a_misspelt_key_before_the_missing_key_it_explains) {
  // `evry` makes `every` missing too; the misspelling is the error worth reading.
  auto r = load_text(HEADER "[sources.x]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevry = \"10m\"\n");
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message == "unknown key 'evry' in [sources.x]; did you mean 'every'?");
}

BOOST_AUTO_TEST_CASE(suggests_close_names_for_kinds_ids_and_sections) {
  struct Case {
    const char* text;
    const char* fragment;
  };
  const Case cases[] = {
      {HEADER "[sources.x]\nkind = \"jobs\"\nprovider = \"grenhouse\"\nboard = \"x\"\nevery = \"6h\"\n",
       "did you mean 'greenhouse'?"},
      {HEADER "[channels.c]\nkind = \"stdot\"\n", "did you mean 'stdout'?"},
      {HEADER CONSOLE "[triggers.t]\nkind = \"metric_move\"\nchannels = [\"console\"]\n",
       "did you mean 'metric-move'?"},
      {HEADER CONSOLE FILINGS_SOURCE "[triggers.t]\nkind = \"filing\"\nsource = \"filings\"\n"
                                     "channels = [\"consle\"]\n",
       "did you mean 'console'?"},
      {HEADER "[chanels.c]\nkind = \"stdout\"\n", "did you mean [channels]?"},
      {HEADER "[sources.x]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"10m\"\nmax_bdy = \"1MiB\"\n",
       "did you mean 'max_body'?"},
      {HEADER "[figures.f]\nlabel = \"x\"\nvalue = \"1\"\nstatus = \"reported\"\nnotes = \"n\"\n",
       "did you mean 'note'?"},
      {"[watchdesk]\nstate = \"s.db\"\nuser_agnet = \"x\"\n", "did you mean 'user_agent'?"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      auto r = load_text(c.text);
      BOOST_TEST_REQUIRE(!r.ok());
      BOOST_TEST(r.error().message.find(c.fragment) != std::string::npos, "message: " << r.error().message);
    }
  }
}

BOOST_AUTO_TEST_CASE(loads_the_design_example_with_every_field) {
  TempDir credentials;
  credentials.write("smtp-password", "mail-password\n");
  ScopedEnv webhook("WATCHDESK_SLACK_WEBHOOK", "https://hooks.slack.com/services/T000/B000/XXXX");
  ScopedEnv creds("CREDENTIALS_DIRECTORY", credentials.path().string());
  const std::filesystem::path file = std::filesystem::path(WATCHDESK_FIXTURES) / "config" / "design_example.toml";
  auto r = load_config(file);
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const Config& c = *r;
  const auto folder = std::filesystem::path(WATCHDESK_FIXTURES) / "config";

  BOOST_TEST(c.file == file);
  BOOST_TEST(c.watchdesk.state == folder / "state.db");
  BOOST_TEST(c.watchdesk.user_agent == "Acme Research ops@acme.example");
  BOOST_TEST(c.watchdesk.log_level == "info");
  BOOST_TEST(c.watchdesk.metrics == "127.0.0.1:9464");
  BOOST_TEST(!c.watchdesk.allow_file_urls);

  BOOST_TEST_REQUIRE(c.sources.size() == 5u);
  BOOST_TEST(c.sources[0].id == "spacex-filings");  // in file order
  const auto* filings = c.find_source("spacex-filings");
  BOOST_TEST_REQUIRE(filings != nullptr);
  BOOST_TEST((filings->kind == SourceKind::edgar_filings));
  BOOST_TEST(filings->cik == "1181412");
  BOOST_TEST(filings->forms == (std::vector<std::string>{"S-1", "S-1/A", "F-1", "424B4"}),
             boost::test_tools::per_element());
  BOOST_TEST(filings->every.count() == 600);
  BOOST_TEST(filings->jitter == 0.10);
  BOOST_TEST(filings->max_body == 16u * 1024u * 1024u);
  BOOST_TEST(!filings->url_overridden);
  BOOST_TEST(filings->url ==
             "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=1181412&type=&dateb=&owner=include"
             "&count=40&output=atom");
  BOOST_TEST(filings->position.line == 10);
  BOOST_TEST(filings->position.column == 1);

  const auto* price = c.find_source("crwv-price");
  BOOST_TEST_REQUIRE(price != nullptr);
  BOOST_TEST((price->kind == SourceKind::price));
  BOOST_TEST((price->price_provider == PriceProvider::stooq));
  BOOST_TEST(price->fallbacks.empty());
  BOOST_TEST(price->symbol == "CRWV");
  BOOST_TEST(price->every.count() == 900);
  BOOST_TEST(price->url == "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv");

  const auto* facts = c.find_source("crwv-facts");
  BOOST_TEST_REQUIRE(facts != nullptr);
  BOOST_TEST((facts->kind == SourceKind::edgar_facts));
  BOOST_TEST(facts->cik == "1769628");
  BOOST_TEST(facts->every.count() == 86400);
  BOOST_TEST(facts->url == "https://data.sec.gov/api/xbrl/companyfacts/CIK0001769628.json");

  const auto* news = c.find_source("colossus-news");
  BOOST_TEST_REQUIRE(news != nullptr);
  BOOST_TEST((news->kind == SourceKind::feed));
  BOOST_TEST(news->url_overridden);
  BOOST_TEST(news->url == "https://news.google.com/rss/search?q=Colossus+xAI+compute");

  const auto* jobs = c.find_source("xai-jobs");
  BOOST_TEST_REQUIRE(jobs != nullptr);
  BOOST_TEST((jobs->jobs_provider == JobsProvider::greenhouse));
  BOOST_TEST(jobs->board == "xai");
  BOOST_TEST(jobs->match == (std::vector<std::string>{"infrastructure", "datacenter", "GPU"}),
             boost::test_tools::per_element());
  BOOST_TEST(jobs->every.count() == 6 * 3600);
  BOOST_TEST(jobs->url == "https://boards-api.greenhouse.io/v1/boards/xai/jobs?content=true");

  BOOST_TEST_REQUIRE(c.metrics.size() == 1u);
  BOOST_TEST(c.metrics[0].name == "crwv-ps");
  BOOST_TEST(c.metrics[0].expr == "crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm");
  const std::vector<std::string> inputs{"crwv-price.close", "crwv-facts.shares_outstanding", "crwv-facts.revenue_ttm"};
  BOOST_TEST(c.metrics[0].inputs == inputs, boost::test_tools::per_element());

  BOOST_TEST_REQUIRE(c.triggers.size() == 4u);
  const auto* s1 = c.find_trigger("s1-public");
  BOOST_TEST_REQUIRE(s1 != nullptr);
  BOOST_TEST((s1->kind == TriggerKind::filing));
  BOOST_TEST(s1->source == "spacex-filings");
  BOOST_TEST(s1->forms == (std::vector<std::string>{"S-1", "S-1/A", "F-1"}), boost::test_tools::per_element());
  BOOST_TEST(s1->channels == (std::vector<std::string>{"desk", "desk-mail"}), boost::test_tools::per_element());
  BOOST_TEST(!s1->max_age.has_value());

  const auto* move = c.find_trigger("coreweave-move");
  BOOST_TEST_REQUIRE(move != nullptr);
  BOOST_TEST((move->kind == TriggerKind::metric_move));
  BOOST_TEST(move->metric == "crwv-ps");
  BOOST_TEST(move->window.count() == 7 * 86400);
  BOOST_TEST_REQUIRE(move->threshold.has_value());
  BOOST_TEST(move->threshold->value == 0.10, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(move->threshold->relative);
  BOOST_TEST(move->rearm == 0.5);
  BOOST_TEST(!move->cooldown.has_value());
  BOOST_TEST(move->channels == (std::vector<std::string>{"desk"}), boost::test_tools::per_element());

  const auto* tenant = c.find_trigger("second-tenant");
  BOOST_TEST_REQUIRE(tenant != nullptr);
  BOOST_TEST((tenant->kind == TriggerKind::tenant));
  BOOST_TEST(tenant->sources == (std::vector<std::string>{"colossus-news"}), boost::test_tools::per_element());
  BOOST_TEST(tenant->subject == (std::vector<std::string>{"Colossus"}), boost::test_tools::per_element());
  BOOST_TEST(tenant->known == (std::vector<std::string>{"Anthropic"}), boost::test_tools::per_element());
  BOOST_TEST(tenant->owners == (std::vector<std::string>{"xAI", "X.AI", "SpaceX"}), boost::test_tools::per_element());
  BOOST_TEST(tenant->candidates.empty());
  BOOST_TEST(tenant->confirm == 2);
  BOOST_TEST_REQUIRE(tenant->deadline.has_value());
  BOOST_TEST(format_rfc3339(*tenant->deadline) == "2026-06-12T00:00:00Z");
  // No `max_age` written: the trigger kind's default applies (`effective_max_age`), set in one place.
  BOOST_TEST(!tenant->max_age.has_value());
  BOOST_TEST(triggers::effective_max_age(*tenant).value_or(Seconds{0}).count() == 3 * 86400);

  const auto* hiring = c.find_trigger("ai-infra-hiring");
  BOOST_TEST_REQUIRE(hiring != nullptr);
  BOOST_TEST((hiring->kind == TriggerKind::count));
  BOOST_TEST(hiring->source == "xai-jobs");
  BOOST_TEST(hiring->window.count() == 90 * 86400);
  BOOST_TEST_REQUIRE(hiring->above.has_value());
  BOOST_TEST(*hiring->above == 10.0);
  BOOST_TEST(!hiring->below.has_value());

  BOOST_TEST_REQUIRE(c.figures.size() == 2u);
  BOOST_TEST(c.figures[0].name == "nvidia-dc-revenue-fy2025");
  BOOST_TEST(c.figures[0].label == "NVIDIA data-center revenue FY2025");
  BOOST_TEST(c.figures[0].value == "$115.2B (+142% y/y)");
  BOOST_TEST((c.figures[0].status == Confirmation::ai_prior));
  BOOST_TEST(c.figures[0].signals == (std::vector<std::string>{"daad3d00"}), boost::test_tools::per_element());
  BOOST_TEST(c.figures[1].name == "spacex-valuation");
  BOOST_TEST((c.figures[1].status == Confirmation::reported));
  BOOST_TEST(c.figures[1].signals == (std::vector<std::string>{"50da90f1"}), boost::test_tools::per_element());

  BOOST_TEST_REQUIRE(c.channels.size() == 4u);
  const auto* desk = c.find_channel("desk");
  BOOST_TEST_REQUIRE(desk != nullptr);
  BOOST_TEST((desk->kind == ChannelKind::slack));
  BOOST_TEST(desk->webhook.reveal() == "https://hooks.slack.com/services/T000/B000/XXXX");
  BOOST_TEST(desk->give_up_after.count() == 24 * 3600);
  const auto* mail = c.find_channel("desk-mail");
  BOOST_TEST_REQUIRE(mail != nullptr);
  BOOST_TEST((mail->kind == ChannelKind::email));
  BOOST_TEST(mail->smtp == "smtp://mail.example.com:587");
  BOOST_TEST(mail->starttls);
  BOOST_TEST(mail->from == "watchdesk@example.com");
  BOOST_TEST(mail->to == (std::vector<std::string>{"desk@example.com"}), boost::test_tools::per_element());
  BOOST_TEST(mail->username == "watchdesk");
  BOOST_TEST(mail->password.reveal() == "mail-password");
  const auto* ops = c.find_channel("ops");
  BOOST_TEST_REQUIRE(ops != nullptr);
  BOOST_TEST((ops->kind == ChannelKind::webhook));
  BOOST_TEST(ops->url == "http://127.0.0.1:8080/hook");
  BOOST_TEST(ops->secret.empty());
  const auto* console = c.find_channel("console");
  BOOST_TEST_REQUIRE(console != nullptr);
  BOOST_TEST((console->kind == ChannelKind::stdout_));
}

BOOST_AUTO_TEST_CASE(fills_defaults_for_everything_left_out) {
  auto r = load_text("[watchdesk]\nstate = \"/var/lib/watchdesk/state.db\"\n"
                     "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
                     "[sources.j]\nkind = \"jobs\"\nprovider = \"lever\"\nboard = \"acme\"\nevery = \"6h\"\n"
                     "[channels.console]\nkind = \"stdout\"\n"
                     "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nsubject = [\"Colossus\"]\n"
                     "channels = [\"console\"]\n"
                     "[triggers.c]\nkind = \"count\"\nsource = \"j\"\nwindow = \"90d\"\nbelow = 1\n"
                     "channels = [\"console\"]\n"
                     "[channels.hook]\nkind = \"webhook\"\nurl = \"https://hooks.example.com/x\"\n"
                     "[figures.f]\nlabel = \"l\"\nvalue = \"v\"\nstatus = \"confirmed\"\n");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const auto& w = r->watchdesk;
  BOOST_TEST(w.state == "/var/lib/watchdesk/state.db");
  BOOST_TEST(w.user_agent.empty());
  BOOST_TEST(w.log_level == "info");
  BOOST_TEST(w.metrics.empty());
  BOOST_TEST(!w.metrics_public);
  BOOST_TEST(!w.allow_file_urls);
  BOOST_TEST(w.health_channels.empty());
  BOOST_TEST(w.max_body == 16u * 1024u * 1024u);
  BOOST_TEST(w.sec_rate == 8.0);
  BOOST_TEST(w.host_rate == 2.0);
  BOOST_TEST(w.host_connections == 4);
  BOOST_TEST(w.connect_timeout.count() == 10);
  BOOST_TEST(w.timeout.count() == 60);
  BOOST_TEST(w.ca_file.empty());
  BOOST_TEST(w.fail_after == 3);
  BOOST_TEST(w.stale_after == 3);

  const auto* j = r->find_source("j");
  BOOST_TEST_REQUIRE(j != nullptr);
  BOOST_TEST(j->jitter == 0.10);
  BOOST_TEST(j->max_body == 16u * 1024u * 1024u);
  BOOST_TEST(j->match.empty());
  BOOST_TEST(j->url == "https://api.lever.co/v0/postings/acme?mode=json");

  const auto* t = r->find_trigger("t");
  BOOST_TEST_REQUIRE(t != nullptr);
  BOOST_TEST(t->owners == (std::vector<std::string>{"xAI", "X.AI", "SpaceX"}), boost::test_tools::per_element());
  BOOST_TEST(t->confirm == 2);
  BOOST_TEST(!t->deadline.has_value());
  BOOST_TEST(triggers::effective_max_age(*t).value_or(Seconds{0}).count() == 3 * 86400);
  const auto* c = r->find_trigger("c");
  BOOST_TEST_REQUIRE(c != nullptr);
  BOOST_TEST(c->rearm == 0.5);
  BOOST_TEST(!c->cooldown.has_value());
  BOOST_TEST(c->below.value_or(-1) == 1.0);
  BOOST_TEST(c->match.empty());

  const auto* hook = r->find_channel("hook");
  BOOST_TEST_REQUIRE(hook != nullptr);
  BOOST_TEST(hook->give_up_after.count() == 24 * 3600);
  BOOST_TEST(hook->secret.empty());
  BOOST_TEST(r->figures[0].as_of.empty());
  BOOST_TEST(r->figures[0].signals.empty());
}

BOOST_AUTO_TEST_CASE(reads_every_optional_key_when_given) {
  TempDir dir;
  dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  dir.write("token.txt", "page-token\n");
  auto file = dir.write("w.toml",
      "[watchdesk]\nstate = \"state.db\"\nuser_agent = \"Desk d@example.org\"\nlog_level = \"debug\"\n"
      "metrics = \"0.0.0.0:9464\"\nmetrics_public = true\nmetrics_token = \"file:token.txt\"\n"
      "allow_file_urls = true\nhealth_channels = [\"console\"]\nmax_body = \"2MiB\"\nsec_rate = 5\nhost_rate = 0.5\n"
      "host_connections = 2\nconnect_timeout = \"5s\"\ntimeout = \"2m\"\nca_file = \"ca.pem\"\n"
      "fail_after = 5\nstale_after = 4\n"
      "[sources.cur]\nkind = \"edgar-current\"\nforms = [\"S-1\"]\nciks = [\"0001181412\"]\n"
      "companies = [\"Space Exploration\"]\nevery = \"5m\"\njitter = \"20%\"\nmax_body = 65536\n"
      "[sources.search]\nkind = \"edgar-search\"\nquery = '\"Colossus\"'\nforms = [\"10-Q\", \"8-K\"]\n"
      "ciks = [\"1181412\"]\nsince = 2026-01-01\nevery = \"1h\"\n"
      "[sources.p]\nkind = \"price\"\nprovider = \"stooq\"\nfallback = \"yahoo\"\nsymbol = \"SPCX\"\n"
      "history = true\nevery = \"15m\"\n"
      "[sources.sub]\nkind = \"edgar-submissions\"\ncik = 1181412\nforms = [\"8-K\"]\nevery = \"10m\"\n"
      "[metrics.m]\nexpr = \"p.close * 2\"\n"
      "[channels.console]\nkind = \"stdout\"\ngive_up_after = \"1h\"\n"
      "[triggers.mm]\nkind = \"metric-move\"\nmetric = \"m\"\nwindow = \"7d\"\nthreshold = 2.5\nabove = 100\n"
      "below = 10.5\nrearm = \"25%\"\ncooldown = \"1d\"\nchannels = [\"console\"]\n"
      "[triggers.tn]\nkind = \"tenant\"\nsources = [\"search\"]\nsubject = [\"Colossus\", \"Memphis\"]\n"
      "owners = [\"xAI\"]\nknown = [\"Anthropic\"]\ncandidates = [\"Mistral\"]\nconfirm = 3\n"
      "deadline = \"2026-06-12\"\nmax_age = \"2d\"\nchannels = [\"console\"]\n"
      "[triggers.f]\nkind = \"filing\"\nsource = \"sub\"\nforms = [\"8-K\"]\nmax_age = \"30d\"\n"
      "channels = [\"console\"]\n"
      "[figures.g]\nlabel = \"l\"\nvalue = \"v\"\nstatus = \"ai-prior\"\nas_of = 2026-05-31\nnote = \"n\"\n");
  const auto day_before = format_date(now_utc());
  auto r = load_config(file);
  const auto day_after = format_date(now_utc());
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const auto& c = *r;
  const auto& w = c.watchdesk;
  BOOST_TEST(w.log_level == "debug");
  BOOST_TEST(w.metrics == "0.0.0.0:9464");
  BOOST_TEST(w.metrics_public);
  BOOST_TEST(w.metrics_token.reveal() == "page-token");
  BOOST_TEST(w.allow_file_urls);
  BOOST_TEST(w.health_channels == (std::vector<std::string>{"console"}), boost::test_tools::per_element());
  BOOST_TEST(w.max_body == 2u * 1024u * 1024u);
  BOOST_TEST(w.sec_rate == 5.0);
  BOOST_TEST(w.host_rate == 0.5);
  BOOST_TEST(w.host_connections == 2);
  BOOST_TEST(w.connect_timeout.count() == 5);
  BOOST_TEST(w.timeout.count() == 120);
  BOOST_TEST(w.ca_file == dir.path() / "ca.pem");
  BOOST_TEST(w.fail_after == 5);
  BOOST_TEST(w.stale_after == 4);

  const auto* cur = c.find_source("cur");
  BOOST_TEST_REQUIRE(cur != nullptr);
  BOOST_TEST(cur->ciks == (std::vector<std::string>{"1181412"}), boost::test_tools::per_element());
  BOOST_TEST(cur->companies == (std::vector<std::string>{"Space Exploration"}), boost::test_tools::per_element());
  BOOST_TEST(cur->jitter == 0.20, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(cur->max_body == 65536u);
  BOOST_TEST(cur->every.count() == 300);

  const auto* search = c.find_source("search");
  BOOST_TEST_REQUIRE(search != nullptr);
  BOOST_TEST(search->query == "\"Colossus\"");
  BOOST_TEST_REQUIRE(search->since.has_value());
  BOOST_TEST(format_date(*search->since) == "2026-01-01");
  const std::string search_prefix =
      "https://efts.sec.gov/LATEST/search-index?q=%22Colossus%22&forms=10-Q,8-K&ciks=0001181412&dateRange=custom"
      "&startdt=2026-01-01&enddt=";
  BOOST_TEST(search->url.rfind(search_prefix, 0) == 0u, search->url);
  const auto end_date = search->url.substr(search_prefix.size());
  BOOST_TEST((end_date == day_before || end_date == day_after), end_date);

  const auto* p = c.find_source("p");
  BOOST_TEST_REQUIRE(p != nullptr);
  BOOST_TEST(p->history);
  BOOST_TEST_REQUIRE(p->fallbacks.size() == 1U);
  BOOST_TEST((p->fallbacks.front().provider == PriceProvider::yahoo));
  BOOST_TEST(p->url == "https://stooq.com/q/d/l/?s=spcx.us&i=d");
  BOOST_TEST(p->fallbacks.front().url == "https://query1.finance.yahoo.com/v8/finance/chart/SPCX?range=1mo&interval=1d");

  const auto* sub = c.find_source("sub");
  BOOST_TEST_REQUIRE(sub != nullptr);
  BOOST_TEST(sub->cik == "1181412");
  BOOST_TEST(sub->url == "https://data.sec.gov/submissions/CIK0001181412.json");

  BOOST_TEST(c.find_channel("console")->give_up_after.count() == 3600);

  const auto* mm = c.find_trigger("mm");
  BOOST_TEST_REQUIRE(mm != nullptr);
  BOOST_TEST_REQUIRE(mm->threshold.has_value());
  BOOST_TEST(mm->threshold->value == 2.5);
  BOOST_TEST(!mm->threshold->relative);
  BOOST_TEST(mm->above.value_or(0) == 100.0);
  BOOST_TEST(mm->below.value_or(0) == 10.5);
  BOOST_TEST(mm->rearm == 0.25);
  BOOST_TEST(mm->cooldown.value_or(Seconds{0}).count() == 86400);

  const auto* tn = c.find_trigger("tn");
  BOOST_TEST_REQUIRE(tn != nullptr);
  BOOST_TEST(tn->owners == (std::vector<std::string>{"xAI"}), boost::test_tools::per_element());
  BOOST_TEST(tn->candidates == (std::vector<std::string>{"Mistral"}), boost::test_tools::per_element());
  BOOST_TEST(tn->confirm == 3);
  BOOST_TEST(tn->max_age.value_or(Seconds{0}).count() == 2 * 86400);
  BOOST_TEST(format_date(tn->deadline.value_or(TimePoint{})) == "2026-06-12");

  const auto* f = c.find_trigger("f");
  BOOST_TEST_REQUIRE(f != nullptr);
  BOOST_TEST(f->max_age.value_or(Seconds{0}).count() == 30 * 86400);

  BOOST_TEST(c.figures[0].as_of == "2026-05-31");
  BOOST_TEST(c.figures[0].note == "n");
  BOOST_TEST((c.figures[0].status == Confirmation::ai_prior));
}

BOOST_AUTO_TEST_CASE(resolves_relative_paths_against_the_config_folder) {
  TempDir dir;
  dir.write("etc/secrets/hook", "https://hooks.slack.com/services/T/B/relative\n");
  dir.write("etc/ca/bundle.pem", "x");
  auto file = dir.write("etc/watchdesk.toml",
                        "[watchdesk]\nstate = \"../var/state.db\"\nca_file = \"ca/bundle.pem\"\n"
                        "allow_file_urls = true\n"
                        "[sources.rel]\nkind = \"feed\"\nurl = \"file:snapshots/news feed.xml\"\nevery = \"1m\"\n"
                        "[sources.abs]\nkind = \"feed\"\nurl = \"file:///srv/snapshots/x.atom\"\nevery = \"1m\"\n"
                        "[channels.desk]\nkind = \"slack\"\nwebhook = \"file:secrets/hook\"\n");
  auto r = load_config(file);
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const auto etc = dir.path() / "etc";
  BOOST_TEST(r->watchdesk.state == dir.path() / "var" / "state.db");
  BOOST_TEST(r->watchdesk.ca_file == etc / "ca" / "bundle.pem");
  BOOST_TEST(r->find_source("rel")->url == "file://" + etc.string() + "/snapshots/news%20feed.xml");
  BOOST_TEST(r->find_source("abs")->url == "file:///srv/snapshots/x.atom");
  BOOST_TEST(r->find_channel("desk")->webhook.reveal() == "https://hooks.slack.com/services/T/B/relative");
}

BOOST_AUTO_TEST_CASE(reports_a_missing_ca_file_with_its_resolved_path) {
  TempDir dir;
  auto file = dir.write("w.toml", "[watchdesk]\nstate = \"s.db\"\nca_file = \"missing.pem\"\n");
  auto r = load_config(file);
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().position.line == 3);
  BOOST_TEST(r.error().message.find((dir.path() / "missing.pem").string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(accepts_a_toml_date_or_a_date_string) {
  for (const char* deadline : {"2026-06-12", "\"2026-06-12\""}) {
    BOOST_TEST_CONTEXT(deadline) {
      auto r = load_text(std::string(HEADER CONSOLE) +
                         "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
                         "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nsubject = [\"Colossus\"]\n"
                         "channels = [\"console\"]\ndeadline = " + deadline + "\n");
      BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
      BOOST_TEST(format_rfc3339(*r->triggers[0].deadline) == "2026-06-12T00:00:00Z");
    }
  }
  auto bad = load_text(std::string(HEADER CONSOLE) +
                       "[sources.n]\nkind = \"feed\"\nurl = \"https://e.com/f\"\nevery = \"15m\"\n"
                       "[triggers.t]\nkind = \"tenant\"\nsources = [\"n\"]\nsubject = [\"Colossus\"]\n"
                       "channels = [\"console\"]\ndeadline = 2026-06-12T00:00:00Z\n");
  BOOST_TEST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().message.find("must be a date such as 2026-06-12, got a date-time") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(never_shows_a_secret_value_in_an_error) {
  TempDir dir;
  const std::string value = "not-a-url-but-very-secret-9f8e7d";
  ScopedEnv env("WATCHDESK_TEST_BAD_WEBHOOK", value);
  dir.write("hook", value + "\n");
  struct Case {
    const char* reference;
    const char* fragment;
  };
  const Case cases[] = {
      {"env:WATCHDESK_TEST_BAD_WEBHOOK", "channel desk: webhook: the value of env:WATCHDESK_TEST_BAD_WEBHOOK is not"},
      {"file:hook", "channel desk: webhook: the value of file:hook is not an https:// URL"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.reference) {
      auto file = dir.write("w.toml", std::string(HEADER) + "[channels.desk]\nkind = \"slack\"\nwebhook = \"" +
                                          c.reference + "\"\n");
      auto r = load_config(file);
      BOOST_TEST_REQUIRE(!r.ok());
      BOOST_TEST(r.error().message.find(c.fragment) != std::string::npos, r.error().message);
      BOOST_TEST(r.error().to_string().find(value) == std::string::npos);
      BOOST_TEST(r.error().to_string().find("very-secret") == std::string::npos);
    }
  }
  // A literal that is not a URL is not echoed either.
  auto literal = load_text(std::string(HEADER) + "[channels.desk]\nkind = \"slack\"\nwebhook = \"" + value + "\"\n");
  BOOST_TEST_REQUIRE(!literal.ok());
  BOOST_TEST(literal.error().to_string().find(value) == std::string::npos);
  BOOST_TEST(literal.error().message.find("channel desk: webhook: the value is not an https:// URL") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(resolves_every_secret_form_into_channels) {
  TempDir dir;
  dir.write("creds/smtp-password", "from-credential\n");
  dir.write("hmac", "from-file\n");
  ScopedEnv env("WATCHDESK_TEST_HOOK", "https://hooks.slack.com/services/T/B/env");
  ScopedEnv creds("CREDENTIALS_DIRECTORY", (dir.path() / "creds").string());
  auto file = dir.write("w.toml", std::string(HEADER) +
                                      "[channels.desk]\nkind = \"slack\"\nwebhook = \"env:WATCHDESK_TEST_HOOK\"\n"
                                      "[channels.mail]\nkind = \"email\"\nsmtp = \"smtps://mail.example.com:465\"\n"
                                      "starttls = false\nfrom = \"w@example.com\"\nto = [\"a@example.com\", "
                                      "\"b@example.com\"]\nusername = \"w\"\npassword = \"credential:smtp-password\"\n"
                                      "[channels.hook]\nkind = \"webhook\"\nurl = \"http://127.0.0.1:9/h\"\n"
                                      "secret = \"file:hmac\"\n"
                                      "[channels.lit]\nkind = \"slack\"\nwebhook = \"https://hooks.slack.com/x\"\n");
  auto r = load_config(file);
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  BOOST_TEST(r->find_channel("desk")->webhook.reveal() == "https://hooks.slack.com/services/T/B/env");
  BOOST_TEST(r->find_channel("mail")->password.reveal() == "from-credential");
  BOOST_TEST(!r->find_channel("mail")->starttls);
  BOOST_TEST(r->find_channel("mail")->to.size() == 2u);
  BOOST_TEST(r->find_channel("hook")->secret.reveal() == "from-file");
  BOOST_TEST(r->find_channel("lit")->webhook.reveal() == "https://hooks.slack.com/x");
}

BOOST_AUTO_TEST_CASE(stooq_api_key_is_resolved_and_sent_to_stooq_urls_only) {
  ScopedEnv env("WATCHDESK_TEST_STOOQ_KEY", "k3y/with&odd=chars");
  auto r = load_text(std::string(HEADER CONSOLE) +
                     "[sources.p]\nkind = \"price\"\nprovider = \"yahoo\"\nsymbol = \"CRWV\"\nevery = \"15m\"\n"
                     "fallback = \"stooq\"\napi_key = \"env:WATCHDESK_TEST_STOOQ_KEY\"\n");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  Source source = *r->find_source("p");
  BOOST_TEST(source.api_key.reveal() == "k3y/with&odd=chars");
  // Yahoo, the provider, never sees the key; the stooq fallback gets it as `apikey`.
  BOOST_TEST(price_request_url(source) == source.url);
  BOOST_TEST(source.url.find("k3y") == std::string::npos);
  source.price_provider = source.fallbacks.front().provider;
  source.url = source.fallbacks.front().url;
  BOOST_TEST(price_request_url(source) ==
             "https://stooq.com/q/l/?s=crwv.us&f=sd2t2ohlcv&h&e=csv&apikey=k3y%2Fwith%26odd%3Dchars");
}

BOOST_AUTO_TEST_CASE(a_missing_secret_fails_the_whole_load) {
  ScopedEnv env("WATCHDESK_TEST_UNSET_WEBHOOK", std::nullopt);
  auto r = load_text(std::string(HEADER CONSOLE) +
                     "[channels.desk]\nkind = \"slack\"\nwebhook = \"env:WATCHDESK_TEST_UNSET_WEBHOOK\"\n");
  BOOST_TEST(!r.ok());
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().position.line == 9);
}

BOOST_AUTO_TEST_CASE(accepts_an_absolute_threshold_and_metrics_over_metrics) {
  auto r = load_text(std::string(HEADER CONSOLE) + PRICE_SOURCE +
                     "[sources.crwv-facts]\nkind = \"edgar-facts\"\ncik = \"1769628\"\nevery = \"1d\"\n"
                     "[metrics.ps]\nexpr = \"crwv-price.close * crwv-facts.shares_outstanding / "
                     "crwv-facts.revenue_ttm\"\n"
                     "[metrics.ratio]\nexpr = \"ps / (ps + 1)\"\n"
                     "[triggers.t]\nkind = \"metric-move\"\nmetric = \"ratio\"\nwindow = \"7d\"\nthreshold = 1\n"
                     "channels = [\"console\"]\n"
                     "[triggers.u]\nkind = \"metric-move\"\nmetric = \"crwv-price.volume\"\nwindow = \"1d\"\n"
                     "above = 1e9\nchannels = [\"console\"]\n");
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  BOOST_TEST(r->find_metric("ratio")->inputs == (std::vector<std::string>{"ps"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(loads_the_shipped_configuration_with_no_environment) {
  ScopedEnv no_credentials("CREDENTIALS_DIRECTORY", std::nullopt);
  ScopedEnv no_webhook("WATCHDESK_SLACK_WEBHOOK", std::nullopt);
  const auto file = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "config" / "watchdesk.toml";
  auto r = load_config(file);
  BOOST_TEST_REQUIRE(r.ok(), (r.ok() ? "" : r.error().to_string()));
  const auto& c = *r;
  BOOST_TEST(c.watchdesk.state == "/var/lib/watchdesk/state.db");
  BOOST_TEST(c.watchdesk.user_agent.find('@') != std::string::npos);
  for (const char* id : {"spacex-filings", "sec-latest", "spacex-submissions", "crwv-price", "spcx-price",
                         "crwv-facts", "spcx-facts", "colossus-news", "colossus-filings", "xai-jobs", "spacex-jobs"}) {
    BOOST_TEST_CONTEXT(id) { BOOST_TEST(c.find_source(id) != nullptr); }
  }
  for (const char* id : {"crwv-ps", "spcx-ps", "spcx-vs-crwv"}) {
    BOOST_TEST_CONTEXT(id) { BOOST_TEST(c.find_metric(id) != nullptr); }
  }
  for (const char* id : {"s1-public", "spacex-post-listing", "coreweave-move", "spacex-comp-move", "second-tenant",
                         "ai-infra-hiring"}) {
    BOOST_TEST_CONTEXT(id) { BOOST_TEST(c.find_trigger(id) != nullptr); }
  }
  BOOST_TEST(c.find_channel("console") != nullptr);
  BOOST_TEST(c.figures.size() == 6u);

  const auto* filings = c.find_source("spacex-filings");
  BOOST_TEST_REQUIRE(filings != nullptr);
  BOOST_TEST(filings->cik == "1181412");
  const auto* crwv = c.find_source("crwv-price");
  BOOST_TEST_REQUIRE(crwv != nullptr);
  BOOST_TEST((crwv->price_provider == PriceProvider::yahoo));
  BOOST_TEST(c.find_source("crwv-facts")->cik == "1769628");
  const auto* tenant = c.find_trigger("second-tenant");
  BOOST_TEST_REQUIRE(tenant != nullptr);
  BOOST_TEST(format_date(tenant->deadline.value_or(TimePoint{})) == "2026-06-12");
  BOOST_TEST(tenant->known == (std::vector<std::string>{"Anthropic"}), boost::test_tools::per_element());
  const auto* move = c.find_trigger("coreweave-move");
  BOOST_TEST_REQUIRE(move != nullptr);
  BOOST_TEST(move->metric == "crwv-ps");
  BOOST_TEST(move->window.count() == 7 * 86400);
  BOOST_TEST(move->threshold.value_or(Threshold{}).value == 0.10, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c.find_metric("spcx-vs-crwv")->inputs == (std::vector<std::string>{"spcx-ps", "crwv-ps"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(survives_arbitrary_bytes_without_throwing) {
  const std::string inputs[] = {std::string("\0\xff\xfe", 3), "[", "[[watchdesk]]\nstate=1", "a.b.c.d = 1",
                                "[watchdesk]\nstate = \"\"\n", "x = \"\\uD800\"", std::string(200, '[')};
  for (const auto& text : inputs) {
    auto r = load_text(text);
    BOOST_TEST(!r.ok());
    BOOST_TEST(!r.ok());
  }
  // The shipped file read back in as text gives the same result as loading it from disk.
  ScopedEnv no_credentials("CREDENTIALS_DIRECTORY", std::nullopt);
  const auto shipped = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "config" / "watchdesk.toml";
  auto from_text = load_config_text(read_file(shipped), shipped);
  BOOST_TEST(from_text.ok());
}

BOOST_AUTO_TEST_SUITE_END()
