// The labelled tenancy corpus (`tests/fixtures/tenancy/`): its rows and facilities read from TSV
// text, and the detector scored against them (precision and recall, per class, every error).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::triggers {

/// One labelled headline.
struct CorpusRow {
  /// `dev` or `test`.
  std::string split;
  /// The case it exercises (`facility-object`, `publisher`, `supplier`, `hedge`, ...).
  std::string klass;
  /// The facility id (a row of the facilities table).
  std::string facility;
  /// The organisations in the tenant slot (canonical names); empty for none.
  std::vector<std::string> tenants;
  /// `fact`, `plan`, `hedge`, `denial` or `none`.
  std::string modality;
  /// `tenant`, `known`, `owner`, `supplier`, `neighbour`, `investor`, `publisher` or `none`.
  std::string role;
  /// Where the headline comes from: a URL (`lede`/`quoted` first when it is an article's first
  /// sentence or a sentence it quotes) or `written`.
  std::string origin;
  std::string headline;
  /// The feed's `<source>`, when the headline carries one.
  std::string publisher;
  /// Its line in the file, for messages.
  std::size_t line = 0;
};

/// One facility a row can name: its subject terms, owners and known tenants.
struct CorpusFacility {
  std::string id;
  std::vector<std::string> subject;
  std::vector<std::string> owners;
  std::vector<std::string> known;
};

/// The rows of `corpus.tsv` (a header line, then tab-separated `split class facility tenant
/// modality role origin headline publisher`; `|` separates several tenants, `-` is none). Lines that
/// do not fit are reported in `problems` as `line N: what`.
std::vector<CorpusRow> parse_corpus(std::string_view tsv, std::vector<std::string>& problems);

/// The rows of `facilities.tsv` (`facility subject owners known`, lists separated by `|`).
std::vector<CorpusFacility> parse_facilities(std::string_view tsv, std::vector<std::string>& problems);

/// True positives, false positives and false negatives of one measure.
struct Score {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  /// 1 when nothing was found.
  double precision() const;
  /// 1 when nothing was expected.
  double recall() const;
};

/// A row the detector got wrong: what it should have alerted on (or kept as a candidate) and what
/// it did.
struct CorpusError {
  const CorpusRow* row = nullptr;
  std::vector<std::string> expected_alerts;
  std::vector<std::string> found_alerts;
  std::vector<std::string> expected_candidates;
  std::vector<std::string> found_candidates;
  /// The relations found, in words (`Meta rents Colossus (tenant, fact)`).
  std::vector<std::string> relations;
};

/// The detector scored on some rows.
struct CorpusScore {
  std::size_t rows = 0;
  /// Alerts: new tenants stated as fact or plan.
  Score alerts;
  /// Alerts, per row class.
  std::map<std::string, Score> by_class;
  /// Candidates: new tenants in hedges and talks.
  Score candidates;
  std::vector<CorpusError> errors;
};

/// Runs the detector over the rows of `split` (every row when empty) and scores it.
CorpusScore score_corpus(const std::vector<CorpusRow>& rows, const std::vector<CorpusFacility>& facilities,
                         std::string_view split);

}  // namespace watchdesk::triggers
