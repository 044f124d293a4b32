# AddressSanitizer and UndefinedBehaviorSanitizer, linked into every target when enabled.
option(WATCHDESK_ASAN "Build with AddressSanitizer" OFF)
option(WATCHDESK_UBSAN "Build with UndefinedBehaviorSanitizer" OFF)

add_library(watchdesk_sanitizers INTERFACE)
if(WATCHDESK_ASAN)
  target_compile_options(watchdesk_sanitizers INTERFACE -fsanitize=address -fno-omit-frame-pointer)
  target_link_options(watchdesk_sanitizers INTERFACE -fsanitize=address)
endif()
if(WATCHDESK_UBSAN)
  target_compile_options(watchdesk_sanitizers INTERFACE
    -fsanitize=undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(watchdesk_sanitizers INTERFACE -fsanitize=undefined)
endif()
