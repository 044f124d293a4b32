// Subcommands whose machinery is not built yet: a clear message and the usage exit code.
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {
namespace {
int not_available(const char* name) {
  std::cerr << "watchdesk " << name << ": not available yet in this build\n";
  return to_int(ExitCode::usage);
}
}  // namespace

int run(const CommonOptions&) { return not_available("run"); }

}  // namespace watchdesk::commands
