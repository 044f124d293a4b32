// libFuzzer target for the RSS/Atom feed parser, also exercising the text helpers it relies on.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "core/text/words.hpp"
#include "watchers/sources/feed.hpp"

using namespace watchdesk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  config::Source source;
  source.id = "fuzz-feed";
  source.kind = config::SourceKind::feed;
  source.url = "https://news.google.com/rss/search?q=Colossus";
  const auto out = sources::parse_feed(body, source);
  if (out.ok()) {
    // Keys are present, every string is valid UTF-8 and summaries are bounded.
    for (const auto& o : out->observations) {
      if (o.key.empty()) __builtin_trap();
      if (!text::is_valid_utf8(o.key) || !text::is_valid_utf8(o.title) || !text::is_valid_utf8(o.url)) __builtin_trap();
      for (const auto& [name, value] : o.facts) {
        if (!text::is_valid_utf8(value)) __builtin_trap();
        if (name == "summary" && value.size() > sources::kMaxSummaryBytes) __builtin_trap();
      }
    }
  } else if (out.error().message.empty()) {
    __builtin_trap();
  }
  // The text helpers on raw bytes: sanitized text is valid and stays valid through them.
  const std::string clean = text::sanitize_utf8(body.substr(0, 4096));
  if (!text::is_valid_utf8(clean)) __builtin_trap();
  if (!text::is_valid_utf8(text::strip_html(clean))) __builtin_trap();
  if (!text::is_valid_utf8(text::decode_entities(clean))) __builtin_trap();
  if (!text::is_valid_utf8(text::collapse_whitespace(clean))) __builtin_trap();
  if (text::fold_case(clean).size() != clean.size()) __builtin_trap();
  if (!text::is_valid_utf8(text::truncate_utf8(clean, size % 97))) __builtin_trap();
  (void)text::contains_word(clean, clean.substr(0, size % 13));
  return 0;
}
