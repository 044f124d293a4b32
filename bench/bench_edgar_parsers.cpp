// Benchmark of the EDGAR parsers on their reference inputs: the 100-entry company feed fixture and a
// synthetic company-facts document of several MB (hundreds of concepts, as large filers have).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "watchers/sources/edgar_atom.hpp"
#include "watchers/sources/edgar_facts.hpp"

namespace {

using namespace watchdesk;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A companyfacts document with `concepts` filler concepts of `per_concept` facts each, plus the
// revenue concept and shares outstanding.
std::string synthetic_companyfacts(int concepts, int per_concept) {
  std::string facts;
  auto fact = [](int year, int quarter, long long value, bool duration) {
    int start_month = 1 + 3 * (quarter - 1);
    int end_month = start_month + 2;
    static constexpr int last_day[] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::string start = duration ? fmt::format(R"("start":"{}-{:02}-01",)", year, start_month) : std::string();
    return fmt::format(
        R"({{{}"end":"{}-{:02}-{:02}","val":{},"accn":"0001769628-{:02}-{:06}","fy":{},"fp":"Q{}","form":"10-Q","filed":"{}-{:02}-15","frame":"CY{}Q{}"}})",
        start, year, end_month, last_day[end_month], value, year % 100, quarter * 1000 + year % 100, year, quarter,
        end_month == 12 ? year + 1 : year, end_month == 12 ? 2 : end_month + 1, year, quarter);
  };
  std::string gaap;
  for (int c = 0; c < concepts; ++c) {
    std::string list;
    for (int i = 0; i < per_concept; ++i) {
      if (i) list += ',';
      list += fact(2000 + i / 4, 1 + i % 4, 1000000LL * (c + 1) + i, c % 2 == 0);
    }
    gaap += fmt::format(R"("Concept{}":{{"label":"Concept number {}","description":"A filler concept with a long description as the real ones have, repeated to size.","units":{{"USD":[{}]}}}},)",
                        c, c, list);
  }
  std::string revenue;
  for (int i = 0; i < 96; ++i) {
    if (i) revenue += ',';
    revenue += fact(2002 + i / 4, 1 + i % 4, 500000000LL + 1000000LL * i, true);
  }
  gaap += fmt::format(R"("RevenueFromContractWithCustomerExcludingAssessedTax":{{"label":"Revenue","description":"...","units":{{"USD":[{}]}}}})", revenue);
  return fmt::format(
      R"({{"cik":1769628,"entityName":"CoreWeave, Inc.","facts":{{"dei":{{"EntityCommonStockSharesOutstanding":{{"label":"Shares","description":"...","units":{{"shares":[{}]}}}}}},"us-gaap":{{{}}}}}}})",
      fact(2026, 2, 490000000, false), gaap);
}

template <class Fn>
double best_of(int rounds, Fn fn) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    auto start = std::chrono::steady_clock::now();
    fn();
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

}  // namespace

int main() {
  config::Source filings;
  filings.id = "bench-filings";
  filings.kind = config::SourceKind::edgar_filings;
  filings.cik = "1181412";
  const std::string feed = read_file(std::string(WATCHDESK_SOURCE_DIR) + "/tests/fixtures/edgar/filings_100.atom");
  std::size_t observations = 0;
  double feed_ms = best_of(50, [&] {
    auto out = sources::parse_edgar_filings(feed, filings);
    observations = out ? out->observations.size() : 0;
  });
  std::printf("edgar-filings  100-entry feed  %8zu bytes  %8.3f ms  %6.1f MB/s  (%zu observations)\n", feed.size(),
              feed_ms, static_cast<double>(feed.size()) / 1e3 / feed_ms, observations);

  config::Source facts_source;
  facts_source.id = "bench-facts";
  facts_source.kind = config::SourceKind::edgar_facts;
  const std::string facts = synthetic_companyfacts(600, 40);
  std::size_t points = 0;
  double facts_ms = best_of(10, [&] {
    auto out = sources::parse_edgar_facts(facts, facts_source);
    points = out ? out->points.size() : 0;
  });
  std::printf("edgar-facts    companyfacts    %8zu bytes  %8.3f ms  %6.1f MB/s  (%zu points)\n", facts.size(),
              facts_ms, static_cast<double>(facts.size()) / 1e3 / facts_ms, points);
  return observations == 100 && points == 2 ? 0 : 1;
}
