// Signal ids: the stable, citable evidence id of an observation.
#include "watchers/observation.hpp"

#include "core/digest.hpp"

namespace watchdesk {

std::string signal_id(std::string_view source_id, std::string_view key) {
  return sha256_hex({source_id, "/", key}, 8);
}

}  // namespace watchdesk
