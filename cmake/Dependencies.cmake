# The Debian 12 packages watchdesk builds against (installed by scripts/install-deps).
# spdlog, fmt and toml++ are used header only: every shared object costs each command its loading
# and relocation. Boost.JSON and pugixml, which parse what the network sends, stay shared so that
# Debian's security updates reach them without a rebuild.
find_package(Boost 1.81 REQUIRED COMPONENTS json unit_test_framework)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(pugixml REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
# The header-only target would link the shared fmt.
set_target_properties(spdlog::spdlog_header_only PROPERTIES
                      INTERFACE_LINK_LIBRARIES "Threads::Threads;fmt::fmt-header-only")
# toml++ header only: its package's target links the shared library, so only its headers are used.
find_path(TOMLPLUSPLUS_INCLUDE_DIR toml++/toml.h REQUIRED)
# SQLite is linked statically (the same Debian build of it; it reads only watchdesk's own state file):
# the largest of these shared objects to relocate.
find_package(SQLite3 REQUIRED)
find_library(SQLITE3_STATIC_LIBRARY libsqlite3.a REQUIRED)
add_library(watchdesk_sqlite3 INTERFACE)
target_include_directories(watchdesk_sqlite3 INTERFACE ${SQLite3_INCLUDE_DIRS})
target_link_libraries(watchdesk_sqlite3 INTERFACE ${SQLITE3_STATIC_LIBRARY} m ${CMAKE_DL_LIBS} Threads::Threads)
find_package(CLI11 REQUIRED)
find_package(Threads REQUIRED)
# Howard Hinnant's date/tz (libhowardhinnant-date-dev): local exchange and EDGAR times through the
# system time-zone database (tzdata) instead of hand-written DST rules; digest schedules in IANA zones.
find_package(date REQUIRED)
# xxHash (libxxhash-dev), header only: the state file's fingerprint at a clean close.
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
