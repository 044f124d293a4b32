// Which blocks of the state file this process wrote, seen through a thin SQLite VFS over the default one.
#pragma once

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace watchdesk::store {

/// The blocks (`kBlockSize` bytes) of one database file that writes through this process touched,
/// and the sizes it was truncated to.
class WrittenBlocks {
 public:
  /// The unit of the file's fingerprint (see `clean_close.hpp`).
  static constexpr std::size_t kBlockSize = 4096;

  /// Notes a write of `amount` bytes at `offset`.
  void wrote(std::int64_t offset, std::int64_t amount);
  /// Notes a truncation to `size` bytes.
  void truncated(std::int64_t size);
  /// Whether block `index` was written.
  bool written(std::size_t index) const { return index < written_.size() && written_[index]; }
  /// Whether any write or truncation was seen.
  bool any() const { return any_; }

 private:
  std::vector<bool> written_;
  bool any_ = false;
};

/// The name of a VFS that forwards everything to SQLite's `unix` VFS and notes the blocks written
/// to each main database file it opens (registered on first use; not the default). Null while
/// another VFS is the default: then that one is used, and nothing is noted.
const char* write_tracking_vfs();

/// What the connection's main database file has had written through it since it was opened (by
/// `db` and nothing else); null when the connection was not opened through `write_tracking_vfs()`.
std::shared_ptr<const WrittenBlocks> written_blocks(sqlite3* db);

}  // namespace watchdesk::store
