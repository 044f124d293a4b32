// The digest document rendered for people: Markdown (Slack, e-mail's plain part, the terminal) and
// HTML (e-mail's rich part). Both show the same sections in the same order.
#pragma once

#include <boost/json/object.hpp>

#include <string>

namespace watchdesk::digest {

/// The digest as Markdown: title, the triggers table, what changed, the figures table.
std::string digest_markdown(const boost::json::object& digest);

/// The digest as a whole HTML document with the same content, every text escaped.
std::string digest_html(const boost::json::object& digest);

}  // namespace watchdesk::digest
