// The state file's fingerprint at its last clean close, kept in an extended attribute of the file,
// so that opening the file unchanged since then can skip the integrity check.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace watchdesk::store {

class WrittenBlocks;

/// A file's size and a 64-bit hash (XXH3) of each of its 4 KiB blocks; what is recorded is the
/// size and the hash of the block hashes.
class Fingerprint {
 public:
  /// The fingerprint of the open file `fd`, every block read; nothing when it cannot be read.
  static std::optional<Fingerprint> of(int fd);
  /// Brings the fingerprint up to date with the file `fd` after the writes in `written` (the only
  /// ones since it was taken): only the blocks written, and those a size change touched, are read.
  bool refresh(int fd, const WrittenBlocks& written);
  /// The recorded form: `v2 SIZE xxh3-64-blocks HASH`.
  std::string text() const;

 private:
  bool hash_blocks(int fd, std::size_t first, std::size_t count);
  std::int64_t size_ = 0;
  std::vector<std::uint64_t> blocks_;
};

/// Records on `state` (extended attribute `user.watchdesk.clean_close`) its fingerprint as it is
/// now, after a clean close: `known` brought up to date with `written` when both are given (the
/// fingerprint taken at open and the writes since), else read whole. Records nothing while a
/// write-ahead log or rollback journal is beside it (another connection has it open). Best effort:
/// where the file system keeps no extended attributes nothing is recorded, and the next open
/// checks the file.
void record_clean_close(const std::filesystem::path& state, std::unique_ptr<Fingerprint> known = nullptr,
                        const WrittenBlocks* written = nullptr);

/// The fingerprint of `state` when it is byte for byte what the last clean close recorded
/// (nothing beside it, no write-ahead log or rollback journal); null otherwise.
std::unique_ptr<Fingerprint> unchanged_since_clean_close(const std::filesystem::path& state);

}  // namespace watchdesk::store
