// Silences: what keeps a trigger's alerts (or one source's health alerts) from every channel for a
// while, and which alerts a silence matches.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "watchers/triggers/alert.hpp"

namespace watchdesk::triggers {

/// A silence as the state database keeps it (`watchdesk silence add`).
struct Silence {
  /// The silence id printed by `silence add` (`5f0c2a9e1b7d`).
  std::string id;
  /// The trigger id whose alerts it silences (`health` for source-health alerts).
  std::string trigger;
  /// Empty: every alert of the trigger. For `health`, a source id; otherwise text the alert's id,
  /// title or summary contains, or one of its evidence sources (case-insensitive).
  std::string match;
  /// Why the desk silenced it, for the record.
  std::string reason;
  TimePoint created_at;
  /// When it stops matching (moved to the expiry time by `silence expire`).
  TimePoint ends_at;

  bool operator==(const Silence&) const = default;
};

/// True while `silence` is in force at `now` (from its creation until `ends_at`, exclusive).
bool is_active(const Silence& silence, TimePoint now);

/// True when `silence` matches `alert` (ignoring time).
bool matches(const Silence& silence, const Alert& alert);

/// The first of `silences` in force at `now` that matches `alert`, if any.
const Silence* silencing(const std::vector<Silence>& silences, const Alert& alert, TimePoint now);

}  // namespace watchdesk::triggers
