// Reading TOML tables with errors that say where: typed readers, key checks and did-you-mean, with
// no knowledge of watchdesk's schema (that is `config/loader.cpp` and the `config/loader_*.cpp` beside it).
#pragma once

#include "config/toml.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/names.hpp"
#include "core/result.hpp"
#include "core/suggest.hpp"
#include "core/text/strings.hpp"
#include "core/time.hpp"

namespace watchdesk::config {

/// Errors are ranked by tier first, then by place: a misspelt key explains a missing one, a schema
/// error hides what it would cause in the cross-checks, and secrets are resolved only in a valid file.
enum class Tier { keys = 0, schema = 1, semantics = 2, secrets = 3 };

/// Whether a key must be present.
enum class Need { optional, required };

/// One error found while reading, with its tier and place.
struct Finding {
  Tier tier;
  Position at;
  std::string message;
};

/// One table being read (`[sources.crwv-price]`), with its header position for missing-key errors.
struct Section {
  const toml::table* table = nullptr;
  /// `[sources.crwv-price]`
  std::string label;
  /// `crwv-price`
  std::string id;
  Position header;
};

/// A key of a kinded section, and the kinds it applies to (empty: every kind).
template <class Kind>
struct KeyRule {
  std::string_view key;
  std::vector<Kind> kinds;
};

/// The line and column where a TOML node starts.
Position position_of(const toml::source_region& region);

/// `a string`, `an integer`, ... for "must be X, got Y" messages.
std::string type_phrase(const toml::node& node);

/// `text` in double quotes.
std::string in_quotes(std::string_view text);

/// True when `text` holds a control character.
bool has_control_chars(std::string_view text);

/// True when `text` holds a space or a control character.
bool has_space_or_control(std::string_view text);

/// Ids start with a letter and use letters, digits, `-` and `_` (so `ID.FIELD` series parse).
bool valid_id(std::string_view id);

/// Reads sections of a parsed TOML document, recording every error found (`findings`) and
/// returning nullopt for a value that is absent or wrong.
class TomlReader {
 public:
  /// Records an error at `at`.
  void fail(Tier tier, Position at, std::string message) { found_.push_back(Finding{tier, at, std::move(message)}); }
  void fail(Position at, std::string message) { fail(Tier::schema, at, std::move(message)); }

  /// Every error recorded so far.
  const std::vector<Finding>& findings() const { return found_; }
  /// The first error by tier and place, if any.
  std::optional<Finding> first_finding() const;

  /// Reports a missing key, and a key of the wrong type.
  void missing(const Section& s, std::string_view key, std::string_view example);
  void wrong_type(const Section& s, std::string_view key, const toml::node& node, std::string_view expected);
  /// The node of `key`, reporting it missing when required.
  const toml::node* value(const Section& s, std::string_view key, Need need, std::string_view example);

  /// The value of an enum key (`kind`, `provider`) by the enum's name table, with did-you-mean.
  template <class Kind>
  std::optional<Kind> read_name(const Section& s, std::string_view what, std::string_view plural, std::string_view key,
                                std::string_view example);
  /// Reports keys that `kind` does not take (naming the kinds that do) or that no kind takes.
  template <class Kind>
  void check_keys(const Section& s, std::string_view what, Kind kind, const std::vector<KeyRule<Kind>>& rules);
  /// Reports keys outside `allowed`.
  void check_plain_keys(const Section& s, const std::vector<std::string>& allowed);

  /// Typed readers: nullopt when absent or wrong (the error is recorded).
  std::optional<std::string> read_string(const Section& s, std::string_view key, Need need,
                                         std::string_view example = {}, Position* at = nullptr);
  std::optional<bool> read_bool(const Section& s, std::string_view key);
  std::optional<std::int64_t> read_integer(const Section& s, std::string_view key, Need need, std::int64_t min,
                                           std::int64_t max, std::string_view example = {});
  std::optional<double> read_number(const Section& s, std::string_view key, Need need, std::string_view example = {});
  std::optional<Seconds> read_duration(const Section& s, std::string_view key, Need need,
                                       std::string_view example = {});
  std::optional<std::size_t> read_size(const Section& s, std::string_view key);
  std::optional<double> read_fraction(const Section& s, std::string_view key, double max);
  std::optional<TimePoint> read_date(const Section& s, std::string_view key);
  std::optional<std::vector<std::string>> read_strings(const Section& s, std::string_view key, Need need,
                                                       std::string_view example = {},
                                                       std::vector<Position>* element_at = nullptr,
                                                       Position* at = nullptr);
  /// An http(s) URL with a host, or a `file:` URL (checked later against `allow_file_urls`).
  std::optional<std::string> read_url(const Section& s, std::string_view key, Need need, std::string_view example,
                                      Position* at = nullptr);

  /// The tables under `[section]` (`[sources.ID]`...), in file order; ids are checked.
  std::vector<Section> entries(const toml::table& root, std::string_view section);

 private:
  std::vector<Finding> found_;
};

template <class Kind>
std::optional<Kind> TomlReader::read_name(const Section& s, std::string_view what, std::string_view plural,
                                          std::string_view key, std::string_view example) {
  Position at;
  auto name = read_string(s, key, Need::required, example, &at);
  if (!name) return std::nullopt;
  if (auto kind = parse_name<Kind>(*name)) return kind;
  auto valid = all_names<Kind>();
  std::string message = s.label + " unknown " + std::string(what) + " '" + *name + "'";
  if (auto guess = closest_match(*name, valid))
    message += "; did you mean '" + *guess + "'? Valid ";
  else
    message += "; valid ";
  message += std::string(plural) + ": " + text::join(valid, ", ");
  fail(at, std::move(message));
  return std::nullopt;
}

template <class Kind>
void TomlReader::check_keys(const Section& s, std::string_view what, Kind kind, const std::vector<KeyRule<Kind>>& rules) {
  const std::string_view kind_name = name_of(kind);
  std::vector<std::string> allowed;
  for (const auto& rule : rules)
    if (rule.kinds.empty() || std::find(rule.kinds.begin(), rule.kinds.end(), kind) != rule.kinds.end())
      allowed.emplace_back(rule.key);
  for (auto&& [key, node] : *s.table) {
    (void)node;
    const auto name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    auto rule = std::find_if(rules.begin(), rules.end(), [&](const auto& r) { return r.key == name; });
    if (rule != rules.end()) {
      std::vector<std::string> owners;
      for (auto k : rule->kinds) owners.emplace_back(name_of(k));
      fail(Tier::keys, position_of(key.source()),
           "key '" + std::string(name) + "' does not apply to " + s.label + " (kind " + std::string(kind_name) +
               "); it is a key of " + text::join(owners, ", ") + " " + std::string(what) + "s");
      continue;
    }
    std::string message = "unknown key '" + std::string(name) + "' in " + s.label;
    if (auto guess = closest_match(name, allowed))
      message += "; did you mean '" + *guess + "'?";
    else
      message += "; valid keys for kind " + std::string(kind_name) + ": " + text::join(allowed, ", ");
    fail(Tier::keys, position_of(key.source()), std::move(message));
  }
}

}  // namespace watchdesk::config
