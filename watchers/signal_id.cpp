// The stable evidence id of an observation: a short SHA-256 prefix of its source id and key.
#include <openssl/evp.h>

#include <array>
#include <string>
#include <string_view>

#include "watchers/observation.hpp"

namespace watchdesk {

std::string signal_id(std::string_view source_id, std::string_view key) {
  std::string input;
  input.reserve(source_id.size() + 1 + key.size());
  input.append(source_id).append("/").append(key);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(input.data(), input.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size < 4) {
    return {};
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string id;
  id.reserve(8);
  for (std::size_t i = 0; i < 4; ++i) {
    id += kHex[digest[i] >> 4];
    id += kHex[digest[i] & 0x0f];
  }
  return id;
}

}  // namespace watchdesk
