// Plausibility bounds of price points.
#include "watchers/sources/price_bounds.hpp"

#include <fmt/format.h>

#include <cmath>

namespace watchdesk::sources {
namespace {

// Above any share price ever quoted, by three orders of magnitude: the bound before a first close.
constexpr double kHighestPrice = 1e9;

}  // namespace

std::optional<std::string> implausible_price(const SeriesPoint& point, std::optional<double> last_close,
                                             double factor) {
  const double v = point.value;
  if (point.field == "volume") {
    if (!std::isfinite(v)) return fmt::format("volume {} is not a finite number", v);
    if (v < 0) return fmt::format("volume {} is negative", v);
    return std::nullopt;
  }
  if (point.field != "close" && point.field != "open" && point.field != "high" && point.field != "low")
    return std::nullopt;
  if (!std::isfinite(v)) return fmt::format("{} {} is not a finite number", point.field, v);
  if (v <= 0) return fmt::format("{} {} is not above 0", point.field, v);
  if (v > kHighestPrice) return fmt::format("{} {} is above {}, more than any market price", point.field, v, kHighestPrice);
  if (last_close && *last_close > 0 && std::isfinite(*last_close)) {
    if (v > *last_close * factor)
      return fmt::format("{} {} is more than {} times the last close {}", point.field, v, factor, *last_close);
    if (v < *last_close / factor)
      return fmt::format("{} {} is less than 1/{} of the last close {}", point.field, v, factor, *last_close);
  }
  return std::nullopt;
}

}  // namespace watchdesk::sources
