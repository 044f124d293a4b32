// Publisher suffixes, kickers, asides and clause boundaries of headline sentences.
#include "watchers/triggers/headline_clauses.hpp"

#include <algorithm>

#include "core/text/strings.hpp"
#include "watchers/triggers/entity_resolution.hpp"
#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// `text` without trailing whitespace, ASCII or no-break spaces.
std::string_view trim_end(std::string_view text) {
  while (!text.empty()) {
    if (is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.size() >= 2 && static_cast<unsigned char>(text[text.size() - 2]) == 0xC2 &&
               static_cast<unsigned char>(text.back()) == 0xA0) {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

// The separator before a trailing publisher: ` - `, ` | `, ` – `, ` — `, or whitespace alone.
std::string_view cut_separator(std::string_view head, bool whitespace_alone) {
  const std::string_view trimmed = trim_end(head);
  for (const std::string_view sep : {"-", "|", "\xE2\x80\x93", "\xE2\x80\x94", ":"}) {
    if (trimmed.size() > sep.size() && trimmed.ends_with(sep) && trimmed.size() < head.size()) {
      return trim_end(trimmed.substr(0, trimmed.size() - sep.size()));
    }
  }
  if (whitespace_alone && trimmed.size() < head.size()) return trimmed;
  return head;
}

bool is_gerund(const HeadlineToken& t) { return !t.punct && t.lower.size() > 4 && t.lower.ends_with("ing"); }

bool is_pronoun(std::string_view w) {
  return w == "it" || w == "they" || w == "this" || w == "he" || w == "she" || w == "we" || w == "its";
}

// True when `as` at `i` starts a new clause (`… as Colossus waits`), not a role or a measure
// (`as a tenant`, `as second customer`, `as much as`, `such as`).
bool as_starts_clause(const std::vector<HeadlineToken>& tokens, std::size_t i) {
  if (i + 1 >= tokens.size()) return false;
  if (i > 0) {
    const std::string& before = tokens[i - 1].lower;
    if (before == "such" || before == "well" || before == "much" || before == "so" || before == "just" ||
        before == "even" || before == "same")
      return before == "even" || before == "just";
  }
  const HeadlineToken& next = tokens[i + 1];
  if (next.punct) return false;
  // `as Colossus customer`, `as xAI's second tenant`: a role, whatever comes first.
  for (std::size_t k = i + 1; k < tokens.size() && k < i + 6; ++k) {
    const std::uint32_t c = word_classes(tokens[k].lower);
    if ((c & kRoleNoun) != 0) return false;
    if ((is_relation_verb(c) && (c & kDealNoun) == 0) || (c & kPrep) != 0) break;
  }
  if ((word_classes(next.lower) & kAsComplement) != 0) {
    // `as the cluster fills up` starts a clause, `as the first tenant` does not.
    if (next.lower != "the") return false;
    for (std::size_t k = i + 2; k < tokens.size() && k < i + 6; ++k) {
      const std::uint32_t c = word_classes(tokens[k].lower);
      if ((c & kRoleNoun) != 0 || tokens[k].lower == "partner" || tokens[k].lower == "provider") return false;
      if (is_relation_verb(c)) return true;
    }
    return true;
  }
  return true;
}

// `[from, to)` is two or more capitalised names joined by `and`, `&`, `x` or a dash: `Nebius and Meta`.
bool names_joined(const std::vector<HeadlineToken>& t, std::size_t from, std::size_t to) {
  if (to <= from || to - from > 6) return false;
  bool joiner = false;
  for (std::size_t k = from; k < to; ++k) {
    const std::string& w = t[k].lower;
    if (w == "and" || w == "&" || w == "x" || w == "-") {
      joiner = joiner || (k > from && k + 1 < to);
      continue;
    }
    if (t[k].punct || !t[k].capitalised) return false;
  }
  return joiner;
}

// From `from` to the end, one capitalised name of at most three words: `: Tencent`.
bool lone_name(const std::vector<HeadlineToken>& t, std::size_t from) {
  if (from >= t.size() || t.size() - from > 3) return false;
  for (std::size_t k = from; k < t.size(); ++k) {
    if (t[k].punct ? t[k].lower != "." : !t[k].capitalised) return false;
  }
  return true;
}

}  // namespace

std::string_view strip_publisher(std::string_view text, std::string_view publisher) {
  text = trim_end(text);
  publisher = text::trim(publisher);
  if (!publisher.empty() && text.size() > publisher.size() &&
      text::iequals(text.substr(text.size() - publisher.size()), publisher)) {
    const std::string_view head = text.substr(0, text.size() - publisher.size());
    const std::string_view cut = cut_separator(head, true);
    if (cut.size() < head.size() && !cut.empty()) return cut;
  }
  // A Google News style ` - Name` without a known publisher.
  const std::size_t dash = text.rfind(" - ");
  if (dash == std::string_view::npos || dash == 0) return text;
  const std::string_view tail = text.substr(dash + 3);
  const std::vector<HeadlineToken> tokens = tokenize_headline(tail);
  const std::size_t words = static_cast<std::size_t>(
      std::count_if(tokens.begin(), tokens.end(), [](const HeadlineToken& t) { return !t.punct; }));
  if (words == 0 || words > 5) return text;
  for (const auto& t : tokens) {
    if (t.punct) {
      if (t.lower != "." && t.lower != "&" && t.lower != "'s" && t.lower != "-") return text;
      continue;
    }
    const std::uint32_t classes = word_classes(t.lower);
    if (is_relation_verb(classes) || (classes & (kRoleNoun | kHedge | kDenial | kNegation)) != 0) return text;
    const bool connector = t.lower == "of" || t.lower == "the" || t.lower == "and" || t.lower == "on";
    if (!t.capitalised && !connector && !(t.lower.size() > 1 && (t.lower[0] >= '0' && t.lower[0] <= '9')))
      return text;
  }
  return trim_end(text.substr(0, dash));
}

HeadlineSentence split_clauses(std::string_view sentence) {
  HeadlineSentence out;
  out.text = sentence;
  std::vector<HeadlineToken> all = tokenize_headline(sentence);
  out.title_case = is_title_case(sentence, all);
  out.speaks_of_compute = std::any_of(all.begin(), all.end(), [](const HeadlineToken& t) {
    return !t.punct && t.lower != "ai" && (word_classes(t.lower) & kCompute) != 0;
  });
  if (!all.empty() && all.back().lower == "?") {
    const std::string& first = all.front().lower;
    out.question = !(first == "why" || first == "how" || first == "what" || first == "when" ||
                     first == "where" || first == "who" || first == "inside" || first == "here's");
  }
  // A kicker: up to three words before the first colon (`Exclusive:`, `Key points:`).
  std::size_t start = 0;
  for (std::size_t i = 0; i < all.size() && i < 5; ++i) {
    // `Oracle (NYSE: ORCL) surged`: a colon inside parentheses is a ticker's, not a kicker's.
    if (all[i].lower == "(") break;
    if (all[i].lower == ":") {
      if (i <= 3 && !names_joined(all, 0, i)) start = i + 1;
      break;
    }
  }
  // Drop parentheses and dash-enclosed asides.
  std::vector<bool> drop(all.size(), false);
  for (std::size_t i = 0; i < start; ++i) drop[i] = true;
  for (std::size_t i = start; i < all.size(); ++i) {
    if (all[i].lower == "(") {
      std::size_t j = i + 1;
      while (j < all.size() && all[j].lower != ")") ++j;
      if (j < all.size()) {
        for (std::size_t k = i; k <= j; ++k) drop[k] = true;
        i = j;
      }
    } else if (all[i].lower == "--") {
      std::size_t j = i + 1;
      while (j < all.size() && all[j].lower != "--" && all[j].lower != ";") ++j;
      if (j < all.size() && all[j].lower == "--" && j > i + 1) {
        for (std::size_t k = i; k <= j; ++k) drop[k] = true;
        i = j;
      }
    }
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!drop[i]) out.tokens.push_back(std::move(all[i]));
  }
  const auto& t = out.tokens;
  std::size_t begin = 0;
  // A leading subordinate clause ends at its comma: `As Colossus fills up, Mistral signs on`.
  std::size_t lead_comma = t.size();
  if (!t.empty()) {
    const std::string& first = t.front().lower;
    if (first == "as" || first == "while" || first == "after" || first == "although" || first == "though" ||
        first == "because" || first == "since" || first == "when" || first == "once" || first == "despite" ||
        first == "amid" || first == "before" || first == "whereas") {
      // `After signing a deal with OpenAI, Cerebras raised ...`: a participle phrase shares the
      // subject that follows its comma, so it stays in that clause.
      const bool participle = t.size() > 1 && is_gerund(t[1]);
      if (!participle) {
        for (std::size_t i = 1; i < t.size(); ++i) {
          if (t[i].lower == ",") {
            lead_comma = i;
            break;
          }
        }
      }
    }
  }
  auto cut = [&](std::size_t end, std::size_t resume) {
    if (end > begin) out.clauses.push_back({begin, end});
    begin = resume;
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i].lower;
    // `Nebius and Meta: a $27 billion partnership`, `gets its first customer: Tencent`: a colon
    // after the parties or before a lone name joins what it separates.
    const bool joining_colon = w == ":" && (names_joined(t, begin, i) || lone_name(t, i + 1));
    if (w == ";" || w == "--" || (w == ":" && !joining_colon) || i == lead_comma) {
      cut(i, i + 1);
      continue;
    }
    if (t[i].punct || i == begin) continue;
    if (w == "as") {
      if (as_starts_clause(t, i)) cut(i, i + 1);
    } else if (w == "while" || w == "whereas" || w == "but" || w == "after" || w == "amid" || w == "amidst" ||
               w == "although" || w == "though" || w == "because" || w == "before" || w == "despite") {
      // `after signing a deal with OpenAI` still belongs to its clause's subject.
      const bool gerund = i + 1 < t.size() && is_gerund(t[i + 1]);
      if (!gerund) cut(i, i + 1);
    } else if ((w == "and" || w == "so") && t[i - 1].lower == "," && i + 1 < t.size() && is_pronoun(t[i + 1].lower)) {
      cut(i - 1, i + 1);
    }
  }
  cut(t.size(), t.size());
  return out;
}

}  // namespace watchdesk::triggers
