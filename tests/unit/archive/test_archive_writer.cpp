// The archive writer (daemon/archive/archive_writer): only changed bodies, atomic files, pruning.
#include "daemon/archive/archive_writer.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <set>
#include <string>

#include "daemon/archive/layout.hpp"
#include "unit/config/support.hpp"

using namespace watchdesk;
using namespace watchdesk::archive;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(archive_writer)

namespace {

const TimePoint t0 = *parse_rfc3339("2026-12-01T00:00:00Z");

std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(folder)) out.insert(entry.path().filename().string());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(keeps_a_body_only_when_it_changed) {
  config::testing::TempDir dir;
  ArchiveWriter writer(dir.path(), Seconds{90 * 86400});
  BOOST_TEST(writer.keep("news", "<rss>1</rss>", "application/rss+xml", t0).value());
  BOOST_TEST(!writer.keep("news", "<rss>1</rss>", "application/rss+xml", t0 + Seconds{600}).value());
  BOOST_TEST(writer.keep("news", "<rss>2</rss>", "application/rss+xml", t0 + Seconds{1200}).value());
  BOOST_TEST(writer.keep("jobs", "<rss>1</rss>", "application/json", t0).value());
  BOOST_TEST((names_in(dir.path() / "news") ==
              std::set<std::string>{"20261201T000000Z.rss", "20261201T002000Z.rss"}));
  BOOST_TEST(read_whole_file(dir.path() / "news" / "20261201T002000Z.rss").value() == "<rss>2</rss>");
  BOOST_TEST((names_in(dir.path() / "jobs") == std::set<std::string>{"20261201T000000Z.json"}));
}

BOOST_AUTO_TEST_CASE(a_new_writer_compares_with_the_newest_archived_body) {
  config::testing::TempDir dir;
  {
    ArchiveWriter first(dir.path(), Seconds{90 * 86400});
    BOOST_TEST(first.keep("news", "same", "text/plain", t0).value());
  }
  ArchiveWriter restarted(dir.path(), Seconds{90 * 86400});
  BOOST_TEST(!restarted.keep("news", "same", "text/plain", t0 + Seconds{60}).value());
  BOOST_TEST(names_in(dir.path() / "news").size() == 1u);
}

BOOST_AUTO_TEST_CASE(prunes_bodies_older_than_keep_but_never_the_newest) {
  config::testing::TempDir dir;
  ArchiveWriter writer(dir.path(), Seconds{86400});
  BOOST_TEST(writer.keep("news", "a", "text/plain", t0).value());
  BOOST_TEST(writer.keep("news", "b", "text/plain", t0 + Seconds{3600}).value());
  // Two days later: both earlier bodies are past `keep`; the new one stays, and so would the
  // newest however old it were.
  BOOST_TEST(writer.keep("news", "c", "text/plain", t0 + Seconds{2 * 86400}).value());
  BOOST_TEST((names_in(dir.path() / "news") == std::set<std::string>{"20261203T000000Z.txt"}));
}

BOOST_AUTO_TEST_CASE(writes_leave_no_temporary_file_and_fail_with_the_path) {
  config::testing::TempDir dir;
  BOOST_TEST(write_atomically(dir.path() / "x.json", "{}").ok());
  BOOST_TEST((names_in(dir.path()) == std::set<std::string>{"x.json"}));
  auto failed = write_atomically(dir.path() / "missing" / "x.json", "{}");
  BOOST_TEST_REQUIRE(!failed.ok());
  BOOST_TEST(failed.error().message.find("missing") != std::string::npos);
  // A folder that cannot be created is an error of the writer, not a crash.
  dir.write("blocked", "a file where the source folder would be");
  ArchiveWriter writer(dir.path(), Seconds{86400});
  BOOST_TEST(!writer.keep("blocked", "x", "text/plain", t0).ok());
}

BOOST_AUTO_TEST_SUITE_END()
