// The `price` source kind: Stooq quote/history CSV and Yahoo chart JSON.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "watchers/result.hpp"

namespace watchdesk::sources {

/// Parses a document fetched for a `price` source (its `provider` says which format).
Result<ParseOutput> parse_price(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
