// Fingerprints of the state file at a clean close: size and XXH3 hash, in an extended attribute.
#include "daemon/store/clean_close.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace watchdesk::store {
namespace {

constexpr const char* kAttribute = "user.watchdesk.clean_close";
constexpr std::size_t kChunk = 256 * 1024;

/// A file descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Fd open_state(const std::filesystem::path& state) { return Fd(::open(state.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)); }

// Nothing beside the file that SQLite would read or replay at open.
bool stands_alone(const std::filesystem::path& state) {
  std::error_code ec;
  for (const char* suffix : {"-wal", "-journal"}) {
    if (std::filesystem::exists(state.string() + suffix, ec) || ec) return false;
  }
  return true;
}

// The fingerprint of the open file: its size and the hash of every byte, read in large chunks
// through one buffer (no mapping: the process's peak memory does not grow with the file).
std::optional<std::string> fingerprint(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  if (XXH3_64bits_reset(&state) != XXH_OK) return std::nullopt;
  std::vector<char> buffer(kChunk);
  off_t offset = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    if (n == 0) break;
    if (XXH3_64bits_update(&state, buffer.data(), static_cast<std::size_t>(n)) != XXH_OK) return std::nullopt;
    offset += n;
  }
  if (offset != st.st_size) return std::nullopt;  // changed while read
  return fmt::format("v1 {} xxh3-64 {:016x}", static_cast<long long>(offset), XXH3_64bits_digest(&state));
}

}  // namespace

void record_clean_close(const std::filesystem::path& state) {
  if (!stands_alone(state)) return;
  const Fd fd = open_state(state);
  if (fd.get() < 0) return;
  const auto print = fingerprint(fd.get());
  if (!print) {
    ::fremovexattr(fd.get(), kAttribute);
    return;
  }
  ::fsetxattr(fd.get(), kAttribute, print->data(), print->size(), 0);
}

bool unchanged_since_clean_close(const std::filesystem::path& state) {
  if (!stands_alone(state)) return false;
  const Fd fd = open_state(state);
  if (fd.get() < 0) return false;
  std::array<char, 128> recorded{};
  const ssize_t length = ::fgetxattr(fd.get(), kAttribute, recorded.data(), recorded.size());
  if (length <= 0) return false;
  const auto print = fingerprint(fd.get());
  return print && *print == std::string_view(recorded.data(), static_cast<std::size_t>(length));
}

}  // namespace watchdesk::store
