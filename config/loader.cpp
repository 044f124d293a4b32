// The config loader: TOML parse, schema of every section, cross-checks, secret resolution.
#include "config/loader.hpp"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <system_error>

#include "config/default_urls.hpp"
#include "config/rules.hpp"
#include "config/source_groups.hpp"
#include "config/source_kinds.hpp"
#include "config/toml.hpp"
#include "config/toml_reader.hpp"
#include "core/expression.hpp"
#include "core/secret.hpp"
#include "core/suggest.hpp"
#include "core/text/strings.hpp"
#include "core/units.hpp"
#include "core/urls.hpp"

namespace watchdesk::config {

namespace {

bool is_expression_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
}

// The 0-based offset of `name` as a whole token in `text`, or npos.
std::size_t find_token(std::string_view text, std::string_view name) {
  for (auto at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    bool starts = at == 0 || !is_expression_name_char(text[at - 1]);
    auto end = at + name.size();
    bool ends = end == text.size() || !is_expression_name_char(text[end]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

// ---- Names of kinds, and which keys each kind takes -------------------------------------------

using SK = SourceKind;
using TK = TriggerKind;
using CK = ChannelKind;

// The keys of `[sources.ID]`, from the source-kind table.
const std::vector<KeyRule<SourceKind>>& source_rules() {
  static const std::vector<KeyRule<SourceKind>> rules = [] {
    std::vector<KeyRule<SourceKind>> out;
    for (auto key : common_source_keys()) out.push_back({key, {}});
    for (const auto& spec : source_kinds()) {
      for (auto key : spec.keys) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& rule) { return rule.key == key; });
        if (it == out.end()) it = out.insert(out.end(), KeyRule<SourceKind>{key, {}});
        it->kinds.push_back(spec.kind);
      }
    }
    return out;
  }();
  return rules;
}

const std::vector<KeyRule<TriggerKind>>& trigger_rules() {
  static const std::vector<KeyRule<TriggerKind>> rules{
      {"kind", {}},
      {"channels", {}},
      {"max_age", {TK::filing, TK::metric_move, TK::tenant, TK::count}},
      {"source", {TK::filing, TK::count}},
      {"forms", {TK::filing}},
      {"metric", {TK::metric_move}},
      {"window", {TK::metric_move, TK::count}},
      {"threshold", {TK::metric_move}},
      {"above", {TK::metric_move, TK::count}},
      {"below", {TK::metric_move, TK::count}},
      {"rearm", {TK::metric_move, TK::count}},
      {"cooldown", {TK::metric_move, TK::count}},
      {"sources", {TK::tenant}},
      {"subject", {TK::tenant}},
      {"owners", {TK::tenant}},
      {"known", {TK::tenant}},
      {"candidates", {TK::tenant}},
      {"confirm", {TK::tenant}},
      {"deadline", {TK::tenant}},
      {"match", {TK::count}},
  };
  return rules;
}

const std::vector<KeyRule<ChannelKind>>& channel_rules() {
  static const std::vector<KeyRule<ChannelKind>> rules{
      {"kind", {}},           {"give_up_after", {}},     {"webhook", {CK::slack}},
      {"smtp", {CK::email}},  {"starttls", {CK::email}}, {"from", {CK::email}},
      {"to", {CK::email}},    {"username", {CK::email}}, {"password", {CK::email}},
      {"url", {CK::webhook}}, {"secret", {CK::webhook}},
  };
  return rules;
}

const std::vector<std::string>& settings_keys() {
  static const std::vector<std::string> keys{"state",          "user_agent",      "log_level",        "metrics",
                                             "metrics_public", "allow_file_urls", "health_channels",  "max_body",
                                             "sec_rate",       "host_rate",       "host_connections", "connect_timeout",
                                             "timeout",        "ca_file",         "fail_after",       "stale_after",
                                             "price_factor",   "archive",         "archive_keep",     "metrics_token"};
  return keys;
}

const std::vector<std::string>& section_names() {
  static const std::vector<std::string> names{"watchdesk", "sources",  "metrics", "triggers",
                                              "channels",  "figures", "digests"};
  return names;
}

// ---- One table being read ----------------------------------------------------------------------

// What the cross-checks need to know about a source beyond the typed `Source`.
struct SourceInfo {
  bool ok = true;
  Position url_at;
};

// Where a trigger's references were written, for the cross-check messages.
struct TriggerInfo {
  bool ok = true;
  Position channels_at;
  std::vector<Position> channel_at;
  Position source_at;
  std::vector<Position> sources_at;
  Position metric_at;
  std::vector<Position> forms_at;
};

// Where a digest's references were written, for the cross-check messages.
struct DigestInfo {
  std::vector<Position> channel_at;
  std::vector<Position> trigger_at;
};

// Where a metric's expression was written (series positions are offsets into it).
struct MetricInfo {
  bool ok = true;
  Position expr_at;
};

// A secret waiting to be resolved once everything else is valid: a channel's, or a source's
// `api_key` when `source` is set.
struct PendingSecret {
  std::size_t channel = 0;
  Secret Channel::*member = nullptr;
  std::string key;
  std::string reference;
  Position at;
  std::optional<std::size_t> source = std::nullopt;
};

class Loader : private TomlReader {
 public:
  Loader(std::filesystem::path shown, std::filesystem::path absolute)
      : shown_(std::move(shown)), base_dir_(absolute.parent_path()) {
    config_.file = std::move(absolute);
  }

  Result<Config> load(std::string_view text, SourceTables tables);

  /// True when `load` met a file its source groups cannot stand for: it must be read in one tree.
  bool needs_one_tree() const { return needs_one_tree_; }

 private:
  // Reads the `[sources.ID]` tables of `tree` (and drops each from it once read).
  void read_sources(toml::table& tree);
  // Reads the sources of `groups`, one group's tree at a time; false when the file must be read in
  // one tree instead.
  bool read_source_groups(std::string_view text, const std::vector<SourceGroup>& groups);

  std::optional<std::string> read_cik(const Section& s, std::string_view key);
  std::optional<std::vector<std::string>> read_ciks(const Section& s, std::string_view key);
  /// A key holding one string or an array of strings.
  std::optional<std::vector<std::string>> read_one_or_more(const Section& s, std::string_view key,
                                                           std::vector<Position>& element_at);
  /// `fallback` (one provider or an ordered list) and `fallback_url` of a price source.
  void read_price_fallbacks(const Section& s, Source& src);
  // `api_key`: a secret reference, only where stooq is the provider or a fallback.
  void read_price_api_key(const Section& s, const Source& src);

  // Sections.
  void read_root();
  void read_settings(const Section& s);
  void read_source(const Section& s);
  void read_metric(const Section& s);
  void read_trigger(const Section& s);
  void read_channel(const Section& s);
  void read_figure(const Section& s);
  void read_digest(const Section& s);

  // Cross-checks.
  void check_source_urls();
  void check_user_agent();
  void check_references();
  void check_metrics();
  void check_series(std::string_view owner, std::string_view key, std::string_view name, Position at);
  void resolve_secrets();

  std::filesystem::path resolve_path(std::string_view text) const {
    std::filesystem::path path(text);
    if (path.is_relative()) path = base_dir_ / path;
    return path.lexically_normal();
  }

  std::filesystem::path shown_;
  std::filesystem::path base_dir_;
  toml::table root_;
  bool needs_one_tree_ = false;
  Config config_;

  bool have_settings_ = false;
  Section settings_section_;
  Position user_agent_at_;

  std::set<std::string> declared_sources_;
  std::set<std::string> declared_channels_;
  std::set<std::string> declared_metrics_;
  std::vector<SourceInfo> source_info_;
  std::vector<TriggerInfo> trigger_info_;
  std::vector<MetricInfo> metric_info_;
  std::vector<DigestInfo> digest_info_;
  std::vector<Position> health_channels_at_;
  std::vector<PendingSecret> secrets_;
  /// `[watchdesk] metrics_token` as written, and where.
  std::string metrics_token_reference_;
  Position metrics_token_at_;
};

// ---- Key checks ------------------------------------------------------------------------------







// ---- Typed readers -----------------------------------------------------------------------------










std::optional<std::string> Loader::read_cik(const Section& s, std::string_view key) {
  const auto* node = value(s, key, Need::required, "cik = \"1181412\"");
  if (node == nullptr) return std::nullopt;
  std::string digits;
  if (const auto* i = node->as_integer()) {
    if (i->get() > 0) digits = std::to_string(i->get());
  } else if (const auto* str = node->as_string()) {
    digits = str->get();
  } else {
    wrong_type(s, key, *node, "the company's CIK number such as \"1181412\"");
    return std::nullopt;
  }
  bool all_digits = !digits.empty() && digits.size() <= 10 &&
                    std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  auto first = digits.find_first_not_of('0');
  if (!all_digits || first == std::string::npos) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) +
                                          "' must be the company's CIK number (up to 10 digits), such as \"1181412\"");
    return std::nullopt;
  }
  return digits.substr(first);
}

std::optional<std::vector<std::string>> Loader::read_ciks(const Section& s, std::string_view key) {
  std::vector<Position> element_at;
  auto items = read_strings(s, key, Need::optional, "[\"1181412\"]", &element_at);
  if (!items) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto& digits = (*items)[i];
    auto first = digits.find_first_not_of('0');
    bool ok = digits.size() <= 10 && first != std::string::npos &&
              std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) {
      fail(element_at[i],
           s.label + " '" + std::string(key) + "' must hold CIK numbers (up to 10 digits), got " + in_quotes(digits));
      return std::nullopt;
    }
    out.push_back(digits.substr(first));
  }
  return out;
}

std::optional<std::vector<std::string>> Loader::read_one_or_more(const Section& s, std::string_view key,
                                                                 std::vector<Position>& element_at) {
  const auto* node = s.table->get(key);
  if (node == nullptr) return std::nullopt;
  if (node->is_string()) {
    element_at.push_back(position_of(node->source()));
    auto one = read_string(s, key, Need::required);
    if (!one) return std::nullopt;
    return std::vector<std::string>{std::move(*one)};
  }
  return read_strings(s, key, Need::optional, {}, &element_at);
}

void Loader::read_price_fallbacks(const Section& s, Source& src) {
  std::vector<Position> provider_at;
  auto names = read_one_or_more(s, "fallback", provider_at);
  std::vector<Position> url_at;
  auto urls = read_one_or_more(s, "fallback_url", url_at);
  if (!names) {
    if (urls) fail(url_at.front(), s.label + " 'fallback_url' needs 'fallback', the provider it is fetched from");
    return;
  }
  if (urls && urls->size() != names->size()) {
    fail(url_at.front(), s.label + " 'fallback_url' must give one URL per 'fallback' provider (" +
                             std::to_string(names->size()) + "), in the same order");
    return;
  }
  for (std::size_t i = 0; i < names->size(); ++i) {
    const std::string& name = (*names)[i];
    auto provider = parse_name<PriceProvider>(name);
    if (!provider) {
      fail(provider_at[i], s.label + " unknown price provider '" + name + "' in 'fallback'; valid price providers: " +
                               text::join(all_names<PriceProvider>(), ", "));
      continue;
    }
    const bool repeated = *provider == src.price_provider ||
                          std::any_of(src.fallbacks.begin(), src.fallbacks.end(),
                                      [&](const PriceFallback& f) { return f.provider == *provider; });
    if (repeated) {
      fail(provider_at[i], s.label + " 'fallback' must name providers other than 'provider' (" +
                               std::string(config::to_string(src.price_provider)) + "), each once");
      continue;
    }
    std::string url = urls ? (*urls)[i] : price_url(*provider, src.symbol, PriceHistory::latest);
    if (urls && !url.starts_with("https://") && !url.starts_with("http://") && !url.starts_with("file:"))
      fail(url_at[std::min(i, url_at.size() - 1)], s.label + " 'fallback_url' must hold http(s) URLs, got " + in_quotes(url));
    src.fallbacks.push_back(PriceFallback{*provider, std::move(url)});
  }
}

void Loader::read_price_api_key(const Section& s, const Source& src) {
  Position at;
  auto text = read_string(s, "api_key", Need::optional, "api_key = \"env:STOOQ_KEY\"", &at);
  if (!text) return;
  const bool stooq = src.price_provider == PriceProvider::stooq ||
                     std::any_of(src.fallbacks.begin(), src.fallbacks.end(),
                                 [](const PriceFallback& f) { return f.provider == PriceProvider::stooq; });
  if (!stooq) {
    fail(at, s.label + " 'api_key' is Stooq's key and applies only where stooq is the 'provider' or a 'fallback'");
    return;
  }
  auto reference = parse_secret_reference(*text);
  if (!reference) {
    fail(at, "source " + s.id + ": api_key: " + reference.error().message);
    return;
  }
  secrets_.push_back(PendingSecret{0, nullptr, "api_key", *text, at, config_.sources.size()});
}

// ---- Sections ----------------------------------------------------------------------------------


void Loader::read_root() {
  for (auto&& [key, node] : root_) {
    const auto name = key.str();
    // A settings key above the [watchdesk] header (`metrics` is both a key and a section).
    if (!node.is_table() && std::find(settings_keys().begin(), settings_keys().end(), name) != settings_keys().end()) {
      fail(Tier::keys, position_of(key.source()),
           "'" + std::string(name) + "' belongs in the [watchdesk] section: put it after the [watchdesk] header");
      continue;
    }
    if (std::find(section_names().begin(), section_names().end(), name) != section_names().end()) {
      if (!node.is_table())
        fail(position_of(key.source()),
             "'" + std::string(name) + "' must be a table ([" + std::string(name) + "]), got " + type_phrase(node));
      continue;
    }
    std::string message = "unknown section '" + std::string(name) + "'";
    if (auto guess = closest_match(name, section_names()))
      message += "; did you mean [" + *guess + "]? Sections";
    else
      message += "; sections";
    message += " are " + text::join(section_names(), ", ");
    fail(Tier::keys, position_of(key.source()), std::move(message));
  }
}

void Loader::read_settings(const Section& s) {
  check_plain_keys(s, settings_keys());
  auto& w = config_.watchdesk;
  if (auto state = read_string(s, "state", Need::required, "state = \"/var/lib/watchdesk/state.db\""))
    w.state = resolve_path(*state);
  Position ua_at;
  if (auto ua = read_string(s, "user_agent", Need::optional, {}, &ua_at)) {
    if (auto problem = user_agent_problem(*ua))
      fail(ua_at, s.label + " 'user_agent' " + *problem);
    else
      w.user_agent = *ua;
  }
  user_agent_at_ = ua_at;
  Position level_at;
  if (auto level = read_string(s, "log_level", Need::optional, {}, &level_at)) {
    static const std::vector<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (std::find(levels.begin(), levels.end(), *level) == levels.end()) {
      std::string message = s.label + " unknown log_level '" + *level + "'";
      if (auto guess = closest_match(*level, levels))
        message += "; did you mean '" + *guess + "'? Valid";
      else
        message += "; valid";
      fail(level_at, message + " levels: " + text::join(levels, ", "));
    } else {
      w.log_level = *level;
    }
  }
  if (auto b = read_bool(s, "metrics_public")) w.metrics_public = *b;
  if (auto b = read_bool(s, "allow_file_urls")) w.allow_file_urls = *b;
  Position metrics_at;
  if (auto address = read_string(s, "metrics", Need::optional, {}, &metrics_at)) {
    std::string host;
    std::string port;
    if (address->starts_with('[')) {
      auto close = address->find("]:");
      if (close != std::string::npos) {
        host = address->substr(1, close - 1);
        port = address->substr(close + 2);
      }
    } else if (auto colon = address->rfind(':'); colon != std::string::npos) {
      host = address->substr(0, colon);
      port = address->substr(colon + 1);
    }
    int port_number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), port_number);
    if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || port_number < 1 ||
        port_number > 65535) {
      fail(metrics_at, s.label + " 'metrics' must be HOST:PORT such as \"127.0.0.1:9464\", got " + in_quotes(*address));
    } else if (!is_loopback_host(host) && !w.metrics_public) {
      fail(metrics_at, s.label + " 'metrics' address " + in_quotes(*address) +
                           " is not a loopback address; /metrics would be reachable from the network. Bind "
                           "127.0.0.1, or set metrics_public = true to allow it");
    } else {
      w.metrics = *address;
    }
  }
  if (auto token = read_string(s, "metrics_token", Need::optional, {}, &metrics_token_at_)) {
    if (auto reference = parse_secret_reference(*token); !reference)
      fail(metrics_token_at_, s.label + " 'metrics_token': " + reference.error().message);
    else
      metrics_token_reference_ = *token;
  }
  if (w.metrics_public && !w.metrics.empty() && metrics_token_reference_.empty()) {
    fail(position_of(s.table->get("metrics_public")->source()),
         s.label + " metrics_public = true serves the status page and its API to the network; set metrics_token = "
                   "\"env:WATCHDESK_STATUS_TOKEN\" (or file:PATH, credential:NAME) so that they need a token");
  }
  std::vector<Position> channel_at;
  if (auto list = read_strings(s, "health_channels", Need::optional, "[\"desk\"]", &channel_at)) {
    if (list->empty()) {
      fail(position_of(s.table->get("health_channels")->source()),
           s.label + " 'health_channels' is empty; remove it to send source-health alerts to every channel");
    }
    w.health_channels = *list;
    health_channels_at_ = channel_at;
  }
  if (auto size = read_size(s, "max_body")) w.max_body = *size;
  if (auto rate = read_number(s, "sec_rate", Need::optional)) {
    if (*rate <= 0 || *rate > 10)
      fail(position_of(s.table->get("sec_rate")->source()),
           s.label +
               " 'sec_rate' must be more than 0 and at most 10 requests per second (SEC fair-access "
               "limit for all your machines together)");
    else
      w.sec_rate = *rate;
  }
  if (auto rate = read_number(s, "host_rate", Need::optional)) {
    if (*rate <= 0)
      fail(position_of(s.table->get("host_rate")->source()),
           s.label + " 'host_rate' must be more than 0 requests per second");
    else
      w.host_rate = *rate;
  }
  if (auto n = read_integer(s, "host_connections", Need::optional, 1, 64)) w.host_connections = static_cast<int>(*n);
  if (auto d = read_duration(s, "connect_timeout", Need::optional)) w.connect_timeout = *d;
  if (auto d = read_duration(s, "timeout", Need::optional)) w.timeout = *d;
  Position ca_at;
  if (auto ca = read_string(s, "ca_file", Need::optional, {}, &ca_at)) {
    w.ca_file = resolve_path(*ca);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(w.ca_file, ec))
      fail(ca_at, s.label + " 'ca_file' " + w.ca_file.string() + " is not a readable file");
  }
  if (auto dir = read_string(s, "archive", Need::optional)) w.archive = resolve_path(*dir);
  if (auto keep = read_duration(s, "archive_keep", Need::optional)) w.archive_keep = *keep;
  if (auto n = read_integer(s, "fail_after", Need::optional, 1, 1000)) w.fail_after = static_cast<int>(*n);
  if (auto n = read_integer(s, "stale_after", Need::optional, 1, 1000)) w.stale_after = static_cast<int>(*n);
  if (auto factor = read_number(s, "price_factor", Need::optional)) {
    if (!(*factor > 1))
      fail(position_of(s.table->get("price_factor")->source()),
           s.label + " 'price_factor' must be more than 1 (a price more than this many times above or below "
                     "the last close is refused)");
    else
      w.price_factor = *factor;
  }
}

void Loader::read_source(const Section& s) {
  const auto errors_before = findings().size();
  Source src;
  src.id = s.id;
  src.position = s.header;
  src.max_body = config_.watchdesk.max_body;
  SourceInfo info;
  auto kind = read_name<SourceKind>(s, "source kind", "source kinds", "kind", "kind = \"feed\"");
  if (!kind) {
    info.ok = false;
    config_.sources.push_back(std::move(src));
    source_info_.push_back(info);
    return;
  }
  src.kind = *kind;
  check_keys(s, "source", *kind, source_rules());

  if (auto every = read_duration(s, "every", Need::required, "every = \"10m\"")) src.every = *every;
  if (auto jitter = read_fraction(s, "jitter", 0.5)) src.jitter = *jitter;
  if (auto size = read_size(s, "max_body")) src.max_body = *size;
  if (auto url = read_url(s, "url", *kind == SK::feed ? Need::required : Need::optional,
                          "url = \"https://news.google.com/rss/search?q=Colossus+xAI\"", &info.url_at)) {
    src.url = *url;
    src.url_overridden = true;
  }

  switch (*kind) {
    case SK::edgar_filings:
    case SK::edgar_submissions:
    case SK::edgar_facts:
      if (auto cik = read_cik(s, "cik")) src.cik = *cik;
      if (*kind != SK::edgar_facts)
        if (auto forms = read_strings(s, "forms", Need::optional, "[\"S-1\", \"S-1/A\"]")) src.forms = *forms;
      break;
    case SK::edgar_current:
      if (auto forms = read_strings(s, "forms", Need::optional, "[\"S-1\", \"S-1/A\"]")) src.forms = *forms;
      if (auto ciks = read_ciks(s, "ciks")) src.ciks = *ciks;
      if (auto companies = read_strings(s, "companies", Need::optional, "[\"Space Exploration\"]"))
        src.companies = *companies;
      break;
    case SK::edgar_search: {
      Position query_at;
      if (auto query = read_string(s, "query", Need::required, "query = '\"Colossus\"'", &query_at)) {
        if (has_control_chars(*query)) fail(query_at, s.label + " 'query' must be one line");
        src.query = *query;
      }
      if (auto forms = read_strings(s, "forms", Need::optional, "[\"10-Q\", \"8-K\"]")) src.forms = *forms;
      if (auto ciks = read_ciks(s, "ciks")) src.ciks = *ciks;
      src.since = read_date(s, "since");
      break;
    }
    case SK::price: {
      if (s.table->get("provider") != nullptr) {
        if (auto p = read_name<PriceProvider>(s, "price provider", "price providers", "provider", {}))
          src.price_provider = *p;
      }
      Position symbol_at;
      if (auto symbol = read_string(s, "symbol", Need::required, "symbol = \"CRWV\"", &symbol_at)) {
        if (has_space_or_control(*symbol)) fail(symbol_at, s.label + " 'symbol' must be a ticker such as \"CRWV\"");
        src.symbol = *symbol;
      }
      if (auto history = read_bool(s, "history")) src.history = *history;
      if (src.history && src.price_provider == PriceProvider::yahoo)
        fail(position_of(s.table->get("history")->source()),
             s.label +
                 " 'history = true' applies to stooq and nasdaq only; yahoo's chart already carries a month of "
                 "daily history");
      read_price_fallbacks(s, src);
      read_price_api_key(s, src);
      break;
    }
    case SK::jobs: {
      if (auto p =
              read_name<JobsProvider>(s, "jobs provider", "jobs providers", "provider", "provider = \"greenhouse\""))
        src.jobs_provider = *p;
      Position board_at;
      if (auto board = read_string(s, "board", Need::required, "board = \"xai\"", &board_at)) {
        bool ok = std::all_of(board->begin(), board->end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
        });
        if (!ok) fail(board_at, s.label + " 'board' must be the board's name as in its URL, such as \"xai\"");
        src.board = *board;
      }
      if (auto match = read_strings(s, "match", Need::optional, "[\"infrastructure\", \"GPU\"]")) src.match = *match;
      break;
    }
    case SK::feed: break;
  }
  info.ok = findings().size() == errors_before;
  if (info.ok && !src.url_overridden) src.url = default_url(src, now_utc());
  config_.sources.push_back(std::move(src));
  source_info_.push_back(info);
}

void Loader::read_metric(const Section& s) {
  const auto errors_before = findings().size();
  check_plain_keys(s, {"expr"});
  Metric metric;
  metric.name = s.id;
  metric.position = s.header;
  MetricInfo info;
  if (auto expr = read_string(s, "expr", Need::required,
                              "expr = \"crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm\"",
                              &info.expr_at)) {
    metric.expr = *expr;
    auto parsed = Expression::parse(*expr);
    if (!parsed) {
      const int column = parsed.error().position.column;
      fail(Position{{}, info.expr_at.line, info.expr_at.column + column}, s.label + " 'expr' does not parse: " +
                                                                           parsed.error().message);
    } else {
      metric.inputs = parsed->inputs();
    }
  }
  info.ok = findings().size() == errors_before;
  config_.metrics.push_back(std::move(metric));
  metric_info_.push_back(std::move(info));
}

void Loader::read_trigger(const Section& s) {
  const auto errors_before = findings().size();
  Trigger trigger;
  trigger.id = s.id;
  trigger.position = s.header;
  TriggerInfo info;
  auto kind = read_name<TriggerKind>(s, "trigger kind", "trigger kinds", "kind", "kind = \"filing\"");
  if (!kind) {
    info.ok = false;
    config_.triggers.push_back(std::move(trigger));
    trigger_info_.push_back(std::move(info));
    return;
  }
  trigger.kind = *kind;
  check_keys(s, "trigger", *kind, trigger_rules());

  if (s.table->get("channels") == nullptr) {
    fail(s.header, s.label +
                       " is missing required key 'channels'; a trigger needs at least one channel, such as "
                       "channels = [\"console\"]");
  } else if (auto channels =
                 read_strings(s, "channels", Need::required, "[\"desk\"]", &info.channel_at, &info.channels_at)) {
    if (channels->empty())
      fail(info.channels_at, s.label +
                                 " 'channels' is empty; a trigger needs at least one channel, such as "
                                 "channels = [\"console\"]");
    trigger.channels = *channels;
  }
  trigger.max_age = read_duration(s, "max_age", Need::optional);

  auto read_above_below = [&] {
    trigger.above = read_number(s, "above", Need::optional);
    trigger.below = read_number(s, "below", Need::optional);
    if (trigger.above && trigger.below && *trigger.above <= *trigger.below)
      fail(position_of(s.table->get("above")->source()),
           s.label + " 'above' must be greater than 'below', or the trigger is always firing");
  };
  auto read_hysteresis = [&] {
    if (auto rearm = read_fraction(s, "rearm", 1.0)) {
      if (*rearm <= 0)
        fail(position_of(s.table->get("rearm")->source()), s.label + " 'rearm' must be more than 0%");
      else
        trigger.rearm = *rearm;
    }
    trigger.cooldown = read_duration(s, "cooldown", Need::optional);
  };

  switch (*kind) {
    case TK::filing:
      if (auto source = read_string(s, "source", Need::required, "source = \"spacex-filings\"", &info.source_at))
        trigger.source = *source;
      if (auto forms = read_strings(s, "forms", Need::optional, "[\"S-1\", \"S-1/A\"]", &info.forms_at))
        trigger.forms = *forms;
      break;
    case TK::metric_move: {
      if (auto metric = read_string(s, "metric", Need::required, "metric = \"crwv-ps\"", &info.metric_at))
        trigger.metric = *metric;
      if (auto window = read_duration(s, "window", Need::required, "window = \"7d\"")) trigger.window = *window;
      if (const auto* node = s.table->get("threshold")) {
        auto at = position_of(node->source());
        if (const auto* str = node->as_string()) {
          if (auto percent = parse_percent(str->get()); percent && *percent > 0)
            trigger.threshold = Threshold{*percent, true};
          else
            fail(at, s.label +
                         " 'threshold' must be a percentage above 0 such as \"10%\" (relative change) or a "
                         "number (absolute change), got " +
                         in_quotes(str->get()));
        } else if (node->is_integer() || node->is_floating_point()) {
          double v =
              node->is_integer() ? static_cast<double>(node->as_integer()->get()) : node->as_floating_point()->get();
          if (!std::isfinite(v) || v <= 0)
            fail(at, s.label + " 'threshold' must be more than 0");
          else
            trigger.threshold = Threshold{v, false};
        } else {
          wrong_type(s, "threshold", *node, "a percentage such as \"10%\" or a number");
        }
      }
      read_above_below();
      read_hysteresis();
      if (!s.table->get("threshold") && !s.table->get("above") && !s.table->get("below"))
        fail(s.header,
             s.label + " needs at least one of 'threshold', 'above' or 'below' (such as threshold = \"10%\")");
      break;
    }
    case TK::tenant: {
      if (auto sources = read_strings(s, "sources", Need::required, "[\"colossus-news\"]", &info.sources_at)) {
        if (sources->empty())
          fail(position_of(s.table->get("sources")->source()),
               s.label + " 'sources' is empty; name the news feeds or EDGAR searches to read");
        trigger.sources = *sources;
      }
      if (auto subject = read_strings(s, "subject", Need::required, "[\"Colossus\"]")) {
        if (subject->empty())
          fail(position_of(s.table->get("subject")->source()),
               s.label + " 'subject' is empty; give the words an item must mention, such as [\"Colossus\"]");
        trigger.subject = *subject;
      }
      if (s.table->get("owners") != nullptr) {
        if (auto owners = read_strings(s, "owners", Need::optional, "[\"xAI\", \"SpaceX\"]")) trigger.owners = *owners;
      } else {
        trigger.owners = {"xAI", "X.AI", "SpaceX"};
      }
      if (auto known = read_strings(s, "known", Need::optional, "[\"Anthropic\"]")) trigger.known = *known;
      if (auto candidates = read_strings(s, "candidates", Need::optional, "[\"OpenAI\"]"))
        trigger.candidates = *candidates;
      if (auto confirm = read_integer(s, "confirm", Need::optional, 1, 10))
        trigger.confirm = static_cast<int>(*confirm);
      trigger.deadline = read_date(s, "deadline");
      break;
    }
    case TK::count:
      if (auto source = read_string(s, "source", Need::required, "source = \"xai-jobs\"", &info.source_at))
        trigger.source = *source;
      if (auto window = read_duration(s, "window", Need::required, "window = \"90d\"")) trigger.window = *window;
      read_above_below();
      read_hysteresis();
      if (auto match = read_strings(s, "match", Need::optional, "[\"GPU\"]")) trigger.match = *match;
      if (!s.table->get("above") && !s.table->get("below"))
        fail(s.header, s.label + " needs at least one of 'above' or 'below' (such as above = 10)");
      break;
  }
  info.ok = findings().size() == errors_before;
  config_.triggers.push_back(std::move(trigger));
  trigger_info_.push_back(std::move(info));
}

void Loader::read_channel(const Section& s) {
  Channel channel;
  channel.id = s.id;
  channel.position = s.header;
  auto kind = read_name<ChannelKind>(s, "channel kind", "channel kinds", "kind", "kind = \"slack\"");
  if (!kind) {
    config_.channels.push_back(std::move(channel));
    return;
  }
  channel.kind = *kind;
  check_keys(s, "channel", *kind, channel_rules());
  if (auto d = read_duration(s, "give_up_after", Need::optional)) channel.give_up_after = *d;
  const auto index = config_.channels.size();
  auto secret = [&](std::string_view key, Need need, std::string_view example, Secret Channel::*member) {
    Position at;
    auto text = read_string(s, key, need, example, &at);
    if (!text) return;
    auto reference = parse_secret_reference(*text);
    if (!reference) {
      fail(at, "channel " + s.id + ": " + std::string(key) + ": " + reference.error().message);
      return;
    }
    secrets_.push_back(PendingSecret{index, member, std::string(key), *text, at});
  };
  switch (*kind) {
    case CK::slack:
      secret("webhook", Need::required, "webhook = \"env:WATCHDESK_SLACK_WEBHOOK\"", &Channel::webhook);
      break;
    case CK::email: {
      Position smtp_at;
      if (auto smtp = read_string(s, "smtp", Need::required, "smtp = \"smtp://mail.example.com:587\"", &smtp_at)) {
        auto scheme = url_scheme(*smtp);
        if ((scheme != "smtp" && scheme != "smtps") || url_host(*smtp).empty() || has_space_or_control(*smtp))
          fail(smtp_at,
               s.label + " 'smtp' must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT, got " + in_quotes(*smtp));
        channel.smtp = *smtp;
      }
      if (auto b = read_bool(s, "starttls")) channel.starttls = *b;
      Position from_at;
      if (auto from = read_string(s, "from", Need::required, "from = \"watchdesk@example.com\"", &from_at)) {
        if (!valid_mail_address(*from))
          fail(from_at, s.label + " 'from' must be a mail address such as \"watchdesk@example.com\"");
        channel.from = *from;
      }
      std::vector<Position> to_at;
      Position list_at;
      if (auto to = read_strings(s, "to", Need::required, "[\"desk@example.com\"]", &to_at, &list_at)) {
        if (to->empty()) fail(list_at, s.label + " 'to' is empty; give at least one recipient");
        for (std::size_t i = 0; i < to->size(); ++i)
          if (!valid_mail_address((*to)[i]))
            fail(to_at[i],
                 s.label + " 'to' must hold mail addresses such as \"desk@example.com\", got " + in_quotes((*to)[i]));
        channel.to = *to;
      }
      if (auto user = read_string(s, "username", Need::optional)) channel.username = *user;
      secret("password", Need::optional, {}, &Channel::password);
      if (s.table->get("password") != nullptr && s.table->get("username") == nullptr)
        fail(position_of(s.table->get("password")->source()),
             s.label + " 'password' needs 'username' too (the SMTP login)");
      break;
    }
    case CK::webhook:
      if (auto url = read_url(s, "url", Need::required, "url = \"https://hooks.example.com/watchdesk\"")) {
        if (url_scheme(*url) == "file")
          fail(position_of(s.table->get("url")->source()), s.label + " 'url' must be an http:// or https:// URL");
        channel.url = *url;
      }
      secret("secret", Need::optional, {}, &Channel::secret);
      break;
    case CK::stdout_: break;
  }
  config_.channels.push_back(std::move(channel));
}

void Loader::read_figure(const Section& s) {
  check_plain_keys(s, {"label", "value", "status", "signals", "as_of", "note"});
  Figure figure;
  figure.name = s.id;
  if (auto label = read_string(s, "label", Need::required, "label = \"SpaceX IPO valuation\"")) figure.label = *label;
  if (auto v = read_string(s, "value", Need::required, "value = \"$1.75-2T\"")) figure.value = *v;
  if (auto status = read_name<Confirmation>(s, "status", "statuses", "status", "status = \"reported\""))
    figure.status = *status;
  std::vector<Position> signal_at;
  if (auto signals = read_strings(s, "signals", Need::optional, "[\"50da90f1\"]", &signal_at)) {
    for (std::size_t i = 0; i < signals->size(); ++i) {
      const auto& id = (*signals)[i];
      bool ok = id.size() == 8 && std::all_of(id.begin(), id.end(),
                                              [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
      if (!ok)
        fail(signal_at[i], s.label +
                               " 'signals' must hold signal ids, 8 lower-case hex digits such as "
                               "\"47c46e8d\", got " +
                               in_quotes(id));
    }
    figure.signals = *signals;
  }
  if (auto as_of = read_date(s, "as_of")) figure.as_of = format_date(*as_of);
  if (auto note = read_string(s, "note", Need::optional)) figure.note = *note;
  config_.figures.push_back(std::move(figure));
}

void Loader::read_digest(const Section& s) {
  check_plain_keys(s, {"schedule", "timezone", "channels", "triggers"});
  Digest digest;
  digest.id = s.id;
  DigestInfo info;
  Position schedule_at, zone_at;
  auto schedule = read_string(s, "schedule", Need::required, "schedule = \"Mon 08:00\"", &schedule_at);
  auto zone = read_string(s, "timezone", Need::optional, "timezone = \"America/New_York\"", &zone_at);
  if (schedule) {
    auto parsed = parse_weekly_schedule(*schedule, zone.value_or("UTC"));
    if (parsed) {
      digest.schedule = std::move(parsed).value();
    } else {
      const bool zone_is_wrong = zone && !is_known_zone(*zone);
      fail(zone_is_wrong ? zone_at : schedule_at,
           s.label + (zone_is_wrong ? " 'timezone': " : " 'schedule': ") + parsed.error().message);
    }
  }
  if (s.table->get("channels") == nullptr) {
    fail(s.header, s.label + " is missing required key 'channels'; a digest needs at least one channel, such as "
                             "channels = [\"desk\"]");
  } else if (auto channels = read_strings(s, "channels", Need::required, "[\"desk\"]", &info.channel_at)) {
    if (channels->empty()) fail(s.header, s.label + " 'channels' is empty; a digest needs at least one channel");
    digest.channels = *channels;
  }
  if (auto triggers = read_strings(s, "triggers", Need::optional, "[\"s1-public\"]", &info.trigger_at))
    digest.triggers = *triggers;
  config_.digests.push_back(std::move(digest));
  digest_info_.push_back(std::move(info));
}

// ---- Cross-checks ------------------------------------------------------------------------------

void Loader::check_source_urls() {
  for (std::size_t i = 0; i < config_.sources.size(); ++i) {
    auto& src = config_.sources[i];
    if (!source_info_[i].ok || !src.url_overridden || url_scheme(src.url) != "file") continue;
    if (auto problem = file_url_problem(src, config_.watchdesk)) {
      fail(Tier::semantics, source_info_[i].url_at, *problem);
      continue;
    }
    if (src.url.starts_with("file://")) continue;
    src.url = file_uri(resolve_path(std::string_view(src.url).substr(5)));
  }
}

void Loader::check_user_agent() {
  const std::string& agent = config_.watchdesk.user_agent;
  // Only the sources read without error count: the others are reported already.
  const Source* src = source_breaking_sec_user_agent(agent, config_.sources,
                                                     [this](std::size_t i) { return source_info_[i].ok; });
  if (src == nullptr) return;
  const std::string why = "source " + src->id +
                          " fetches from SEC, whose fair-access rules require a User-Agent "
                          "with your name and a contact email, such as user_agent = \"Acme Research ops@acme.example\"";
  if (agent.empty())
    fail(Tier::semantics, settings_section_.header, "[watchdesk] is missing 'user_agent': " + why);
  else
    fail(Tier::semantics, user_agent_at_, "[watchdesk] 'user_agent' has no email address: " + why);
}

void Loader::check_series(std::string_view owner, std::string_view key, std::string_view name, Position at) {
  auto dot = name.find('.');
  if (dot == std::string_view::npos) {
    if (declared_metrics_.count(std::string(name))) return;
    std::vector<std::string> candidates(declared_metrics_.begin(), declared_metrics_.end());
    for (const auto& src : config_.sources)
      for (const auto field : spec_of(src.kind).series) candidates.push_back(src.id + "." + std::string(field));
    std::string message = std::string(owner) + " '" + std::string(key) + "': unknown series '" + std::string(name) +
                          "'; a series is SOURCE.FIELD (such as crwv-price.close) or the name of a [metrics.NAME]";
    if (auto guess = closest_match(name, candidates)) message += "; did you mean '" + *guess + "'?";
    fail(Tier::semantics, at, std::move(message));
    return;
  }
  std::string source_id(name.substr(0, dot));
  std::string field(name.substr(dot + 1));
  const auto* src = config_.find_source(source_id);
  if (src == nullptr) {
    std::string message = std::string(owner) + " '" + std::string(key) + "': unknown series '" + std::string(name) +
                          "': there is no source '" + source_id + "'";
    std::vector<std::string> ids(declared_sources_.begin(), declared_sources_.end());
    if (auto guess = closest_match(source_id, ids)) message += "; did you mean '" + *guess + "'?";
    fail(Tier::semantics, at, std::move(message));
    return;
  }
  auto index = static_cast<std::size_t>(src - config_.sources.data());
  if (!source_info_[index].ok) return;
  const auto series = spec_of(src->kind).series;
  const std::vector<std::string> fields(series.begin(), series.end());
  if (std::find(fields.begin(), fields.end(), field) != fields.end()) return;
  std::string message = std::string(owner) + " '" + std::string(key) + "': unknown series '" + std::string(name) +
                        "': source " + source_id + " is of kind " + std::string(config::to_string(src->kind));
  if (fields.empty()) {
    message += ", which produces no series (series come from edgar-facts, price and jobs sources)";
  } else {
    message += ", which produces " + text::join(fields, ", ");
    if (auto guess = closest_match(field, fields)) message += "; did you mean '" + source_id + "." + *guess + "'?";
  }
  fail(Tier::semantics, at, std::move(message));
}

void Loader::check_metrics() {
  // Every input is a known series.
  for (std::size_t i = 0; i < config_.metrics.size(); ++i) {
    const auto& metric = config_.metrics[i];
    const auto& info = metric_info_[i];
    if (!info.ok) continue;
    for (const auto& input : metric.inputs) {
      auto offset = find_token(metric.expr, input);
      Position at = info.expr_at;
      if (offset != std::string_view::npos) at.column += static_cast<int>(offset) + 1;
      check_series("[metrics." + metric.name + "]", "expr", input, at);
    }
  }
  // No metric depends on itself.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < config_.metrics.size(); ++i) index[config_.metrics[i].name] = i;
  enum class Mark { unseen, active, done };
  std::vector<Mark> marks(config_.metrics.size(), Mark::unseen);
  std::vector<std::size_t> path;
  std::optional<std::vector<std::size_t>> cycle;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    marks[i] = Mark::active;
    path.push_back(i);
    for (const auto& input : config_.metrics[i].inputs) {
      if (cycle) break;
      auto it = index.find(input);
      if (it == index.end()) continue;
      if (marks[it->second] == Mark::active) {
        auto start = std::find(path.begin(), path.end(), it->second);
        cycle = std::vector<std::size_t>(start, path.end());
      } else if (marks[it->second] == Mark::unseen) {
        visit(it->second);
      }
    }
    path.pop_back();
    marks[i] = Mark::done;
  };
  for (std::size_t i = 0; i < config_.metrics.size() && !cycle; ++i)
    if (marks[i] == Mark::unseen) visit(i);
  if (!cycle) return;
  // Start the cycle at its first metric in the file.
  auto first = std::min_element(cycle->begin(), cycle->end());
  std::rotate(cycle->begin(), first, cycle->end());
  std::string chain;
  for (auto i : *cycle) chain += config_.metrics[i].name + " -> ";
  chain += config_.metrics[cycle->front()].name;
  fail(Tier::semantics, metric_info_[cycle->front()].expr_at,
       "metrics " + chain + " form a cycle; a metric cannot depend on itself");
}

void Loader::check_references() {
  std::vector<std::string> channel_ids(declared_channels_.begin(), declared_channels_.end());
  std::vector<std::string> source_ids(declared_sources_.begin(), declared_sources_.end());
  auto check_channel = [&](const std::string& owner, const std::string& id, Position at) {
    if (declared_channels_.count(id)) return;
    std::string message = owner + " refers to channel '" + id + "', which is not declared";
    if (auto guess = closest_match(id, channel_ids))
      message += "; did you mean '" + *guess + "'?";
    else if (channel_ids.empty())
      message += "; add a [channels." + id + "] table";
    else
      message += "; channels: " + text::join(channel_ids, ", ");
    fail(Tier::semantics, at, std::move(message));
  };
  // The source `id` if declared and valid; records an error when it is not declared.
  auto find_source = [&](const std::string& owner, const std::string& id, Position at) -> const Source* {
    if (!declared_sources_.count(id)) {
      std::string message = owner + " refers to source '" + id + "', which is not declared";
      if (auto guess = closest_match(id, source_ids))
        message += "; did you mean '" + *guess + "'?";
      else if (source_ids.empty())
        message += "; add a [sources." + id + "] table";
      else
        message += "; sources: " + text::join(source_ids, ", ");
      fail(Tier::semantics, at, std::move(message));
      return nullptr;
    }
    const auto* src = config_.find_source(id);
    if (src == nullptr || !source_info_[static_cast<std::size_t>(src - config_.sources.data())].ok) return nullptr;
    return src;
  };
  auto kind_of = [](const Source& src) { return std::string(config::to_string(src.kind)); };

  for (std::size_t i = 0; i < health_channels_at_.size() && i < config_.watchdesk.health_channels.size(); ++i)
    check_channel("[watchdesk] 'health_channels'", config_.watchdesk.health_channels[i], health_channels_at_[i]);

  std::vector<std::string> trigger_ids;
  for (const auto& t : config_.triggers) trigger_ids.push_back(t.id);
  for (std::size_t d = 0; d < config_.digests.size(); ++d) {
    const auto& digest = config_.digests[d];
    const auto& info = digest_info_[d];
    const std::string owner = "[digests." + digest.id + "]";
    for (std::size_t i = 0; i < digest.channels.size() && i < info.channel_at.size(); ++i)
      check_channel(owner + " 'channels'", digest.channels[i], info.channel_at[i]);
    for (std::size_t i = 0; i < digest.triggers.size() && i < info.trigger_at.size(); ++i) {
      const auto& id = digest.triggers[i];
      if (config_.find_trigger(id) != nullptr) continue;
      std::string message = owner + " 'triggers' refers to trigger '" + id + "', which is not declared";
      if (auto guess = closest_match(id, trigger_ids)) message += "; did you mean '" + *guess + "'?";
      fail(Tier::semantics, info.trigger_at[i], std::move(message));
    }
  }

  for (std::size_t t = 0; t < config_.triggers.size(); ++t) {
    const auto& trigger = config_.triggers[t];
    const auto& info = trigger_info_[t];
    const std::string owner = "[triggers." + trigger.id + "]";
    for (std::size_t i = 0; i < trigger.channels.size() && i < info.channel_at.size(); ++i)
      check_channel(owner + " 'channels'", trigger.channels[i], info.channel_at[i]);
    if (!info.ok) continue;
    switch (trigger.kind) {
      case TK::filing: {
        const auto* src = find_source(owner + " 'source'", trigger.source, info.source_at);
        if (src == nullptr) break;
        if (spec_of(src->kind).yields != Yields::filings) {
          fail(Tier::semantics, info.source_at,
               owner +
                   " kind filing needs a filing source (edgar-filings, edgar-current, edgar-submissions or "
                   "edgar-search), but " +
                   src->id + " is a " + kind_of(*src) + " source");
          break;
        }
        if (src->forms.empty()) break;
        for (std::size_t i = 0; i < trigger.forms.size(); ++i) {
          if (std::find(src->forms.begin(), src->forms.end(), trigger.forms[i]) != src->forms.end()) continue;
          fail(Tier::semantics, info.forms_at[i],
               owner + " 'forms' has " + in_quotes(trigger.forms[i]) + ", which source " + src->id +
                   " never keeps (its forms: " + text::join(src->forms, ", ") + "); add it to the source's forms");
        }
        break;
      }
      case TK::count: {
        const auto* src = find_source(owner + " 'source'", trigger.source, info.source_at);
        if (src != nullptr && (src->kind == SK::price || src->kind == SK::edgar_facts))
          fail(Tier::semantics, info.source_at,
               owner + " kind count counts items (postings, articles, filings), but " + src->id + " is a " +
                   kind_of(*src) + " source, which produces only series; use a metric-move trigger for series");
        break;
      }
      case TK::tenant:
        for (std::size_t i = 0; i < trigger.sources.size(); ++i) {
          const auto* src = find_source(owner + " 'sources'", trigger.sources[i], info.sources_at[i]);
          if (src != nullptr && src->kind != SK::feed && src->kind != SK::edgar_search)
            fail(Tier::semantics, info.sources_at[i],
                 owner + " kind tenant reads news feeds and EDGAR full-text searches (feed, edgar-search), but " +
                     src->id + " is a " + kind_of(*src) + " source");
        }
        break;
      case TK::metric_move: check_series(owner, "metric", trigger.metric, info.metric_at); break;
    }
  }
}

void Loader::resolve_secrets() {
  if (!metrics_token_reference_.empty()) {
    auto resolved = resolve_secret(metrics_token_reference_, base_dir_);
    if (!resolved)
      fail(Tier::secrets, metrics_token_at_, "[watchdesk] metrics_token: " + resolved.error().message);
    else
      config_.watchdesk.metrics_token = std::move(*resolved);
  }
  for (const auto& pending : secrets_) {
    if (pending.source) {
      auto& source = config_.sources[*pending.source];
      auto resolved = resolve_secret(pending.reference, base_dir_);
      if (!resolved) {
        fail(Tier::secrets, pending.at, "source " + source.id + ": " + pending.key + ": " + resolved.error().message);
        continue;
      }
      source.api_key = std::move(*resolved);
      continue;
    }
    auto& channel = config_.channels[pending.channel];
    auto resolved = resolve_secret(pending.reference, base_dir_);
    if (!resolved) {
      fail(Tier::secrets, pending.at, "channel " + channel.id + ": " + pending.key + ": " + resolved.error().message);
      continue;
    }
    if (pending.member == &Channel::webhook) {
      if (auto problem = webhook_value_problem(*resolved)) {
        auto reference = parse_secret_reference(pending.reference);
        std::string what = reference && reference->form != SecretForm::literal ? "the value of " + pending.reference
                                                                               : std::string("the value");
        fail(Tier::secrets, pending.at, "channel " + channel.id + ": webhook: " + what + " " + *problem);
        continue;
      }
    }
    channel.*pending.member = std::move(*resolved);
  }
}

void Loader::read_sources(toml::table& tree) {
  const auto sources = entries(tree, "sources");
  for (const auto& s : sources) declared_sources_.insert(s.id);
  config_.sources.reserve(config_.sources.size() + sources.size());
  source_info_.reserve(source_info_.size() + sources.size());
  // Each source's table leaves the tree as soon as the source is read out of it: the tree and the
  // sources read from it are never both whole in memory.
  auto* tables = tree["sources"].as_table();
  for (const auto& s : sources) {
    read_source(s);
    if (tables != nullptr) tables->erase(s.id);
  }
}

bool Loader::read_source_groups(std::string_view text, const std::vector<SourceGroup>& groups) {
  std::size_t total = 0;
  for (const auto& g : groups) total += g.count;
  config_.sources.reserve(total);
  source_info_.reserve(total);
  std::string document;
  for (const auto& group : groups) {
    group_document(text, group, document);
    toml::table tree;
    try {
      tree = toml::parse(document, shown_.string());
    } catch (const toml::parse_error&) {
      return false;
    }
    // A group holds `[sources.ID]` tables only, each defined once in the whole file.
    const auto* sources = tree["sources"].as_table();
    if (tree.size() != 1 || sources == nullptr) return false;
    for (auto&& [key, node] : *sources)
      if (declared_sources_.count(std::string(key.str())) != 0) return false;
    read_sources(tree);
  }
  return true;
}

Result<Config> Loader::load(std::string_view text, SourceTables tables) {
  const auto error_at = [&](Position at, std::string message) {
    at.file = shown_.string();
    return Error{std::move(message), std::move(at), ErrorKind::config};
  };
  std::vector<SourceGroup> groups;
  if (tables != SourceTables::in_one_tree) {
    groups = find_source_groups(text, kSourcesPerGroup);
    std::size_t count = 0;
    for (const auto& g : groups) count += g.count;
    if (tables == SourceTables::in_groups_when_many && count < kSourcesPerGroup) groups.clear();
  }
  const auto one_tree = [&] {
    needs_one_tree_ = true;
    return error_at(Position{}, "the sources cannot be read in groups");
  };
  try {
    if (groups.empty()) root_ = toml::parse(text, shown_.string());
    else root_ = toml::parse(without_groups(text, groups), shown_.string());
  } catch (const toml::parse_error& e) {
    if (!groups.empty()) return one_tree();
    return error_at(position_of(e.source()), std::string(e.description()));
  }
  // Outside the groups, a `sources` key would join tables the groups hold.
  if (!groups.empty() && root_.contains("sources")) return one_tree();

  read_root();
  if (const auto* node = root_.get("watchdesk"); node && node->is_table()) {
    settings_section_ = Section{node->as_table(), "[watchdesk]", "watchdesk", position_of(node->source())};
    have_settings_ = true;
    read_settings(settings_section_);
  } else if (node == nullptr) {
    fail(Position{{}, 1, 1}, "missing [watchdesk] section; it needs at least state = \"/var/lib/watchdesk/state.db\"");
  }

  auto metrics = entries(root_, "metrics");
  auto triggers = entries(root_, "triggers");
  auto channels = entries(root_, "channels");
  auto figures = entries(root_, "figures");
  auto digests = entries(root_, "digests");
  for (const auto& s : metrics) declared_metrics_.insert(s.id);
  for (const auto& s : channels) declared_channels_.insert(s.id);
  if (groups.empty()) read_sources(root_);
  else if (!read_source_groups(text, groups)) return one_tree();
  for (const auto& s : metrics) read_metric(s);
  for (const auto& s : triggers) read_trigger(s);
  for (const auto& s : channels) read_channel(s);
  for (const auto& s : figures) read_figure(s);
  for (const auto& s : digests) read_digest(s);

  if (have_settings_) {
    check_source_urls();
    check_user_agent();
  }
  check_metrics();
  check_references();

  if (findings().empty()) resolve_secrets();
  if (auto first = first_finding()) return error_at(first->at, first->message);
  return std::move(config_);
}

std::filesystem::path absolute_of(const std::filesystem::path& file) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(file, ec);
  return ec ? file : absolute.lexically_normal();
}

Error file_error(const std::filesystem::path& file, std::string message) {
  return Error{std::move(message), Position{file.string(), 0, 0}, ErrorKind::config};
}

}  // namespace

Result<Config> load_config_text(std::string_view text, const std::filesystem::path& file, SourceTables tables) {
  Result<Config> loaded = [&]() -> Result<Config> {
    try {
      {
        Loader loader(file, absolute_of(file));
        auto result = loader.load(text, tables);
        if (!loader.needs_one_tree()) return result;
      }
      Loader whole(file, absolute_of(file));
      return whole.load(text, SourceTables::in_one_tree);
    } catch (const std::exception& e) {
      return file_error(file, std::string("cannot load the configuration: ") + e.what());
    } catch (...) {
      return file_error(file, "cannot load the configuration");
    }
  }();
  // The TOML tree is gone: its pages go back to the system instead of staying in the heap's free
  // lists (tens of MiB with tens of thousands of sources).
  ::malloc_trim(0);
  return loaded;
}

Result<Config> load_config(const std::filesystem::path& file) {
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      int error = errno;
      return file_error(file, "cannot read the configuration file: " + std::generic_category().message(error));
    }
    // One string of the file's size (the file may also be a pipe, of no known size): no copy of it.
    std::string text;
    std::error_code size_error;
    if (const auto size = std::filesystem::file_size(file, size_error); !size_error) text.reserve(size);
    std::array<char, 65536> chunk;
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return file_error(file, "cannot read the configuration file");
    return load_config_text(text, file);
  } catch (const std::exception& e) {
    return file_error(file, std::string("cannot read the configuration file: ") + e.what());
  }
}

}  // namespace watchdesk::config
