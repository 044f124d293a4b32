// Test helpers for the EDGAR parser suites: fixture files and source configurations.
#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"
#include "support/parse_output.hpp"

namespace watchdesk::testing {

/// The bytes of `tests/fixtures/edgar/NAME`; the test fails when the file is missing.
inline std::string edgar_fixture(std::string_view name) { return read_fixture("edgar", name); }

/// A source of `kind` with id `id`, as the config loader would build it.
inline config::Source edgar_source(config::SourceKind kind, std::string id = "test-source",
                                   std::string cik = {}) {
  config::Source source;
  source.id = std::move(id);
  source.kind = kind;
  source.cik = std::move(cik);
  return source;
}

/// True when `text` is valid UTF-8 without NUL bytes.
inline bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    std::size_t n = b == 0 ? 0 : b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3
                                        : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    if (b == 0xED && static_cast<unsigned char>(text[i + 1]) >= 0xA0) return false;  // surrogates
    if (b == 0xE0 && static_cast<unsigned char>(text[i + 1]) < 0xA0) return false;  // overlong
    if (b == 0xF0 && static_cast<unsigned char>(text[i + 1]) < 0x90) return false;  // overlong
    if (b == 0xF4 && static_cast<unsigned char>(text[i + 1]) > 0x8F) return false;  // > U+10FFFF
    i += n;
  }
  return true;
}

}  // namespace watchdesk::testing
