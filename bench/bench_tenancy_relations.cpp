// The detector's relations for every row of the labelled tenancy corpus, one line per organisation
// it relates: `line<TAB>name<TAB>role<TAB>modality<TAB>alerts`. Input for the pair scorer
// experiment (scripts/tenancy_pair_scorer.py), which reads them as features.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenancy_corpus.hpp"
#include "watchers/triggers/tenant_detection.hpp"

namespace {

using namespace watchdesk::triggers;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  // `bench_tenancy_relations [DIR]`: DIR holds another corpus.tsv and facilities.tsv.
  const std::filesystem::path dir = argc > 1 ? std::filesystem::path(argv[1])
                                             : std::filesystem::path(WATCHDESK_SOURCE_DIR) / "tests" / "fixtures" / "tenancy";
  std::vector<std::string> problems;
  const auto rows = parse_corpus(read_file(dir / "corpus.tsv"), problems);
  const auto facilities = parse_facilities(read_file(dir / "facilities.tsv"), problems);
  for (const auto& p : problems) std::fprintf(stderr, "corpus: %s\n", p.c_str());
  if (!problems.empty()) return 1;
  for (const auto& row : rows) {
    const auto f = std::find_if(facilities.begin(), facilities.end(), [&](const auto& x) { return x.id == row.facility; });
    if (f == facilities.end()) continue;
    const TenantDetector detector(organisations_for(f->owners, f->known, {}), f->subject);
    for (const auto& m : detector.find(row.headline, row.publisher)) {
      std::printf("%zu\t%s\t%s\t%s\t%d\n", row.line, m.name.c_str(), std::string(role_name(m.role)).c_str(),
                  std::string(modality_name(m.modality)).c_str(), m.alerts() ? 1 : 0);
    }
  }
  return 0;
}
