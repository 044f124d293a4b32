// Tests for the clean-close record: an unchanged file is recognised, any change is not.
#include <fcntl.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/store/clean_close.hpp"
#include "daemon/store/written_blocks.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk::store;
using namespace watchdesk::store::testing;
namespace fs = std::filesystem;

// A file of `size` bytes that are not all alike.
void write_file(const fs::path& path, std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 131) % 251);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(size));
}

bool unchanged(const fs::path& path) { return unchanged_since_clean_close(path) != nullptr; }

// The fingerprint of the whole file as it is now.
std::string fingerprint_now(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE(fd >= 0);
  const auto print = Fingerprint::of(fd);
  ::close(fd);
  BOOST_REQUIRE(print.has_value());
  return print->text();
}

// Overwrites `bytes.size()` bytes at `offset` (past the end: the file grows) and notes it.
void write_at(const fs::path& path, std::size_t offset, const std::string& bytes, WrittenBlocks& written) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekp(static_cast<std::streamoff>(offset));
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  BOOST_REQUIRE(file.good());
  written.wrote(static_cast<std::int64_t>(offset), static_cast<std::int64_t>(bytes.size()));
}

// A file of `size` bytes in a fresh directory, recorded as a clean close records it; `kept` is
// false where the file system keeps no extended attributes (then there is nothing to test).
struct Recorded {
  explicit Recorded(std::size_t size) : path(dir / "state.db"), kept(keeps_extended_attributes(dir.path())) {
    write_file(path, size);
    record_clean_close(path);
  }
  TempDir dir;
  fs::path path;
  bool kept;
};

void overwrite_byte(const fs::path& path, std::size_t offset) {
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  const char old = static_cast<char>(file.get());
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(static_cast<char>(old ^ 0x01));
  BOOST_REQUIRE(file.good());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(store_clean_close)

BOOST_AUTO_TEST_CASE(recognises_the_file_it_recorded) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  write_file(path, 3 * 256 * 1024 + 17);  // more than one read, and a partial last one
  BOOST_TEST(!unchanged(path));
  record_clean_close(path);
  BOOST_TEST(unchanged(path));
  BOOST_TEST(unchanged(path));
}

BOOST_AUTO_TEST_CASE(sees_one_changed_byte_anywhere) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  for (const std::size_t offset : {std::size_t{0}, std::size_t{4096 * 7 + 100}, std::size_t{600000}}) {
    write_file(path, 600001);
    record_clean_close(path);
    BOOST_REQUIRE(unchanged(path));
    overwrite_byte(path, offset);
    BOOST_TEST(!unchanged(path), "byte " << offset << " changed");
  }
}

BOOST_AUTO_TEST_CASE(sees_a_changed_size) {
  const Recorded file(8192);
  if (!file.kept) return;
  const auto& path = file.path;
  fs::resize_file(path, 4096);
  BOOST_TEST(!unchanged(path));
  write_file(path, 8192);
  BOOST_TEST(unchanged(path));
  std::ofstream(path, std::ios::binary | std::ios::app).put('\0');
  BOOST_TEST(!unchanged(path));
}

BOOST_AUTO_TEST_CASE(trusts_and_records_nothing_with_a_log_or_journal_beside_the_file) {
  const Recorded file(8192);
  if (!file.kept) return;
  const auto& path = file.path;
  std::size_t size = 8192;
  for (const char* suffix : {"-wal", "-journal"}) {
    const fs::path beside = path.string() + suffix;
    write_file(beside, 0);
    BOOST_TEST(!unchanged(path), suffix);
    // Another connection may be writing through it: nothing is recorded.
    write_file(path, size += 4096);
    record_clean_close(path);
    fs::remove(beside);
    BOOST_TEST(!unchanged(path), suffix);
    record_clean_close(path);
    BOOST_TEST(unchanged(path), suffix);
  }
}

BOOST_AUTO_TEST_CASE(trusts_no_garbled_record) {
  const Recorded file(8192);
  if (!file.kept) return;
  const auto& path = file.path;
  const std::string garbled = "v1 8192 xxh3-64 0000000000000000";
  BOOST_REQUIRE(::setxattr(path.c_str(), "user.watchdesk.clean_close", garbled.data(), garbled.size(), 0) == 0);
  BOOST_TEST(!unchanged(path));
  BOOST_REQUIRE(::removexattr(path.c_str(), "user.watchdesk.clean_close") == 0);
  BOOST_TEST(!unchanged(path));
}

BOOST_AUTO_TEST_CASE(brings_a_fingerprint_up_to_date_from_the_blocks_written) {
  TempDir dir;
  const auto path = dir / "state.db";
  write_file(path, 40 * 4096 + 100);  // a partial last block
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  auto print = Fingerprint::of(fd);
  ::close(fd);
  BOOST_REQUIRE(print.has_value());
  WrittenBlocks written;
  write_at(path, 3 * 4096 + 10, std::string(20, 'a'), written);     // inside one block
  write_at(path, 9 * 4096 - 5, std::string(4096 + 10, 'b'), written);  // across three
  write_at(path, 40 * 4096 + 50, std::string(8000, 'c'), written);   // past the end: grows
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE(print->refresh(fd, written));
  ::close(fd);
  BOOST_TEST(print->text() == fingerprint_now(path));

  WrittenBlocks shrunk;
  fs::resize_file(path, 7 * 4096 + 1);
  shrunk.truncated(7 * 4096 + 1);
  fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  BOOST_REQUIRE(print->refresh(fd, shrunk));
  ::close(fd);
  BOOST_TEST(print->text() == fingerprint_now(path));
}

BOOST_AUTO_TEST_CASE(records_what_the_writes_it_was_told_of_make_and_so_misses_no_other_change) {
  const Recorded file(16 * 4096);
  if (!file.kept) return;
  const auto& path = file.path;
  auto print = unchanged_since_clean_close(path);
  BOOST_REQUIRE(print != nullptr);
  WrittenBlocks written;
  write_at(path, 2 * 4096, "told", written);
  overwrite_byte(path, 11 * 4096 + 7);  // a write nobody noted, as a stray writer's would be
  record_clean_close(path, std::move(print), &written);
  BOOST_TEST(!unchanged(path));
  // Read whole, the same file is recorded as it is.
  record_clean_close(path);
  BOOST_TEST(unchanged(path));
}

BOOST_AUTO_TEST_CASE(notes_every_block_a_write_or_truncation_touches) {
  WrittenBlocks written;
  BOOST_TEST(!written.any());
  written.wrote(4095, 2);  // the last byte of block 0 and the first of block 1
  written.wrote(10 * 4096, 4096);
  written.truncated(20 * 4096 + 1);
  BOOST_TEST(written.any());
  for (std::size_t i = 0; i < 24; ++i)
    BOOST_TEST(written.written(i) == (i == 0 || i == 1 || i == 10 || i == 20), "block " << i);
}

BOOST_AUTO_TEST_SUITE_END()
