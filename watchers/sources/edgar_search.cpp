// Parsing EDGAR full-text search answers with Boost.JSON.
#include "watchers/sources/edgar_search.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "core/json.hpp"
#include "core/text/strings.hpp"
#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

constexpr std::string_view search_payload = "EDGAR full-text search answer";

bool looks_like_tickers(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ',' || c == ' ' || c == '-' || c == '.';
  });
}

// `Space Exploration Technologies Corp (SPCX) (CIK 0001181412)` -> `Space Exploration Technologies Corp`.
std::string filer_name(std::string_view display) {
  std::string_view name = text::trim(display);
  auto strip_group = [&](auto accept) {
    if (name.empty() || name.back() != ')') return false;
    auto open = name.rfind('(');
    if (open == std::string_view::npos) return false;
    auto inside = name.substr(open + 1, name.size() - open - 2);
    if (!accept(text::trim(inside))) return false;
    name = text::trim(name.substr(0, open));
    return true;
  };
  if (strip_group([](std::string_view inside) { return inside.substr(0, 4) == "CIK "; }))
    strip_group(looks_like_tickers);
  return clean_text(name);
}

// Forms 3, 4 and 5 (and their amendments): EFTS lists the reporting owners first and the issuer,
// the company the filing is about, last.
bool is_ownership_form(std::string_view form) {
  const std::string_view base = text::trim(form.substr(0, form.find('/')));
  return base == "3" || base == "4" || base == "5";
}

// Which of a hit's filers names the filing: one of the source's `ciks` when the hit has it, else
// the issuer of an ownership form, else the first.
std::size_t named_filer(const std::vector<std::string>& ciks, std::string_view form,
                        const config::Source& source) {
  for (std::size_t i = 0; i < ciks.size(); ++i)
    if (cik_wanted(source, ciks[i])) return i;
  return is_ownership_form(form) && !ciks.empty() ? ciks.size() - 1 : 0;
}

// `values[preferred]` when it is there and not empty, else the first value that is not empty.
std::string first_present(const std::vector<std::string>& values, std::size_t preferred) {
  if (preferred < values.size() && !values[preferred].empty()) return values[preferred];
  for (const auto& value : values)
    if (!value.empty()) return value;
  return {};
}

std::vector<std::string_view> strings_of(const boost::json::value* value) {
  std::vector<std::string_view> out;
  const auto* array = value ? value->if_array() : nullptr;
  if (array == nullptr) return out;
  for (const auto& item : *array)
    if (item.is_string()) out.emplace_back(item.get_string().data(), item.get_string().size());
  return out;
}

}  // namespace

Result<ParseOutput> parse_edgar_search(std::string_view body, const config::Source& source) {
  boost::json::monotonic_resource resource;
  auto parsed = parse_json(body, &resource);
  if (!parsed) return std::move(parsed).error().context(search_payload);
  const boost::json::value& root = *parsed;
  const auto* outer = find_member(root, "hits");
  const auto* inner = outer ? find_member(*outer, "hits") : nullptr;
  if (inner == nullptr || !inner->is_array()) {
    if (const auto* error = find_member(root, "error")) {
      std::string message = error->is_string() ? clean_text(std::string_view(error->get_string().data(),
                                                                             error->get_string().size()))
                                               : describe_json(*error);
      return make_error(fmt::format("{}: the service answered an error: {}", search_payload, clean_text(std::string_view(message).substr(0, 200))));
    }
    return make_error(fmt::format("{}: expected search results (an object with `hits.hits`), got {}", search_payload,
                                  describe_json(root)));
  }

  ParseOutput out;
  std::unordered_set<std::string> seen;
  const auto& hits = inner->get_array();
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const auto& hit = hits[i];
    if (!hit.is_object()) {
      out.dropped.push_back(fmt::format("hit {}: it is {}, not an object", i + 1, describe_json(hit)));
      continue;
    }
    static const boost::json::value empty_object = boost::json::object();
    const auto* found = find_member(hit, "_source");
    const auto& src = (found != nullptr && found->is_object()) ? *found : empty_object;
    std::string_view id = string_member(hit, "_id").value_or(std::string_view());
    auto colon = id.find(':');
    std::string_view id_accession = id.substr(0, colon);
    std::string_view document = colon == std::string_view::npos ? std::string_view() : id.substr(colon + 1);

    auto accession = normalize_accession(string_member(src, "adsh").value_or(std::string_view()));
    if (!accession) accession = normalize_accession(id_accession);
    if (!accession) {
      out.dropped.push_back(fmt::format("hit {}: no accession number in `_source.adsh` or `_id` (\"{}\")", i + 1,
                                        clean_text(id.substr(0, 80))));
      continue;
    }
    if (!seen.insert(*accession).second) continue;

    std::string form = clean_text(string_member(src, "form").value_or(string_member(src, "file_type").value_or("")));
    if (!source.forms.empty()) {
      auto roots = strings_of(find_member(src, "root_forms"));
      bool kept = form_selected(source.forms, form) ||
                  std::any_of(roots.begin(), roots.end(), [&](std::string_view r) { return form_selected(source.forms, r); });
      if (!kept) continue;
    }

    // `ciks` and `display_names` run in step, one per filer.
    std::vector<std::string> ciks;
    for (auto candidate : strings_of(find_member(src, "ciks")))
      ciks.push_back(normalize_cik(candidate).value_or(std::string()));
    std::vector<std::string> names;
    std::string filer_names;
    for (auto display : strings_of(find_member(src, "display_names"))) {
      names.push_back(filer_name(display));
      if (names.back().empty()) continue;
      if (!filer_names.empty()) filer_names += "; ";
      filer_names += names.back();
    }
    const std::size_t named = named_filer(ciks, form, source);
    std::string cik = first_present(ciks, named);
    std::string company = first_present(names, named);

    const std::string filing_date =
        canonical_date(string_member(src, "file_date").value_or("")).value_or(std::string());
    const std::string document_url =
        cik.empty() ? std::string() : filing_document_url(cik, *accession, clean_text(document));
    FilingFields filing;
    filing.accession = *accession;
    filing.form = form;
    filing.company = company;
    filing.cik = cik;
    // The issuer named by an ownership form is what the filing is about, not its filer.
    if (is_ownership_form(form) && ciks.size() > 1 && named + 1 == ciks.size())
      filing.about = FilingFields::About::subject;
    filing.filing_date = filing_date;
    filing.document_url = document_url;
    Observation obs = make_filing_observation(filing);
    if (!document_url.empty()) obs.url = document_url;
    if (!filer_names.empty()) obs.facts.emplace("filer_names", std::move(filer_names));
    out.observations.push_back(std::move(obs));
  }
  return out;
}

}  // namespace watchdesk::sources
