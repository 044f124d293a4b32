// Lookups on a loaded configuration and the TOML names of its enums.
#include "config/config.hpp"

#include <algorithm>
#include <cctype>

namespace watchdesk::config {
namespace {

template <class T, class Key>
const T* find_by(const std::vector<T>& items, Key T::*key, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.*key == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Source* Config::find_source(std::string_view id) const { return source_index.find(sources, id); }

const Channel* Config::find_channel(std::string_view id) const { return find_by(channels, &Channel::id, id); }

const Metric* Config::find_metric(std::string_view name) const { return find_by(metrics, &Metric::name, name); }

const Trigger* Config::find_trigger(std::string_view id) const { return find_by(triggers, &Trigger::id, id); }

std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::edgar_filings: return "edgar-filings";
    case SourceKind::edgar_current: return "edgar-current";
    case SourceKind::edgar_submissions: return "edgar-submissions";
    case SourceKind::edgar_facts: return "edgar-facts";
    case SourceKind::edgar_search: return "edgar-search";
    case SourceKind::price: return "price";
    case SourceKind::jobs: return "jobs";
    case SourceKind::feed: return "feed";
  }
  return "unknown";
}

std::string_view to_string(TriggerKind kind) {
  switch (kind) {
    case TriggerKind::filing: return "filing";
    case TriggerKind::metric_move: return "metric-move";
    case TriggerKind::tenant: return "tenant";
    case TriggerKind::count: return "count";
  }
  return "unknown";
}

std::string_view to_string(ChannelKind kind) {
  switch (kind) {
    case ChannelKind::slack: return "slack";
    case ChannelKind::email: return "email";
    case ChannelKind::webhook: return "webhook";
    case ChannelKind::stdout_: return "stdout";
  }
  return "unknown";
}

std::string_view to_string(Confirmation status) {
  switch (status) {
    case Confirmation::ai_prior: return "ai-prior";
    case Confirmation::reported: return "reported";
    case Confirmation::confirmed: return "confirmed";
  }
  return "unknown";
}

std::string_view to_string(PriceProvider provider) {
  switch (provider) {
    case PriceProvider::stooq: return "stooq";
    case PriceProvider::yahoo: return "yahoo";
  }
  return "unknown";
}

std::string_view to_string(JobsProvider provider) {
  switch (provider) {
    case JobsProvider::greenhouse: return "greenhouse";
    case JobsProvider::lever: return "lever";
    case JobsProvider::ashby: return "ashby";
  }
  return "unknown";
}

bool is_sec_host(std::string_view host) {
  std::string lower;
  lower.reserve(host.size());
  for (char c : host) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();  // fully qualified `sec.gov.`
  constexpr std::string_view domain = "sec.gov";
  if (lower == domain) return true;
  return lower.size() > domain.size() + 1 && lower.ends_with(domain) && lower[lower.size() - domain.size() - 1] == '.';
}

}  // namespace watchdesk::config
