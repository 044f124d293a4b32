// Finding the `[sources.ID]` tables of a configuration file with a scan that knows TOML's strings,
// comments and arrays, but no more of its syntax: the parser judges every group and the rest.
#include "config/source_groups.hpp"

#include <algorithm>

namespace watchdesk::config {
namespace {

bool is_bare_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// True when `line`, which starts with `[`, is a header `[sources.ID]` with a bare id (a comment may
// follow).
bool is_source_header(std::string_view line) {
  std::size_t i = 1;
  const auto skip_blanks = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  skip_blanks();
  if (line.substr(i, 7) != "sources") return false;
  i += 7;
  skip_blanks();
  if (i >= line.size() || line[i] != '.') return false;
  ++i;
  skip_blanks();
  const std::size_t id = i;
  while (i < line.size() && is_bare_key_char(line[i])) ++i;
  if (i == id) return false;
  skip_blanks();
  if (i >= line.size() || line[i] != ']') return false;
  ++i;
  skip_blanks();
  return i == line.size() || line[i] == '#' || line.substr(i) == "\r";
}

// Where a multi-line string that ends at `i` (its closing quotes) stops: past the quotes, with the
// up to two quotes that may belong to its content.
std::size_t past_closing(std::string_view text, std::size_t i, std::size_t end, char quote) {
  i += 3;
  for (int extra = 0; extra < 2 && i < end && text[i] == quote; ++extra) ++i;
  return i;
}

}  // namespace

std::vector<SourceGroup> find_source_groups(std::string_view text, std::size_t per_group) {
  enum class State { normal, multiline_basic, multiline_literal };
  std::vector<SourceGroup> groups;
  SourceGroup current;
  bool in_group = false;
  State state = State::normal;
  int depth = 0;  // open arrays and inline tables of a value
  int line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    const std::size_t line_end = std::min(text.find('\n', pos), text.size());
    if (state == State::normal && depth == 0) {
      std::size_t i = pos;
      while (i < line_end && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < line_end && text[i] == '[') {
        // A header ends the table before it; a source header starts or extends a group.
        const bool source = text.substr(i, 2) != "[[" && is_source_header(text.substr(i, line_end - i));
        if (in_group && (!source || current.count == per_group)) {
          current.end = pos;
          groups.push_back(current);
          in_group = false;
        }
        if (source) {
          if (!in_group) current = SourceGroup{pos, pos, line, 0};
          in_group = true;
          ++current.count;
        }
        pos = line_end + 1;
        continue;
      }
    }
    std::size_t i = pos;
    while (i < line_end) {
      const char c = text[i];
      if (state == State::multiline_basic) {
        if (c == '\\') {
          i += 2;
        } else if (text.substr(i, 3) == "\"\"\"") {
          i = past_closing(text, i, line_end, '"');
          state = State::normal;
        } else {
          ++i;
        }
        continue;
      }
      if (state == State::multiline_literal) {
        if (text.substr(i, 3) == "'''") {
          i = past_closing(text, i, line_end, '\'');
          state = State::normal;
        } else {
          ++i;
        }
        continue;
      }
      if (c == '#') break;
      if (c == '"' || c == '\'') {
        if (text.substr(i, 3) == std::string(3, c)) {
          state = c == '"' ? State::multiline_basic : State::multiline_literal;
          i += 3;
          continue;
        }
        // A one-line string (a basic one with its escapes).
        for (++i; i < line_end && text[i] != c; ++i)
          if (c == '"' && text[i] == '\\') ++i;
        ++i;
        continue;
      }
      if (c == '[' || c == '{') ++depth;
      else if ((c == ']' || c == '}') && depth > 0) --depth;
      ++i;
    }
    pos = line_end + 1;
  }
  if (in_group) {
    current.end = text.size();
    groups.push_back(current);
  }
  return groups;
}

std::string without_groups(std::string_view text, const std::vector<SourceGroup>& groups) {
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (const auto& g : groups) {
    out.append(text.substr(from, g.begin - from));
    const std::string_view bytes = text.substr(g.begin, g.end - g.begin);
    out.append(static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')), '\n');
    from = g.end;
  }
  out.append(text.substr(from));
  return out;
}

void group_document(std::string_view text, const SourceGroup& group, std::string& out) {
  out.assign(static_cast<std::size_t>(group.first_line - 1), '\n');
  out.append(text.substr(group.begin, group.end - group.begin));
}

}  // namespace watchdesk::config
