// Spawning a program with posix_spawn and waiting for it through a pidfd, with a time limit.
#include "support/run_program.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>

extern char** environ;

namespace watchdesk::testing {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Waits up to `limit` for `pid` to end; kills it when the limit passes. Returns the wait status.
int wait_bounded(pid_t pid, std::chrono::milliseconds limit) {
  const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (pidfd >= 0) {
    pollfd ready{pidfd, POLLIN, 0};
    int polled = 0;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    do {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      polled = ::poll(&ready, 1, static_cast<int>(std::max<long long>(0, left.count())));
    } while (polled < 0 && errno == EINTR);
    ::close(pidfd);
    if (polled == 0) ::kill(pid, SIGKILL);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

ProgramRun run_program(const std::vector<std::string>& argv, const ProgramSetup& setup) {
  BOOST_TEST_REQUIRE(!argv.empty());
  const auto out_path = setup.scratch / "stdout";
  const auto err_path = setup.scratch / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  std::vector<std::string> arguments = argv;
  auto arg_pointers = pointers(arguments);
  std::vector<std::string> environment = setup.environment.value_or(std::vector<std::string>{});
  auto env_pointers = pointers(environment);

  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv.front().c_str(), &actions, nullptr, arg_pointers.data(),
                               setup.environment ? env_pointers.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  BOOST_TEST_REQUIRE(rc == 0, "cannot start " << argv.front());

  const int status = wait_bounded(pid, setup.limit);
  ProgramRun run;
  if (WIFEXITED(status)) run.status = WEXITSTATUS(status);
  run.out = slurp(out_path);
  run.err = slurp(err_path);
  return run;
}

}  // namespace watchdesk::testing
