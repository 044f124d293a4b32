// Entity resolution for headlines: the trigger's organisations (every spelling to one name), its
// subject terms, capitalised names the list lacks, and publishers reduced to one name each.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "watchers/triggers/headline_tokens.hpp"
#include "watchers/triggers/organisations.hpp"

namespace watchdesk::triggers {

/// What a mention names.
enum class EntityKind {
  /// A listed organisation (`organisation` says which).
  organisation,
  /// A subject term: the facility itself (`Colossus`).
  facility,
  /// A capitalised name the list lacks (`Zeta Robotics`), in text that is not title case.
  unlisted,
};

/// One mention: tokens `[first, last)` of a sentence.
struct EntityMention {
  std::size_t first = 0;
  std::size_t last = 0;
  EntityKind kind = EntityKind::organisation;
  /// For `organisation`: the index into the trigger's organisations.
  std::size_t organisation = 0;
};

/// Finds a trigger's organisations and subject terms in tokenised sentences. Organisation names
/// match as written or in capitals (`Meta`, `META`, never `meta`); subject terms match in any case,
/// also with a number glued on (`Colossus1`). Where mentions overlap, the longest wins and a
/// subject term wins over an organisation.
class EntityMatcher {
 public:
  EntityMatcher(const std::vector<TriggerOrganisation>& organisations, const std::vector<std::string>& subject);

  /// The mentions in tokens `[begin, end)` of `tokens` (cut from `text`), in order. Capitalised
  /// names outside the list are found only when `title_case` is false.
  std::vector<EntityMention> find(std::string_view text, const std::vector<HeadlineToken>& tokens, std::size_t begin,
                                  std::size_t end, bool title_case) const;

  /// The organisations this matcher was built for.
  const std::vector<TriggerOrganisation>& organisations() const { return organisations_; }

 private:
  struct Alias {
    std::vector<std::string> words;  // as written
    std::vector<std::string> lower;
    EntityKind kind = EntityKind::organisation;
    std::size_t organisation = 0;
  };
  std::vector<TriggerOrganisation> organisations_;
  std::vector<Alias> aliases_;
  /// Alias indexes by their first lower-case word.
  std::vector<std::pair<std::string, std::vector<std::size_t>>> by_first_;
  const std::vector<std::size_t>* starting_with(std::string_view lower) const;
};

/// True when most longer words of `tokens` start with a capital (`Meta Signs $14B Deal With ...`),
/// so capitals say nothing about names.
bool is_title_case(std::string_view text, const std::vector<HeadlineToken>& tokens);

/// One name per publisher: a listed organisation's canonical name when the publisher is one of
/// its spellings, else the publisher in lower case without `the`, a web suffix (`.com`) or a
/// trailing `News`, `Online`, `Media` (`Bloomberg News` and `bloomberg.com` are one publisher).
std::string canonical_publisher(std::string_view publisher, const std::vector<TriggerOrganisation>& organisations);

}  // namespace watchdesk::triggers
