// A child process for tests: spawned with pipes, read line by line with a deadline, reaped on exit.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace watchdesk::testing {

/// Runs `argv` with stdin and stdout piped to the test; stderr is inherited.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  /// The next line of the child's stdout (without newline), or nullopt at EOF or after `timeout`.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout);
  /// Closes the child's stdin (a polite request to exit) and waits for it; kills it after 5 s.
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

}  // namespace watchdesk::testing
