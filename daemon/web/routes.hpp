// The status page's routes: `/` (HTML), `/api/status`, `/api/series/NAME`, `/api/alerts` (JSON).
#pragma once

#include <optional>
#include <string_view>

#include "config/config.hpp"
#include "daemon/observability/metrics_server.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::web {

/// The answer for `path` from `config` and `store` at `now`; nullopt when no route matches (404).
/// A failed read of the store is a 500 naming the state database, without secrets.
std::optional<observability::PageResponse> answer(std::string_view path, const config::Config& config,
                                                  store::StateStore& store, TimePoint now);

}  // namespace watchdesk::web
