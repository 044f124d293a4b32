// Synthetic inputs for `bench_parsers` in the providers' real shapes: EDGAR companyfacts, Lever postings.
#pragma once

#include <fmt/format.h>

#include <string>

namespace watchdesk::bench {

/// A companyfacts document with `concepts` filler concepts of `per_concept` facts each, plus the
/// revenue concept and shares outstanding (a large filer's document is several MB of this).
inline std::string synthetic_companyfacts(int concepts, int per_concept) {
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
    gaap += fmt::format(
        R"("Concept{}":{{"label":"Concept number {}","description":"A filler concept with a long description as the real ones have, repeated to size.","units":{{"USD":[{}]}}}},)",
        c, c, list);
  }
  std::string revenue;
  for (int i = 0; i < 96; ++i) {
    if (i) revenue += ',';
    revenue += fact(2002 + i / 4, 1 + i % 4, 500000000LL + 1000000LL * i, true);
  }
  gaap += fmt::format(
      R"("RevenueFromContractWithCustomerExcludingAssessedTax":{{"label":"Revenue","description":"...","units":{{"USD":[{}]}}}})",
      revenue);
  return fmt::format(
      R"({{"cik":1769628,"entityName":"CoreWeave, Inc.","facts":{{"dei":{{"EntityCommonStockSharesOutstanding":{{"label":"Shares","description":"...","units":{{"shares":[{}]}}}}}},"us-gaap":{{{}}}}}}})",
      fact(2026, 2, 490000000, false), gaap);
}

/// A Lever postings array of `count` postings shaped like `tests/fixtures/jobs/lever_postings.json`,
/// each with an HTML description and its plain-text twin as Lever sends them.
inline std::string synthetic_lever_postings(int count) {
  static constexpr const char* teams[] = {"Starlink Ground", "Datacenter Construction", "GPU Infrastructure",
                                          "Finance", "Supercompute"};
  static constexpr const char* places[] = {"Hawthorne, CA", "Austin, TX", "Memphis, TN", "Remote", "Palo Alto, CA"};
  std::string out = "[";
  for (int i = 0; i < count; ++i) {
    if (i) out += ',';
    const std::string id = fmt::format("5ac21346-8e0c-4494-8e7a-{:012x}", 0x3eb92ff77902LL + i);
    out += fmt::format(
        R"({{"additionalPlain":"Benefits include health, dental and vision.\n","additional":"<div>Benefits include health, dental and vision.</div>",)"
        R"("categories":{{"commitment":"Full-time","department":"Infrastructure","location":"{}","team":"{}","allLocations":["{}"]}},)"
        R"("createdAt":{},"updatedAt":{},)"
        R"("descriptionPlain":"Role {} builds and runs the GPU clusters that train our models. You will install racks, bring up networks and keep thousands of accelerators busy.\n",)"
        R"("description":"<div><p>Role {} builds and runs the <b>GPU clusters</b> that train our models.</p><p>You will install racks, bring up networks &amp; keep thousands of accelerators busy.</p></div>",)"
        R"("id":"{}","lists":[{{"text":"What you'll do","content":"<li>Install racks</li><li>Bring up 400G fabrics</li><li>Automate burn-in</li>"}}],)"
        R"("text":"GPU Infrastructure Engineer {}","country":"US","workplaceType":"onsite",)"
        R"("hostedUrl":"https://jobs.lever.co/example/{}","applyUrl":"https://jobs.lever.co/example/{}/apply"}})",
        places[i % 5], teams[i % 5], places[i % 5], 1763650000000LL + i * 60000LL, 1764100000000LL + i * 60000LL, i, i,
        id, i, id, id);
  }
  out += "]";
  return out;
}

}  // namespace watchdesk::bench
