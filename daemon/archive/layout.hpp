// The archive's layout: `DIR/<source-id>/<UTC time as 20261203T061500Z>.<ext>`, the extension taken
// from the body's media type; file names made and read, one source's bodies listed in time order.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"

namespace watchdesk::archive {

/// One archived body: whose, when it was fetched, where it lies.
struct ArchivedBody {
  std::string source_id;
  TimePoint at;
  std::filesystem::path path;
  /// The extension without its dot (`json`, `atom`, ...).
  std::string extension;
};

/// The file name of a body fetched at `at`: `20261203T061500Z.json`.
std::string file_name(TimePoint at, std::string_view extension);

/// The time in a file name's stem (`20261203T061500Z`), or nothing when it is not one.
std::optional<TimePoint> parse_file_time(std::string_view stem);

/// Which end of a time range a bound closes.
enum class Bound { since, until };

/// A `--since`/`--until` value: RFC 3339 (`2026-05-20T23:00:00Z`, an offset, or no zone for UTC), an
/// archive time (`20260520T230000Z`) or a date (`2026-05-20`: its first second for `since`, its last
/// for `until`, UTC).
std::optional<TimePoint> parse_bound(std::string_view text, Bound bound);

/// The extension for a body: from its media type (`application/atom+xml` -> `atom`), else from its
/// first byte (`{`/`[` -> `json`, `<` -> `xml`), else `txt`.
std::string extension_for(std::string_view content_type, std::string_view body);

/// The media type an extension stands for, handed to the parser with a replayed body.
std::string media_type_for(std::string_view extension);

/// The bodies archived for `source_id` under `dir`, oldest first; files whose names are not
/// archive names (temporary files, notes) are skipped. No folder: an empty list.
Result<std::vector<ArchivedBody>> list_bodies(const std::filesystem::path& dir, std::string_view source_id);

}  // namespace watchdesk::archive
