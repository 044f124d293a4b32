// Alerts with their deliveries, and silences, as JSON: what `alerts --format json`,
// `silence list --format json` and the status page's API serve.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

#include "daemon/store/state_store.hpp"
#include "watchers/triggers/silence.hpp"

namespace watchdesk::pipeline {

/// A delivery state as users read it: `pending`, `delivered`, `retrying`, `failed`, `silenced`.
std::string_view delivery_state_name(store::DeliveryStatus status);

/// The stored alert document with `raised_at`, `silenced_by` (when silenced) and `deliveries`
/// (`channel`, `status`, `attempts`, `next_attempt`, `delivered_at`, `last_error` without secrets).
boost::json::object alert_history_json(const store::AlertHistory& history);

/// The alert's `title` (its id when the stored document has none).
std::string alert_title(const store::AlertRecord& alert);

/// A silence's state at `now`: `active`, `expired` or `pending`.
std::string_view silence_state(const triggers::Silence& silence, TimePoint now);

/// A silence: `id`, `trigger`, `match`, `reason`, `created_at`, `ends_at`, `state` (`active`,
/// `expired` or `pending` at `now`).
boost::json::object silence_json(const triggers::Silence& silence, TimePoint now);

}  // namespace watchdesk::pipeline
