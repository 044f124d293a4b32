// Parsing the EDGAR submissions JSON with Boost.JSON: columnar arrays walked index by index.
#include "watchers/sources/edgar_submissions.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_set>

#include "core/json.hpp"
#include "watchers/sources/acceptance_clock.hpp"
#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

constexpr std::string_view submissions_payload = "EDGAR submissions JSON";

// The CIK a JSON value holds, if any; an error for a value that is not one.
Result<std::optional<std::string>> cik_of(const boost::json::value* value) {
  if (value == nullptr || value->is_null()) return std::optional<std::string>();
  if (auto cik = json_cik(*value)) return std::optional<std::string>(std::move(*cik));
  if (!value->is_string() && !value->is_number())
    return make_error(fmt::format("{}: `cik` is {}, expected a number or a string", submissions_payload,
                                  describe_json(*value)));
  return make_error(fmt::format("{}: `cik` {} {} (1 to 10 digits)", submissions_payload, clean_text(json_excerpt(*value)),
                                value->is_string() ? "is not a CIK" : "is out of range"));
}

const boost::json::array* column(const boost::json::value& columns, std::string_view name) {
  const auto* member = find_member(columns, name);
  return member == nullptr ? nullptr : member->if_array();
}

std::string_view string_at(const boost::json::array* array, std::size_t i) {
  if (array == nullptr || i >= array->size() || !(*array)[i].is_string()) return {};
  const auto& s = (*array)[i].get_string();
  return {s.data(), s.size()};
}

}  // namespace

Result<ParseOutput> parse_edgar_submissions(std::string_view body, const config::Source& source) {
  boost::json::monotonic_resource resource;
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(submissions_payload);
  const boost::json::value& root = *parsed;

  // The company document holds `filings.recent`; its `files` pages hold the columns at the top.
  const boost::json::value* columns = nullptr;
  if (const auto* filings = find_member(root, "filings")) columns = find_member(*filings, "recent");
  else if (find_member(root, "accessionNumber") != nullptr) columns = &root;
  if (columns == nullptr || !columns->is_object())
    return make_error(fmt::format("{}: expected a company's submissions (an object with `filings.recent`), got {}",
                                  submissions_payload, describe_json(root)));
  const auto* accessions = column(*columns, "accessionNumber");
  if (accessions == nullptr)
    return make_error(fmt::format("{}: `filings.recent.accessionNumber` is missing or not an array", submissions_payload));

  auto document_cik = cik_of(find_member(root, "cik"));
  if (!document_cik) return document_cik.error();
  std::string cik;
  if (*document_cik) cik = **document_cik;
  else if (auto configured = normalize_cik(source.cik)) cik = *configured;
  if (cik.empty())
    return make_error(fmt::format("{}: the document has no `cik` and the source sets none; set `cik`", submissions_payload));
  std::string company = clean_text(string_member(root, "name").value_or(std::string_view()));

  const auto* forms = column(*columns, "form");
  const auto* filing_dates = column(*columns, "filingDate");
  const auto* acceptance = column(*columns, "acceptanceDateTime");
  const auto* documents = column(*columns, "primaryDocument");

  // One clock for the whole file, weighed over every entry.
  std::vector<AcceptanceEntry> entries;
  entries.reserve(accessions->size());
  for (std::size_t i = 0; i < accessions->size(); ++i)
    entries.push_back({string_at(acceptance, i), string_at(filing_dates, i)});
  const auto clock = decide_acceptance_clock(weigh_acceptance_clock(entries));

  ParseOutput out;
  out.observations.reserve(accessions->size());
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < accessions->size(); ++i) {
    auto accession = normalize_accession(string_at(accessions, i));
    if (!accession) {
      out.dropped.push_back(fmt::format("filing {}: `accessionNumber` {} is not an accession number", i + 1,
                                        clean_text(boost::json::serialize((*accessions)[i]).substr(0, 40))));
      continue;
    }
    if (!seen.insert(*accession).second) continue;
    std::string form = clean_text(string_at(forms, i));
    if (!form_selected(source.forms, form)) continue;
    const std::string filing_date = canonical_date(string_at(filing_dates, i)).value_or(std::string());
    const std::string document = clean_text(string_at(documents, i));
    const std::string document_url = document.empty() ? std::string() : filing_document_url(cik, *accession, document);
    FilingFields filing;
    filing.accession = *accession;
    filing.form = form;
    filing.company = company;
    filing.cik = cik;
    filing.filing_date = filing_date;
    filing.accepted = read_acceptance(string_at(acceptance, i), clock);
    filing.document_url = document_url;
    out.observations.push_back(make_filing_observation(filing));
  }
  return out;
}

}  // namespace watchdesk::sources
