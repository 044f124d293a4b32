// The source-kind table: one row per `kind` of `[sources.ID]`, read by the loader, `validate`, the
// runtime, `status` and the docs, so that what a kind is known to do is written once.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "core/time.hpp"

namespace watchdesk::config {

/// What the items of a source kind are.
enum class Yields {
  /// Filings with a `form` (what a `filing` trigger reads).
  filings,
  /// Items with a title (articles, postings, hits).
  items,
  /// Series points only (`SOURCE.FIELD`).
  series,
};

/// The syntax of the documents a kind is served in.
enum class Media { xml, json, csv_or_json };

/// One source kind.
struct SourceKindSpec {
  SourceKind kind;
  /// The name in TOML (`edgar-filings`).
  std::string_view name;
  /// One line for `validate`, `status` and the docs.
  std::string_view summary;
  /// The keys this kind accepts beyond the common ones (`kind`, `every`, `url`, `jitter`, `max_body`).
  std::span<const std::string_view> keys;
  /// The series fields its parser produces (`SOURCE.FIELD`).
  std::span<const std::string_view> series;
  /// What its items are.
  Yields yields;
  /// True when EDGAR fair-access rules apply (SEC hosts, User-Agent with an email, 403 pauses).
  bool sec;
  /// The syntax of its documents; a document of another syntax is named in the parse error.
  Media media;
  /// Whether a `url` is required (no default can be built from the kind's keys).
  bool needs_url;
  /// The URL fetched when the table gives no `url`; `today` ends date ranges.
  std::string (*default_url)(const Source& source, TimePoint today);
};

/// Every source kind, in documentation order.
std::span<const SourceKindSpec> source_kinds();

/// The row of `kind`.
const SourceKindSpec& spec_of(SourceKind kind);

/// True when `source` must follow EDGAR's fair-access rules: its kind is an EDGAR kind or its URL
/// is on an SEC host.
bool follows_sec_rules(const Source& source);

/// The keys every source accepts.
std::span<const std::string_view> common_source_keys();

}  // namespace watchdesk::config
