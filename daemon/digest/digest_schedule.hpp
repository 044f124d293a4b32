// Sending each `[digests.*]` on its schedule: the runtime of `run` asks at start and every minute,
// with the time it reads from its clock (tests pass a virtual one).
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/result.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::digest {

/// What `DigestSchedule::run_due` did for one digest.
enum class DigestStep {
  /// First seen: its latest scheduled time is recorded as the starting point, nothing is sent.
  started,
  /// A scheduled time passed since the last send: the digest was queued in the outbox.
  queued,
  /// Nothing due.
  not_due,
};

/// The step taken for one digest, the scheduled time it concerns and, when queued, its outbox id.
struct DigestOutcome {
  std::string digest_id;
  DigestStep step = DigestStep::not_due;
  TimePoint scheduled_for;
  std::string outbox_id;
};

/// Decides and records digest sends. A digest is queued (for its channels, through the outbox) when
/// its latest scheduled time at or before `now` is later than the last one recorded: a time missed
/// while no daemon ran is sent at the next start, once, and older missed times are not sent at all.
class DigestSchedule {
 public:
  DigestSchedule(const config::Config& config, store::StateStore& store) : config_(config), store_(store) {}

  /// Records and queues what is due at `now`, each digest in its own transaction.
  Result<std::vector<DigestOutcome>> run_due(TimePoint now);

 private:
  Result<DigestOutcome> run_one(const config::Digest& digest, TimePoint now);
  const config::Config& config_;
  store::StateStore& store_;
};

}  // namespace watchdesk::digest
