// Bodies that hostile servers send: a compression bomb, an entity-expansion
// bomb, a deeply nested JSON document. Shared by the HTTP client tests and the
// fault suite.
#pragma once

#include <cstddef>
#include <string>

namespace watchdesk::testing {

/// 64 KiB of 'a', gzip-compressed to 97 bytes: a small body that inflates past
/// a 16 KiB cap.
std::string gzip_bomb();

/// An RSS document whose title expands ten entities ten levels deep (a billion
/// laughs).
std::string billion_laughs_feed();

/// `depth` nested JSON arrays: `[[[ ... ]]]`.
std::string nested_json(std::size_t depth);

}  // namespace watchdesk::testing
