// The state file's fingerprint at its last clean close, kept in an extended attribute of the file,
// so that opening the file unchanged since then can skip the integrity check.
#pragma once

#include <filesystem>

namespace watchdesk::store {

/// Records on `state` (extended attribute `user.watchdesk.clean_close`) its size and a 64-bit hash
/// (XXH3) of its content as they are now, after a clean close. Records nothing while a write-ahead
/// log or rollback journal is beside it (another connection has it open). Best effort: where the
/// file system keeps no extended attributes nothing is recorded, and the next open checks the file.
void record_clean_close(const std::filesystem::path& state);

/// Whether `state` is byte for byte what the last clean close recorded: nothing beside it
/// (no write-ahead log or rollback journal), the recorded size and the recorded hash.
bool unchanged_since_clean_close(const std::filesystem::path& state);

}  // namespace watchdesk::store
