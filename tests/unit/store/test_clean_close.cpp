// Tests for the clean-close record: an unchanged file is recognised, any change is not.
#include <sys/xattr.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "daemon/store/clean_close.hpp"
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
  BOOST_TEST(!unchanged_since_clean_close(path));
  record_clean_close(path);
  BOOST_TEST(unchanged_since_clean_close(path));
  BOOST_TEST(unchanged_since_clean_close(path));
}

BOOST_AUTO_TEST_CASE(sees_one_changed_byte_anywhere) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  for (const std::size_t offset : {std::size_t{0}, std::size_t{4096 * 7 + 100}, std::size_t{600000}}) {
    write_file(path, 600001);
    record_clean_close(path);
    BOOST_REQUIRE(unchanged_since_clean_close(path));
    overwrite_byte(path, offset);
    BOOST_TEST(!unchanged_since_clean_close(path), "byte " << offset << " changed");
  }
}

BOOST_AUTO_TEST_CASE(sees_a_changed_size) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  write_file(path, 8192);
  record_clean_close(path);
  fs::resize_file(path, 4096);
  BOOST_TEST(!unchanged_since_clean_close(path));
  write_file(path, 8192);
  BOOST_TEST(unchanged_since_clean_close(path));
  std::ofstream(path, std::ios::binary | std::ios::app).put('\0');
  BOOST_TEST(!unchanged_since_clean_close(path));
}

BOOST_AUTO_TEST_CASE(trusts_and_records_nothing_with_a_log_or_journal_beside_the_file) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  write_file(path, 8192);
  record_clean_close(path);
  std::size_t size = 8192;
  for (const char* suffix : {"-wal", "-journal"}) {
    const fs::path beside = path.string() + suffix;
    write_file(beside, 0);
    BOOST_TEST(!unchanged_since_clean_close(path), suffix);
    // Another connection may be writing through it: nothing is recorded.
    write_file(path, size += 4096);
    record_clean_close(path);
    fs::remove(beside);
    BOOST_TEST(!unchanged_since_clean_close(path), suffix);
    record_clean_close(path);
    BOOST_TEST(unchanged_since_clean_close(path), suffix);
  }
}

BOOST_AUTO_TEST_CASE(trusts_no_garbled_record) {
  TempDir dir;
  if (!keeps_extended_attributes(dir.path())) return;
  const auto path = dir / "state.db";
  write_file(path, 8192);
  record_clean_close(path);
  const std::string garbled = "v1 8192 xxh3-64 0000000000000000";
  BOOST_REQUIRE(::setxattr(path.c_str(), "user.watchdesk.clean_close", garbled.data(), garbled.size(), 0) == 0);
  BOOST_TEST(!unchanged_since_clean_close(path));
  BOOST_REQUIRE(::removexattr(path.c_str(), "user.watchdesk.clean_close") == 0);
  BOOST_TEST(!unchanged_since_clean_close(path));
}

BOOST_AUTO_TEST_SUITE_END()
