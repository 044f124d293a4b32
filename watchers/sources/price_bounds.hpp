// Whether a parsed price point is one a market could have: positive, finite, and within a factor of
// the last close. Applied at ingestion, after any price parser.
#pragma once

#include <optional>
#include <string>

#include "watchers/observation.hpp"

namespace watchdesk::sources {

/// Why `point` of a price source is refused, or nothing when it is plausible. Prices (`close`,
/// `open`, `high`, `low`) must be finite and above 0 and, when `last_close` is known, at most
/// `factor` times above or below it (and never above 1e9); `volume` must be finite and not negative; other fields pass.
std::optional<std::string> implausible_price(const SeriesPoint& point, std::optional<double> last_close,
                                             double factor);

}  // namespace watchdesk::sources
