// Where the `[sources.ID]` tables of a configuration file are, so that a large file's sources can
// be parsed a group at a time instead of as one tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk::config {

/// A run of consecutive `[sources.ID]` tables: bytes `[begin, end)` of the file, starting on line
/// `first_line` (1-based), holding `count` tables.
struct SourceGroup {
  std::size_t begin = 0;
  std::size_t end = 0;
  int first_line = 1;
  std::size_t count = 0;
};

/// The `[sources.ID]` tables of `text` (headers written `[sources.ID]` with a bare id, at the top
/// level: not inside a multi-line string or array), in groups of at most `per_group` consecutive
/// tables, in file order. Headers written any other way (`[sources]`, quoted keys, arrays of
/// tables) are left out, and so are the tables they start.
std::vector<SourceGroup> find_source_groups(std::string_view text, std::size_t per_group);

/// `text` with every group's bytes replaced by as many newlines as they held: the rest of the file,
/// on the lines where the file has it.
std::string without_groups(std::string_view text, const std::vector<SourceGroup>& groups);

/// The text a group parses from on its own: newlines up to its first line, then its bytes, so that
/// the parser's lines and columns are the file's. Built in `out`, which is reused between groups.
void group_document(std::string_view text, const SourceGroup& group, std::string& out);

}  // namespace watchdesk::config
