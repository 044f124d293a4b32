// The `filing` trigger: a new filing of a listed form fires once per accession; a registration
// form lists the figures still to confirm against it.
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <set>

#include "core/text/strings.hpp"
#include "watchers/triggers/common.hpp"
#include "watchers/triggers/kinds.hpp"

namespace watchdesk::triggers {
namespace json = boost::json;
namespace {

// Registration statements: filing one makes the desk's figures checkable.
bool is_registration_form(std::string_view form) {
  return text::iequals(form, "S-1") || text::iequals(form, "S-1/A") || text::iequals(form, "F-1") ||
         text::iequals(form, "F-1/A");
}

bool form_listed(const config::Trigger& trigger, std::string_view form) {
  if (trigger.forms.empty()) return true;
  return std::any_of(trigger.forms.begin(), trigger.forms.end(),
                     [&](const std::string& listed) { return text::iequals(listed, form); });
}

std::string accession_of(const Observation& observation) {
  return fact_or(observation, "accession", observation.key);
}

// `S-1, S-1/A, F-1 filing`, or `filing` when every form fires.
std::string forms_text(const config::Trigger& trigger) {
  if (trigger.forms.empty()) return "filing";
  return text::join(trigger.forms, ", ") + " filing";
}

struct FilingState {
  std::vector<std::string> seen;
  std::optional<Evidence> last;
  std::string last_form;
  std::string last_accession;
  std::string last_filing_date;
  std::optional<TimePoint> last_accepted;
};

FilingState load_filing_state(std::optional<std::string_view> text) {
  FilingState state;
  const auto object = parse_state(text);
  if (!object) return state;
  state.seen = get_strings(*object, "seen");
  if (const json::value* last = object->if_contains("last"); last != nullptr && last->is_object()) {
    const json::object& l = last->get_object();
    state.last = evidence_from_value(l.contains("evidence") ? l.at("evidence") : json::value());
    state.last_form = get_string(l, "form");
    state.last_accession = get_string(l, "accession");
    state.last_filing_date = get_string(l, "filing_date");
    state.last_accepted = get_time(l, "accepted");
  }
  return state;
}

std::string save_filing_state(const FilingState& state) {
  json::object out;
  json::array seen;
  for (const auto& accession : state.seen) seen.emplace_back(accession);
  out["seen"] = std::move(seen);
  if (state.last) {
    json::object last;
    last["form"] = state.last_form;
    last["accession"] = state.last_accession;
    last["filing_date"] = state.last_filing_date;
    last["accepted"] = time_value(state.last_accepted);
    last["evidence"] = evidence_to_object(*state.last);
    out["last"] = std::move(last);
  } else {
    out["last"] = nullptr;
  }
  return json::serialize(out);
}

Alert filing_alert(const config::Trigger& trigger, const SeenObservation& seen,
                   const config::Config& config) {
  const Observation& o = seen.observation;
  const std::string accession = accession_of(o);
  const std::string form = fact_or(o, "form", "filing");
  const std::string company = fact_or(o, "company", seen.source_id);
  const std::string cik = fact_or(o, "cik");
  const std::string filing_date = fact_or(o, "filing_date");
  const std::string accepted_text = fact_or(o, "accepted");
  const auto accepted = parse_rfc3339(accepted_text);

  Alert alert;
  alert.id = trigger.id + "/" + accession;
  alert.trigger = trigger.id;
  alert.kind = "filing";
  alert.title = company + " filed " + form;
  alert.status = config::Confirmation::confirmed;
  alert.observed_at = seen.first_seen;
  alert.published_at = accepted ? accepted : o.published;
  alert.evidence.push_back(evidence_of(seen));

  std::string summary = company;
  if (!cik.empty()) summary += " (CIK " + cik + ")";
  summary += " filed " + form;
  if (!filing_date.empty()) summary += " on " + filing_date;
  if (accepted) summary += ", accepted " + format_rfc3339(*accepted);
  summary += " (accession " + accession + ").";
  if (!o.url.empty()) summary += " Filing index: " + o.url;

  alert.facts.push_back({"company", company});
  if (!cik.empty()) alert.facts.push_back({"cik", cik});
  alert.facts.push_back({"form", form});
  alert.facts.push_back({"accession", accession});
  if (!filing_date.empty()) alert.facts.push_back({"filing_date", filing_date});
  if (accepted) alert.facts.push_back({"accepted", format_rfc3339(*accepted)});
  if (!o.url.empty()) alert.facts.push_back({"filing_index", o.url});
  const std::string document = fact_or(o, "document_url");
  if (!document.empty()) alert.facts.push_back({"document", document});

  if (is_registration_form(form)) {
    std::vector<std::string> to_confirm;
    for (const auto& figure : config.figures) {
      if (figure.status == config::Confirmation::confirmed) continue;
      const std::string label = figure.label.empty() ? figure.name : figure.label;
      const std::string status(config::to_string(figure.status));
      to_confirm.push_back(label + " = " + figure.value + " (" + status + ")");
      alert.facts.push_back({"figure." + figure.name, label + " = " + figure.value + " (" + status +
                                                          "): to confirm or revise against this filing"});
    }
    if (!to_confirm.empty()) {
      summary += " To confirm or revise against this filing: " + text::join(to_confirm, "; ") + ".";
    }
  }
  alert.summary = std::move(summary);
  return alert;
}

}  // namespace

Outcome evaluate_filing(const config::Trigger& trigger, std::optional<std::string_view> text,
                        const Context& context) {
  FilingState state = load_filing_state(text);
  std::set<std::string> seen(state.seen.begin(), state.seen.end());
  const auto max_age = effective_max_age(trigger);

  std::vector<const SeenObservation*> items;
  for (const auto& item : context.new_observations) {
    if (item.source_id != trigger.source) continue;
    if (!form_listed(trigger, fact_or(item.observation, "form"))) continue;
    items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const SeenObservation* a, const SeenObservation* b) {
    return published_or_seen(*a) < published_or_seen(*b);
  });

  Outcome outcome;
  for (const SeenObservation* item : items) {
    const std::string accession = accession_of(item->observation);
    if (!seen.insert(accession).second) continue;
    state.seen.push_back(accession);
    // The reading shows the latest filing on record, alerted or not.
    state.last = evidence_of(*item);
    state.last_form = fact_or(item->observation, "form", "filing");
    state.last_accession = accession;
    state.last_filing_date = fact_or(item->observation, "filing_date");
    const auto accepted = parse_rfc3339(fact_or(item->observation, "accepted"));
    state.last_accepted = accepted ? accepted : item->observation.published;
    if (freshness(*item, max_age) == Freshness::stale) continue;
    outcome.alerts.push_back(filing_alert(trigger, *item, context.config));
  }
  outcome.state = save_filing_state(state);
  return outcome;
}

std::vector<Reading> read_filing(const config::Trigger& trigger,
                                 std::optional<std::string_view> text, const Context&) {
  const FilingState state = load_filing_state(text);
  Reading reading;
  reading.row = trigger.id;
  reading.kind = "filing";
  if (!state.last) {
    reading.reading = "no " + forms_text(trigger) + " seen";
    return {reading};
  }
  reading.reading = state.last_form + " filed";
  if (!state.last_filing_date.empty()) reading.reading += " " + state.last_filing_date;
  reading.reading += " (" + state.last_accession + ")";
  if (state.seen.size() > 1) {
    reading.reading += "; " + std::to_string(state.seen.size()) + " filings seen";
  }
  reading.status = config::Confirmation::confirmed;
  reading.as_of = state.last_accepted ? state.last_accepted : state.last->published_at;
  reading.evidence = state.last;
  return {reading};
}

}  // namespace watchdesk::triggers
