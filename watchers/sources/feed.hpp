// The `feed` source kind: RSS 2.0 and Atom 1.0 news feeds.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "watchers/result.hpp"

namespace watchdesk::sources {

/// Parses a document fetched for a `feed` source (RSS 2.0 or Atom 1.0).
Result<ParseOutput> parse_feed(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
