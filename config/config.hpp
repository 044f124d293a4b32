// The typed configuration: every section of the TOML schema in DESIGN.md, loaded and validated.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/source_index.hpp"
#include "core/result.hpp"
#include "core/secret.hpp"
#include "core/time.hpp"
#include "core/weekly_schedule.hpp"

namespace watchdesk::config {

/// Confirmation status of a figure or an alert, as the seed tags them.
enum class Confirmation { ai_prior, reported, confirmed };

/// The kinds of source (`kind = "..."`).
enum class SourceKind { edgar_filings, edgar_current, edgar_submissions, edgar_facts, edgar_search,
                        price, jobs, feed };

/// Price providers (`provider` of a `price` source).
enum class PriceProvider { stooq, yahoo, nasdaq };

/// A price provider tried when the ones before it fail, and the URL fetched from it.
struct PriceFallback {
  PriceProvider provider = PriceProvider::yahoo;
  std::string url;
};

/// Job-board providers (`provider` of a `jobs` source).
enum class JobsProvider { greenhouse, lever, ashby };

/// `[sources.ID]`: one thing watchdesk polls.
struct Source {
  std::string id;
  SourceKind kind = SourceKind::feed;
  /// The URL fetched: `url` when given, else the default built from the kind's keys.
  std::string url;
  /// True when `url` was given explicitly.
  bool url_overridden = false;
  /// Poll interval (`every`).
  Seconds every{600};
  /// Jitter as a fraction of `every` (`jitter = "10%"`, default 10%).
  double jitter = 0.10;
  /// Body cap for this source (`max_body`), default from `[watchdesk]`.
  std::size_t max_body = 0;
  /// Where the source was declared, for messages.
  Position position;

  // edgar-filings, edgar-submissions, edgar-facts: the company (digits, no zero padding).
  std::string cik;
  /// edgar-filings / edgar-current / edgar-submissions / edgar-search: form types kept (empty: all).
  std::vector<std::string> forms;
  /// edgar-current: keep only these filers (CIKs, digits) ...
  std::vector<std::string> ciks;
  /// ... or these company-name substrings (any case).
  std::vector<std::string> companies;
  /// edgar-search: the full-text query (`q`), and the date range start (`since`, default 1 year back).
  std::string query;
  std::optional<TimePoint> since;

  /// price: provider (yahoo unless given), the fallback providers tried in order, symbol (`CRWV`).
  PriceProvider price_provider = PriceProvider::yahoo;
  std::vector<PriceFallback> fallbacks;
  std::string symbol;
  /// price: fetch daily history rather than the latest quote (`history = true`, stooq and nasdaq).
  bool history = false;
  /// price: Stooq's API key (`api_key = "env:STOOQ_KEY"`), sent as `apikey` to stooq URLs only.
  Secret api_key;

  /// jobs: provider, board name and the words a posting must match to count in `open_roles`.
  JobsProvider jobs_provider = JobsProvider::greenhouse;
  std::string board;
  std::vector<std::string> match;
};

/// `[metrics.NAME]`: a derived series over other series.
struct Metric {
  std::string name;
  /// The expression text: `+ - * /`, parentheses, numbers and series names.
  std::string expr;
  /// Series names the expression refers to (`SOURCE.FIELD` or other metric names).
  std::vector<std::string> inputs;
  Position position;
};

/// The kinds of trigger (`kind = "..."`).
enum class TriggerKind { filing, metric_move, tenant, count };

/// A change threshold: `10%` (relative) or a plain number (absolute units of the series).
struct Threshold {
  double value = 0;
  bool relative = true;
};

/// `[triggers.ID]`: one question watchdesk answers.
struct Trigger {
  std::string id;
  TriggerKind kind = TriggerKind::filing;
  /// Channels the alerts go to.
  std::vector<std::string> channels;
  /// Items published longer ago than this when first seen never alert (default 3 days; none for
  /// `filing`).
  std::optional<Seconds> max_age;
  Position position;

  /// filing / count: the source; filing: the forms that fire.
  std::string source;
  std::vector<std::string> forms;

  /// metric-move: the series or metric watched, the look-back window, the change that fires,
  /// optional absolute levels, the re-arm fraction (default 0.5) and the cooldown (default: window).
  std::string metric;
  Seconds window{0};
  std::optional<Threshold> threshold;
  std::optional<double> above;
  std::optional<double> below;
  double rearm = 0.5;
  std::optional<Seconds> cooldown;

  /// tenant: sources, subject terms, owners (never new tenants), known tenants, extra candidate
  /// organisations, how many distinct publishers confirm, and the deadline (a date, UTC midnight).
  std::vector<std::string> sources;
  std::vector<std::string> subject;
  std::vector<std::string> owners;
  std::vector<std::string> known;
  std::vector<std::string> candidates;
  int confirm = 2;
  std::optional<TimePoint> deadline;

  /// count: words an observation's title must contain to count (empty: all).
  std::vector<std::string> match;
};

/// The kinds of channel (`kind = "..."`).
enum class ChannelKind { slack, email, webhook, stdout_ };

/// `[channels.ID]`: where alerts go.
struct Channel {
  std::string id;
  ChannelKind kind = ChannelKind::stdout_;
  /// How long a failing delivery is retried before it is given up (`give_up_after`, default 24 h).
  Seconds give_up_after{24 * 3600};
  Position position;

  /// slack: the incoming-webhook URL.
  Secret webhook;

  /// email: `smtp://host:587` or `smtps://host:465`, STARTTLS required, sender, recipients, login.
  std::string smtp;
  bool starttls = true;
  std::string from;
  std::vector<std::string> to;
  std::string username;
  Secret password;

  /// webhook: the URL, and the HMAC-SHA256 signing secret (optional).
  std::string url;
  Secret secret;
};

/// `[figures.NAME]`: one of the desk's model inputs with its confirmation tag.
struct Figure {
  std::string name;
  std::string label;
  std::string value;
  Confirmation status = Confirmation::reported;
  std::vector<std::string> signals;
  std::string as_of;
  std::string note;
};

/// `[digests.ID]`: the desk's weekly note, sent on its schedule by `run`.
struct Digest {
  std::string id;
  /// `schedule` (`Mon 08:00`) in `timezone` (an IANA name, default `UTC`).
  WeeklySchedule schedule;
  std::vector<std::string> channels;
  /// The triggers it reports on, in this order (empty: every trigger, in config order).
  std::vector<std::string> triggers;
};

/// `[watchdesk]`: process-wide settings.
struct Settings {
  /// The SQLite state file (relative paths resolved against the config file's folder).
  std::filesystem::path state;
  /// Sent on every request; SEC hosts need a name and an email.
  std::string user_agent;
  std::string log_level = "info";
  /// `host:port` for Prometheus `/metrics` and `/healthz`; empty: off.
  std::string metrics;
  /// Allow a non-loopback metrics address (the status page and API then need `metrics_token`).
  bool metrics_public = false;
  /// The bearer token or basic-auth password the status page and API ask for (empty: none).
  Secret metrics_token;
  /// Allow `file://` URLs (offline snapshots only).
  bool allow_file_urls = false;
  /// Channels for source-health alerts (default: every channel).
  std::vector<std::string> health_channels;
  /// Default body cap per fetch (`max_body = "16MiB"`).
  std::size_t max_body = 16u * 1024u * 1024u;
  /// Requests per second allowed to SEC hosts in total (default 8, never above 10).
  double sec_rate = 8;
  /// Requests per second per other host (default 2).
  double host_rate = 2;
  /// Concurrent connections per host (default 4).
  int host_connections = 4;
  /// Connect timeout and whole-transfer timeout.
  Seconds connect_timeout{10};
  Seconds timeout{60};
  /// Optional CA bundle for TLS verification.
  std::filesystem::path ca_file;
  /// Source health: failures in a row, and missed intervals without success, before an alert.
  int fail_after = 3;
  int stale_after = 3;
  /// A price more than this many times above or below the last close is refused at ingestion.
  double price_factor = 100;
  /// Where each fetched body that differs from its source's previous one is kept for `replay`
  /// (relative paths resolved against the config file's folder); empty: off.
  std::filesystem::path archive;
  /// How long archived bodies are kept (`archive_keep = "90d"`).
  Seconds archive_keep{90 * 24 * 3600};
};

/// A whole, validated configuration.
struct Config {
  /// The file it was loaded from (absolute).
  std::filesystem::path file;
  Settings watchdesk;
  std::vector<Source> sources;
  std::vector<Metric> metrics;
  std::vector<Trigger> triggers;
  std::vector<Channel> channels;
  std::vector<Figure> figures;
  std::vector<Digest> digests;

  /// Lookups by id; nullptr when absent.
  const Source* find_source(std::string_view id) const;
  const Channel* find_channel(std::string_view id) const;
  const Metric* find_metric(std::string_view name) const;
  const Trigger* find_trigger(std::string_view id) const;
  const Digest* find_digest(std::string_view id) const;

  /// Makes `find_source` constant-time; not part of the configuration itself.
  SourceIndex source_index;
};

/// The names used in TOML for the enums above (`edgar-filings`, `metric-move`, `ai-prior`, ...), from
/// the tables in `config/names.hpp`.
std::string_view to_string(SourceKind kind);
std::string_view to_string(TriggerKind kind);
std::string_view to_string(ChannelKind kind);
std::string_view to_string(Confirmation status);
std::string_view to_string(PriceProvider provider);
std::string_view to_string(JobsProvider provider);

}  // namespace watchdesk::config
