// The `tenant` trigger: new organisations named as tenants of a subject, `reported` on the first
// item and `confirmed` by enough publishers, an SEC filing or their own release, and the deadline
// question.
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "config/source_kinds.hpp"
#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"
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

struct Tenant {
  std::string name;
  config::Confirmation status = config::Confirmation::reported;
  /// The earliest publication (or first-seen) time of an item naming it.
  TimePoint first_at;
  std::vector<std::string> publishers;
  /// Named in an SEC filing (an item from an `edgar-*` source).
  bool sec = false;
  /// Named in a release published by the tenant itself or by an owner of the subject.
  bool own_release = false;
  std::vector<std::string> alerted;
  std::vector<Evidence> evidence;
  std::string sentence;
};

struct TenantState {
  bool first = true;
  std::optional<TimePoint> first_evaluated;
  std::optional<TimePoint> evaluated_at;
  std::vector<Tenant> tenants;
  Deadline deadline = Deadline::open;
  std::optional<TimePoint> resolved_at;
};

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
    tenant.status = parse_status_name(get_string(t, "status")).value_or(config::Confirmation::reported);
    tenant.first_at = get_time(t, "first_at").value_or(TimePoint{});
    tenant.publishers = get_strings(t, "publishers");
    tenant.sec = get_bool(t, "sec", false);
    tenant.own_release = get_bool(t, "own_release", false);
    tenant.alerted = get_strings(t, "alerted");
    tenant.sentence = get_string(t, "sentence");
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
    t["status"] = config::to_string(tenant.status);
    t["first_at"] = format_rfc3339(tenant.first_at);
    json::array publishers;
    for (const auto& p : tenant.publishers) publishers.emplace_back(p);
    t["publishers"] = std::move(publishers);
    t["sec"] = tenant.sec;
    t["own_release"] = tenant.own_release;
    json::array alerted;
    for (const auto& a : tenant.alerted) alerted.emplace_back(a);
    t["alerted"] = std::move(alerted);
    t["sentence"] = tenant.sentence;
    json::array evidence;
    for (const auto& e : tenant.evidence) evidence.emplace_back(evidence_to_object(e));
    t["evidence"] = std::move(evidence);
    tenants.emplace_back(std::move(t));
  }
  out["tenants"] = std::move(tenants);
  return json::serialize(out);
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

// True when `publisher` is the tenant itself or an owner of the subject (any case, any alias).
bool is_own_release(std::string_view publisher, const TriggerOrganisation& tenant,
                    const std::vector<TriggerOrganisation>& orgs) {
  auto named = [&](const Organisation& o) {
    return std::any_of(o.aliases.begin(), o.aliases.end(),
                       [&](const std::string& alias) { return text::iequals(alias, publisher); });
  };
  if (named(tenant.organisation)) return true;
  return std::any_of(orgs.begin(), orgs.end(), [&](const TriggerOrganisation& o) {
    return o.standing == Standing::owner && named(o.organisation);
  });
}

void add_publisher(Tenant& tenant, const std::string& publisher) {
  const bool known = std::any_of(tenant.publishers.begin(), tenant.publishers.end(),
                                 [&](const std::string& p) { return text::iequals(p, publisher); });
  if (!known) tenant.publishers.push_back(publisher);
}

std::vector<std::string> names_of(const std::vector<TriggerOrganisation>& orgs, Standing standing) {
  std::vector<std::string> out;
  for (const auto& o : orgs) {
    if (o.standing == standing) out.push_back(o.organisation.name);
  }
  return out;
}

// The tenants named by one item (title and summary), as indexes into `orgs`, with a sentence each.
std::vector<TenantMention> tenants_in(const SeenObservation& item, const config::Trigger& trigger,
                                      const std::vector<TriggerOrganisation>& orgs) {
  std::vector<TenantMention> found = find_tenants(item.observation.title, trigger.subject, orgs);
  const std::string summary = text::strip_html(fact_or(item.observation, "summary"));
  for (auto& mention : find_tenants(summary, trigger.subject, orgs)) {
    const bool already = std::any_of(found.begin(), found.end(), [&](const TenantMention& m) {
      return m.organisation == mention.organisation;
    });
    if (!already) found.push_back(std::move(mention));
  }
  return found;
}

Alert tenant_alert(const config::Trigger& trigger, const Tenant& tenant,
                   const SeenObservation& cause) {
  const std::string subject = subject_text(trigger);
  const std::string status(config::to_string(tenant.status));
  Alert alert;
  alert.id = trigger.id + "/" + tenant.name + "/" + status;
  alert.trigger = trigger.id;
  alert.kind = "tenant";
  alert.status = tenant.status;
  alert.observed_at = cause.first_seen;
  alert.published_at = cause.observation.published;
  alert.title = tenant.name + " named as a " + subject + " tenant (" + status + ")";
  alert.summary = tenant.name + " is named as renting or buying capacity on " + subject + ": \"" +
                  tenant.sentence + "\" (" + text::join(tenant.publishers, ", ") + ").";
  if (tenant.status == config::Confirmation::confirmed) {
    if (tenant.sec) {
      alert.summary += " Confirmed: an SEC filing names it.";
    } else if (tenant.own_release) {
      alert.summary += " Confirmed: the company's own release says so.";
    } else {
      alert.summary += " Confirmed: " + std::to_string(tenant.publishers.size()) +
                       " distinct publishers carry it.";
    }
  } else {
    const int confirm = std::max(1, trigger.confirm);
    alert.summary += " Reported: confirmed once " + std::to_string(confirm) +
                     " distinct publishers, an SEC filing or the company's own release carry it.";
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

}  // namespace

Outcome evaluate_tenant(const config::Trigger& trigger, std::optional<std::string_view> text,
                        const Context& context) {
  TenantState state = load_tenant_state(text);
  if (!state.first_evaluated) state.first_evaluated = context.now;
  const auto orgs = trigger_organisations(trigger);
  const auto max_age = effective_max_age(trigger);
  const std::size_t confirm = static_cast<std::size_t>(std::max(1, trigger.confirm));

  std::vector<const SeenObservation*> items;
  for (const auto& item : context.new_observations) {
    if (from_sources(trigger, item.source_id)) items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const SeenObservation* a, const SeenObservation* b) {
    return published_or_seen(*a) < published_or_seen(*b);
  });

  // Per tenant index: the fresh item that last moved its status in this evaluation.
  std::vector<const SeenObservation*> moved(state.tenants.size(), nullptr);
  for (const SeenObservation* item : items) {
    const config::Source* source = context.config.find_source(item->source_id);
    const bool sec = source != nullptr && config::spec_of(source->kind).sec;
    for (const TenantMention& mention : tenants_in(*item, trigger, orgs)) {
      const TriggerOrganisation& org = orgs[mention.organisation];
      if (org.standing != Standing::candidate) continue;
      auto it = std::find_if(state.tenants.begin(), state.tenants.end(),
                             [&](const Tenant& t) { return t.name == org.organisation.name; });
      std::optional<config::Confirmation> before;
      if (it == state.tenants.end()) {
        Tenant tenant;
        tenant.name = org.organisation.name;
        tenant.first_at = published_or_seen(*item);
        tenant.sentence = mention.sentence;
        state.tenants.push_back(std::move(tenant));
        moved.push_back(nullptr);
        it = std::prev(state.tenants.end());
      } else {
        before = it->status;
        it->first_at = std::min(it->first_at, published_or_seen(*item));
      }
      const std::string publisher = publisher_of(*item);
      add_publisher(*it, publisher);
      it->sec = it->sec || sec;
      it->own_release = it->own_release || is_own_release(publisher, org, orgs);
      const bool confirmed = it->sec || it->own_release || it->publishers.size() >= confirm;
      it->status = confirmed ? config::Confirmation::confirmed : config::Confirmation::reported;
      const bool advanced = !before || rank(it->status) > rank(*before);
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
    const std::string status(config::to_string(tenant.status));
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
      const bool named_before = std::any_of(state.tenants.begin(), state.tenants.end(),
                                            [&](const Tenant& t) { return t.first_at < *trigger.deadline; });
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
  const Tenant* newest = nullptr;
  for (const auto& tenant : state.tenants) {
    std::string entry = tenant.name + " (" + std::string(config::to_string(tenant.status));
    if (!tenant.evidence.empty()) entry += ", signal " + tenant.evidence.front().signal;
    entry += ")";
    named.push_back(std::move(entry));
    if (!reading.status || rank(tenant.status) > rank(*reading.status)) reading.status = tenant.status;
    if (newest == nullptr || tenant.first_at > newest->first_at) newest = &tenant;
  }
  parts.push_back(named.empty() ? "no new tenant named" : "new: " + text::join(named, ", "));
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
