// The `jobs` source parser: Greenhouse, Lever and Ashby public job-board JSON.
#include "watchers/sources/jobs.hpp"

#include <optional>
#include <string>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include "core/json.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "core/text/words.hpp"

namespace watchdesk::sources {
namespace {

namespace json = boost::json;

// Latest instant a posting may carry: 9999-12-31T23:59:59.999Z in milliseconds.
constexpr std::int64_t kMaxEpochMs = 253402300799999;

// One posting, normalised across providers.
struct Posting {
  std::string key;
  std::string title;
  std::string url;
  std::string location;
  std::string department;
  std::optional<TimePoint> published;
  std::optional<TimePoint> updated;
};

std::string_view provider_name(config::JobsProvider provider) {
  switch (provider) {
    case config::JobsProvider::greenhouse: return "greenhouse";
    case config::JobsProvider::lever: return "lever";
    case config::JobsProvider::ashby: return "ashby";
  }
  return "";
}

std::string_view expected_format(config::JobsProvider provider) {
  switch (provider) {
    case config::JobsProvider::greenhouse: return "Greenhouse job-board JSON (an object with a 'jobs' array)";
    case config::JobsProvider::lever: return "Lever postings JSON (an array of postings)";
    case config::JobsProvider::ashby: return "Ashby job-board JSON (an object with a 'jobs' array)";
  }
  return "";
}

// A display string from JSON: whitespace collapsed (JSON strings are valid UTF-8 once parsed).
std::string clean(std::string_view s) { return text::collapse_whitespace(s); }

std::string string_or_empty(const json::object& o, std::string_view key) {
  const auto s = json_string(o, key);
  return s ? clean(*s) : std::string();
}

// An id given as a string or a whole number.
std::string id_of(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (const auto* s = v->if_string()) return clean(std::string_view(s->data(), s->size()));
  if (const auto i = json_integer(*v)) return std::to_string(*i);
  return {};
}

std::optional<TimePoint> rfc3339_member(const json::object& o, std::string_view key) {
  const auto s = json_string(o, key);
  if (!s) return std::nullopt;
  return parse_rfc3339(*s);
}

// Epoch milliseconds (Lever); out-of-range or non-integral values are ignored.
std::optional<TimePoint> epoch_ms_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  const auto ms = json_integer(*v);
  if (!ms || *ms < 0 || *ms > kMaxEpochMs) return std::nullopt;
  return from_epoch_ms(*ms);
}

const json::object* object_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

// The provider's own error message in an error object (`{"error": "..."}`, `{"message": "..."}`).
std::optional<std::string> provider_error(const json::value& root) {
  const json::object* o = root.if_object();
  if (o == nullptr) return std::nullopt;
  for (const std::string_view key : {"error", "message", "errors"}) {
    const json::value* v = o->if_contains(key);
    if (v == nullptr || v->is_null() || v->is_bool()) continue;
    if (const auto* s = v->if_string()) return std::string(text::truncate_utf8(std::string_view(s->data(), s->size()), 200));
    return json_excerpt(*v);
  }
  return std::nullopt;
}

Posting greenhouse_posting(const json::object& job) {
  Posting p;
  p.key = id_of(job, "id");
  p.title = string_or_empty(job, "title");
  p.url = string_or_empty(job, "absolute_url");
  if (const auto* location = object_member(job, "location")) p.location = string_or_empty(*location, "name");
  if (const json::value* deps = job.if_contains("departments"); deps && deps->is_array()) {
    for (const json::value& d : deps->get_array()) {
      const json::object* dep = d.if_object();
      if (dep == nullptr) continue;
      const std::string name = string_or_empty(*dep, "name");
      if (name.empty()) continue;
      if (!p.department.empty()) p.department += ", ";
      p.department += name;
    }
  }
  p.published = rfc3339_member(job, "first_published");
  p.updated = rfc3339_member(job, "updated_at");
  return p;
}

Posting lever_posting(const json::object& job) {
  Posting p;
  p.key = id_of(job, "id");
  p.title = string_or_empty(job, "text");
  p.url = string_or_empty(job, "hostedUrl");
  if (const auto* categories = object_member(job, "categories")) {
    p.location = string_or_empty(*categories, "location");
    p.department = string_or_empty(*categories, "department");
    if (p.department.empty()) p.department = string_or_empty(*categories, "team");
  }
  p.published = epoch_ms_member(job, "createdAt");
  p.updated = epoch_ms_member(job, "updatedAt");
  return p;
}

Posting ashby_posting(const json::object& job) {
  Posting p;
  p.key = id_of(job, "id");
  p.title = string_or_empty(job, "title");
  p.url = string_or_empty(job, "jobUrl");
  p.location = string_or_empty(job, "location");
  p.department = string_or_empty(job, "department");
  if (p.department.empty()) p.department = string_or_empty(job, "team");
  p.published = rfc3339_member(job, "publishedAt");
  p.updated = rfc3339_member(job, "updatedAt");
  return p;
}

// Matches postings against the source's `match` words, folding each posting's text into storage
// kept from one posting to the next.
class Matcher {
 public:
  explicit Matcher(const std::vector<std::string>& words) {
    folded_words_.reserve(words.size());
    for (const std::string& w : words) folded_words_.push_back(text::fold_case(w));
  }

  /// True when the posting's title or department holds one of the words (always when there are none).
  bool matches(const Posting& p) {
    if (folded_words_.empty()) return true;
    text::fold_case_into(title_, p.title);
    text::fold_case_into(department_, p.department);
    for (const std::string& w : folded_words_)
      if (text::contains_folded_word(title_, w) || text::contains_folded_word(department_, w)) return true;
    return false;
  }

 private:
  std::vector<std::string> folded_words_;
  std::string title_;
  std::string department_;
};

}  // namespace

Result<ParseOutput> parse_jobs(std::string_view body, const config::Source& source) {
  const config::JobsProvider provider = source.jobs_provider;
  const std::string_view expected = expected_format(provider);
  unsigned char initial[16384];
  json::monotonic_resource resource(initial, sizeof initial);
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(expected);
  const json::value& root = *parsed;

  const json::array* jobs = nullptr;
  if (provider == config::JobsProvider::lever) {
    jobs = root.if_array();
  } else if (const json::object* o = root.if_object()) {
    if (const json::value* j = o->if_contains("jobs")) jobs = j->if_array();
  }
  if (jobs == nullptr) {
    if (auto message = provider_error(root)) {
      return make_error(std::string(provider_name(provider)) + " answered with an error: " +
                                      text::sanitize_utf8(*message) + "; check the board name '" +
                                      source.board + "'");
    }
    return make_error("expected " + std::string(expected) + " but got JSON " +
                                    json_excerpt(root) + "; check the provider and the board name");
  }

  ParseOutput out;
  out.observations.reserve(jobs->size());
  // Views of the keys of `out.observations`, which is reserved for every posting, so they never move.
  boost::unordered_flat_set<std::string_view> seen(jobs->size());
  std::size_t open_roles = 0;
  const std::string provider_text(provider_name(provider));
  Matcher matcher(source.match);
  for (std::size_t i = 0; i < jobs->size(); ++i) {
    const json::object* job = (*jobs)[i].if_object();
    if (job == nullptr) {
      out.dropped.push_back("posting #" + std::to_string(i + 1) + " is not a JSON object");
      continue;
    }
    if (provider == config::JobsProvider::ashby) {
      const json::value* listed = job->if_contains("isListed");
      if (listed && listed->is_bool() && !listed->get_bool()) continue;
    }
    Posting p = provider == config::JobsProvider::greenhouse ? greenhouse_posting(*job)
                : provider == config::JobsProvider::lever    ? lever_posting(*job)
                                                             : ashby_posting(*job);
    // How a dropped posting is named (built only for those).
    const auto label = [&] {
      return p.title.empty() ? "posting #" + std::to_string(i + 1)
                             : "posting #" + std::to_string(i + 1) + " '" +
                                   std::string(text::truncate_utf8(p.title, 80)) + "'";
    };
    if (p.key.empty()) {
      out.dropped.push_back(label() + " has no id");
      continue;
    }
    if (seen.contains(p.key)) {
      out.dropped.push_back(label() + " repeats id " + p.key);
      continue;
    }
    if (matcher.matches(p)) ++open_roles;

    Observation& obs = out.observations.emplace_back();
    obs.key = std::move(p.key);
    seen.insert(obs.key);
    obs.title = std::move(p.title);
    obs.url = std::move(p.url);
    obs.published = p.published;
    // In name order, so that each fact lands at the end of the sorted facts.
    obs.facts.reserve(4);
    if (!p.department.empty()) obs.facts.emplace_hint(obs.facts.end(), "department", std::move(p.department));
    if (!p.location.empty()) obs.facts.emplace_hint(obs.facts.end(), "location", std::move(p.location));
    obs.facts.emplace_hint(obs.facts.end(), "provider", provider_text);
    if (p.updated) obs.facts.emplace_hint(obs.facts.end(), "updated", format_rfc3339(*p.updated));
  }
  // The board's count at fetch time, on every successful fetch (0 for an empty board): a withdrawn
  // posting lowers the latest point.
  out.points.push_back(SeriesPoint{"open_roles", TimePoint{}, static_cast<double>(open_roles),
                                   provider_text, {}, SeriesPoint::Stamp::at_fetch});
  return out;
}

}  // namespace watchdesk::sources
