// SHA-256 through OpenSSL's EVP interface, printed as hex.
#include "core/digest.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>

namespace watchdesk {

namespace {

struct MdFree {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

/// SHA-256 fetched from OpenSSL's provider once per process: an implicit fetch on every
/// `EVP_DigestInit_ex(ctx, EVP_sha256(), ...)` looks it up again, under locks, and costs more
/// than hashing a short text.
const EVP_MD* sha256_md() {
  static const std::unique_ptr<EVP_MD, MdFree> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  return md ? md.get() : EVP_sha256();
}

/// One digest context per thread, initialised again for every digest.
EVP_MD_CTX* thread_context() {
  thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

}  // namespace

std::string sha256_hex(std::initializer_list<std::string_view> parts, std::size_t hex_digits) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_MD_CTX* ctx = thread_context();
  EVP_DigestInit_ex2(ctx, sha256_md(), nullptr);
  for (const std::string_view part : parts) EVP_DigestUpdate(ctx, part.data(), part.size());
  EVP_DigestFinal_ex(ctx, digest.data(), &length);
  static constexpr char hex[] = "0123456789abcdef";
  const std::size_t bytes = std::min<std::size_t>((hex_digits + 1) / 2, length);
  std::string out(bytes * 2, '\0');
  for (std::size_t i = 0; i < bytes; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0xf];
  }
  out.resize(std::min(out.size(), hex_digits));
  return out;
}

}  // namespace watchdesk
