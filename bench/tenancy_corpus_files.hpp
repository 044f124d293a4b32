// The labelled tenancy corpus read from its directory, for the benchmarks that score or dump it.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "watchers/triggers/tenancy_corpus.hpp"

namespace watchdesk::bench {

/// The corpus's rows and facilities.
struct TenancyCorpus {
  std::vector<triggers::CorpusRow> rows;
  std::vector<triggers::CorpusFacility> facilities;
};

/// The corpus in `dir` (corpus.tsv, facilities.tsv), or nothing after printing every problem.
inline std::optional<TenancyCorpus> load_tenancy_corpus(const std::filesystem::path& dir) {
  const auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  };
  std::vector<std::string> problems;
  TenancyCorpus corpus{triggers::parse_corpus(read(dir / "corpus.tsv"), problems),
                       triggers::parse_facilities(read(dir / "facilities.tsv"), problems)};
  for (const auto& p : problems) std::fprintf(stderr, "corpus: %s\n", p.c_str());
  if (!problems.empty() || corpus.rows.empty()) return std::nullopt;
  return corpus;
}

/// The corpus directory a benchmark reads: `argv[index]` when given, else the repository's.
inline std::filesystem::path tenancy_corpus_dir(int argc, char** argv, int index) {
  if (argc > index) return argv[index];
  return std::filesystem::path(WATCHDESK_SOURCE_DIR) / "tests" / "fixtures" / "tenancy";
}

}  // namespace watchdesk::bench
