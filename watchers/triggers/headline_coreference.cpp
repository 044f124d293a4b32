// `the company` and its kin resolved to the subject named before them in the sentence.
#include "watchers/triggers/headline_coreference.hpp"

#include <algorithm>

#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {
namespace {

bool is_description(std::string_view w) { return w == "company" || w == "firm" || w == "startup"; }

// The number of tokens of a description at `i` standing for a subject named before: `the company`,
// `the firm`, `the startup` (2), `the tech giant`, `the cloud giant` (3); 0 for none.
std::size_t description_at(const std::vector<HeadlineToken>& t, std::size_t i, std::size_t end) {
  if (t[i].lower != "the" || i + 1 >= end) return 0;
  if (is_description(t[i + 1].lower)) return 2;
  const std::string& kind = t[i + 1].lower;
  const bool giant_kind = kind == "tech" || kind == "cloud" || kind == "software" || kind == "search" ||
                          kind == "database" || kind == "internet";
  return giant_kind && i + 2 < end && t[i + 2].lower == "giant" ? 3 : 0;
}

bool is_machine_noun(std::string_view w) {
  return w == "system" || w == "cluster" || w == "supercluster" || w == "supercomputer" || w == "machine";
}

bool is_chip_noun(std::string_view w) {
  return w == "chips" || w == "tpus" || w == "gpus" || w == "processors" || w == "accelerators";
}

// The number of tokens of a description at `i` that stands for the facility the sentence names:
// `the system`, `the supercluster` (2), `these TPU chips`, `those GPUs` (up to 5); 0 for none.
std::size_t facility_description_at(const std::vector<HeadlineToken>& t, std::size_t i, std::size_t end) {
  const std::string& w = t[i].lower;
  if (w == "the" && i + 1 < end && is_machine_noun(t[i + 1].lower)) return 2;
  if (w != "these" && w != "those") return 0;
  for (std::size_t k = i + 1; k < end && k < i + 5; ++k) {
    if (is_chip_noun(t[k].lower)) return k + 1 - i;
    if (t[k].punct) return 0;
  }
  return 0;
}

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

// Whether the token before `i` (across modifiers) governs it as a preposition's object.
bool governed(const std::vector<HeadlineToken>& t, std::size_t i, std::size_t begin) {
  for (std::size_t k = i; k > begin && i - k < 3;) {
    --k;
    const std::uint32_t c = word_classes(t[k].lower);
    if ((c & kPrep) != 0) return true;
    if ((c & kModifier) == 0) return false;
  }
  return false;
}

// `it` opening a later clause before its verb: `... is not renting -- it is carving out`.
bool clause_pronoun(const std::vector<HeadlineToken>& t, const Clause& clause, std::size_t c) {
  if (c == 0 || clause.end - clause.begin < 3 || t[clause.begin].lower != "it") return false;
  const std::string& next = t[clause.begin + 1].lower;
  return next == "is" || next == "was" || next == "has" || next == "will" || next == "now" ||
         is_relation_verb(word_classes(next));
}

}  // namespace

void resolve_facility_descriptions(const HeadlineSentence& sentence,
                                   std::vector<std::vector<EntityMention>>& per_clause) {
  const auto& t = sentence.tokens;
  const EntityMention* named = nullptr;
  for (const auto& mentions : per_clause) {
    for (const auto& m : mentions) {
      if (m.kind == EntityKind::facility && named == nullptr) named = &m;
    }
  }
  if (named == nullptr) return;
  const EntityMention facility = *named;
  for (std::size_t c = 0; c < sentence.clauses.size(); ++c) {
    const Clause& clause = sentence.clauses[c];
    std::vector<EntityMention>& mentions = per_clause[c];
    std::vector<EntityMention> added;
    for (std::size_t i = clause.begin; i + 1 < clause.end; ++i) {
      const std::size_t length = facility_description_at(t, i, clause.end);
      if (length == 0) continue;
      const bool overlaps = std::any_of(mentions.begin(), mentions.end(), [&](const EntityMention& m) {
        return m.first < i + length && m.last > i;
      });
      if (overlaps) continue;
      EntityMention m = facility;
      m.first = i;
      m.last = i + length;
      added.push_back(m);
      i += length - 1;
    }
    if (added.empty()) continue;
    mentions.insert(mentions.end(), added.begin(), added.end());
    std::sort(mentions.begin(), mentions.end(),
              [](const EntityMention& a, const EntityMention& b) { return a.first < b.first; });
  }
}

void resolve_descriptions(const HeadlineSentence& sentence, std::vector<std::vector<EntityMention>>& per_clause) {
  const auto& t = sentence.tokens;
  resolve_facility_descriptions(sentence, per_clause);
  // The subject mentions met so far, in order, and the clause of each.
  std::vector<EntityMention> subjects;
  std::vector<std::size_t> subject_clause;
  for (std::size_t c = 0; c < sentence.clauses.size(); ++c) {
    const Clause& clause = sentence.clauses[c];
    std::vector<EntityMention>& mentions = per_clause[c];
    std::vector<EntityMention> added;
    std::size_t next = 0;
    for (std::size_t i = clause.begin; i + 1 < clause.end; ++i) {
      while (next < mentions.size() && mentions[next].last <= i) {
        if (mentions[next].kind != EntityKind::unlisted && is_subject(t, mentions[next])) {
          subjects.push_back(mentions[next]);
          subject_clause.push_back(c);
        }
        ++next;
      }
      const bool pronoun = i == clause.begin && clause_pronoun(t, clause, c);
      const std::size_t length = pronoun ? 1 : description_at(t, i, clause.end);
      if (length == 0) continue;
      if (next < mentions.size() && mentions[next].first < i + length) continue;
      if (subjects.empty()) continue;
      // `OpenAI, the company behind ChatGPT`: an apposition, not a second mention.
      if (i > 0 && t[i - 1].lower == "," && i >= 2 && subjects.back().last == i - 1) continue;
      // `Snowflake signs a contract with the company`: an object never stands for its own
      // clause's subject, so it takes the subject of an earlier clause.
      std::size_t pick = subjects.size() - 1;
      if (governed(t, i, clause.begin)) {
        while (pick > 0 && subject_clause[pick] == c) --pick;
        if (subject_clause[pick] == c) continue;
      }
      EntityMention m = subjects[pick];
      m.first = i;
      m.last = i + length;
      added.push_back(m);
    }
    // The clause's last subjects stand for descriptions in later clauses (`Oracle rose while the
    // tech giant ...`).
    for (; next < mentions.size(); ++next) {
      if (mentions[next].kind != EntityKind::unlisted && is_subject(t, mentions[next])) {
        subjects.push_back(mentions[next]);
        subject_clause.push_back(c);
      }
    }
    if (added.empty()) continue;
    mentions.insert(mentions.end(), added.begin(), added.end());
    std::sort(mentions.begin(), mentions.end(),
              [](const EntityMention& a, const EntityMention& b) { return a.first < b.first; });
  }
}

}  // namespace watchdesk::triggers
