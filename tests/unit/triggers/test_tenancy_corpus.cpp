// Tests for watchers/triggers/tenancy_corpus.cpp and the corpus in tests/fixtures/tenancy/: its
// shape, its sources, and the detector's figures on the development part (the test part is for
// `bench/bench_tenancy` alone).
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "watchers/triggers/tenancy_corpus.hpp"

using namespace watchdesk::triggers;

BOOST_AUTO_TEST_SUITE(triggers_tenancy_corpus)

namespace {
std::string fixture(const char* name) {
  std::ifstream in(std::string(WATCHDESK_FIXTURES) + "/tenancy/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Corpus {
  std::vector<std::string> problems;
  std::vector<CorpusRow> rows;
  std::vector<CorpusFacility> facilities;
  Corpus() {
    rows = parse_corpus(fixture("corpus.tsv"), problems);
    facilities = parse_facilities(fixture("facilities.tsv"), problems);
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(holds_at_least_300_labelled_headlines_half_of_them_public) {
  const Corpus c;
  BOOST_TEST(c.problems.empty(), (c.problems.empty() ? std::string() : c.problems.front()));
  BOOST_TEST(c.rows.size() >= 300u);
  const auto real = static_cast<std::size_t>(std::count_if(c.rows.begin(), c.rows.end(), [](const CorpusRow& r) {
    return r.origin.find("https://") != std::string::npos || r.origin.find("http://") != std::string::npos;
  }));
  BOOST_TEST(real * 2 >= c.rows.size());
  const std::set<std::string> modalities{"fact", "plan", "hedge", "denial", "none"};
  const std::set<std::string> roles{"tenant", "known", "owner", "supplier", "neighbour", "investor", "publisher", "none"};
  std::set<std::string> facility_ids;
  for (const auto& f : c.facilities) facility_ids.insert(f.id);
  for (const auto& row : c.rows) {
    BOOST_TEST_CONTEXT("line " << row.line) {
      BOOST_TEST(modalities.count(row.modality) == 1u);
      BOOST_TEST(roles.count(row.role) == 1u);
      BOOST_TEST(facility_ids.count(row.facility) == 1u);
      BOOST_TEST(!row.headline.empty());
      BOOST_TEST((row.origin == "written" || row.origin.find("http") != std::string::npos));
      if (row.role == "tenant" || row.role == "known") BOOST_TEST(!row.tenants.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(covers_every_class_in_both_parts) {
  const Corpus c;
  const char* classes[] = {"publisher", "supplier", "neighbour", "hedge", "denial", "two-clause", "owner-activity",
                           "known", "facility-subject", "owner-subject", "verb", "facility-object"};
  for (const char* klass : classes) {
    for (const char* split : {"dev", "test"}) {
      BOOST_TEST_CONTEXT(klass << " in " << split) {
        BOOST_TEST(std::any_of(c.rows.begin(), c.rows.end(), [&](const CorpusRow& r) {
          return r.klass == klass && r.split == split;
        }));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(meets_the_targets_on_the_development_part) {
  const Corpus c;
  const CorpusScore score = score_corpus(c.rows, c.facilities, "dev");
  BOOST_TEST(score.rows > 100u);
  // Floors a little under the figures the rules reach on it (0.973 and 0.911; candidates 0.981
  // and 0.897), so that a rule that costs development headlines fails here.
  BOOST_TEST(score.alerts.precision() >= 0.97);
  BOOST_TEST(score.alerts.recall() >= 0.90);
  BOOST_TEST(score.candidates.precision() >= 0.95);
  BOOST_TEST(score.candidates.recall() >= 0.88);
}

BOOST_AUTO_TEST_CASE(scores_true_and_false_positives_per_name) {
  std::vector<std::string> problems;
  const auto rows = parse_corpus(
      "split\tclass\tfacility\ttenant\tmodality\trole\torigin\theadline\tpublisher\n"
      "dev\ta\tf\tMeta\tfact\ttenant\twritten\tMeta rents Colossus\t\n"
      "dev\tb\tf\t-\tnone\tnone\twritten\tOpenAI rents Colossus\t\n"
      "dev\tc\tf\tApple\thedge\ttenant\twritten\tApple weighs a Colossus deal\t\n"
      "test\ta\tf\tMeta\tfact\ttenant\twritten\tMeta rents Colossus\t\n",
      problems);
  const auto facilities = parse_facilities("facility\tsubject\towners\tknown\nf\tColossus\txAI\t\n", problems);
  BOOST_TEST(problems.empty());
  const CorpusScore score = score_corpus(rows, facilities, "dev");
  BOOST_TEST(score.rows == 3u);
  BOOST_TEST(score.alerts.true_positives == 1u);
  BOOST_TEST(score.alerts.false_positives == 1u);
  BOOST_TEST(score.candidates.true_positives == 1u);
  BOOST_TEST_REQUIRE(score.errors.size() == 1u);
  BOOST_TEST(score.errors[0].row->klass == "b");
  BOOST_TEST(score.by_class.at("a").precision() == 1.0);
}

BOOST_AUTO_TEST_CASE(reports_lines_that_do_not_fit) {
  std::vector<std::string> problems;
  parse_corpus("header\nonly\ttwo\n", problems);
  BOOST_TEST_REQUIRE(problems.size() == 1u);
  BOOST_TEST(problems[0].starts_with("line 2: "));
}

BOOST_AUTO_TEST_SUITE_END()
