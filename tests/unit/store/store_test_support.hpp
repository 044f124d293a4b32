// Helpers shared by the state store tests: temp dirs, opening, raw SQL and forked children.
#pragma once

#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <variant>

#include "daemon/store/state_store.hpp"
#include "support/must.hpp"

namespace watchdesk::store {

/// Prints an access mode in test case names and failure messages.
inline std::ostream& operator<<(std::ostream& out, Access access) {
  return out << (access == Access::read_write ? "read_write" : "read_only");
}

}  // namespace watchdesk::store

namespace watchdesk::store::testing {

using watchdesk::testing::must;

/// The tests' reference instant: 2026-06-01T00:00:00Z.
inline const TimePoint kT0{Seconds{1780272000}};

/// A unique directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "watchdesk-store-XXXXXX").string();
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Opens a store that must open.
inline std::unique_ptr<StateStore> open_ok(const std::filesystem::path& path,
                                           Access access = Access::read_write) {
  auto opened = StateStore::open(path, access);
  if (!opened) BOOST_FAIL("opening " << path << " failed: " << opened.error().message);
  return std::move(opened).value();
}

/// Opens a store that must fail, and returns why.
inline Error open_fails(const std::filesystem::path& path, Access access) {
  auto opened = StateStore::open(path, access);
  if (opened) BOOST_FAIL("opening " << path << " succeeded but should have failed");
  return opened.error();
}

/// A raw SQLite connection, for making files the store must cope with.
class RawDb {
 public:
  explicit RawDb(const std::filesystem::path& path) {
    const int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, "raw open of " << path << ": " << sqlite3_errstr(rc));
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// Runs SQL that must succeed.
  void exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, "SQL failed: " << sql << ": " << text);
  }

  /// The first column of the first row of a query, as text ("" when there is no row).
  std::string text(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return value;
  }

  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

/// Who a forked child runs as.
enum class RunAs { current_user, unprivileged };

/// What a forked child printed and how it ended.
struct ChildResult {
  int exit_code = -1;
  std::string output;
};

/// Runs `body` in a forked child and returns the text it returned. With `RunAs::unprivileged` a
/// child started as root first drops to `nobody` (65534), so permission checks apply to it as they
/// do to an ordinary service user.
inline ChildResult run_in_child(RunAs who, const std::function<std::string()>& body) {
  int fds[2];
  BOOST_REQUIRE(::pipe(fds) == 0);
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(fds[0]);
    int code = 0;
    std::string output;
    if (who == RunAs::unprivileged && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) {
        output = "cannot drop privileges";
        code = 3;
      }
    }
    if (code == 0) output = body();
    const char* data = output.data();
    std::size_t left = output.size();
    while (left > 0) {
      const ssize_t n = ::write(fds[1], data, left);
      if (n <= 0) break;
      data += n;
      left -= static_cast<std::size_t>(n);
    }
    ::_exit(code);
  }
  ::close(fds[1]);
  ChildResult result;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) {
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

/// A forked child that runs `body(report, wait)` and then blocks until released or killed. `report`
/// writes one line to the parent, which waits for it with `read_line()` (synchronisation by
/// readiness, never by sleeping); `wait` blocks the child where it is, until released or killed.
class BlockedChild {
 public:
  using Report = std::function<void(const std::string&)>;
  using Wait = std::function<void()>;

  explicit BlockedChild(const std::function<void(const Report&, const Wait&)>& body) {
    int report[2];
    int release[2];
    BOOST_REQUIRE(::pipe(report) == 0);
    BOOST_REQUIRE(::pipe(release) == 0);
    pid_ = ::fork();
    BOOST_REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::close(report[0]);
      ::close(release[1]);
      const int out = report[1];
      const int in = release[0];
      const Wait wait = [in] {
        char byte = 0;
        while (::read(in, &byte, 1) > 0) {
        }
      };
      body(
          [out](const std::string& line) {
            const std::string text = line + "\n";
            const ssize_t written = ::write(out, text.data(), text.size());
            (void)written;
          },
          wait);
      wait();
      ::_exit(0);
    }
    ::close(report[1]);
    ::close(release[0]);
    report_ = report[0];
    release_ = release[1];
  }

  ~BlockedChild() {
    if (pid_ > 0) kill_and_wait();
    if (report_ >= 0) ::close(report_);
  }
  BlockedChild(const BlockedChild&) = delete;
  BlockedChild& operator=(const BlockedChild&) = delete;

  /// The next line the child reported ("" if it ended without one).
  std::string read_line() {
    std::string line;
    char c = 0;
    while (::read(report_, &c, 1) == 1 && c != '\n') line += c;
    return line;
  }

  /// Lets the child finish and waits for it.
  void release_and_wait() {
    ::close(std::exchange(release_, -1));
    ::waitpid(std::exchange(pid_, -1), nullptr, 0);
  }

  /// Kills the child with SIGKILL and waits for it; true when SIGKILL is what ended it.
  bool kill_and_wait() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(std::exchange(pid_, -1), &status, 0);
    if (release_ >= 0) ::close(std::exchange(release_, -1));
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

 private:
  pid_t pid_ = -1;
  int report_ = -1;
  int release_ = -1;
};

/// Whether the file system holding `dir` keeps user extended attributes (where it does not, a
/// state file carries no clean-close record and every open checks it).
inline bool keeps_extended_attributes(const std::filesystem::path& dir) {
  const auto probe = dir / "xattr-probe";
  { std::ofstream(probe).put('x'); }
  const bool kept = ::setxattr(probe.c_str(), "user.watchdesk.probe", "1", 1, 0) == 0;
  std::filesystem::remove(probe);
  if (!kept) BOOST_TEST_MESSAGE("no user extended attributes under " << dir << ": nothing recorded at a clean close");
  return kept;
}

/// "ok" for a store that opened, or "KIND: MESSAGE" for one that failed; for reports from children.
inline std::string open_outcome(const std::filesystem::path& path, Access access) {
  auto opened = StateStore::open(path, access);
  if (!opened) return std::string(to_string(opened.error().kind)) + ": " + opened.error().message;
  return "ok";
}

}  // namespace watchdesk::store::testing
