// Parsing EDGAR company facts: revenue concepts into trailing-twelve-month sums, and shares outstanding.
#include "watchers/sources/edgar_facts.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>

#include "core/json.hpp"
#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::string_view facts_payload = "EDGAR company facts";
// A concept of one taxonomy, as companyfacts nests it: `facts.TAXONOMY.NAME.units`.
struct ConceptName {
  std::string_view taxonomy;
  std::string_view name;
};

// Revenue concepts: US GAAP (10-K, 10-Q) and IFRS (20-F, 40-F, 6-K), the total before its part
// from contracts with customers (which leaves out rent, interest and other revenue).
constexpr std::array<ConceptName, 4> revenue_concepts{{
    {"us-gaap", "Revenues"},
    {"us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax"},
    {"ifrs-full", "Revenue"},
    {"ifrs-full", "RevenueFromContractsWithCustomers"},
}};
// Share counts: the cover page's figure, else the balance sheet's.
constexpr std::array<ConceptName, 2> share_concepts{{
    {"dei", "EntityCommonStockSharesOutstanding"},
    {"us-gaap", "CommonStockSharesOutstanding"},
}};

// Day-count tolerance when matching period boundaries across filings.
constexpr int boundary_slack = 3;

long length_days(const PeriodFact& f) { return (f.end - f.start).count() + 1; }
bool is_quarter(const PeriodFact& f) { return length_days(f) >= 80 && length_days(f) <= 100; }
bool is_annual(const PeriodFact& f) { return length_days(f) >= 350 && length_days(f) <= 380; }
bool near(sys_days a, sys_days b, int slack = boundary_slack) { return std::abs((a - b).count()) <= slack; }

// One fact per period (start, end): the one filed last (later in the list on a tie).
std::vector<PeriodFact> dedupe_periods(const std::vector<PeriodFact>& facts) {
  std::map<std::pair<long, long>, PeriodFact> by_period;
  for (const auto& f : facts) {
    if (f.end < f.start) continue;
    auto key = std::make_pair(static_cast<long>(f.start.time_since_epoch().count()),
                              static_cast<long>(f.end.time_since_epoch().count()));
    auto it = by_period.find(key);
    if (it == by_period.end()) by_period.emplace(key, f);
    else if (f.filed >= it->second.filed) it->second = f;
  }
  std::vector<PeriodFact> out;
  out.reserve(by_period.size());
  for (auto& [key, f] : by_period) out.push_back(std::move(f));
  return out;
}

// Facts sorted by period end and searched by a window of end dates, so that every lookup stays
// logarithmic however many facts a document holds.
class ByEnd {
 public:
  using Iterator = std::vector<PeriodFact>::const_iterator;

  explicit ByEnd(std::vector<PeriodFact> facts) : facts_(std::move(facts)) {
    std::stable_sort(facts_.begin(), facts_.end(),
                     [](const PeriodFact& a, const PeriodFact& b) { return a.end < b.end; });
  }

  const std::vector<PeriodFact>& all() const { return facts_; }

  // The facts ending within [lo, hi].
  std::pair<Iterator, Iterator> ending_within(sys_days lo, sys_days hi) const {
    auto first = std::lower_bound(facts_.begin(), facts_.end(), lo,
                                  [](const PeriodFact& f, sys_days d) { return f.end < d; });
    auto last = std::upper_bound(first, facts_.end(), hi,
                                 [](sys_days d, const PeriodFact& f) { return d < f.end; });
    return {first, last};
  }

  // The first fact ending within [lo, hi] that satisfies `pred`.
  template <class Pred>
  const PeriodFact* find(sys_days lo, sys_days hi, Pred pred) const {
    auto [first, last] = ending_within(lo, hi);
    for (auto it = first; it != last; ++it)
      if (pred(*it)) return &*it;
    return nullptr;
  }

  const PeriodFact* find(sys_days lo, sys_days hi) const {
    return find(lo, hi, [](const PeriodFact&) { return true; });
  }

 private:
  std::vector<PeriodFact> facts_;
};

// A quarter starting near `start` (its end then lies 79 to 99 days later).
const PeriodFact* quarter_starting_near(const ByEnd& quarters, sys_days start) {
  return quarters.find(start + days{79 - boundary_slack}, start + days{99 + boundary_slack},
                       [&](const PeriodFact& q) { return near(q.start, start); });
}

// Fourth quarters not tagged alone: the annual figure minus the three quarters (or nine months).
std::vector<PeriodFact> derive_fourth_quarters(const ByEnd& quarters, const ByEnd& annuals,
                                               const ByEnd& year_to_date) {
  std::vector<PeriodFact> derived;
  for (const auto& year : annuals.all()) {
    if (quarters.find(year.end - days{boundary_slack}, year.end + days{boundary_slack}) != nullptr) continue;
    PeriodFact q4{{}, year.end, 0, year.accession, year.filed};
    const auto* q1 = quarter_starting_near(quarters, year.start);
    const auto* q2 = q1 ? quarter_starting_near(quarters, q1->end + days{1}) : nullptr;
    const auto* q3 = q2 ? quarter_starting_near(quarters, q2->end + days{1}) : nullptr;
    auto gap = q3 ? (year.end - q3->end).count() : 0;
    if (q3 != nullptr && gap >= 80 && gap <= 100) {
      q4.start = q3->end + days{1};
      q4.value = year.value - q1->value - q2->value - q3->value;
      derived.push_back(q4);
      continue;
    }
    const auto* nine = year_to_date.find(year.end - days{100}, year.end - days{80},
                                         [&](const PeriodFact& y) { return near(y.start, year.start); });
    if (nine != nullptr) {
      q4.start = nine->end + days{1};
      q4.value = year.value - nine->value;
      derived.push_back(q4);
    }
  }
  return derived;
}

}  // namespace

std::vector<SeriesPoint> revenue_ttm_history(const std::vector<PeriodFact>& facts) {
  std::vector<PeriodFact> quarter_facts;
  std::vector<PeriodFact> annual_facts;
  std::vector<PeriodFact> ytd_facts;  // other spans: six and nine months
  for (auto& f : dedupe_periods(facts)) {
    if (is_quarter(f)) quarter_facts.push_back(std::move(f));
    else if (is_annual(f)) annual_facts.push_back(std::move(f));
    else if (length_days(f) > 100 && length_days(f) < 350) ytd_facts.push_back(std::move(f));
  }
  const ByEnd annuals(std::move(annual_facts));
  const ByEnd year_to_date(ytd_facts);
  auto derived = derive_fourth_quarters(ByEnd(quarter_facts), annuals, year_to_date);
  quarter_facts.insert(quarter_facts.end(), derived.begin(), derived.end());
  // Spans that can open a fiscal year to date: quarters and the six- and nine-month figures.
  std::vector<PeriodFact> partial_facts = quarter_facts;
  partial_facts.insert(partial_facts.end(), ytd_facts.begin(), ytd_facts.end());
  const ByEnd quarters(std::move(quarter_facts));
  const ByEnd partial(std::move(partial_facts));

  std::vector<sys_days> ends;
  for (const auto* set : {&quarters, &annuals, &year_to_date})
    for (const auto& f : set->all()) ends.push_back(f.end);
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());

  std::vector<SeriesPoint> points;
  for (auto end : ends) {
    auto point = [&](double value, const std::string& accession, std::string basis) {
      points.push_back(SeriesPoint{"revenue_ttm", TimePoint{end}, value, accession, std::move(basis)});
    };
    if (const auto* year = annuals.find(end, end)) {
      point(year->value, year->accession, "the fiscal year");
      continue;
    }
    // Four consecutive quarters ending here.
    if (const auto* last = quarters.find(end, end)) {
      const PeriodFact* chain[4] = {last, nullptr, nullptr, nullptr};
      for (int i = 1; i < 4; ++i) {
        const auto* next = chain[i - 1];
        auto before_next = next->start - days{1};
        chain[i] = quarters.find(before_next - days{boundary_slack}, before_next + days{boundary_slack},
                                 [&](const PeriodFact& q) { return q.end < next->start; });
        if (chain[i] == nullptr) break;
      }
      if (chain[3] != nullptr) {
        point(chain[0]->value + chain[1]->value + chain[2]->value + chain[3]->value, last->accession,
              "four quarters");
        continue;
      }
    }
    // Last fiscal year + this year to date - the same span a year earlier.
    auto [first, last] = partial.ending_within(end, end);
    for (auto current = first; current != last; ++current) {
      auto year_end = current->start - days{1};
      const auto* year = annuals.find(year_end - days{boundary_slack}, year_end + days{boundary_slack});
      if (year == nullptr) continue;
      auto a_year_earlier = end - days{365};
      const auto* before = partial.find(a_year_earlier - days{7}, a_year_earlier + days{7}, [&](const PeriodFact& p) {
        return near(p.start, year->start) && std::abs(length_days(p) - length_days(*current)) <= 7;
      });
      if (before == nullptr) continue;
      const auto months = (length_days(*current) + 15) / 30;
      point(year->value + current->value - before->value, current->accession,
            months == 6 ? std::string("two halves (fiscal year + six months - the same six months before)")
                        : fmt::format("fiscal year + {} months - the same {} months before", months, months));
      break;
    }
  }
  return points;
}

namespace {

// Facts skipped for a missing or unusable field, reported a few per concept with a count.
class SkipLog {
 public:
  SkipLog(std::string concept_name, std::vector<std::string>& dropped)
      : concept_(std::move(concept_name)), dropped_(dropped) {}
  SkipLog(const SkipLog&) = delete;
  SkipLog& operator=(const SkipLog&) = delete;
  ~SkipLog() {
    if (count_ > shown_limit)
      dropped_.push_back(fmt::format("{}: {} more facts skipped", concept_, count_ - shown_limit));
  }
  void skip(std::size_t index, std::string_view reason) {
    if (++count_ <= shown_limit) dropped_.push_back(fmt::format("{}: fact {} skipped: {}", concept_, index + 1, reason));
  }

 private:
  static constexpr std::size_t shown_limit = 5;
  std::string concept_;
  std::vector<std::string>& dropped_;
  std::size_t count_ = 0;
};

std::optional<sys_days> day_member(const boost::json::value& fact, std::string_view name) {
  auto text = string_member(fact, name);
  if (!text || text->size() != 10) return std::nullopt;
  auto t = parse_rfc3339(*text);
  if (!t) return std::nullopt;
  return std::chrono::floor<days>(*t);
}

// A finite number; integers beyond 2^53 lose precision but never wrap.
std::optional<double> number_of(const boost::json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.get_int64());
  if (value.is_uint64()) return static_cast<double>(value.get_uint64());
  if (value.is_double() && std::isfinite(value.get_double())) return value.get_double();
  return std::nullopt;
}

const boost::json::value* concept_units(const boost::json::value& facts, ConceptName concept_name) {
  const auto* tax = find_member(facts, concept_name.taxonomy);
  const auto* concept_value = tax ? find_member(*tax, concept_name.name) : nullptr;
  const auto* units = concept_value ? find_member(*concept_value, "units") : nullptr;
  return units && units->is_object() ? units : nullptr;
}

const boost::json::array* unit_facts(const boost::json::value& facts, ConceptName concept_name, std::string_view unit) {
  const auto* units = concept_units(facts, concept_name);
  const auto* list = units ? find_member(*units, unit) : nullptr;
  return list ? list->if_array() : nullptr;
}

// The currency a revenue concept is reported in: USD when present, else the first unit listed
// (IFRS filers often report in their home currency).
std::string currency_of(const boost::json::value& facts, ConceptName concept_name) {
  const auto* units = concept_units(facts, concept_name);
  if (units == nullptr || units->get_object().empty()) return {};
  if (units->get_object().contains("USD")) return "USD";
  return std::string(units->get_object().begin()->key());
}

bool revenue_form(std::string_view form) {
  static constexpr std::array<std::string_view, 16> forms{"10-K", "10-K/A", "10-Q",  "10-Q/A",  "10-KT", "10-KT/A",
                                                          "20-F", "20-F/A", "40-F",  "40-F/A",  "10-QT", "10-QT/A",
                                                          "6-K",  "6-K/A",  "20-FR", "20-FR/A"};
  return std::find(forms.begin(), forms.end(), form) != forms.end();
}

// What one fact of a unit list holds, or why it cannot be used.
struct FactFields {
  std::optional<sys_days> start;
  sys_days end;
  double value = 0;
  std::string accession;
  std::string form;
  sys_days filed;
};

// Whether a fact covers a span of time (`start`..`end`) or is stated at an instant (`end`).
enum class FactSpan { instant, duration };

Result<FactFields> read_fact(const boost::json::value& fact, FactSpan span) {
  if (!fact.is_object()) return make_error(fmt::format("it is {}, not an object", describe_json(fact)));
  FactFields out;
  auto end = day_member(fact, "end");
  if (!end) return make_error("no valid `end` date");
  out.end = *end;
  out.start = day_member(fact, "start");
  if (span == FactSpan::duration && !out.start) return make_error("no valid `start` date");
  const auto* val = find_member(fact, "val");
  if (val == nullptr) return make_error("no `val`");
  auto number = number_of(*val);
  if (!number) {
    if (val->is_number()) return make_error("`val` is not a finite number (out of range)");
    return make_error(fmt::format("`val` is {}, not a number", describe_json(*val)));
  }
  out.value = *number;
  out.accession = normalize_accession(string_member(fact, "accn").value_or(std::string_view())).value_or(std::string());
  out.form = clean_text(string_member(fact, "form").value_or(std::string_view()));
  out.filed = day_member(fact, "filed").value_or(sys_days{});
  return out;
}

// A revenue concept's usable facts, in which currency, and how recent they are.
struct RevenueConcept {
  ConceptName name;
  std::string currency;
  std::vector<PeriodFact> facts;
  sys_days latest_end;
};

RevenueConcept read_revenue_concept(const boost::json::value& facts, ConceptName name,
                                    std::vector<std::string>& dropped) {
  RevenueConcept concept_facts{name, currency_of(facts, name), {}, {}};
  const auto* list = unit_facts(facts, name, concept_facts.currency);
  if (list == nullptr) return concept_facts;
  SkipLog log(fmt::format("{}:{}", name.taxonomy, name.name), dropped);
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto fact = read_fact((*list)[i], FactSpan::duration);
    if (!fact) {
      log.skip(i, fact.error().message);
      continue;
    }
    if (!revenue_form(fact->form)) continue;
    if (fact->end < *fact->start) {
      log.skip(i, "`end` is before `start`");
      continue;
    }
    concept_facts.facts.push_back(PeriodFact{*fact->start, fact->end, fact->value, std::move(fact->accession), fact->filed});
    concept_facts.latest_end = std::max(concept_facts.latest_end, fact->end);
  }
  return concept_facts;
}

std::optional<SeriesPoint> latest_revenue_ttm(const boost::json::value& facts, std::vector<std::string>& dropped) {
  std::vector<RevenueConcept> concepts;
  for (const auto& name : revenue_concepts) concepts.push_back(read_revenue_concept(facts, name, dropped));
  // The concept in use is the one with the newest period end. On a tie the total wins over its part
  // from contracts with customers, whichever was filed last: a filer reporting both for the same
  // period (a property company's rent is revenue, not from contracts with customers) means the total.
  std::stable_sort(concepts.begin(), concepts.end(), [](const RevenueConcept& a, const RevenueConcept& b) {
    if (a.facts.empty() != b.facts.empty()) return b.facts.empty();
    return a.latest_end > b.latest_end;
  });
  const auto& chosen_concept = concepts.front();
  if (chosen_concept.facts.empty()) {
    dropped.push_back(
        "revenue_ttm: no facts from 10-K, 10-Q, 20-F, 40-F or 6-K filings under us-gaap Revenues or "
        "RevenueFromContractWithCustomerExcludingAssessedTax, nor ifrs-full Revenue or RevenueFromContractsWithCustomers");
    return std::nullopt;
  }
  // Periods the chosen concept lacks (typically before a switch) come from the other concepts of the
  // same taxonomy and currency.
  auto merged = dedupe_periods(chosen_concept.facts);
  const ByEnd chosen(merged);
  for (std::size_t i = 1; i < concepts.size(); ++i) {
    if (concepts[i].name.taxonomy != chosen_concept.name.taxonomy || concepts[i].currency != chosen_concept.currency)
      continue;
    for (auto& other : dedupe_periods(concepts[i].facts)) {
      bool covered = chosen.find(other.end - days{boundary_slack}, other.end + days{boundary_slack},
                                 [&](const PeriodFact& f) { return near(f.start, other.start); }) != nullptr;
      if (!covered) merged.push_back(std::move(other));
    }
  }
  const auto concept_label = fmt::format("{}:{} ({})", chosen_concept.name.taxonomy, chosen_concept.name.name,
                                         chosen_concept.currency);
  auto history = revenue_ttm_history(merged);
  if (history.empty()) {
    dropped.push_back(fmt::format(
        "revenue_ttm: the {} facts hold no four consecutive quarters, annual figure or year-to-date "
        "pair to compute trailing twelve months from",
        concept_label));
    return std::nullopt;
  }
  auto latest = std::move(history.back());
  latest.basis = fmt::format("{}, {}", concept_label, latest.basis);
  return latest;
}

// The latest date's share count of one concept, summed over the classes the latest filing reports
// for that date.
std::optional<SeriesPoint> latest_shares_of(const boost::json::value& facts, ConceptName name,
                                            std::vector<std::string>& dropped) {
  const auto* list = unit_facts(facts, name, "shares");
  if (list == nullptr) return std::nullopt;
  std::vector<FactFields> usable;
  {
    SkipLog log(fmt::format("{}:{}", name.taxonomy, name.name), dropped);
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto fact = read_fact((*list)[i], FactSpan::instant);
      if (!fact) {
        log.skip(i, fact.error().message);
        continue;
      }
      if (fact->value < 0) {
        log.skip(i, "negative share count");
        continue;
      }
      usable.push_back(std::move(*fact));
    }
  }
  if (usable.empty()) return std::nullopt;
  // The latest date, as reported by the latest filing for that date; one fact per share class.
  auto latest = std::max_element(usable.begin(), usable.end(), [](const FactFields& a, const FactFields& b) {
    if (a.end != b.end) return a.end < b.end;
    return a.filed < b.filed;
  });
  const sys_days end = latest->end;
  const sys_days filed = latest->filed;
  const std::string accession = latest->accession;
  double total = 0;
  std::vector<double> counted;
  for (const auto& f : usable) {
    if (f.end != end || f.filed != filed || f.accession != accession) continue;
    // The same figure twice in one filing is one class reported twice, not two classes.
    if (std::find(counted.begin(), counted.end(), f.value) != counted.end()) continue;
    counted.push_back(f.value);
    total += f.value;
  }
  auto basis = fmt::format("{}:{}, {} {}", name.taxonomy, name.name, counted.size(),
                           counted.size() == 1 ? "class" : "classes summed");
  return SeriesPoint{"shares_outstanding", TimePoint{end}, total, accession, std::move(basis)};
}

std::optional<SeriesPoint> latest_shares(const boost::json::value& facts, std::vector<std::string>& dropped) {
  for (const auto& name : share_concepts)
    if (auto point = latest_shares_of(facts, name, dropped)) return point;
  dropped.push_back(fmt::format("shares_outstanding: no usable {}:{} or {}:{} facts in shares", share_concepts[0].taxonomy,
                                share_concepts[0].name, share_concepts[1].taxonomy, share_concepts[1].name));
  return std::nullopt;
}

}  // namespace

Result<ParseOutput> parse_edgar_facts(std::string_view body, const config::Source& /*source*/) {
  boost::json::monotonic_resource resource(body.size() * 2 + 4096);
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(facts_payload);
  const boost::json::value& root = *parsed;
  const auto* facts = find_member(root, "facts");
  if (facts == nullptr || !facts->is_object())
    return make_error(fmt::format("{}: expected a company's XBRL facts (an object with `facts`), got {}", facts_payload,
                                  describe_json(root)));
  if (const auto* cik = find_member(root, "cik")) {
    if (!json_cik(*cik))
      return make_error(fmt::format("{}: `cik` {} is not a CIK (1 to 10 digits)", facts_payload,
                                    clean_text(boost::json::serialize(*cik).substr(0, 40))));
  }

  ParseOutput out;
  if (auto revenue = latest_revenue_ttm(*facts, out.dropped)) out.points.push_back(std::move(*revenue));
  if (auto shares = latest_shares(*facts, out.dropped)) out.points.push_back(std::move(*shares));
  if (out.points.empty()) {
    std::string reasons;
    for (const auto& d : out.dropped) {
      if (d.rfind("revenue_ttm:", 0) == 0 || d.rfind("shares_outstanding:", 0) == 0)
        reasons += (reasons.empty() ? "" : "; ") + d;
    }
    return make_error(fmt::format("{}: neither revenue_ttm nor shares_outstanding could be read ({}); check `cik`",
                                  facts_payload, reasons));
  }
  return out;
}

}  // namespace watchdesk::sources
