// The state database schema: the forward migrations applied by `StateStore::open`.
#include "daemon/store/schema.hpp"

#include <array>

namespace watchdesk::store {
namespace {

// Version 1: the base tables. Times are integer seconds since the epoch, UTC.
constexpr const char* kBaseTables = R"sql(
CREATE TABLE fetch_state (
  source_id TEXT PRIMARY KEY NOT NULL,
  url TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  last_attempt INTEGER,
  last_success INTEGER,
  last_status INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE observations (
  source_id TEXT NOT NULL,
  key TEXT NOT NULL,
  signal TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  published INTEGER,
  title TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  facts TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (source_id, key)
);
CREATE INDEX observations_by_first_seen ON observations (source_id, first_seen);
CREATE TABLE series_points (
  name TEXT NOT NULL,
  at INTEGER NOT NULL,
  value REAL NOT NULL,
  ref TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (name, at)
) WITHOUT ROWID;
CREATE TABLE trigger_state (
  trigger_id TEXT PRIMARY KEY NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE alerts (
  id TEXT PRIMARY KEY NOT NULL,
  trigger TEXT NOT NULL,
  json TEXT NOT NULL,
  raised_at INTEGER NOT NULL
);
CREATE INDEX alerts_by_raised_at ON alerts (raised_at);
CREATE TABLE deliveries (
  alert_id TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER,
  PRIMARY KEY (alert_id, channel)
);
)sql";

// Version 2: source health alerts remember their streak, and due deliveries have their own index.
constexpr const char* kHealthAndOutboxIndex = R"sql(
ALTER TABLE fetch_state ADD COLUMN unhealthy_alerted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX deliveries_outstanding ON deliveries (next_attempt)
  WHERE status IN ('pending', 'failed');
)sql";

// Version 3: staleness of a source that never succeeded counts from its first attempt.
constexpr const char* kFirstAttempt = R"sql(
ALTER TABLE fetch_state ADD COLUMN first_attempt INTEGER;
)sql";

// Version 4: a delivery is claimed by one process at a time (a lease with its owner and expiry),
// and price points refused at ingestion are kept with the reason.
constexpr const char* kLeasesAndRejectedPoints = R"sql(
ALTER TABLE deliveries ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE deliveries ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
CREATE TABLE rejected_points (
  name TEXT NOT NULL,
  at INTEGER NOT NULL,
  value REAL,
  reason TEXT NOT NULL,
  rejected_at INTEGER NOT NULL
);
CREATE INDEX rejected_points_by_name ON rejected_points (name, at);
)sql";

// Version 6: silences (an alert they match is recorded with the silence id and its deliveries as
// `silenced`), and each digest's sends with the snapshot the next one compares against.
constexpr const char* kSilencesAndDigests = R"sql(
CREATE TABLE silences (
  id TEXT PRIMARY KEY NOT NULL,
  trigger TEXT NOT NULL,
  match TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL
);
CREATE INDEX silences_by_end ON silences (ends_at);
ALTER TABLE alerts ADD COLUMN silenced_by TEXT NOT NULL DEFAULT '';
CREATE TABLE digest_sends (
  digest_id TEXT NOT NULL,
  scheduled_for INTEGER NOT NULL,
  sent_at INTEGER NOT NULL,
  snapshot TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (digest_id, scheduled_for)
);
)sql";

constexpr std::array kMigrations = {
    Migration{1, "base tables", kBaseTables},
    Migration{2, "fetch_state.unhealthy_alerted, outstanding deliveries index",
              kHealthAndOutboxIndex},
    Migration{3, "fetch_state.first_attempt", kFirstAttempt},
    Migration{4, "deliveries.lease_owner and lease_until, rejected_points", kLeasesAndRejectedPoints},
    Migration{6, "silences, alerts.silenced_by, digest_sends", kSilencesAndDigests},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

}  // namespace watchdesk::store
