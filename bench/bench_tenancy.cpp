// Tenant detection quality and speed: precision and recall of the detector on the test part of the
// labelled corpus (tests/fixtures/tenancy/), overall and per class, every error with the relations
// found, and headlines per second on one core; writes a Markdown report to bench/out/.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/tenancy_corpus_files.hpp"
#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenancy_corpus.hpp"
#include "watchers/triggers/tenant_detection.hpp"

namespace {

using namespace watchdesk::triggers;

std::string join(const std::vector<std::string>& names) {
  if (names.empty()) return "-";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string score_row(const std::string& what, const Score& s) {
  return fmt::format("| {} | {:.3f} | {:.3f} | {} | {} | {} |\n", what, s.precision(), s.recall(), s.true_positives,
                     s.false_positives, s.false_negatives);
}

// Headlines per second over every row of the corpus, each with its facility's detector, for at
// least `seconds` of one thread.
double headlines_per_second(const std::vector<CorpusRow>& rows, const std::vector<CorpusFacility>& facilities,
                            double seconds) {
  std::vector<TenantDetector> detectors;
  for (const auto& f : facilities) detectors.emplace_back(organisations_for(f.owners, f.known, {}), f.subject);
  std::vector<std::pair<const TenantDetector*, const CorpusRow*>> work;
  for (const auto& row : rows) {
    const auto it = std::find_if(facilities.begin(), facilities.end(), [&](const auto& f) { return f.id == row.facility; });
    if (it != facilities.end()) work.emplace_back(&detectors[static_cast<std::size_t>(it - facilities.begin())], &row);
  }
  std::size_t done = 0;
  std::size_t found = 0;
  const auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& [detector, row] : work) found += detector->find(row->headline, row->publisher).size();
    done += work.size();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  // Keeps the work observable.
  if (found == 0) std::fputs("(no relation found at all)\n", stderr);
  return static_cast<double>(done) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  // `bench_tenancy [dev|test] [DIR]`: DIR holds another corpus.tsv and facilities.tsv.
  const std::string split = argc > 1 ? argv[1] : "test";
  const auto corpus = watchdesk::bench::load_tenancy_corpus(watchdesk::bench::tenancy_corpus_dir(argc, argv, 2));
  if (!corpus) return 1;
  const auto& rows = corpus->rows;
  const auto& facilities = corpus->facilities;

  const CorpusScore score = score_corpus(rows, facilities, split);
  if (score.rows == 0) {
    std::fprintf(stderr, "usage: bench_tenancy [dev|test] [DIR]: the corpus has no part named \"%s\"\n", split.c_str());
    return 2;
  }
  const double speed = headlines_per_second(rows, facilities, 2.0);

  std::string report = fmt::format(
      "# Tenant detection on the {} part of the corpus\n\n"
      "{} headlines ({} in the corpus). An alert is a new tenant stated as a fact or a plan; a candidate is "
      "one named in a hedge or in talks. Counts are per organisation and headline.\n\n"
      "| measure | precision | recall | true pos. | false pos. | false neg. |\n|---|---:|---:|---:|---:|---:|\n",
      split, score.rows, rows.size());
  report += score_row("**alerts**", score.alerts);
  report += score_row("candidates", score.candidates);
  report += "\nAlerts per class of headline:\n\n"
            "| class | precision | recall | true pos. | false pos. | false neg. |\n|---|---:|---:|---:|---:|---:|\n";
  for (const auto& [klass, s] : score.by_class) report += score_row(klass, s);
  report += fmt::format("\nSpeed: {:.0f} headlines per second on one core (every corpus headline, repeated for 2 s).\n",
                        speed);
  const bool precision_met = score.alerts.precision() >= 0.95;
  const bool recall_met = score.alerts.recall() >= 0.9;
  const bool speed_met = speed >= 20000;
  report += fmt::format("\nTargets: precision >= 0.95: {}; recall >= 0.9: {}; >= 20,000 headlines/s: {}.\n",
                        precision_met ? "met" : "NOT met", recall_met ? "met" : "NOT met", speed_met ? "met" : "NOT met");
  report += fmt::format("\n## Every error ({})\n\n", score.errors.size());
  for (const auto& e : score.errors) {
    report += fmt::format("- line {} [{}] {} — expected alerts: {}; found: {}", e.row->line, e.row->klass,
                          e.row->headline, join(e.expected_alerts), join(e.found_alerts));
    if (!e.expected_candidates.empty() || !e.found_candidates.empty())
      report += fmt::format("; expected candidates: {}; found: {}", join(e.expected_candidates), join(e.found_candidates));
    report += fmt::format("; relations: {}\n", join(e.relations));
  }
  std::fputs(report.c_str(), stdout);
  const auto out_dir = std::filesystem::path(WATCHDESK_SOURCE_DIR) / "bench" / "out";
  std::filesystem::create_directories(out_dir);
  std::ofstream(out_dir / "tenancy.md") << report;
  return 0;
}
