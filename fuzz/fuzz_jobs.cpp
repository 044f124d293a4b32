// libFuzzer target for the job-board parser: the first byte picks the provider and the match words.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/text/utf8.hpp"
#include "watchers/sources/jobs.hpp"

using namespace watchdesk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  config::Source source;
  source.id = "fuzz-jobs";
  source.kind = config::SourceKind::jobs;
  source.board = "xai";
  switch (selector % 3) {
    case 0: source.jobs_provider = config::JobsProvider::greenhouse; break;
    case 1: source.jobs_provider = config::JobsProvider::lever; break;
    default: source.jobs_provider = config::JobsProvider::ashby; break;
  }
  if (selector & 0x80) source.match = {"infrastructure", "datacenter", "GPU", "z\u00FCrich"};
  const auto out = sources::parse_jobs(body, source);
  if (!out.ok()) {
    if (out.error().message.empty()) __builtin_trap();
    return 0;
  }
  // Keys are present and every string is valid UTF-8; the count never exceeds the postings.
  for (const auto& o : out->observations) {
    if (o.key.empty()) __builtin_trap();
    if (!text::is_valid_utf8(o.key) || !text::is_valid_utf8(o.title) || !text::is_valid_utf8(o.url)) __builtin_trap();
    for (const auto& [name, value] : o.facts)
      if (!text::is_valid_utf8(value)) __builtin_trap();
  }
  for (const auto& p : out->points)
    if (p.value < 0 || p.value > static_cast<double>(out->observations.size())) __builtin_trap();
  return 0;
}
