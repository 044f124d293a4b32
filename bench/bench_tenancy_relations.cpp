// The detector's relations for every row of the labelled tenancy corpus, one line per organisation
// it relates: `line<TAB>name<TAB>role<TAB>modality<TAB>alerts`. Input for the pair scorer
// experiment (scripts/tenancy_pair_scorer.py), which reads them as features.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/tenancy_corpus_files.hpp"
#include "watchers/triggers/organisations.hpp"
#include "watchers/triggers/tenancy_corpus.hpp"
#include "watchers/triggers/tenant_detection.hpp"

using namespace watchdesk::triggers;

int main(int argc, char** argv) {
  // `bench_tenancy_relations [DIR]`: DIR holds another corpus.tsv and facilities.tsv.
  const auto corpus = watchdesk::bench::load_tenancy_corpus(watchdesk::bench::tenancy_corpus_dir(argc, argv, 1));
  if (!corpus) return 1;
  const auto& rows = corpus->rows;
  const auto& facilities = corpus->facilities;
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
