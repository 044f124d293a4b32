// The weekly digest as a JSON document (`"kind": "digest"`): each trigger's answer with its
// confirmation status and evidence, what changed since the previous digest, and the figures table.
#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::digest {

/// What one digest covers and when.
struct DigestRequest {
  /// The `[digests.ID]` id (`adhoc` when the configuration has none).
  std::string digest_id = "adhoc";
  /// The triggers it answers for, in order (empty: every trigger).
  std::vector<std::string> triggers;
  /// The IANA zone its times are shown in.
  std::string zone = "UTC";
  /// The time it stands for (its scheduled time, or now for `watchdesk digest`), and when it is made.
  TimePoint scheduled_for;
  TimePoint now;
  /// The previous digest's document and when it was made; without one, changes cover `kNoPreviousWindow`.
  std::optional<boost::json::object> previous;
  std::optional<TimePoint> previous_at;
};

/// How far back "what changed" looks when there is no previous digest.
inline constexpr Seconds kNoPreviousWindow{7 * 24 * 3600};

/// The request for `digest` (nullptr: every trigger, shown in UTC) standing for `scheduled_for`,
/// made at `now`, with the previous send recorded in `store`.
Result<DigestRequest> request_for(const config::Digest* digest, store::StateStore& store, TimePoint scheduled_for,
                                  TimePoint now);

/// The outbox id of a digest: `digest/ID/2026-12-07T13:00:00Z`.
std::string digest_outbox_id(std::string_view digest_id, TimePoint scheduled_for);

/// Builds the document: `kind`, `id`, `digest`, `title`, `scheduled_for`, `local_time`, `since`,
/// `generated_at`, `triggers` (rows with `trigger`, `kind`, `reading`, `status`, `as_of`,
/// `evidence`), `changes` (`alerts`, `figures`, `series`, `sources`), `figures` and `charts` (one
/// entry per series and metric, as `/api/series/NAME` serves it). A failed read of the store is an
/// error.
Result<boost::json::object> build_digest(const config::Config& config, store::StateStore& store,
                                         const DigestRequest& request);

}  // namespace watchdesk::digest
