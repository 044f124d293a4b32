// URL helpers: scheme, host, percent-encoding, loopback and SEC hosts, `file://` URIs of paths.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace watchdesk {

/// The scheme of `url` in lower case (`https`, `file`), or empty when it has none.
std::string url_scheme(std::string_view url);

/// The host of an `scheme://[user@]host[:port]/...` URL in lower case, without brackets for IPv6;
/// empty when there is no authority part.
std::string url_host(std::string_view url);

/// Percent-encodes every byte of `text` except unreserved characters (RFC 3986) and those in `keep`.
std::string percent_encode(std::string_view text, std::string_view keep = {});

/// True for `localhost`, `127.0.0.0/8` and `::1`.
bool is_loopback_host(std::string_view host);

/// True for `sec.gov` and hosts under it (EDGAR fair-access rules apply), any case, with or
/// without the trailing dot of a fully qualified name.
bool is_sec_host(std::string_view host);

/// The `file://` URI of `path` made absolute, every byte outside the unreserved set and `/`
/// percent-encoded, with `?query` appended when `query` is not empty.
std::string file_uri(const std::filesystem::path& path, std::string_view query = {});

}  // namespace watchdesk
