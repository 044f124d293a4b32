// Did-you-mean suggestions for misspelt keys, kinds and ids.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace watchdesk {

/// Levenshtein edit distance (insertions, deletions, substitutions; case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` if it is close enough to be a likely typo (distance 1 for words
/// of up to 3 characters, else at most 2 or a third of the word); the first such on ties.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace watchdesk
