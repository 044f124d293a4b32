// The `feed` source parser: RSS 2.0 (and RSS 1.0) and Atom 1.0 news feeds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Most bytes kept of an item's `summary` fact (cut on a UTF-8 boundary, ending in `…` when cut).
inline constexpr std::size_t kMaxSummaryBytes = 1000;

/// Parses an RSS 2.0, RSS 1.0 or Atom 1.0 feed (UTF-8, UTF-16 or ISO-8859-1/windows-1252). One
/// observation per item:
/// - key: the RSS `guid` / Atom `id` (RSS 1.0 `rdf:about`), else the canonical link
///   (`canonical_link`), else `sha256:` and 16 hex digits of SHA-256 over title, newline, date text;
///   an item with none of them is dropped with the reason in `dropped`, as is a repeated key;
/// - title: plain text (entities decoded; Atom `type="html"` stripped); for Google News' `Headline -
///   Publisher` form, the headline alone;
/// - url: RSS `link` (else a permalink `guid`), Atom `link rel="alternate"`;
/// - published: RSS `pubDate` (RFC 822, named zones) or `dc:date`, Atom `published` else `updated`;
///   absent when missing or unreadable;
/// - facts `guid` (the guid or id as written), `publisher` (RSS `<source>`, else the Google News
///   title suffix for news.google.com links, else Atom `source/title`, else the channel or feed
///   title), `summary` (description, else `content:encoded` / Atom summary, else content: HTML
///   stripped, entities decoded, at most `kMaxSummaryBytes`). Empty facts are left out.
/// Every string is valid UTF-8. DOCTYPEs are skipped and entities they declare are never expanded.
/// An empty feed is valid (no observations). Errors (each starting `source ID: `): malformed XML
/// (line and column), a document that is not RSS or Atom (an HTML page says so), an encoding other
/// than those above.
Result<ParseOutput> parse_feed(std::string_view body, const config::Source& source);

/// `parse_feed` that reads each item's key first and reads nothing more of an item whose key is
/// `known` (no observation for it); a key it repeats later in the document is still dropped as a
/// repeat. The other items yield what `parse_feed` yields for them.
Result<ParseOutput> parse_feed(std::string_view body, const config::Source& source, const KnownKey& known);

/// The form of a link used as a key: trimmed, scheme and host in lower case, default port, fragment
/// and `utm_*` query parameters removed.
std::string canonical_link(std::string_view url);

}  // namespace watchdesk::sources
