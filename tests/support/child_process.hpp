// A child process for tests: spawned with pipes, read line by line with a deadline, reaped on exit.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace watchdesk::testing {

/// How a finished child ended and what it wrote to stdout.
struct Finished {
  /// The exit status, or 128 + the signal that ended it.
  int exit_code = -1;
  std::string out;
};

/// Runs `argv` with stdin and stdout piped to the test; stderr is inherited.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// The next line of the child's stdout (without newline), or nullopt at EOF or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// The rest of the child's stdout up to EOF, or nullopt when EOF did not come within `timeout`.
  std::optional<std::string> read_to_end(std::chrono::milliseconds timeout);
  /// Closes the child's stdin (a polite request to exit) and waits for it; kills it after 5 s.
  /// Returns the raw wait status.
  int stop();
  /// Waits up to `limit` for the child to exit by itself; its wait status, or nullopt.
  std::optional<int> wait(std::chrono::milliseconds limit);
  /// The child's pid.
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
  std::string pending_;
  bool reaped_ = false;
  int status_ = 0;
};

/// Runs `argv` to completion: its stdout, and its exit code. A child still running after `timeout`
/// is killed and reported with exit code -1.
Finished run_to_completion(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

}  // namespace watchdesk::testing
