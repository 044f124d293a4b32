// Spawning and talking to test child processes (SMTP server, the watchdesk binary).
#include "support/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

extern char** environ;

namespace watchdesk::testing {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  in_ = in_pipe[1];
  out_ = out_pipe[0];
  if (rc != 0) {
    close(in_);
    close(out_);
    throw std::runtime_error("cannot start " + argv[0]);
  }
}

ChildProcess::~ChildProcess() { stop(); }

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    if (out_ < 0) return std::nullopt;
    // A zero or spent timeout still takes what has already arrived.
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) <= 0) return std::nullopt;
    char buf[4096];
    auto n = read(out_, buf, sizeof buf);
    if (n <= 0) return std::nullopt;
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

std::optional<std::string> ChildProcess::read_to_end(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (out_ < 0) return std::nullopt;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return std::nullopt;
    char buf[4096];
    auto n = read(out_, buf, sizeof buf);
    if (n < 0) return std::nullopt;
    if (n == 0) {
      std::string all = std::move(pending_);
      pending_.clear();
      return all;
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

std::optional<int> ChildProcess::wait(std::chrono::milliseconds limit) {
  if (reaped_) return status_;
  auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (waitpid(pid_, &status_, WNOHANG) == pid_) {
      reaped_ = true;
      return status_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    pollfd none{-1, 0, 0};
    poll(&none, 0, 10);
  }
}

int ChildProcess::stop() {
  if (reaped_ || pid_ <= 0) return status_;
  if (in_ >= 0) {
    close(in_);
    in_ = -1;
  }
  for (int i = 0; i < 500; ++i) {
    pid_t r = waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      break;
    }
    pollfd none{-1, 0, 0};
    poll(&none, 0, 10);
  }
  if (!reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
    reaped_ = true;
  }
  if (out_ >= 0) {
    close(out_);
    out_ = -1;
  }
  return status_;
}

Finished run_to_completion(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ChildProcess child(argv);
  Finished finished;
  auto out = child.read_to_end(timeout);
  if (!out) {
    kill(child.pid(), SIGKILL);
    child.stop();
    return finished;
  }
  finished.out = std::move(*out);
  const int status = child.stop();
  if (WIFEXITED(status)) finished.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) finished.exit_code = 128 + WTERMSIG(status);
  return finished;
}

}  // namespace watchdesk::testing
