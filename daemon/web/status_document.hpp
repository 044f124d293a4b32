// The status document: everything the status page shows, as one JSON object that the page, the
// `/api/*` endpoints, the digest's charts and `status --format markdown` are built from.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string_view>

#include "config/config.hpp"
#include "core/result.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::web {

/// How far back each chart looks.
inline constexpr Seconds kChartSpan{std::chrono::days(90)};

/// How far back the page's recent alerts go, and how many (the newest) it lists at most.
inline constexpr Seconds kRecentAlerts{std::chrono::days(365)};
inline constexpr std::size_t kMaxAlerts = 50;

/// One chart's data for series or metric `name` at `now` (`/api/series/NAME`): `name`, `kind`
/// (`series` or `metric`), `from`, `to` (the 90 days up to `now`, or up to the last point when that
/// is older: then `stale` is true), `points` (`at`, `value`), `lines` (`value`, `label`: a
/// trigger's threshold), `bands` (`from`, `to`, `label`: a trigger's window) and `alerts` (`at`,
/// `value`, `id`, `title`). An error of kind `not_found` when there is no such series or metric.
Result<boost::json::object> build_series(const config::Config& config, store::StateStore& store,
                                         std::string_view name, TimePoint now);

/// Every chart: one per stored series, then one per `[metrics.*]`, in that order.
Result<boost::json::array> build_all_series(const config::Config& config, store::StateStore& store, TimePoint now);

/// The recent alerts (`/api/alerts`), newest first, each as `alerts --format json` prints it.
Result<boost::json::array> build_alerts(store::StateStore& store, TimePoint now);

/// The whole document (`/api/status`): `kind` ("status"), `generated_at`, `table` (the
/// observable-state table as `status --format json` prints it), `series` (every chart), `alerts`,
/// `silences` (those in force) and `sources` (`source`, `state`, `consecutive_failures`,
/// `last_attempt`, `last_success`, `last_error`, secrets scrubbed).
Result<boost::json::object> build_status(const config::Config& config, store::StateStore& store, TimePoint now);

}  // namespace watchdesk::web
