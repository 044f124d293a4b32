// Dispatching a fetched document to the parser of its source's kind.
#include "watchers/sources/parse.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "config/source_kinds.hpp"
#include "watchers/sources/edgar_atom.hpp"
#include "watchers/sources/edgar_common.hpp"
#include "watchers/sources/edgar_facts.hpp"
#include "watchers/sources/edgar_search.hpp"
#include "watchers/sources/edgar_submissions.hpp"
#include "watchers/sources/feed.hpp"
#include "watchers/sources/jobs.hpp"
#include "watchers/sources/price.hpp"

namespace watchdesk::sources {
namespace {

using Parser = Result<ParseOutput> (*)(std::string_view body, const config::Source& source);
using LazyParser = Result<ParseOutput> (*)(std::string_view body, const config::Source& source, const KnownKey& known);

// The parser column of the source-kind table (`config/source_kinds.hpp`), which cannot name the
// parsers itself: they live in the layer above it. `lazy` is set for the parsers that read an
// item's key before the rest of it and skip known keys.
struct ParserRow {
  config::SourceKind kind;
  Parser parse;
  LazyParser lazy;
};

constexpr std::array<ParserRow, 8> kParsers{{
    {config::SourceKind::edgar_filings, nullptr, &parse_edgar_filings},
    {config::SourceKind::edgar_current, nullptr, &parse_edgar_current},
    {config::SourceKind::edgar_submissions, &parse_edgar_submissions, nullptr},
    {config::SourceKind::edgar_facts, &parse_edgar_facts, nullptr},
    {config::SourceKind::edgar_search, &parse_edgar_search, nullptr},
    {config::SourceKind::price, &parse_price, nullptr},
    {config::SourceKind::jobs, &parse_jobs, nullptr},
    {config::SourceKind::feed, nullptr, &parse_feed},
}};

// The media type of a kind's documents, as a substring of `Content-Type`.
std::string_view media_word(config::Media media) {
  switch (media) {
    case config::Media::xml: return "xml";
    case config::Media::json: return "json";
    case config::Media::csv_or_json: return {};
  }
  return {};
}

// Where the first NUL byte of an XML document is, as `line L, column C`; empty when it has none.
// XML allows no NUL anywhere, and an XML parser reports one as a confusing tag mismatch.
std::string nul_position(std::string_view body) {
  const auto at = body.find('\0');
  if (at == std::string_view::npos) return {};
  const std::string_view before = body.substr(0, at);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto last_newline = before.rfind('\n');
  const auto column = at - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Result<ParseOutput> parse_source(const config::Source& source, std::string_view body,
                                 std::string_view content_type, const KnownKey& known) {
  static_assert(kParsers.size() == 8, "one parser per source kind");
  const ParserRow* row = nullptr;
  for (const auto& r : kParsers)
    if (r.kind == source.kind) row = &r;
  if (row == nullptr) return make_error("no parser for this source kind");
  const std::string_view media = media_word(config::spec_of(source.kind).media);
  if (media == "xml") {
    if (const std::string where = nul_position(body); !where.empty())
      return make_error("the document has a NUL byte at " + where +
                        ", which XML does not allow: the answer is damaged or not a feed");
  }
  auto parsed = row->lazy != nullptr ? row->lazy(body, source, known) : row->parse(body, source);
  if (parsed || media.empty() || content_type.empty() || contains_ignoring_case(content_type, media)) return parsed;
  return make_error(parsed.error().message + " (the server sent Content-Type: " +
                    clean_text(content_type.substr(0, 100)) + ")");
}

}  // namespace watchdesk::sources
