// `the company` and its kin resolved to the subject named before them in the sentence.
#include "watchers/triggers/headline_coreference.hpp"

#include <algorithm>

#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {
namespace {

bool is_description(std::string_view w) { return w == "company" || w == "firm" || w == "startup"; }

// Whether the mention is a subject: not governed by a preposition, not a reporter.
bool is_subject(const std::vector<HeadlineToken>& t, const EntityMention& m) {
  for (std::size_t k = m.first; k > 0 && m.first - k < 3;) {
    --k;
    const std::uint32_t c = word_classes(t[k].lower);
    if ((c & kPrep) != 0) return false;
    if ((c & kModifier) == 0) break;
  }
  // `Bloomberg reported the company ...` speaks of another; `Uber said the company ...` of itself.
  for (std::size_t k = m.last; k < t.size() && k < m.last + 2; ++k) {
    const std::string& w = t[k].lower;
    if ((word_classes(w) & kReport) != 0 && w != "said" && w != "says" && w != "say") return false;
  }
  return true;
}

}  // namespace

void resolve_descriptions(const HeadlineSentence& sentence, std::vector<std::vector<EntityMention>>& per_clause) {
  const auto& t = sentence.tokens;
  // The subject mentions met so far, in order.
  std::vector<EntityMention> subjects;
  for (std::size_t c = 0; c < sentence.clauses.size(); ++c) {
    const Clause& clause = sentence.clauses[c];
    std::vector<EntityMention>& mentions = per_clause[c];
    std::vector<EntityMention> added;
    std::size_t next = 0;
    for (std::size_t i = clause.begin; i + 1 < clause.end; ++i) {
      while (next < mentions.size() && mentions[next].last <= i) {
        if (mentions[next].kind != EntityKind::unlisted && is_subject(t, mentions[next]))
          subjects.push_back(mentions[next]);
        ++next;
      }
      if (t[i].lower != "the" || !is_description(t[i + 1].lower)) continue;
      if (next < mentions.size() && mentions[next].first <= i + 1) continue;
      if (subjects.empty()) continue;
      // `OpenAI, the company behind ChatGPT`: an apposition, not a second mention.
      if (i > 0 && t[i - 1].lower == "," && i >= 2 && subjects.back().last == i - 1) continue;
      EntityMention m = subjects.back();
      m.first = i;
      m.last = i + 2;
      added.push_back(m);
    }
    if (added.empty()) continue;
    mentions.insert(mentions.end(), added.begin(), added.end());
    std::sort(mentions.begin(), mentions.end(),
              [](const EntityMention& a, const EntityMention& b) { return a.first < b.first; });
  }
}

}  // namespace watchdesk::triggers
