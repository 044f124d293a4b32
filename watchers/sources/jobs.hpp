// The `jobs` source parser: Greenhouse, Lever and Ashby public job-board JSON.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses a job board in `source.jobs_provider`'s format. One observation per posting: key = the
/// posting id, title, url (the posting page), published = the first publication time (Greenhouse
/// `first_published`, Lever `createdAt`, Ashby `publishedAt`), and facts `provider`, `location`,
/// `department` (Greenhouse departments joined with ", "; Lever and Ashby fall back to the team when
/// no department is given) and `updated` (RFC 3339 UTC; Greenhouse `updated_at`, Ashby and Lever
/// `updatedAt` when given). Ashby postings with `isListed: false` are skipped; a posting without an
/// id, or repeating an earlier id, is dropped with the reason in `dropped`.
/// One series point `open_roles`: the postings whose title or department contains one of
/// `source.match` as whole words, any case (`text::contains_word`), or all postings when `match` is
/// empty: a reading of the board at fetch time (`Stamp::at_fetch`, stamped by the caller), on every
/// successful parse, 0 for an empty board. A board that is gone (HTTP 404) fails the fetch before
/// any parsing, so it never reads as zero.
/// Errors (each starting `source ID: `): malformed JSON (line, column), a body that is not the
/// provider's JSON (an HTML page says so), and the provider's own error object.
Result<ParseOutput> parse_jobs(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
