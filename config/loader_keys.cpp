// Which keys each section, and each kind of source, trigger and channel, takes.
#include "config/loader_state.hpp"

#include <algorithm>

#include "config/source_kinds.hpp"

namespace watchdesk::config::loading {

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

}  // namespace watchdesk::config::loading
