// The digest schedule: the last scheduled time against the last recorded send, in one transaction.
#include "daemon/digest/digest_schedule.hpp"

#include <boost/json/serialize.hpp>

#include "core/weekly_schedule.hpp"
#include "daemon/digest/digest_document.hpp"

namespace watchdesk::digest {

Result<std::vector<DigestOutcome>> DigestSchedule::run_due(TimePoint now) {
  std::vector<DigestOutcome> outcomes;
  for (const auto& digest : config_.digests) {
    auto outcome = run_one(digest, now);
    if (!outcome) return std::move(outcome).error().context("digest " + digest.id);
    outcomes.push_back(std::move(*outcome));
  }
  return outcomes;
}

Result<DigestOutcome> DigestSchedule::run_one(const config::Digest& digest, TimePoint now) {
  DigestOutcome outcome{digest.id, DigestStep::not_due, latest_occurrence(digest.schedule, now), {}};
  auto last = store_.last_digest_send(digest.id);
  if (!last) return last.error();
  if (last->has_value() && (*last)->scheduled_for >= outcome.scheduled_for) return outcome;

  auto request = request_for(&digest, store_, outcome.scheduled_for, now);
  if (!request) return request.error();
  auto document = build_digest(config_, store_, *request);
  if (!document) return document.error();
  const std::string json = boost::json::serialize(*document);

  auto tx = store_.begin();
  if (!tx) return tx.error();
  auto recorded = tx->add_digest_send({digest.id, outcome.scheduled_for, now, json});
  if (!recorded) return recorded.error();
  // Another process recorded it first: that one sends it.
  if (!*recorded) return outcome;
  if (last->has_value()) {
    outcome.outbox_id = digest_outbox_id(digest.id, outcome.scheduled_for);
    auto queued = tx->add_alert({outcome.outbox_id, "digest", json, now}, digest.channels);
    if (!queued) return queued.error();
    outcome.step = DigestStep::queued;
  } else {
    outcome.step = DigestStep::started;
  }
  if (auto committed = tx->commit(); !committed.ok()) return committed.error();
  return outcome;
}

}  // namespace watchdesk::digest
