// Parsing of the `Retry-After` response header.
#include "daemon/http/retry_after.hpp"

#include <charconv>
#include <cstdint>

#include "core/text/strings.hpp"

namespace watchdesk::http {

std::optional<Seconds> parse_retry_after(std::string_view value, TimePoint now) {
  value = text::trim(value);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    std::uint64_t seconds = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    // A delay too large to represent is as good as "much later": clamp to a year.
    constexpr std::uint64_t year = 365ull * 24 * 3600;
    if (ec == std::errc::result_out_of_range || seconds > year) seconds = year;
    else if (ec != std::errc() || end != value.data() + value.size()) return std::nullopt;
    return Seconds(static_cast<Seconds::rep>(seconds));
  }
  auto when = parse_rfc822(value);
  if (!when) return std::nullopt;
  if (*when <= now) return Seconds(0);
  return *when - now;
}

}  // namespace watchdesk::http
