// libFuzzer target: the EDGAR Atom feeds (company filings and latest filings) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watchers/sources/edgar_atom.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const watchdesk::config::Source filings = [] {
    watchdesk::config::Source s;
    s.id = "fuzz-filings";
    s.kind = watchdesk::config::SourceKind::edgar_filings;
    s.cik = "1181412";
    s.forms = {"S-1", "S-1/A", "F-1", "424B4"};
    return s;
  }();
  static const watchdesk::config::Source current = [] {
    watchdesk::config::Source s;
    s.id = "fuzz-current";
    s.kind = watchdesk::config::SourceKind::edgar_current;
    s.ciks = {"1181412"};
    s.companies = {"coreweave"};
    return s;
  }();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)watchdesk::sources::parse_edgar_filings(body, filings);
  (void)watchdesk::sources::parse_edgar_current(body, current);
  return 0;
}
