// Per-provider request details of price sources: headers and Stooq's key.
#include "config/price_requests.hpp"

#include "core/urls.hpp"

namespace watchdesk::config {

PriceRequestHeaders price_request_headers(PriceProvider provider) {
  switch (provider) {
    case PriceProvider::nasdaq:
      return {kBrowserUserAgent, {{"Referer", "https://www.nasdaq.com/"}, {"Accept", "application/json"}}};
    case PriceProvider::stooq:
    case PriceProvider::yahoo: return {};
  }
  return {};
}

std::string price_request_url(const Source& source) {
  if (source.price_provider != PriceProvider::stooq || source.api_key.empty()) return source.url;
  const char separator = source.url.find('?') == std::string::npos ? '?' : '&';
  return source.url + separator + "apikey=" + percent_encode(source.api_key.reveal());
}

}  // namespace watchdesk::config
