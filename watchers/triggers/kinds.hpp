// The trigger kinds, one file each: evaluation and reading of `filing`, `metric-move`, `tenant`
// and `count` (dispatched from `evaluate()` and `read()`).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "watchers/triggers/evaluate.hpp"
#include "watchers/triggers/reading.hpp"

namespace watchdesk::triggers {

/// `filing`: one alert per accession of a listed form from `source`.
Outcome evaluate_filing(const config::Trigger& trigger, std::optional<std::string_view> state,
                        const Context& context);
std::vector<Reading> read_filing(const config::Trigger& trigger,
                                 std::optional<std::string_view> state, const Context& context);

/// `metric-move`: change over `window`, level crossings, hysteresis and cooldown.
Outcome evaluate_metric_move(const config::Trigger& trigger, std::optional<std::string_view> state,
                             const Context& context);
std::vector<Reading> read_metric_move(const config::Trigger& trigger,
                                      std::optional<std::string_view> state,
                                      const Context& context);

/// `tenant`: new named tenants of a subject, their confirmation, and the deadline question.
Outcome evaluate_tenant(const config::Trigger& trigger, std::optional<std::string_view> state,
                        const Context& context);
std::vector<Reading> read_tenant(const config::Trigger& trigger,
                                 std::optional<std::string_view> state, const Context& context);

/// `count`: observations in a trailing window crossing `above` / `below`.
Outcome evaluate_count(const config::Trigger& trigger, std::optional<std::string_view> state,
                       const Context& context);
std::vector<Reading> read_count(const config::Trigger& trigger,
                                std::optional<std::string_view> state, const Context& context);

}  // namespace watchdesk::triggers
