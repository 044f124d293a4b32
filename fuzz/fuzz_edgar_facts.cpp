// libFuzzer target: the EDGAR XBRL company facts on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watchers/sources/edgar_facts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const watchdesk::config::Source source = [] {
    watchdesk::config::Source s;
    s.id = "fuzz-facts";
    s.kind = watchdesk::config::SourceKind::edgar_facts;
    s.cik = "1769628";
    return s;
  }();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)watchdesk::sources::parse_edgar_facts(body, source);
  return 0;
}
