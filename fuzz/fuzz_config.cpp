// libFuzzer target for the config loader: any bytes give a config or an error, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = watchdesk::config::load_config_text(text, "/nonexistent/fuzz.toml");
  // Exactly one of the two is set.
  if (result.ok() == !result.ok()) __builtin_trap();
  if (!result.ok()) (void)result.error().to_string();
  return 0;
}
