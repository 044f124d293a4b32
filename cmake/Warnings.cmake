# Warning flags for every watchdesk target; WATCHDESK_WERROR turns them into errors (CI does).
option(WATCHDESK_WERROR "Treat compiler warnings as errors" OFF)

add_library(watchdesk_warnings INTERFACE)
target_compile_options(watchdesk_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(WATCHDESK_WERROR)
  target_compile_options(watchdesk_warnings INTERFACE -Werror)
endif()

# A unity build (the presets' default) compiles each source as an #include of a batch file, and
# GCC then reports every anonymous-namespace type used by a test case or coroutine frame as if it
# were in a header. The warning says nothing about the code in that case.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(watchdesk_warnings INTERFACE -Wno-subobject-linkage)
endif()
