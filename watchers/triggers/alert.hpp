// Alerts: what a trigger raises, its JSON form (webhook body, stdout line, outbox record) and its
// plain-text rendering.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace watchdesk::triggers {

/// One piece of evidence: the observation (or series point) an alert rests on.
struct Evidence {
  /// The signal id (`47c46e8d`), see `signal_id()`.
  std::string signal;
  /// The source id it came from.
  std::string source;
  /// Link to the item (filing index, article, posting); may be empty.
  std::string url;
  /// The item's headline; may be empty.
  std::string title;
  /// When the item says it was published.
  std::optional<TimePoint> published_at;

  bool operator==(const Evidence&) const = default;
};

/// A named detail of an alert (`form` = `S-1`); facts keep their order.
struct Fact {
  std::string name;
  std::string value;

  bool operator==(const Fact&) const = default;
};

/// An alert raised by a trigger or by source health.
struct Alert {
  /// The dedup key: the same id is never raised twice (`s1-public/0001628280-26-036936`).
  std::string id;
  /// The trigger id (`health` for source-health alerts).
  std::string trigger;
  /// The trigger kind (`filing`, `metric-move`, `tenant`, `count`, `health`).
  std::string kind;
  /// One line.
  std::string title;
  /// A few sentences a reader can act on.
  std::string summary;
  /// How sure the desk can be of what the alert says.
  config::Confirmation status = config::Confirmation::reported;
  /// When watchdesk observed what caused the alert.
  TimePoint observed_at;
  /// When the underlying item was published, if known.
  std::optional<TimePoint> published_at;
  std::vector<Evidence> evidence;
  std::vector<Fact> facts;

  bool operator==(const Alert&) const = default;
};

/// Reads a confirmation status's name (`config::to_string`: `confirmed`, `reported`, `ai-prior`)
/// back; nullopt for anything else.
std::optional<config::Confirmation> parse_status_name(std::string_view name);

/// The alert as one line of JSON, keys in this order: `id`, `trigger`, `kind`, `title`, `summary`,
/// `status`, `observed_at`, `published_at` (null when unknown), `evidence` (objects with `signal`,
/// `source`, `url`, `title`, `published_at`) and `facts` (an object of strings, in order). Times
/// are RFC 3339 UTC (`2026-06-01T14:03:07Z`).
std::string to_json(const Alert& alert);

/// Reads an alert back from `to_json`'s output; the error names the missing or malformed key.
Result<Alert> from_json(std::string_view json);

/// The alert as plain text: title, status, summary, facts (`name: value`), evidence lines
/// (`signal 47c46e8d <url>`) and the alert id.
std::string to_text(const Alert& alert);

}  // namespace watchdesk::triggers
