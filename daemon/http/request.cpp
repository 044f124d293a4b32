// Helpers around `Request`/`Response`: byte counts and operator-facing failure text.
#include "daemon/http/request.hpp"

#include <fmt/format.h>

#include "core/urls.hpp"

namespace watchdesk::http {

std::string format_bytes(std::size_t bytes) {
  constexpr std::size_t kib = 1024;
  constexpr std::size_t mib = kib * 1024;
  constexpr std::size_t gib = mib * 1024;
  if (bytes >= gib && bytes % gib == 0) return fmt::format("{} GiB", bytes / gib);
  if (bytes >= mib && bytes % mib == 0) return fmt::format("{} MiB", bytes / mib);
  if (bytes >= kib && bytes % kib == 0) return fmt::format("{} KiB", bytes / kib);
  return fmt::format("{} B", bytes);
}

std::string describe_failure(const Response& response) {
  std::string host = url_host(response.effective_url.empty() ? response.url : response.effective_url);
  if (host.empty()) host = response.url;
  switch (response.failure) {
    case Failure::none:
      return {};
    case Failure::http_status:
      return fmt::format("HTTP {} from {}", response.status, host);
    case Failure::too_large:
      return fmt::format("{} from {} (raise max_body if the document is really this large)",
                         response.error, host);
    case Failure::timeout:
      return fmt::format("timed out talking to {}: {}", host, response.error);
    case Failure::too_slow:
      return fmt::format("transfer from {} aborted as too slow: {}", host, response.error);
    case Failure::connect:
      return fmt::format("cannot connect to {}: {}", host, response.error);
    case Failure::too_many_redirects:
      return fmt::format("too many redirects from {}: {}", host, response.error);
    case Failure::protocol_refused:
      return fmt::format("refused a URL scheme that is not allowed (only http and https) at {}: {}",
                         host, response.error);
    case Failure::tls:
      return fmt::format("TLS failure with {}: {} (check the server certificate or ca_file)", host,
                         response.error);
    case Failure::truncated:
      return fmt::format("incomplete answer from {}: {}", host, response.error);
    case Failure::no_connection:
    case Failure::not_started:
    case Failure::cancelled:
    case Failure::other:
      break;
  }
  return fmt::format("{}: {}", host, response.error);
}

}  // namespace watchdesk::http
