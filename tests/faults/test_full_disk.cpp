// Fault suite: the disk holding the state file fills up under `check` (a size-limited tmpfs where the
// machine allows mounting one). The failed write makes the state unusable (exit 74), the summary says
// so and claims nothing new, and once space is back nothing is lost.
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fmt/format.h>

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include "faults/fault_support.hpp"
#include "support/daemon_harness.hpp"
#include "support/http_server.hpp"

BOOST_AUTO_TEST_SUITE(faults_full_disk)

namespace {

using namespace watchdesk;
using namespace std::chrono_literals;
using testing::HttpResponse;
using testing::HttpServer;

// A tmpfs of `bytes` at `where`, unmounted on destruction; `mounted` is false where the machine does
// not allow it.
struct SmallDisk {
  SmallDisk(const std::filesystem::path& at, std::size_t bytes) : where(at) {
    std::filesystem::create_directories(where);
    mounted = ::mount("tmpfs", where.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                      fmt::format("size={},mode=0700", bytes).c_str()) == 0;
    if (!mounted) why = std::strerror(errno);
  }
  ~SmallDisk() {
    if (mounted) ::umount2(where.c_str(), MNT_DETACH);
  }
  std::filesystem::path where;
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

CheckRun check(const std::filesystem::path& dir, const std::filesystem::path& config, bool json) {
  std::vector<std::string> argv{WATCHDESK_BINARY, "check", "-c", config.string(), "--deliver-timeout", "1s"};
  if (json) argv.insert(argv.end(), {"--format", "json"});
  auto run = faults::spawn(argv, dir, json ? "check-json" : "check");
  CheckRun result;
  result.exit_code = faults::wait_exit(run.pid, 120s).value_or(-1);
  result.out = faults::slurp(run.out);
  result.err = faults::slurp(run.err);
  return result;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_full_disk_under_check_is_exit_74_and_loses_nothing) {
  HttpServer server;
  testing::ScratchDir dir;
  SmallDisk disk(dir.path / "disk", 16 * 1024 * 1024);
  if (!disk.mounted) {
    BOOST_TEST_MESSAGE("cannot mount a tmpfs here (" << disk.why << "): the full-disk case is not run");
    faults::report("full disk: not run (no tmpfs mount allowed)");
    return;
  }
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
  fill(disk.where, 256 * 1024);
  const auto text = check(dir.path, config, false);
  BOOST_TEST(text.exit_code == 74, text.out << text.err);
  BOOST_TEST(text.out.find("state file FAILED") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("full") != std::string::npos, text.out);
  BOOST_TEST(text.out.find(" new,") == std::string::npos, text.out);
  BOOST_TEST(text.out.find("alerts:") == std::string::npos, text.out);

  const auto json = check(dir.path, config, true);
  BOOST_TEST(json.exit_code == 74);
  auto trimmed = json.out;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  const auto last_line = trimmed.substr(trimmed.rfind('\n') + 1);
  const auto summary = boost::json::parse(last_line).as_object();
  BOOST_TEST(summary.at("exit").as_int64() == 74);
  BOOST_TEST(summary.contains("state_error"));
  BOOST_TEST(summary.at("alerts").as_array().empty());
  BOOST_TEST(summary.at("sources").as_array().at(0).at("new").as_int64() == 0);

  std::filesystem::remove(disk.where / "filler");
  const auto recovered = check(dir.path, config, false);
  BOOST_TEST(recovered.exit_code == 1, recovered.out << recovered.err);
  const auto committed = faults::query_int(state, "SELECT count(*) FROM alerts WHERE trigger = 'filings-8k'");
  faults::report(fmt::format("full disk: tmpfs check exit={} then {} after space came back; alerts committed={} of {}",
                             text.exit_code, recovered.exit_code, committed, entries));
  BOOST_TEST(committed == entries);
}

BOOST_AUTO_TEST_SUITE_END()
