// The configuration loader's state while one file is read, shared by the files that read its
// sections (`loader_settings.cpp`, `loader_sources.cpp`, `loader_triggers.cpp`, `loader_channels.cpp`)
// and cross-check them (`loader_checks.cpp`). Internal to `config/`.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/loader.hpp"
#include "config/source_groups.hpp"
#include "config/toml.hpp"
#include "config/toml_reader.hpp"
#include "core/secret.hpp"

namespace watchdesk::config::loading {

using SK = SourceKind;
using TK = TriggerKind;
using CK = ChannelKind;

/// The keys of `[sources.ID]`, from the source-kind table.
const std::vector<KeyRule<SourceKind>>& source_rules();
/// The keys of `[triggers.ID]` and the trigger kinds each applies to.
const std::vector<KeyRule<TriggerKind>>& trigger_rules();
/// The keys of `[channels.ID]` and the channel kinds each applies to.
const std::vector<KeyRule<ChannelKind>>& channel_rules();
/// The keys of `[watchdesk]`.
const std::vector<std::string>& settings_keys();
/// The top-level sections.
const std::vector<std::string>& section_names();

struct SourceInfo {
  bool ok = true;
  Position url_at;
};

/// Where a trigger's references were written, for the cross-check messages.
struct TriggerInfo {
  bool ok = true;
  Position channels_at;
  std::vector<Position> channel_at;
  Position source_at;
  std::vector<Position> sources_at;
  Position metric_at;
  std::vector<Position> forms_at;
};

/// Where a digest's references were written, for the cross-check messages.
struct DigestInfo {
  std::vector<Position> channel_at;
  std::vector<Position> trigger_at;
};

/// Where a metric's expression was written (series positions are offsets into it).
struct MetricInfo {
  bool ok = true;
  Position expr_at;
};

/// A secret waiting to be resolved once everything else is valid: a channel's, or a source's
/// `api_key` when `source` is set.
struct PendingSecret {
  std::size_t channel = 0;
  Secret Channel::*member = nullptr;
  std::string key;
  std::string reference;
  Position at;
  std::optional<std::size_t> source = std::nullopt;
};

/// Reads one configuration file into a `Config`, collecting every finding with its place.
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

}  // namespace watchdesk::config::loading
