// toml++, used header only, with its internal assertions off in every build as in Debian's shared library.
#pragma once

// Off in debug builds too: the library was always linked built with NDEBUG, and arbitrary input
// reaches one of its assertions (config_loader/survives_arbitrary_bytes_without_throwing).
#ifndef TOML_ASSERT
#define TOML_ASSERT(expr) static_cast<void>(0)
#endif
#include <toml++/toml.h>
