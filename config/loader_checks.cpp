// The loader's cross-checks: file URLs, SEC's User-Agent rule, series, metric cycles, references
// between sections, and secret resolution once everything else is valid.
#include "config/loader_state.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>

#include "config/rules.hpp"
#include "config/source_kinds.hpp"
#include "core/suggest.hpp"
#include "core/text/strings.hpp"
#include "core/urls.hpp"

namespace watchdesk::config::loading {

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

}  // namespace

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

}  // namespace watchdesk::config::loading
