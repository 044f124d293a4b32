// libFuzzer target: the EDGAR full-text search answer on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watchers/sources/edgar_search.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const watchdesk::config::Source source = [] {
    watchdesk::config::Source s;
    s.id = "fuzz-search";
    s.kind = watchdesk::config::SourceKind::edgar_search;
    s.query = "Colossus";
    s.forms = {"S-1", "10-Q"};
    return s;
  }();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)watchdesk::sources::parse_edgar_search(body, source);
  return 0;
}
