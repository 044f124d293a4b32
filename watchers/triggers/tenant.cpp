// The `tenant` trigger: new organisations named as tenants of a subject, a `candidate` while only
// hedges and talks name them, `reported` on the first fact or plan and `confirmed` by enough
// distinct publishers, an SEC filing or their own release, and the deadline question.
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "config/source_kinds.hpp"
#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"
#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenant_detection.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// Evidence items kept per tenant (the earliest ones).
constexpr std::size_t kEvidencePerTenant = 10;

// Where the deadline question stands.
enum class Deadline { open, unwatched, no, yes };

std::string_view deadline_name(Deadline d) {
  switch (d) {
    case Deadline::open:
      return "open";
    case Deadline::unwatched:
      return "unwatched";
    case Deadline::no:
      return "no";
    case Deadline::yes:
      return "yes";
  }
  return "open";
}

Deadline deadline_from(std::string_view text) {
  if (text == "unwatched") return Deadline::unwatched;
  if (text == "no") return Deadline::no;
  if (text == "yes") return Deadline::yes;
  return Deadline::open;
}

// Where a tenant stands: named only in denials, only in hedges and talks (a candidate), reported
// as a fact or plan, or confirmed.
enum class Stage { denied, candidate, reported, confirmed };

std::string_view stage_name(Stage stage) {
  switch (stage) {
    case Stage::denied:
      return "denied";
    case Stage::candidate:
      return "candidate";
    case Stage::reported:
      return "reported";
    case Stage::confirmed:
      return "confirmed";
  }
  return "reported";
}

Stage stage_from(std::string_view text) {
  if (text == "denied") return Stage::denied;
  if (text == "candidate") return Stage::candidate;
  if (text == "confirmed") return Stage::confirmed;
  return Stage::reported;
}

int rank(config::Confirmation status) {
  switch (status) {
    case config::Confirmation::ai_prior:
      return 0;
    case config::Confirmation::reported:
      return 1;
    case config::Confirmation::confirmed:
      return 2;
  }
  return 0;
}

config::Confirmation confirmation_of(Stage stage) {
  return stage == Stage::confirmed ? config::Confirmation::confirmed : config::Confirmation::reported;
}

struct Tenant {
  std::string name;
  Stage stage = Stage::reported;
  /// The earliest publication (or first-seen) time of an item reporting it; of any item naming it
  /// while it is only a candidate or denied.
  TimePoint first_at;
  /// Publishers of the items that report it as a fact or a plan, one per publisher.
  std::vector<std::string> publishers;
  /// Publishers of hedges and talks, and of denials.
  std::vector<std::string> hedged_by;
  std::vector<std::string> denied_by;
  /// Named in an SEC filing (an item from an `edgar-*` source).
  bool sec = false;
  /// Named in a release published by the tenant itself or by an owner of the subject.
  bool own_release = false;
  std::vector<std::string> alerted;
  std::vector<Evidence> evidence;
  /// The sentence that reported it (or first named it), the relation found there and its modality.
  std::string sentence;
  std::string relation;
  std::string modality;
  /// The latest denial, as written.
  std::string denial;
};

struct TenantState {
  bool first = true;
  std::optional<TimePoint> first_evaluated;
  std::optional<TimePoint> evaluated_at;
  std::vector<Tenant> tenants;
  Deadline deadline = Deadline::open;
  std::optional<TimePoint> resolved_at;
};

json::array string_array(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

TenantState load_tenant_state(std::optional<std::string_view> text) {
  TenantState state;
  const auto object = parse_state(text);
  if (!object) return state;
  state.first = false;
  state.first_evaluated = get_time(*object, "first_evaluated");
  state.evaluated_at = get_time(*object, "evaluated_at");
  state.deadline = deadline_from(get_string(*object, "deadline"));
  state.resolved_at = get_time(*object, "resolved_at");
  const json::value* tenants = object->if_contains("tenants");
  if (tenants == nullptr || !tenants->is_array()) return state;
  for (const auto& item : tenants->get_array()) {
    if (!item.is_object()) continue;
    const json::object& t = item.get_object();
    Tenant tenant;
    tenant.name = get_string(t, "name");
    if (tenant.name.empty()) continue;
    tenant.stage = stage_from(get_string(t, "status"));
    tenant.first_at = get_time(t, "first_at").value_or(TimePoint{});
    tenant.publishers = get_strings(t, "publishers");
    tenant.hedged_by = get_strings(t, "hedged_by");
    tenant.denied_by = get_strings(t, "denied_by");
    tenant.sec = get_bool(t, "sec", false);
    tenant.own_release = get_bool(t, "own_release", false);
    tenant.alerted = get_strings(t, "alerted");
    tenant.sentence = get_string(t, "sentence");
    tenant.relation = get_string(t, "relation");
    tenant.modality = get_string(t, "modality");
    tenant.denial = get_string(t, "denial");
    if (const json::value* evidence = t.if_contains("evidence"); evidence && evidence->is_array()) {
      for (const auto& e : evidence->get_array()) tenant.evidence.push_back(evidence_from_value(e));
    }
    state.tenants.push_back(std::move(tenant));
  }
  return state;
}

std::string save_tenant_state(const TenantState& state) {
  json::object out;
  out["first_evaluated"] = time_value(state.first_evaluated);
  out["evaluated_at"] = time_value(state.evaluated_at);
  out["deadline"] = deadline_name(state.deadline);
  out["resolved_at"] = time_value(state.resolved_at);
  json::array tenants;
  for (const auto& tenant : state.tenants) {
    json::object t;
    t["name"] = tenant.name;
    t["status"] = stage_name(tenant.stage);
    t["first_at"] = format_rfc3339(tenant.first_at);
    t["publishers"] = string_array(tenant.publishers);
    t["hedged_by"] = string_array(tenant.hedged_by);
    t["denied_by"] = string_array(tenant.denied_by);
    t["sec"] = tenant.sec;
    t["own_release"] = tenant.own_release;
    t["alerted"] = string_array(tenant.alerted);
    t["sentence"] = tenant.sentence;
    t["relation"] = tenant.relation;
    t["modality"] = tenant.modality;
    t["denial"] = tenant.denial;
    json::array evidence;
    for (const auto& e : tenant.evidence) evidence.emplace_back(evidence_to_object(e));
    t["evidence"] = std::move(evidence);
    tenants.emplace_back(std::move(t));
  }
  out["tenants"] = std::move(tenants);
  return json::serialize(out);
}

std::string subject_text(const config::Trigger& trigger) {
  return trigger.subject.empty() ? std::string("the subject") : trigger.subject.front();
}

bool from_sources(const config::Trigger& trigger, std::string_view source_id) {
  return std::find(trigger.sources.begin(), trigger.sources.end(), source_id) !=
         trigger.sources.end();
}

// Who published an item: its `publisher` fact, else its source id.
std::string publisher_of(const SeenObservation& item) {
  return fact_or(item.observation, "publisher", item.source_id);
}

// True when `publisher` is the tenant itself or an owner of the subject (any spelling).
bool is_own_release(std::string_view publisher, std::string_view tenant,
                    const std::vector<TriggerOrganisation>& orgs) {
  const std::string name = canonical_publisher(publisher, orgs);
  if (text::iequals(name, tenant)) return true;
  return std::any_of(orgs.begin(), orgs.end(), [&](const TriggerOrganisation& o) {
    return o.standing == Standing::owner && text::iequals(o.organisation.name, name);
  });
}

// Adds `publisher` unless one of `publishers` is the same publisher under another spelling
// (`Bloomberg`, `Bloomberg News`, `bloomberg.com`).
void add_publisher(std::vector<std::string>& publishers, const std::string& publisher,
                   const std::vector<TriggerOrganisation>& orgs) {
  const std::string name = canonical_publisher(publisher, orgs);
  const bool known = std::any_of(publishers.begin(), publishers.end(), [&](const std::string& p) {
    return canonical_publisher(p, orgs) == name;
  });
  if (!known) publishers.push_back(publisher);
}

std::vector<std::string> names_of(const std::vector<TriggerOrganisation>& orgs, Standing standing) {
  std::vector<std::string> out;
  for (const auto& o : orgs) {
    if (o.standing == standing) out.push_back(o.organisation.name);
  }
  return out;
}

// The new tenants one item names (title and summary), at most one mention per organisation: a
// fact or plan first, then a hedge, then a denial.
std::vector<TenantMention> tenants_in(const SeenObservation& item, const TenantDetector& detector) {
  const std::string publisher = fact_or(item.observation, "publisher");
  std::vector<TenantMention> all = detector.find(item.observation.title, publisher);
  const std::string summary = text::strip_html(fact_or(item.observation, "summary"));
  for (auto& m : detector.find(summary, publisher)) all.push_back(std::move(m));
  auto rank_of = [](const TenantMention& m) {
    return m.modality == Modality::denial ? 2 : m.modality == Modality::hedge ? 1 : 0;
  };
  std::vector<TenantMention> found;
  for (auto& m : all) {
    if (m.role != TenancyRole::tenant || m.standing != Standing::candidate) continue;
    auto it = std::find_if(found.begin(), found.end(), [&](const TenantMention& f) { return f.name == m.name; });
    if (it == found.end()) {
      found.push_back(std::move(m));
    } else if (rank_of(m) < rank_of(*it)) {
      *it = std::move(m);
    }
  }
  return found;
}

// Who or what confirmed a tenant, in words.
std::string confirmed_by(const Tenant& tenant) {
  std::vector<std::string> parts;
  if (tenant.sec) parts.emplace_back("an SEC filing");
  if (tenant.own_release) parts.emplace_back("the company's own release");
  if (tenant.publishers.size() >= 2 || parts.empty()) parts.push_back(text::join(tenant.publishers, ", "));
  return text::join(parts, "; ");
}

Alert tenant_alert(const config::Trigger& trigger, const Tenant& tenant,
                   const SeenObservation& cause) {
  const std::string subject = subject_text(trigger);
  const config::Confirmation confirmation = confirmation_of(tenant.stage);
  const std::string status(config::to_string(confirmation));
  Alert alert;
  alert.id = trigger.id + "/" + tenant.name + "/" + status;
  alert.trigger = trigger.id;
  alert.kind = "tenant";
  alert.status = confirmation;
  alert.observed_at = cause.first_seen;
  alert.published_at = cause.observation.published;
  alert.title = tenant.name + " named as a " + subject + " tenant (" + status + ")";
  alert.summary = tenant.name + " is named as renting or buying capacity on " + subject + ": \"" +
                  tenant.sentence + "\" (relation: " + tenant.relation + ", " + tenant.modality + "; " +
                  text::join(tenant.publishers, ", ") + ").";
  if (confirmation == config::Confirmation::confirmed) {
    if (tenant.sec) {
      alert.summary += " Confirmed: an SEC filing names it.";
    } else if (tenant.own_release) {
      alert.summary += " Confirmed: the company's own release says so.";
    } else {
      alert.summary += " Confirmed: " + std::to_string(tenant.publishers.size()) +
                       " distinct publishers carry it (" + text::join(tenant.publishers, ", ") + ").";
    }
  } else {
    const int confirm = std::max(1, trigger.confirm);
    alert.summary += " Reported: confirmed once " + std::to_string(confirm) +
                     " distinct publishers, an SEC filing or the company's own release carry it.";
  }
  if (!tenant.denied_by.empty()) {
    alert.summary += " Denied by " + text::join(tenant.denied_by, ", ") + ": \"" + tenant.denial + "\".";
  }
  for (const auto& e : tenant.evidence) alert.evidence.push_back(e);
  alert.facts.push_back({"organisation", tenant.name});
  alert.facts.push_back({"subject", subject});
  alert.facts.push_back({"status", status});
  alert.facts.push_back({"publishers", text::join(tenant.publishers, ", ")});
  alert.facts.push_back({"sec_filing", tenant.sec ? "yes" : "no"});
  alert.facts.push_back({"own_release", tenant.own_release ? "yes" : "no"});
  alert.facts.push_back({"sentence", tenant.sentence});
  alert.facts.push_back({"first_reported", format_rfc3339(tenant.first_at)});
  alert.facts.push_back({"relation", tenant.relation});
  alert.facts.push_back({"modality", tenant.modality});
  if (confirmation == config::Confirmation::confirmed) alert.facts.push_back({"confirmed_by", confirmed_by(tenant)});
  if (!tenant.hedged_by.empty()) alert.facts.push_back({"hedged_by", text::join(tenant.hedged_by, ", ")});
  if (!tenant.denied_by.empty()) alert.facts.push_back({"denied_by", text::join(tenant.denied_by, ", ")});
  return alert;
}

Alert deadline_alert(const config::Trigger& trigger, const TenantState& state,
                     const std::vector<TriggerOrganisation>& orgs, const Context& context) {
  const std::string subject = subject_text(trigger);
  const std::string deadline = format_date(*trigger.deadline);
  const std::vector<std::string> owners = names_of(orgs, Standing::owner);
  const std::vector<std::string> known = names_of(orgs, Standing::known);
  Alert alert;
  alert.id = trigger.id + "/deadline/" + deadline;
  alert.trigger = trigger.id;
  alert.kind = "tenant";
  // An answer from the absence of news is never stronger than reported.
  alert.status = config::Confirmation::reported;
  alert.observed_at = context.now;
  alert.title = trigger.id + " resolved no: no new " + subject + " tenant by " + deadline;
  std::string summary = "Watched since " + format_rfc3339(*state.first_evaluated) + " in " +
                        text::join(trigger.sources, ", ") + ": no organisation other than the owners (" +
                        text::join(owners, ", ") + ")";
  if (!known.empty()) summary += " and the known tenants (" + text::join(known, ", ") + ")";
  summary += " was named renting or buying capacity on " + subject + " before the deadline " +
             deadline + ". The question resolves \"no\".";
  alert.summary = std::move(summary);
  alert.facts.push_back({"resolution", "no"});
  alert.facts.push_back({"subject", subject});
  alert.facts.push_back({"deadline", deadline});
  alert.facts.push_back({"watched_since", format_rfc3339(*state.first_evaluated)});
  alert.facts.push_back({"sources", text::join(trigger.sources, ", ")});
  if (!known.empty()) alert.facts.push_back({"known", text::join(known, ", ")});
  return alert;
}

// Records one mention of `item` on `tenant`; returns true when it raised the tenant's stage.
bool record(Tenant& tenant, const TenantMention& mention, const SeenObservation& item, bool sec,
            const std::vector<TriggerOrganisation>& orgs, std::size_t confirm) {
  const Stage before = tenant.stage;
  const std::string publisher = publisher_of(item);
  const TimePoint at = published_or_seen(item);
  switch (mention.modality) {
    case Modality::denial:
      add_publisher(tenant.denied_by, publisher, orgs);
      tenant.denial = mention.sentence;
      break;
    case Modality::hedge:
      add_publisher(tenant.hedged_by, publisher, orgs);
      if (tenant.stage < Stage::candidate) tenant.stage = Stage::candidate;
      break;
    case Modality::fact:
    case Modality::plan: {
      if (tenant.stage < Stage::reported) {
        // The first report replaces what hedges or denials had recorded.
        tenant.first_at = at;
        tenant.sentence = mention.sentence;
        tenant.relation = mention.relation();
        tenant.modality = std::string(modality_name(mention.modality));
      } else {
        tenant.first_at = std::min(tenant.first_at, at);
      }
      add_publisher(tenant.publishers, publisher, orgs);
      tenant.sec = tenant.sec || sec;
      tenant.own_release = tenant.own_release || is_own_release(publisher, tenant.name, orgs);
      const bool confirmed = tenant.sec || tenant.own_release || tenant.publishers.size() >= confirm;
      tenant.stage = confirmed ? Stage::confirmed : std::max(tenant.stage, Stage::reported);
      break;
    }
  }
  if (tenant.stage < Stage::reported) tenant.first_at = std::min(tenant.first_at, at);
  return tenant.stage > before;
}

}  // namespace

Outcome evaluate_tenant(const config::Trigger& trigger, std::optional<std::string_view> text,
                        const Context& context) {
  TenantState state = load_tenant_state(text);
  if (!state.first_evaluated) state.first_evaluated = context.now;
  const TenantDetector detector(trigger_organisations(trigger), trigger.subject);
  const auto& orgs = detector.organisations();
  const auto max_age = effective_max_age(trigger);
  const std::size_t confirm = static_cast<std::size_t>(std::max(1, trigger.confirm));

  std::vector<const SeenObservation*> items;
  for (const auto& item : context.new_observations) {
    if (from_sources(trigger, item.source_id)) items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const SeenObservation* a, const SeenObservation* b) {
    return published_or_seen(*a) < published_or_seen(*b);
  });

  // Per tenant index: the fresh item that last raised it to reported or confirmed in this pass.
  std::vector<const SeenObservation*> moved(state.tenants.size(), nullptr);
  for (const SeenObservation* item : items) {
    const config::Source* source = context.config.find_source(item->source_id);
    const bool sec = source != nullptr && config::spec_of(source->kind).sec;
    for (const TenantMention& mention : tenants_in(*item, detector)) {
      auto it = std::find_if(state.tenants.begin(), state.tenants.end(),
                             [&](const Tenant& t) { return t.name == mention.name; });
      if (it == state.tenants.end()) {
        Tenant tenant;
        tenant.name = mention.name;
        tenant.stage = Stage::denied;
        tenant.first_at = published_or_seen(*item);
        tenant.sentence = mention.sentence;
        tenant.relation = mention.relation();
        tenant.modality = std::string(modality_name(mention.modality));
        state.tenants.push_back(std::move(tenant));
        moved.push_back(nullptr);
        it = std::prev(state.tenants.end());
      }
      const bool raised = record(*it, mention, *item, sec, orgs, confirm);
      const bool advanced = raised && it->stage >= Stage::reported;
      // The item that moved the status is always cited; others up to the cap.
      const bool has_signal = std::any_of(it->evidence.begin(), it->evidence.end(),
                                          [&](const Evidence& e) { return e.signal == item->signal; });
      if (!has_signal && (advanced || it->evidence.size() < kEvidencePerTenant)) {
        it->evidence.push_back(evidence_of(*item));
      }
      if (advanced && freshness(*item, max_age) == Freshness::fresh) {
        moved[static_cast<std::size_t>(it - state.tenants.begin())] = item;
      }
    }
  }

  Outcome outcome;
  for (std::size_t i = 0; i < state.tenants.size(); ++i) {
    Tenant& tenant = state.tenants[i];
    if (moved[i] == nullptr) continue;
    const std::string status(config::to_string(confirmation_of(tenant.stage)));
    if (std::find(tenant.alerted.begin(), tenant.alerted.end(), status) != tenant.alerted.end()) {
      continue;
    }
    tenant.alerted.push_back(status);
    outcome.alerts.push_back(tenant_alert(trigger, tenant, *moved[i]));
  }

  if (trigger.deadline && state.deadline == Deadline::open) {
    if (*state.first_evaluated >= *trigger.deadline) {
      state.deadline = Deadline::unwatched;
    } else if (context.now >= *trigger.deadline) {
      const bool named_before = std::any_of(state.tenants.begin(), state.tenants.end(), [&](const Tenant& t) {
        return t.stage >= Stage::reported && t.first_at < *trigger.deadline;
      });
      state.deadline = named_before ? Deadline::yes : Deadline::no;
      state.resolved_at = context.now;
      if (!named_before) outcome.alerts.push_back(deadline_alert(trigger, state, orgs, context));
    }
  }
  state.evaluated_at = context.now;
  outcome.state = save_tenant_state(state);
  return outcome;
}

std::vector<Reading> read_tenant(const config::Trigger& trigger,
                                 std::optional<std::string_view> text, const Context& context) {
  const TenantState state = load_tenant_state(text);
  const auto orgs = trigger_organisations(trigger);
  Reading reading;
  reading.row = trigger.id;
  reading.kind = "tenant";
  std::vector<std::string> parts;
  std::vector<std::string> named;
  std::vector<std::string> candidates;
  std::vector<std::string> denied;
  const Tenant* newest = nullptr;
  for (const auto& tenant : state.tenants) {
    const std::string signal = tenant.evidence.empty() ? std::string() : ", signal " + tenant.evidence.front().signal;
    if (tenant.stage < Stage::reported) {
      if (tenant.stage == Stage::candidate) {
        candidates.push_back(tenant.name + " (" + text::join(tenant.hedged_by, ", ") + signal + ")");
      } else {
        denied.push_back(tenant.name + " (" + text::join(tenant.denied_by, ", ") + signal + ")");
      }
      continue;
    }
    const config::Confirmation confirmation = confirmation_of(tenant.stage);
    std::string entry = tenant.name + " (" + std::string(config::to_string(confirmation)) + signal;
    if (!tenant.denied_by.empty()) entry += "; denied by " + text::join(tenant.denied_by, ", ");
    entry += ")";
    named.push_back(std::move(entry));
    if (!reading.status || rank(confirmation) > rank(*reading.status)) reading.status = confirmation;
    if (newest == nullptr || tenant.first_at > newest->first_at) newest = &tenant;
  }
  parts.push_back(named.empty() ? "no new tenant named" : "new: " + text::join(named, ", "));
  if (!candidates.empty()) parts.push_back("candidate: " + text::join(candidates, ", "));
  if (!denied.empty()) parts.push_back("denied: " + text::join(denied, ", "));
  if (!reading.status && !candidates.empty()) reading.status_label = "candidate";
  const std::vector<std::string> known = names_of(orgs, Standing::known);
  if (!known.empty()) parts.push_back("known: " + text::join(known, ", "));
  if (trigger.deadline) {
    const std::string deadline = "deadline " + format_date(*trigger.deadline) + ": ";
    Deadline where = state.deadline;
    // Never evaluated and already past the deadline: it can no longer be watched before it.
    if (state.first && context.now >= *trigger.deadline) where = Deadline::unwatched;
    switch (where) {
      case Deadline::open:
        parts.push_back(deadline + (state.first ? "open (not evaluated yet)" : "open"));
        break;
      case Deadline::unwatched:
        parts.push_back(deadline + "unresolved (not watched before the deadline)");
        break;
      case Deadline::no:
        parts.push_back(deadline + "resolved no");
        break;
      case Deadline::yes:
        parts.push_back(deadline + "resolved yes");
        break;
    }
  }
  reading.reading = text::join(parts, "; ");
  if (newest != nullptr) {
    reading.as_of = newest->first_at;
    if (!newest->evidence.empty()) reading.evidence = newest->evidence.front();
  } else {
    reading.as_of = state.evaluated_at;
  }
  return {reading};
}

}  // namespace watchdesk::triggers
