// Shared pieces of the fault suite: short or long mode, the figures report, processes started and
// killed by the test, the state file read directly, and documents that raise one alert per entry.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::faults {

/// True when `WATCHDESK_FAULTS=long` (what `make faults` sets); CI runs the short mode.
bool long_mode();

/// `short_count` in the short mode, `long_count` in the long one.
int rounds(int short_count, int long_count);

/// Prints one line of figures (`faults: ...`) and appends it to `$WATCHDESK_FAULTS_REPORT` if set.
void report(const std::string& line);

/// A started program: its pid, and where its standard output and error go.
struct Spawned {
  pid_t pid = -1;
  std::filesystem::path out;
  std::filesystem::path err;
};

/// Starts `argv` with stdin from /dev/null, stdout and stderr into `NAME.out` / `NAME.err` under
/// `dir`, and the test's environment with `env` (`NAME=value`) added or replacing what it names.
Spawned spawn(const std::vector<std::string>& argv, const std::filesystem::path& dir, const std::string& name,
              const std::vector<std::string>& env = {});

/// Waits up to `limit` for `pid` to end: its exit code, 128 + the signal that ended it, or nothing.
std::optional<int> wait_exit(pid_t pid, std::chrono::milliseconds limit);

/// SIGKILL and reap.
void kill_hard(pid_t pid);

/// Kills and reaps a started program when the test leaves its scope with the program still running
/// (a failed requirement), so that no daemon outlives its test.
struct KillOnExit {
  pid_t pid;
  ~KillOnExit();
};

/// Waits `ms` milliseconds: the fault is the timing itself (when to kill, when to reload).
void pause_for(int ms);

/// A file's bytes ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

/// Runs `sql` on the state file and returns the first column of every row as text.
std::vector<std::string> query(const std::filesystem::path& db, const std::string& sql);

/// Runs `sql`, which changes the state file, waiting up to 5 s for its lock.
void exec_sql(const std::filesystem::path& db, const std::string& sql);

/// Runs `sql` on the state file and returns the first column of the first row as an integer.
std::int64_t query_int(const std::filesystem::path& db, const std::string& sql);

/// An EDGAR company-filings Atom feed with `count` 8-K entries filed today, accession numbers
/// `0009999999-26-000001` upward (each one raises one `filing` alert).
std::string filings_feed(int count);

/// An RSS 2.0 document with one item titled `title` (guid `guid`).
std::string one_item_feed(const std::string& title, const std::string& guid = "a");

/// The `[watchdesk]` section for a test state under `dir` and extra lines.
std::string watchdesk_section(const std::string& extra = {});

/// An `edgar-filings` source `id` at `url`, polled `every`, and a `filing` trigger on it for 8-K
/// filings that delivers to `channels`.
std::string filings_source_and_trigger(const std::string& id, const std::string& url, const std::string& every,
                                       const std::string& channels);

/// Every occurrence of `needle` in `haystack`.
std::size_t occurrences(std::string_view haystack, std::string_view needle);

}  // namespace watchdesk::faults
