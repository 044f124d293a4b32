// `ArchiveWriter`: keeps every fetched body that differs from its source's previous one under
// `[watchdesk] archive`, written atomically, and prunes what is older than `archive_keep`.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/time.hpp"

namespace watchdesk::archive {

/// Writes one archive folder. Single-threaded, on the loop.
class ArchiveWriter {
 public:
  /// Archives under `dir`, keeping bodies for `keep`.
  ArchiveWriter(std::filesystem::path dir, Seconds keep);

  /// Keeps `body` of `source_id`, fetched at `at`, unless it equals the body archived last for that
  /// source; then removes that source's bodies older than `keep` (never its newest). True when a
  /// file was written.
  Result<bool> keep(std::string_view source_id, std::string_view body, std::string_view content_type, TimePoint at);

 private:
  Result<std::string> last_digest(const std::string& source_id);
  Status prune(const std::string& source_id, TimePoint now);

  std::filesystem::path dir_;
  Seconds keep_;
  /// SHA-256 of the newest body kept per source, read from the folder on first use.
  std::map<std::string, std::string, std::less<>> last_digest_;
};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then renamed.
Status write_atomically(const std::filesystem::path& path, std::string_view bytes);

/// The whole content of `path`.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace watchdesk::archive
