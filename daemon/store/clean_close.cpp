// Fingerprints of the state file at a clean close: size and XXH3 block hashes, in an extended attribute.
#include "daemon/store/clean_close.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string_view>

#include <fmt/format.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "daemon/store/written_blocks.hpp"

namespace watchdesk::store {
namespace {

constexpr const char* kAttribute = "user.watchdesk.clean_close";
constexpr std::size_t kBlock = WrittenBlocks::kBlockSize;
// Blocks read with one call.
constexpr std::size_t kBlocksPerRead = 64;

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

std::optional<std::int64_t> regular_size(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return static_cast<std::int64_t>(st.st_size);
}

}  // namespace

std::optional<Fingerprint> Fingerprint::of(int fd) {
  const auto size = regular_size(fd);
  if (!size) return std::nullopt;
  Fingerprint print;
  print.size_ = *size;
  print.blocks_.resize((static_cast<std::size_t>(*size) + kBlock - 1) / kBlock);
  if (!print.hash_blocks(fd, 0, print.blocks_.size())) return std::nullopt;
  return print;
}

bool Fingerprint::hash_blocks(int fd, std::size_t first, std::size_t count) {
  std::vector<char> buffer(std::min(count, kBlocksPerRead) * kBlock);
  while (count > 0) {
    const std::size_t blocks = std::min(count, kBlocksPerRead);
    const auto offset = static_cast<off_t>(first * kBlock);
    const std::size_t want = std::min<std::size_t>(blocks * kBlock, static_cast<std::size_t>(size_ - offset));
    std::size_t got = 0;
    while (got < want) {
      const ssize_t n = ::pread(fd, buffer.data() + got, want - got, offset + static_cast<off_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;  // an error, or the file shrank while read
      got += static_cast<std::size_t>(n);
    }
    for (std::size_t i = 0; i < blocks; ++i) {
      const std::size_t start = i * kBlock;
      blocks_[first + i] = XXH3_64bits(buffer.data() + start, std::min(kBlock, want - start));
    }
    first += blocks;
    count -= blocks;
  }
  return true;
}

bool Fingerprint::refresh(int fd, const WrittenBlocks& written) {
  const auto size = regular_size(fd);
  if (!size) return false;
  const std::size_t old_count = blocks_.size();
  const bool resized = *size != size_;
  size_ = *size;
  blocks_.resize((static_cast<std::size_t>(size_) + kBlock - 1) / kBlock);
  // A changed size changes the old last block's length, and every block past it is new.
  const std::size_t fresh_from = resized && old_count > 0 ? old_count - 1 : old_count;
  std::size_t run = 0;
  for (std::size_t i = 0; i <= blocks_.size(); ++i) {
    const bool stale = i < blocks_.size() && (i >= fresh_from || written.written(i));
    if (stale) {
      ++run;
      continue;
    }
    if (run > 0 && !hash_blocks(fd, i - run, run)) return false;
    run = 0;
  }
  return true;
}

std::string Fingerprint::text() const {
  const auto combined = XXH3_64bits(blocks_.data(), blocks_.size() * sizeof(std::uint64_t));
  return fmt::format("v2 {} xxh3-64-blocks {:016x}", static_cast<long long>(size_), combined);
}

void record_clean_close(const std::filesystem::path& state, std::unique_ptr<Fingerprint> known,
                        const WrittenBlocks* written) {
  if (!stands_alone(state)) return;
  const Fd fd = open_state(state);
  if (fd.get() < 0) return;
  std::optional<Fingerprint> print;
  if (known && written != nullptr && known->refresh(fd.get(), *written)) print = std::move(*known);
  else print = Fingerprint::of(fd.get());
  if (!print) {
    ::fremovexattr(fd.get(), kAttribute);
    return;
  }
  const std::string text = print->text();
  ::fsetxattr(fd.get(), kAttribute, text.data(), text.size(), 0);
}

std::unique_ptr<Fingerprint> unchanged_since_clean_close(const std::filesystem::path& state) {
  if (!stands_alone(state)) return nullptr;
  const Fd fd = open_state(state);
  if (fd.get() < 0) return nullptr;
  std::array<char, 128> recorded{};
  const ssize_t length = ::fgetxattr(fd.get(), kAttribute, recorded.data(), recorded.size());
  if (length <= 0) return nullptr;
  auto print = Fingerprint::of(fd.get());
  if (!print || print->text() != std::string_view(recorded.data(), static_cast<std::size_t>(length))) return nullptr;
  return std::make_unique<Fingerprint>(std::move(*print));
}

}  // namespace watchdesk::store
