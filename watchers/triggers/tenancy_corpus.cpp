// Reading the tenancy corpus and scoring the detector on it.
#include "watchers/triggers/tenancy_corpus.hpp"

#include <algorithm>

#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenant_detection.hpp"

namespace watchdesk::triggers {
namespace {

std::vector<std::string_view> split_on(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

std::vector<std::string> list_of(std::string_view field) {
  std::vector<std::string> out;
  if (field.empty() || field == "-") return out;
  for (const auto part : split_on(field, '|')) {
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

// The lines of a TSV text after its header, with their line numbers.
std::vector<std::pair<std::size_t, std::string_view>> data_lines(std::string_view tsv) {
  std::vector<std::pair<std::size_t, std::string_view>> out;
  std::size_t number = 0;
  for (auto line : split_on(tsv, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1 || line.empty() || line.front() == '#') continue;
    out.emplace_back(number, line);
  }
  return out;
}

void add_counts(Score& score, const std::vector<std::string>& expected, const std::vector<std::string>& found) {
  for (const auto& f : found) {
    if (std::find(expected.begin(), expected.end(), f) != expected.end()) {
      ++score.true_positives;
    } else {
      ++score.false_positives;
    }
  }
  for (const auto& e : expected) {
    if (std::find(found.begin(), found.end(), e) == found.end()) ++score.false_negatives;
  }
}

void add_unique(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

}  // namespace

std::vector<CorpusRow> parse_corpus(std::string_view tsv, std::vector<std::string>& problems) {
  std::vector<CorpusRow> rows;
  for (const auto& [number, line] : data_lines(tsv)) {
    const auto f = split_on(line, '\t');
    if (f.size() < 8 || f.size() > 9) {
      problems.push_back("line " + std::to_string(number) + ": expected 8 or 9 tab-separated fields, got " +
                         std::to_string(f.size()));
      continue;
    }
    CorpusRow row;
    row.split = std::string(f[0]);
    row.klass = std::string(f[1]);
    row.facility = std::string(f[2]);
    row.tenants = list_of(f[3]);
    row.modality = std::string(f[4]);
    row.role = std::string(f[5]);
    row.origin = std::string(f[6]);
    row.headline = std::string(f[7]);
    if (f.size() == 9) row.publisher = std::string(f[8]);
    row.line = number;
    if (row.split != "dev" && row.split != "test") {
      problems.push_back("line " + std::to_string(number) + ": split must be dev or test, not '" + row.split + "'");
      continue;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CorpusFacility> parse_facilities(std::string_view tsv, std::vector<std::string>& problems) {
  std::vector<CorpusFacility> out;
  for (const auto& [number, line] : data_lines(tsv)) {
    const auto f = split_on(line, '\t');
    if (f.size() < 2 || f.size() > 4) {
      problems.push_back("line " + std::to_string(number) + ": expected 2 to 4 tab-separated fields");
      continue;
    }
    CorpusFacility facility;
    facility.id = std::string(f[0]);
    facility.subject = list_of(f[1]);
    if (f.size() > 2) facility.owners = list_of(f[2]);
    if (f.size() > 3) facility.known = list_of(f[3]);
    out.push_back(std::move(facility));
  }
  return out;
}

double Score::precision() const {
  const std::size_t found = true_positives + false_positives;
  return found == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(found);
}

double Score::recall() const {
  const std::size_t expected = true_positives + false_negatives;
  return expected == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(expected);
}

CorpusScore score_corpus(const std::vector<CorpusRow>& rows, const std::vector<CorpusFacility>& facilities,
                         std::string_view split) {
  std::vector<TenantDetector> detectors;
  detectors.reserve(facilities.size());
  for (const auto& f : facilities) detectors.emplace_back(organisations_for(f.owners, f.known, {}), f.subject);
  CorpusScore score;
  for (const auto& row : rows) {
    if (!split.empty() && row.split != split) continue;
    const auto it = std::find_if(facilities.begin(), facilities.end(), [&](const auto& f) { return f.id == row.facility; });
    if (it == facilities.end()) continue;
    const TenantDetector& detector = detectors[static_cast<std::size_t>(it - facilities.begin())];
    ++score.rows;
    CorpusError outcome;
    outcome.row = &row;
    if (row.role == "tenant" && (row.modality == "fact" || row.modality == "plan")) outcome.expected_alerts = row.tenants;
    if (row.role == "tenant" && row.modality == "hedge") outcome.expected_candidates = row.tenants;
    for (const auto& m : detector.find(row.headline, row.publisher)) {
      outcome.relations.push_back(m.relation() + " (" + std::string(role_name(m.role)) + ", " +
                                  std::string(modality_name(m.modality)) + ")");
      if (m.alerts()) add_unique(outcome.found_alerts, m.name);
      if (m.role == TenancyRole::tenant && m.standing == Standing::candidate && m.modality == Modality::hedge)
        add_unique(outcome.found_candidates, m.name);
    }
    add_counts(score.alerts, outcome.expected_alerts, outcome.found_alerts);
    add_counts(score.by_class[row.klass], outcome.expected_alerts, outcome.found_alerts);
    add_counts(score.candidates, outcome.expected_candidates, outcome.found_candidates);
    auto sorted = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      return v;
    };
    if (sorted(outcome.expected_alerts) != sorted(outcome.found_alerts) ||
        sorted(outcome.expected_candidates) != sorted(outcome.found_candidates)) {
      score.errors.push_back(std::move(outcome));
    }
  }
  return score;
}

}  // namespace watchdesk::triggers
