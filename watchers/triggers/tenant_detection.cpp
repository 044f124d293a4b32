// Tenancy detection: subject, organisation and tenancy cue in one sentence, without comparison or
// denial in between.
#include "watchers/triggers/tenant_detection.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <iterator>
#include <optional>

#include "core/text/words.hpp"
#include "watchers/triggers/text_match.hpp"

namespace watchdesk::triggers {
namespace {

template <std::size_t N>
bool in(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

constexpr std::string_view kTenancyWords[] = {
    "rent",     "rents",     "rented",   "renting",   "renter",    "renters",    "rental",
    "lease",    "leases",    "leased",   "leasing",   "lessee",    "sign",       "signs",
    "signed",   "signing",   "contract", "contracts", "contracted", "contracting", "customer",
    "customers", "client",   "clients",  "tenant",    "tenants",   "tenancy",    "sublease"};

constexpr std::string_view kBuyWords[] = {
    "buy",      "buys",   "buying", "bought",  "purchase", "purchases", "purchased",
    "purchasing", "book", "books",  "booked",  "booking",  "reserve",   "reserves",
    "reserved", "reserving", "procure"};

constexpr std::string_view kCapacityWords[] = {"capacity", "compute", "gpus", "gpu",
                                                            "time",     "hours"};

constexpr std::string_view kComparisonWords[] = {
    "rival",      "rivals",     "rivaled",    "rivalled",  "rivaling",  "rivalling",
    "compete",    "competes",   "competed",   "competing", "competitor", "competitors",
    "versus",     "vs",         "compared",   "compare",   "compares",  "comparison",
    "comparable", "than",       "unlike",     "like",      "outpace",   "outpaces",  "outpaced",
    "outperform", "outperforms", "dwarf",     "dwarfs",    "dwarfed",   "surpass",   "surpasses",
    "surpassed",  "beat",       "beats",      "exceed",    "exceeds",   "exceeded",  "eclipse",
    "eclipses",   "eclipsed",   "match",      "matches",   "matched",   "challenger", "challenges",
    "bigger",     "larger",     "smaller",    "faster",    "alternative"};

constexpr std::string_view kDenialWords[] = {
    "not",     "no",       "never",   "denies",  "denied",  "deny",     "denying", "won't",
    "isn't",   "wasn't",   "aren't",  "doesn't", "didn't",  "hasn't",   "haven't", "declined",
    "declines", "rejects", "rejected", "without", "nor",    "cannot",   "can't",   "dismissed"};

enum class Role { other, cue, buy, capacity, comparison, denial };

struct Word {
  text::Span span;
  Role role = Role::other;
};

// Classifies the words of a sentence; a buy word counts as a cue only near a capacity word.
std::vector<Word> classify(std::string_view sentence) {
  const std::vector<Token> tokens = tokenize(sentence);
  std::vector<Word> words;
  words.reserve(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string w = tokens[i].word;
    if (w.size() > 2 && w.ends_with("'s")) w.resize(w.size() - 2);
    Role role = Role::other;
    if (in(kTenancyWords, w)) {
      role = Role::cue;
    } else if (in(kBuyWords, w)) {
      role = Role::buy;
    } else if (in(kCapacityWords, w)) {
      role = Role::capacity;
    } else if (in(kComparisonWords, w)) {
      role = Role::comparison;
    } else if (in(kDenialWords, w)) {
      // `No. 2 customer` is a rank, not a denial.
      const bool rank = w == "no" && i + 1 < tokens.size() &&
                        std::isdigit(static_cast<unsigned char>(tokens[i + 1].word[0])) != 0;
      role = rank ? Role::other : Role::denial;
    }
    words.push_back({tokens[i].span, role});
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].role != Role::buy) continue;
    const std::size_t from = i >= 4 ? i - 4 : 0;
    const std::size_t to = std::min(words.size(), i + 5);
    for (std::size_t j = from; j < to; ++j) {
      if (words[j].role == Role::capacity) {
        words[i].role = Role::cue;
        break;
      }
    }
  }
  return words;
}

struct Mention {
  std::size_t organisation = 0;
  text::Span span;
  Standing standing = Standing::candidate;
};

bool overlaps(text::Span a, text::Span b) { return a.begin < b.end && b.begin < a.end; }

// Characters between two spans (0 when they touch or overlap).
std::size_t gap(text::Span a, text::Span b) {
  if (a.end <= b.begin) return b.begin - a.end;
  if (b.end <= a.begin) return a.begin - b.end;
  return 0;
}

// Organisation mentions in a sentence; where names overlap, the longest wins.
std::vector<Mention> find_mentions(std::string_view sentence,
                                   const std::vector<TriggerOrganisation>& organisations,
                                   const std::vector<text::Span>& subject_spans) {
  std::vector<Mention> all;
  for (std::size_t i = 0; i < organisations.size(); ++i) {
    for (const auto& alias : organisations[i].organisation.aliases) {
      for (const text::Span span : find_whole_word(sentence, alias, CaseMatch::as_written_or_upper)) {
        all.push_back({i, span, organisations[i].standing});
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const Mention& a, const Mention& b) {
    const std::size_t la = a.span.end - a.span.begin;
    const std::size_t lb = b.span.end - b.span.begin;
    return la != lb ? la > lb : a.span.begin < b.span.begin;
  });
  std::vector<Mention> kept;
  for (const auto& m : all) {
    const bool clash = std::any_of(kept.begin(), kept.end(),
                                   [&](const Mention& k) { return overlaps(k.span, m.span); }) ||
                       std::any_of(subject_spans.begin(), subject_spans.end(),
                                   [&](const text::Span& s) { return overlaps(s, m.span); });
    if (!clash) kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  return kept;
}

// True when only list separators (`,`, `and`, `or`, `&`, `/`) lie between two mentions.
bool listed_together(std::string_view sentence, text::Span a, text::Span b) {
  const text::Span first = a.begin < b.begin ? a : b;
  const text::Span second = a.begin < b.begin ? b : a;
  if (first.end > second.begin) return false;
  const std::string_view between = sentence.substr(first.end, second.begin - first.end);
  for (const Token& token : tokenize(between)) {
    if (token.word != "and" && token.word != "or") return false;
  }
  return std::all_of(between.begin(), between.end(), [](char c) {
    return c == ' ' || c == ',' || c == '&' || c == '/' || (c >= 'a' && c <= 'z');
  });
}

// True when the word just before `span` is a comparison word (`like Meta`, `than Meta`).
bool compared_just_before(const std::vector<Word>& words, text::Span span) {
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    if (it->span.end > span.begin) continue;
    return it->role == Role::comparison;
  }
  return false;
}

bool clean_between(const std::vector<Word>& words, std::size_t from, std::size_t to) {
  return std::none_of(words.begin(), words.end(), [&](const Word& w) {
    return w.span.begin >= from && w.span.end <= to &&
           (w.role == Role::comparison || w.role == Role::denial);
  });
}

// The non-owner mention nearest to a cue.
std::optional<std::size_t> nearest_to(const std::vector<Mention>& mentions, text::Span cue) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (mentions[i].standing == Standing::owner) continue;
    if (!best || gap(mentions[i].span, cue) < gap(mentions[*best].span, cue)) best = i;
  }
  return best;
}

// True when `index` is the nearest mention to the cue, or listed together with it.
bool takes_cue(std::string_view sentence, const std::vector<Mention>& mentions, std::size_t index,
               text::Span cue) {
  const auto nearest = nearest_to(mentions, cue);
  if (!nearest) return false;
  if (*nearest == index) return true;
  // Walk from the nearest mention towards `index` through list separators only.
  const auto target = static_cast<std::ptrdiff_t>(index);
  const std::ptrdiff_t step = target > static_cast<std::ptrdiff_t>(*nearest) ? 1 : -1;
  for (auto i = static_cast<std::ptrdiff_t>(*nearest); i != target; i += step) {
    const text::Span here = mentions[static_cast<std::size_t>(i)].span;
    const text::Span next = mentions[static_cast<std::size_t>(i + step)].span;
    if (!listed_together(sentence, here, next)) return false;
  }
  return true;
}

bool is_tenancy(std::string_view sentence, const std::vector<Word>& words,
                const std::vector<Mention>& mentions, std::size_t index, text::Span subject) {
  const text::Span org = mentions[index].span;
  if (compared_just_before(words, org)) return false;
  for (const Word& word : words) {
    if (word.role != Role::cue) continue;
    if (overlaps(word.span, org) || overlaps(word.span, subject)) continue;
    const std::size_t from = std::min({org.begin, subject.begin, word.span.begin});
    const std::size_t to = std::max({org.end, subject.end, word.span.end});
    if (!clean_between(words, from, to)) continue;
    if (takes_cue(sentence, mentions, index, word.span)) return true;
  }
  return false;
}

}  // namespace

std::vector<TenantMention> find_tenants(std::string_view text,
                                        const std::vector<std::string>& subject,
                                        const std::vector<TriggerOrganisation>& organisations) {
  std::vector<TenantMention> found;
  for (const std::string_view sentence : split_sentences(text)) {
    std::vector<text::Span> subject_spans;
    for (const auto& term : subject) {
      for (const text::Span span : find_whole_word(sentence, term, CaseMatch::any)) {
        subject_spans.push_back(span);
      }
    }
    if (subject_spans.empty()) continue;
    const std::vector<Mention> mentions = find_mentions(sentence, organisations, subject_spans);
    if (mentions.empty()) continue;
    const std::vector<Word> words = classify(sentence);
    for (std::size_t i = 0; i < mentions.size(); ++i) {
      if (mentions[i].standing == Standing::owner) continue;
      const std::size_t org = mentions[i].organisation;
      const bool already = std::any_of(found.begin(), found.end(), [&](const TenantMention& t) {
        return t.organisation == org;
      });
      if (already) continue;
      const bool tenant = std::any_of(subject_spans.begin(), subject_spans.end(), [&](text::Span s) {
        return is_tenancy(sentence, words, mentions, i, s);
      });
      if (tenant) found.push_back({org, std::string(sentence)});
    }
  }
  return found;
}

}  // namespace watchdesk::triggers
