// Fault suite: the disk holding the state file fills up under `check`: a size-limited tmpfs where the
// machine allows mounting one, and always a preloaded library that fails every write below the state's
// folder with ENOSPC (SQLite's SQLITE_FULL). The failed write makes the state unusable (exit 74), the
// summary says so and claims nothing new, and once space is back nothing is lost.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_full_disk)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpResponse;
using testing::HttpServer;

// A full disk for the state file's folder `where`: a tmpfs of `bytes` filled up to `left` free bytes
// where the machine allows mounting one, else writes below `where` refused with ENOSPC by a preloaded
// library once a process has written `left` bytes there.
struct FullDisk {
  FullDisk(const std::filesystem::path& at, std::size_t bytes, bool try_tmpfs) : where(at) {
    std::filesystem::create_directories(where);
    if (!try_tmpfs) return;
    mounted = ::mount("tmpfs", where.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                      fmt::format("size={},mode=0700", bytes).c_str()) == 0;
    if (!mounted) why = std::strerror(errno);
  }
  ~FullDisk() {
    if (mounted) ::umount2(where.c_str(), MNT_DETACH);
  }
  FullDisk(const FullDisk&) = delete;
  FullDisk& operator=(const FullDisk&) = delete;

  // The environment of a process that finds the disk full.
  std::vector<std::string> full_env() const {
    if (mounted) return {};
    std::string asan = std::getenv("ASAN_OPTIONS") != nullptr ? std::getenv("ASAN_OPTIONS") : "";
    return {std::string("LD_PRELOAD=") + WATCHDESK_NO_SPACE_LEFT, "WATCHDESK_NO_SPACE_DIR=" + where.string(),
            "WATCHDESK_NO_SPACE_AFTER=" + std::to_string(left),
            "ASAN_OPTIONS=" + asan + (asan.empty() ? "" : ":") + "verify_asan_link_order=0"};
  }
  std::string name() const { return mounted ? "tmpfs" : "ENOSPC preloaded"; }

  std::filesystem::path where;
  std::size_t left = 256 * 1024;
  bool mounted = false;
  std::string why;
};

// Fills the disk at `dir` to `leave` bytes free with `dir/filler`.
void fill(const std::filesystem::path& dir, std::size_t leave) {
  const auto filler = dir / "filler";
  {
    std::ofstream out(filler, std::ios::binary);
    const std::string block(4096, 'x');
    while (out.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
  }
  const auto size = std::filesystem::file_size(filler);
  std::filesystem::resize_file(filler, size > leave ? size - leave : 0);
}

struct CheckRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CheckRun check(const std::filesystem::path& dir, const std::filesystem::path& config, bool json,
               const std::vector<std::string>& env = {}) {
  std::vector<std::string> argv{WATCHDESK_BINARY, "check", "-c", config.string(), "--deliver-timeout", "1s"};
  if (json) argv.insert(argv.end(), {"--format", "json"});
  auto run = faults::spawn(argv, dir, json ? "check-json" : "check", env);
  CheckRun result;
  result.exit_code = faults::wait_exit(run.pid, 120s).value_or(-1);
  result.out = faults::slurp(run.out);
  result.err = faults::slurp(run.err);
  return result;
}

// The case, on the disk `try_tmpfs` asks for (a tmpfs where it can be mounted, else ENOSPC preloaded).
void full_disk_under_check(bool try_tmpfs) {
  HttpServer server;
  testing::ScratchDir dir;
  FullDisk disk(dir.path / "disk", 16 * 1024 * 1024, try_tmpfs);
  if (try_tmpfs && !disk.mounted)
    BOOST_TEST_MESSAGE("cannot mount a tmpfs here (" << disk.why << "): the disk is filled by ENOSPC preloaded");
  const auto config = dir.path / "watchdesk.toml";
  const auto state = disk.where / "state.db";
  testing::write(config, "[watchdesk]\nstate = \"disk/state.db\"\nuser_agent = \"watchdesk faults@example.com\"\n"
                         "log_level = \"warn\"\nhost_rate = 200\n" +
                             faults::filings_source_and_trigger("filings", server.url("/filings"), "1h",
                                                                "[\"console\"]") +
                             "\n[channels.console]\nkind = \"stdout\"\n");
  server.on("/filings", HttpServer::serve(HttpResponse::text(200, faults::filings_feed(3), "application/atom+xml")));
  BOOST_TEST_REQUIRE(check(dir.path, config, false).exit_code == 1);

  const int entries = 1500;
  server.on("/filings",
            HttpServer::serve(HttpResponse::text(200, faults::filings_feed(entries), "application/atom+xml")));
  if (disk.mounted) fill(disk.where, disk.left);
  const auto text = check(dir.path, config, false, disk.full_env());
  BOOST_TEST(text.exit_code == 74, text.out << text.err);
  BOOST_TEST(text.out.find("state file FAILED") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("full") != std::string::npos, text.out);
  BOOST_TEST(text.out.find(" new,") == std::string::npos, text.out);
  BOOST_TEST(text.out.find("alerts:") == std::string::npos, text.out);

  const auto json = check(dir.path, config, true, disk.full_env());
  BOOST_TEST(json.exit_code == 74);
  auto trimmed = json.out;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  const auto last_line = trimmed.substr(trimmed.rfind('\n') + 1);
  const auto summary = boost::json::parse(last_line).as_object();
  BOOST_TEST(summary.at("exit").as_int64() == 74);
  BOOST_TEST(summary.contains("state_error"));
  BOOST_TEST(summary.at("alerts").as_array().empty());
  BOOST_TEST(summary.at("sources").as_array().at(0).at("new").as_int64() == 0);

  std::filesystem::remove(disk.where / "filler");  // space is back (the preloaded case: no longer preloaded)
  const auto recovered = check(dir.path, config, false);
  BOOST_TEST(recovered.exit_code == 1, recovered.out << recovered.err);
  const auto committed = faults::query_int(state, "SELECT count(*) FROM alerts WHERE trigger = 'filings-8k'");
  faults::report(fmt::format("full disk ({}): check exit={} then {} after space came back; alerts committed={} of {}",
                             disk.name(), text.exit_code, recovered.exit_code, committed, entries));
  BOOST_TEST(committed == entries);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_disk_under_check_is_exit_74_and_loses_nothing) { full_disk_under_check(true); }

BOOST_AUTO_TEST_CASE(a_write_refused_with_enospc_under_check_is_exit_74_and_loses_nothing) {
  full_disk_under_check(false);
}

BOOST_AUTO_TEST_SUITE_END()
