// The status page: the status document laid out as one self-contained HTML page (inline CSS and
// SVG, no script, no external fetch), so that it works offline and saved or mailed.
#pragma once

#include <boost/json/object.hpp>

#include <string>

namespace watchdesk::web {

/// The page for `status` (a document from `build_status`); every dynamic text HTML-escaped, links
/// only to `http`/`https` evidence.
std::string status_page(const boost::json::object& status);

/// The Content-Security-Policy the page is served with: nothing but inline styles and `data:`
/// images, no script, no framing.
inline constexpr const char* kPagePolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

}  // namespace watchdesk::web
