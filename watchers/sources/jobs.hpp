// The `jobs` source kind: Greenhouse, Lever and Ashby job-board JSON.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "watchers/observation.hpp"
#include "watchers/result.hpp"

namespace watchdesk::sources {

/// Parses a document fetched for a `jobs` source (its `provider` says which format).
Result<ParseOutput> parse_jobs(std::string_view body, const config::Source& source);

}  // namespace watchdesk::sources
