// Identifiers, archive URLs, filters, text cleaning and filing observations for the EDGAR parsers.
#include "watchers/sources/edgar_common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/json.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "core/urls.hpp"

namespace watchdesk::sources {
namespace {

constexpr std::string_view archives_base = "https://www.sec.gov/Archives/edgar/data/";

std::size_t find_ignoring_case(std::string_view haystack, std::string_view needle, std::size_t from = 0) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i)
    if (text::iequals(haystack.substr(i, needle.size()), needle)) return i;
  return std::string_view::npos;
}

}  // namespace

std::optional<std::string> normalize_accession(std::string_view text) {
  text = text::trim(text);
  if (text.size() == 20 && text[10] == '-' && text[13] == '-' && text::all_digits(text.substr(0, 10)) &&
      text::all_digits(text.substr(11, 2)) && text::all_digits(text.substr(14, 6)))
    return std::string(text);
  if (text.size() == 18 && text::all_digits(text))
    return fmt::format("{}-{}-{}", text.substr(0, 10), text.substr(10, 2), text.substr(12, 6));
  return std::nullopt;
}

std::string accession_digits(std::string_view accession) {
  std::string out;
  out.reserve(accession.size());
  for (char c : accession)
    if (c != '-') out += c;
  return out;
}

std::optional<std::string> normalize_cik(std::string_view text) {
  text = text::trim(text);
  if (!text::all_digits(text) || text.size() > 10) return std::nullopt;
  auto first = text.find_first_not_of('0');
  if (first == std::string_view::npos) return std::nullopt;
  return std::string(text.substr(first));
}

std::optional<std::string> json_cik(const boost::json::value& value) {
  if (const auto* text = value.if_string()) return normalize_cik(std::string_view(text->data(), text->size()));
  const auto number = json_integer(value);
  if (!number || *number < 1 || *number > 9999999999LL) return std::nullopt;
  return std::to_string(*number);
}

std::string pad_cik(std::string_view cik) {
  cik = text::trim(cik);
  if (!text::all_digits(cik) || cik.size() >= 10) return std::string(cik);
  return std::string(10 - cik.size(), '0') + std::string(cik);
}

std::string filing_index_url(std::string_view cik, std::string_view accession) {
  return fmt::format("{}{}/{}/{}-index.htm", archives_base, cik, accession_digits(accession), accession);
}

std::string filing_document_url(std::string_view cik, std::string_view accession,
                                std::string_view document) {
  document = text::trim(document);
  if (document.empty() || document.front() == '/' || document.find("..") != std::string_view::npos ||
      document.find('\\') != std::string_view::npos)
    return {};
  return fmt::format("{}{}/{}/{}", archives_base, cik, accession_digits(accession),
                     percent_encode(document, "/"));
}

std::string_view short_form_name(std::string_view form) {
  form = text::trim(form);
  // EDGAR's long names since 2025 (`SCHEDULE 13G/A`) for the short ones (`SC 13G/A`).
  constexpr std::string_view long_prefix = "SCHEDULE ";
  if (form.size() > long_prefix.size() && text::iequals(form.substr(0, long_prefix.size()), long_prefix))
    return form.substr(long_prefix.size());
  constexpr std::string_view short_prefix = "SC ";
  if (form.size() > short_prefix.size() && text::iequals(form.substr(0, short_prefix.size()), short_prefix))
    return form.substr(short_prefix.size());
  return form;
}

bool form_selected(const std::vector<std::string>& forms, std::string_view form) {
  if (forms.empty()) return true;
  const auto name = short_form_name(form);
  return std::any_of(forms.begin(), forms.end(),
                     [&](const std::string& wanted) { return text::iequals(short_form_name(wanted), name); });
}

bool cik_wanted(const config::Source& source, std::string_view cik) {
  return std::any_of(source.ciks.begin(), source.ciks.end(), [&](const std::string& wanted) {
    const auto normal = normalize_cik(wanted);
    return normal && *normal == cik;
  });
}

bool contains_ignoring_case(std::string_view haystack, std::string_view needle) {
  return find_ignoring_case(haystack, needle) != std::string_view::npos;
}

std::string clean_text(std::string_view text) {
  text = text::trim(text);
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    // Runs of ASCII other than NUL are copied whole; the rest goes one sequence at a time.
    const std::size_t ascii = text::ascii_prefix(text);
    const std::size_t run = std::min(ascii, text.substr(0, ascii).find('\0'));
    out.append(text.data(), run);
    text.remove_prefix(run);
    if (text.empty()) break;
    const text::CodePoint cp = text::code_point_at(text, 0);
    if (cp.valid && cp.value != 0)
      out.append(text.data(), cp.length);
    else
      text::append_utf8(out, text::kReplacementCharacter);
    text.remove_prefix(cp.length);
  }
  return out;
}

std::optional<std::string> canonical_date(std::string_view text) {
  text = text::trim(text);
  if (text.size() != 10) return std::nullopt;
  auto t = parse_rfc3339(text);
  if (!t) return std::nullopt;
  return format_date(*t);
}

std::optional<TimePoint> parse_acceptance(std::string_view text) {
  text = text::trim(text);
  if (text.size() == 14 && text::all_digits(text)) return parse_edgar_compact(text);
  // A bare date is not an acceptance time.
  if (text.size() <= 10) return std::nullopt;
  return parse_rfc3339(text);
}

Observation make_filing_observation(const FilingFields& fields) {
  Observation obs;
  obs.key = fields.accession;
  const std::string_view form = fields.form.empty() ? std::string_view("Filing") : fields.form;
  const auto title = [&](std::string_view middle, std::string_view end) {
    obs.title.reserve(form.size() + middle.size() + end.size());
    obs.title.append(form).append(middle).append(end);
  };
  if (!fields.company.empty())
    title(fields.about == FilingFields::About::subject ? " on " : " filed by ", fields.company);
  else if (!fields.cik.empty())
    title(" filed by CIK ", fields.cik);
  else
    title(" ", fields.accession);
  if (!fields.index_url.empty())
    obs.url = fields.index_url;
  else if (!fields.cik.empty())
    obs.url = filing_index_url(fields.cik, fields.accession);
  else
    obs.url = fields.document_url;
  if (fields.accepted) {
    obs.published = fields.accepted;
  } else if (!fields.filing_date.empty()) {
    obs.published = parse_rfc3339(fields.filing_date);
  }
  // In name order, so that each fact lands at the end of the sorted facts.
  obs.facts.reserve(7);
  const auto put = [&](std::string_view name, std::string_view value) {
    if (!value.empty()) obs.facts.emplace_hint(obs.facts.end(), name, value);
  };
  if (fields.accepted) put("accepted", format_rfc3339(*fields.accepted));
  put("accession", fields.accession);
  put("cik", fields.cik);
  put("company", fields.company);
  put("document_url", fields.document_url);
  put("filing_date", fields.filing_date);
  put("form", fields.form);
  return obs;
}

}  // namespace watchdesk::sources
