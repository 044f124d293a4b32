// Reading `[sources.ID]`: every source kind's keys, CIKs and price fallbacks.
#include "config/loader_state.hpp"

#include <algorithm>
#include <cctype>

#include "config/default_urls.hpp"
#include "config/rules.hpp"
#include "config/source_kinds.hpp"
#include "core/text/strings.hpp"
#include "core/urls.hpp"

namespace watchdesk::config::loading {

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

}  // namespace watchdesk::config::loading
