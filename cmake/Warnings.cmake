# Warning flags for every watchdesk target; WATCHDESK_WERROR turns them into errors (CI does).
option(WATCHDESK_WERROR "Treat compiler warnings as errors" OFF)

add_library(watchdesk_warnings INTERFACE)
target_compile_options(watchdesk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(WATCHDESK_WERROR)
  target_compile_options(watchdesk_warnings INTERFACE -Werror)
endif()
