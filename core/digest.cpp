// SHA-256 through OpenSSL's EVP interface, printed as hex.
#include "core/digest.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>

namespace watchdesk {

std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_digits) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  for (const std::string_view part : parts) EVP_DigestUpdate(ctx, part.data(), part.size());
  EVP_DigestFinal_ex(ctx, digest.data(), &length);
  EVP_MD_CTX_free(ctx);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  const std::size_t bytes = std::min<std::size_t>((hex_digits + 1) / 2, length);
  for (std::size_t i = 0; i < bytes; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  out.resize(std::min(out.size(), hex_digits));
  return out;
}

}  // namespace watchdesk
