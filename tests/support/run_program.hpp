// Running a program to completion from a test: output captured in files, bounded in time.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace watchdesk::testing {

/// How a finished program ended and what it printed.
struct ProgramRun {
  /// The exit status, or -1 when the program did not exit normally (killed by a signal or by the
  /// time limit).
  int status = -1;
  std::string out;
  std::string err;
};

/// What `run_program` gives the program besides its arguments.
struct ProgramSetup {
  /// A folder for the captured `stdout` and `stderr` files (overwritten by every run).
  std::filesystem::path scratch;
  /// The whole environment of the program (`NAME=value` entries); nullopt inherits the test's.
  std::optional<std::vector<std::string>> environment;
  /// The program is killed when it runs longer than this.
  std::chrono::milliseconds limit{std::chrono::seconds(60)};
};

/// Runs `argv` (`argv[0]` is the program's path) with stdin from /dev/null until it exits, and
/// returns its status and output. Fails the current test when the program cannot be started.
ProgramRun run_program(const std::vector<std::string>& argv, const ProgramSetup& setup);

}  // namespace watchdesk::testing
