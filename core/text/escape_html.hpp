// Escaping text for HTML and SVG: the one escaper every page, mail and chart uses.
#pragma once

#include <string>
#include <string_view>

namespace watchdesk::text {

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, safe inside element
/// content and inside quoted attribute values.
std::string escape_html(std::string_view text);

}  // namespace watchdesk::text
