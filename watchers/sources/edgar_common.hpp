// Pieces shared by the EDGAR parsers: identifiers, archive URLs, filters, text and filing observations.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/body.hpp"
#include "core/time.hpp"

namespace watchdesk::sources {

/// The canonical accession number `0001628280-26-036936`, from that form or from its 18 digits
/// without dashes; nullopt for anything else.
std::optional<std::string> normalize_accession(std::string_view text);

/// The accession number without dashes, as Archives paths spell it (`000162828026036936`).
std::string accession_digits(std::string_view accession);

/// A CIK as digits without leading zeros (`0001181412` -> `1181412`); nullopt unless it is 1 to 10
/// digits and not zero.
std::optional<std::string> normalize_cik(std::string_view text);

/// The CIK a JSON value holds (`"1181412"`, `"0001181412"` or the number `1181412`) as digits
/// without leading zeros; nullopt for anything else (out of range, a fraction, another type).
std::optional<std::string> json_cik(const boost::json::value& value);

/// A CIK zero-padded to 10 digits (`1181412` -> `0001181412`), as data.sec.gov and EFTS spell it;
/// text that is not digits is returned trimmed but otherwise unchanged.
std::string pad_cik(std::string_view cik);

/// The filing index page: `https://www.sec.gov/Archives/edgar/data/CIK/DIGITS/ACCESSION-index.htm`.
std::string filing_index_url(std::string_view cik, std::string_view accession);

/// A document of a filing: `https://www.sec.gov/Archives/edgar/data/CIK/DIGITS/DOCUMENT`, with the
/// document name percent-encoded where it needs to be (it may name a subfolder, as Form 4 renderings
/// do); empty when the name is empty, absolute or climbs out of the filing's folder (`..`).
std::string filing_document_url(std::string_view cik, std::string_view accession,
                                std::string_view document);

/// A schedule's form name without `SCHEDULE ` or `SC ` (EDGAR writes `SCHEDULE 13G/A` since 2025
/// and `SC 13G/A` before), so both spellings compare equal; other names unchanged, trimmed.
std::string_view short_form_name(std::string_view form);

/// True when `forms` is empty or names `form` (ignoring ASCII case, surrounding spaces and the
/// long or short spelling of a schedule).
bool form_selected(const std::vector<std::string>& forms, std::string_view form);

/// True when `cik` (normalised) is one of the source's `ciks`, however they are written.
bool cik_wanted(const config::Source& source, std::string_view cik);

/// True when `haystack` contains `needle`, ignoring ASCII case.
bool contains_ignoring_case(std::string_view haystack, std::string_view needle);

/// `text` trimmed of surrounding whitespace, as valid UTF-8: each invalid or surrogate sequence and
/// each NUL becomes U+FFFD.
std::string clean_text(std::string_view text);

/// A filing date `YYYY-MM-DD` in canonical form; nullopt when it is not a valid date.
std::optional<std::string> canonical_date(std::string_view text);

/// An acceptance time as EDGAR writes it: RFC 3339 with an offset (`2026-06-01T16:02:11-04:00`,
/// `...Z`) or the compact US Eastern form `20260601160211`; in UTC.
std::optional<TimePoint> parse_acceptance(std::string_view text);

/// What a filing observation is built from: views of text the caller keeps alive until the
/// observation is made; empty views are unknown fields.
struct FilingFields {
  /// Canonical accession number: the key.
  std::string_view accession;
  std::string_view form;
  std::string_view company;
  /// Digits without leading zeros.
  std::string_view cik;
  /// `YYYY-MM-DD`.
  std::string_view filing_date;
  std::optional<TimePoint> accepted;
  std::string_view index_url;
  std::string_view document_url;
  /// Whether `company` filed it or is its subject (filed by someone else).
  enum class About { filer, subject };
  About about = About::filer;
};

/// The observation of one filing: key = accession, title `FORM filed by COMPANY` (`FORM on COMPANY`
/// for a subject company), url = the filing
/// index (built from CIK and accession when not given), published = acceptance time or else the
/// filing date at midnight UTC, and the facts `accession`, `form`, `company`, `cik`, `filing_date`,
/// `accepted`, `document_url` for the fields known.
Observation make_filing_observation(const FilingFields& fields);

}  // namespace watchdesk::sources
