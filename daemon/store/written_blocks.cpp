// The write-tracking VFS: every method forwards to the unix VFS's file; writes and truncations
// of a main database file are noted first.
#include "daemon/store/written_blocks.hpp"

#include <algorithm>
#include <new>

namespace watchdesk::store {
namespace {

constexpr const char* kVfsName = "watchdesk-tracking";
// A file-control opcode of this VFS's own, past SQLite's (which stay below 100).
constexpr int kWrittenBlocksOp = 0x5744;

// The file as this VFS opens it: the default VFS's file follows it in the same allocation.
struct TrackedFile {
  sqlite3_file base;
  std::shared_ptr<WrittenBlocks>* blocks;  // main database files only
  sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

sqlite3_vfs* default_vfs = nullptr;

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<TrackedFile*>(file)->real(); }

int x_close(sqlite3_file* file) {
  auto* tracked = reinterpret_cast<TrackedFile*>(file);
  const int rc = tracked->real()->pMethods != nullptr ? tracked->real()->pMethods->xClose(tracked->real()) : SQLITE_OK;
  delete tracked->blocks;
  tracked->blocks = nullptr;
  return rc;
}
int x_read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return real_of(f)->pMethods->xRead(real_of(f), buffer, amount, offset);
}
int x_write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  auto* tracked = reinterpret_cast<TrackedFile*>(f);
  if (tracked->blocks != nullptr) (*tracked->blocks)->wrote(offset, amount);
  return real_of(f)->pMethods->xWrite(real_of(f), buffer, amount, offset);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  auto* tracked = reinterpret_cast<TrackedFile*>(f);
  if (tracked->blocks != nullptr) (*tracked->blocks)->truncated(size);
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int x_sync(sqlite3_file* f, int flags) { return real_of(f)->pMethods->xSync(real_of(f), flags); }
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real_of(f)->pMethods->xFileSize(real_of(f), size); }
int x_lock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xLock(real_of(f), level); }
int x_unlock(sqlite3_file* f, int level) { return real_of(f)->pMethods->xUnlock(real_of(f), level); }
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  auto* tracked = reinterpret_cast<TrackedFile*>(f);
  if (op == kWrittenBlocksOp) {
    if (tracked->blocks == nullptr) return SQLITE_NOTFOUND;
    *static_cast<std::shared_ptr<const WrittenBlocks>*>(arg) = *tracked->blocks;
    return SQLITE_OK;
  }
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int x_sector_size(sqlite3_file* f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
int x_device_characteristics(sqlite3_file* f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
int x_shm_map(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), region, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
int x_shm_unmap(sqlite3_file* f, int delete_flag) { return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return real_of(f)->pMethods->xFetch(real_of(f), offset, amount, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), offset, page);
}

const sqlite3_io_methods kMethods = {
    3,          x_close,     x_read,        x_write,      x_truncate,          x_sync,
    x_file_size, x_lock,     x_unlock,      x_check_reserved_lock, x_file_control, x_sector_size,
    x_device_characteristics, x_shm_map, x_shm_lock, x_shm_barrier, x_shm_unmap, x_fetch,
    x_unfetch};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* tracked = reinterpret_cast<TrackedFile*>(file);
  tracked->base.pMethods = nullptr;
  tracked->blocks = nullptr;
  const int rc = default_vfs->xOpen(default_vfs, name, tracked->real(), flags, out_flags);
  if (tracked->real()->pMethods == nullptr) return rc;  // nothing to close
  // A method table of version 3 is what the default VFS gives; anything else is used as it is.
  if ((flags & SQLITE_OPEN_MAIN_DB) != 0) tracked->blocks = new (std::nothrow) std::shared_ptr<WrittenBlocks>(std::make_shared<WrittenBlocks>());
  tracked->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

void WrittenBlocks::wrote(std::int64_t offset, std::int64_t amount) {
  any_ = true;
  if (offset < 0 || amount <= 0) return;
  const auto first = static_cast<std::size_t>(offset) / kBlockSize;
  const auto last = static_cast<std::size_t>(offset + amount - 1) / kBlockSize;
  if (written_.size() <= last) written_.resize(last + 1, false);
  std::fill(written_.begin() + static_cast<std::ptrdiff_t>(first), written_.begin() + static_cast<std::ptrdiff_t>(last + 1), true);
}

void WrittenBlocks::truncated(std::int64_t size) {
  any_ = true;
  // The block the file now ends in changed length: it counts as written.
  if (size > 0) wrote(size - 1, 1);
}

const char* write_tracking_vfs() {
  static const char* name = [] () -> const char* {
    default_vfs = sqlite3_vfs_find("unix");
    if (default_vfs == nullptr) return nullptr;
    static sqlite3_vfs vfs = *default_vfs;
    vfs.iVersion = std::min(default_vfs->iVersion, 3);
    vfs.szOsFile = static_cast<int>(sizeof(TrackedFile)) + default_vfs->szOsFile;
    vfs.zName = kVfsName;
    vfs.pNext = nullptr;
    vfs.pAppData = nullptr;
    vfs.xOpen = x_open;
    // Every other method (names, access, randomness, time, dynamic loading) is the unix VFS's
    // own, which reads nothing of the VFS it is called with.
    return sqlite3_vfs_register(&vfs, 0) == SQLITE_OK ? kVfsName : nullptr;
  }();
  // A VFS of someone else's made the default is used as it is, untracked.
  return sqlite3_vfs_find(nullptr) == default_vfs ? name : nullptr;
}

std::shared_ptr<const WrittenBlocks> written_blocks(sqlite3* db) {
  std::shared_ptr<const WrittenBlocks> blocks;
  if (sqlite3_file_control(db, "main", kWrittenBlocksOp, &blocks) != SQLITE_OK) return nullptr;
  return blocks;
}

}  // namespace watchdesk::store
