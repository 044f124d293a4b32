// The archive writer: change detection by digest, atomic writes, pruning by age.
#include "daemon/archive/archive_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/digest.hpp"
#include "daemon/archive/layout.hpp"

namespace watchdesk::archive {
namespace {

namespace fs = std::filesystem;

Error io_error(const std::string& what, const fs::path& path, int err) {
  return make_error("cannot " + what + " " + path.string() + ": " + std::strerror(err),
                    err == ENOSPC ? ErrorKind::full : ErrorKind::io);
}

std::string digest_of(std::string_view body) { return sha256_hex({body}, 64); }

}  // namespace

Status write_atomically(const fs::path& path, std::string_view bytes) {
  std::string temp = (path.parent_path() / ("." + path.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return io_error("create a temporary file beside", path, errno);
  const char* data = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return io_error("write", temp, err);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  // Readable like any other file the operator keeps (mkstemp creates it private).
  if (::fchmod(fd, 0644) != 0 || ::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error("write", temp, err);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return io_error("rename a temporary file to", path, err);
  }
  return ok_status();
}

Result<std::string> read_whole_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("cannot read " + path.string() + ": " + std::strerror(errno), ErrorKind::io);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return make_error("cannot read " + path.string(), ErrorKind::io);
  return std::move(bytes).str();
}

ArchiveWriter::ArchiveWriter(fs::path dir, Seconds keep) : dir_(std::move(dir)), keep_(keep) {}

Result<std::string> ArchiveWriter::last_digest(const std::string& source_id) {
  if (auto known = last_digest_.find(source_id); known != last_digest_.end()) return known->second;
  auto bodies = list_bodies(dir_, source_id);
  if (!bodies) return std::move(bodies).error();
  std::string digest;
  if (!bodies->empty()) {
    auto bytes = read_whole_file(bodies->back().path);
    if (!bytes) return std::move(bytes).error();
    digest = digest_of(*bytes);
  }
  last_digest_[source_id] = digest;
  return digest;
}

Result<bool> ArchiveWriter::keep(std::string_view source_id, std::string_view body, std::string_view content_type,
                                 TimePoint at) {
  const std::string id(source_id);
  auto previous = last_digest(id);
  if (!previous) return std::move(previous).error();
  std::string digest = digest_of(body);
  if (digest == *previous) return false;
  const fs::path folder = dir_ / id;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) return make_error("cannot create " + folder.string() + ": " + ec.message(), ErrorKind::io);
  if (auto written = write_atomically(folder / file_name(at, extension_for(content_type, body)), body); !written.ok())
    return written.error();
  last_digest_[id] = std::move(digest);
  if (auto pruned = prune(id, at); !pruned.ok()) return pruned.error();
  return true;
}

Status ArchiveWriter::prune(const std::string& source_id, TimePoint now) {
  auto bodies = list_bodies(dir_, source_id);
  if (!bodies) return std::move(bodies).error();
  // The newest body stays whatever its age: it is what the source still says.
  for (std::size_t i = 0; i + 1 < bodies->size(); ++i) {
    const auto& body = (*bodies)[i];
    if (now - body.at <= keep_) break;
    std::error_code ec;
    fs::remove(body.path, ec);
    if (ec) return make_error("cannot remove " + body.path.string() + ": " + ec.message(), ErrorKind::io);
  }
  return ok_status();
}

}  // namespace watchdesk::archive
