// libFuzzer target: the EDGAR submissions JSON on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watchers/sources/edgar_submissions.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const watchdesk::config::Source source = [] {
    watchdesk::config::Source s;
    s.id = "fuzz-submissions";
    s.kind = watchdesk::config::SourceKind::edgar_submissions;
    s.cik = "1181412";
    return s;
  }();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)watchdesk::sources::parse_edgar_submissions(body, source);
  return 0;
}
