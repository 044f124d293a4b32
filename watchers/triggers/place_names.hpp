// Place phrases in headlines: the words that make a capitalised name a place (`River Bend campus`,
// `Norwegian halls`, `in Abilene`), never a party to a tenancy.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "watchers/triggers/headline_tokens.hpp"

namespace watchdesk::triggers {

/// True for a demonym or a country, state, region or city adjective (`norwegian`, `texas`,
/// `nordic`, `memphis`), given in lower case.
bool is_place_adjective(std::string_view lower);

/// True for a noun a place name stands before (`site`, `campus`, `halls`, `building`, `park`,
/// `county`), given in lower case.
bool is_place_noun(std::string_view lower);

/// True when the capitalised words `[first, last)` of `tokens` (ending before `end`) name a place:
/// every word a place adjective, a place noun after them (also after `data center`), or `in`,
/// `at`, `near`, `outside` before them.
bool is_place_phrase(const std::vector<HeadlineToken>& tokens, std::size_t first, std::size_t last, std::size_t begin,
                     std::size_t end);

}  // namespace watchdesk::triggers
