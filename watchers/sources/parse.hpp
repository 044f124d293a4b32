// Parsing a fetched document into observations and series points, whatever the source kind.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "core/result.hpp"

namespace watchdesk::sources {

/// Parses one document fetched for `source` with the parser of its kind (a pure function: no I/O).
/// Error messages name the document and the place (`EDGAR Atom feed: XML error at line 3, column
/// 14: ...`) but not the source: callers prefix `source ID: `. When an EDGAR document fails to parse
/// and the server's `content_type` is not the kind's (JSON or XML), the message says what was sent.
/// The EDGAR Atom and `feed` parsers read each item's key first and skip the items whose key is
/// `known` (the others read every item whole).
Result<ParseOutput> parse_source(const config::Source& source, std::string_view body,
                                 std::string_view content_type, const KnownKey& known = {});

}  // namespace watchdesk::sources
