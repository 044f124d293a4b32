// libFuzzer target for the price parser: the first byte picks the provider, history and entry point.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "watchers/sources/price.hpp"

using namespace watchdesk;

namespace {

// Every point a successful parse yields must be a finite number, volumes not negative.
void check(const Result<ParseOutput>& out) {
  if (!out.ok()) {
    if (out.error().message.empty()) __builtin_trap();
    return;
  }
  if (out->points.empty()) __builtin_trap();
  for (const auto& p : out->points) {
    if (!std::isfinite(p.value)) __builtin_trap();
    if (p.field == "volume" && p.value < 0) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  config::Source source;
  source.id = "fuzz-price";
  source.kind = config::SourceKind::price;
  source.symbol = (selector & 4) ? "SAP.DE" : "CRWV";
  source.history = (selector & 2) != 0;
  source.price_provider = (selector & 1) ? config::PriceProvider::yahoo : config::PriceProvider::stooq;
  if (selector & 8) {
    check(sources::parse_price_as(source.price_provider, body, source));
  } else {
    check(sources::parse_price(body, source));
  }
  return 0;
}
