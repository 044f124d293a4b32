// A preloaded library for the fault suite where no small file system can be mounted: once the process
// has written `$WATCHDESK_NO_SPACE_AFTER` bytes (default 0) to files below `$WATCHDESK_NO_SPACE_DIR`,
// every further write there fails with ENOSPC, as on a full disk (SQLite reports SQLITE_FULL). Reads
// and writes elsewhere are untouched.
#include <dlfcn.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

// True when `fd` is a file below the directory the environment names.
bool below_full_dir(int fd) {
  static const char* dir = std::getenv("WATCHDESK_NO_SPACE_DIR");
  if (dir == nullptr || *dir == '\0') return false;
  char link[64];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char target[4096];
  const ssize_t n = ::readlink(link, target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  const std::size_t length = std::strlen(dir);
  return std::strncmp(target, dir, length) == 0 && target[length] == '/';
}

// True when a write of `count` bytes to `fd` finds the disk full (and then sets errno).
bool refused(int fd, std::size_t count) {
  static const unsigned long long budget = [] {
    const char* after = std::getenv("WATCHDESK_NO_SPACE_AFTER");
    return after != nullptr ? std::strtoull(after, nullptr, 10) : 0ULL;
  }();
  static std::atomic<unsigned long long> written{0};
  if (!below_full_dir(fd)) return false;
  if (written.fetch_add(count) + count <= budget) return false;
  errno = ENOSPC;
  return true;
}

template <typename Function>
Function next(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buffer, size_t count) {
  static const auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
  if (refused(fd, count)) return -1;
  return real(fd, buffer, count);
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset) {
  static const auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  if (refused(fd, count)) return -1;
  return real(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset) {
  static const auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  if (refused(fd, count)) return -1;
  return real(fd, buffer, count, offset);
}

ssize_t writev(int fd, const struct iovec* vector, int count) {
  static const auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
  std::size_t bytes = 0;
  for (int i = 0; i < count; ++i) bytes += vector[i].iov_len;
  if (refused(fd, bytes)) return -1;
  return real(fd, vector, count);
}

}  // extern "C"
