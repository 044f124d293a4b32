// Small URL helpers the loader needs: scheme, host, percent-encoding and loopback addresses.
#pragma once

#include <string>
#include <string_view>

namespace watchdesk::config {

/// The scheme of `url` in lower case (`https`, `file`), or empty when it has none.
std::string url_scheme(std::string_view url);

/// The host of an `scheme://[user@]host[:port]/...` URL in lower case, without brackets for IPv6;
/// empty when there is no authority part.
std::string url_host(std::string_view url);

/// Percent-encodes every byte of `text` except unreserved characters (RFC 3986) and those in `keep`.
std::string percent_encode(std::string_view text, std::string_view keep = {});

/// True for `localhost`, `127.0.0.0/8` and `::1`.
bool is_loopback_host(std::string_view host);

}  // namespace watchdesk::config
