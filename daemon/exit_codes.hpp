// The process exit codes of the command-line contract (DESIGN.md).
#pragma once

namespace watchdesk {

/// Exit statuses scripts rely on.
enum class ExitCode : int {
  ok = 0,               ///< ran, nothing fired, all sources healthy
  fired = 1,            ///< at least one trigger fired
  source_failed = 2,    ///< nothing fired, but at least one source failed
  usage = 64,           ///< bad command line
  state_unusable = 74,  ///< the state database cannot be used
  config = 78,          ///< configuration error
};

/// The integer for `exit()`.
constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace watchdesk
