// Routing the status page's requests to the document builders.
#include "daemon/web/routes.hpp"

#include <boost/json/serialize.hpp>

#include "core/secret_scrub.hpp"
#include "daemon/web/status_document.hpp"
#include "daemon/web/status_page.hpp"

namespace watchdesk::web {
namespace {
namespace route_detail {

constexpr std::string_view kJson = "application/json";

template <class T>
observability::PageResponse json_or_error(const Result<T>& built) {
  if (built) return {200, std::string(kJson), boost::json::serialize(*built) + "\n"};
  const bool missing = built.error().kind == ErrorKind::not_found;
  return {missing ? 404u : 500u, std::string(kJson),
          boost::json::serialize(boost::json::object{{"error", scrub_secrets(built.error().message)}}) + "\n"};
}

}  // namespace route_detail
}  // namespace

std::optional<observability::PageResponse> answer(std::string_view path, const config::Config& config,
                                                  store::StateStore& store, TimePoint now) {
  using route_detail::json_or_error;
  if (path == "/" || path == "/index.html") {
    auto status = build_status(config, store, now);
    if (!status)
      return observability::PageResponse{500, "text/plain; charset=utf-8",
                                         "state database: " + scrub_secrets(status.error().message) + "\n"};
    return observability::PageResponse{200, "text/html; charset=utf-8", status_page(*status)};
  }
  if (path == "/api/status") return json_or_error(build_status(config, store, now));
  if (path == "/api/alerts") return json_or_error(build_alerts(store, now));
  constexpr std::string_view series_prefix = "/api/series/";
  if (path.rfind(series_prefix, 0) == 0 && path.size() > series_prefix.size())
    return json_or_error(build_series(config, store, path.substr(series_prefix.size()), now));
  return std::nullopt;
}

}  // namespace watchdesk::web
