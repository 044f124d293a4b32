// Fact, plan, hedge and denial cues around a relation.
#include "watchers/triggers/modality.hpp"

#include <algorithm>

#include "watchers/triggers/tenancy_lexicon.hpp"

namespace watchdesk::triggers {
namespace {

bool is_talk_word(std::string_view w) {
  return w == "talks" || w == "negotiations" || w == "discussions" || w == "deal" || w == "deals" ||
         w == "agreement" || w == "pact" || w == "contract" || w == "plan" || w == "plans" || w == "lease" ||
         w == "partnership" || w == "its" || w == "their" || w == "the";
}

const std::string& word_at(const std::vector<HeadlineToken>& t, std::size_t i) {
  static const std::string none;
  return i < t.size() ? t[i].lower : none;
}

// True when the denial word at `i` really undoes something here (`talks end`, `calls off`,
// `falls through`), not `by the end of the year` or `shares dropped`.
bool undoes(const std::vector<HeadlineToken>& t, std::size_t i, const Clause& clause) {
  const std::string& w = t[i].lower;
  const std::string& next = word_at(t, i + 1);
  const std::string& before = i > clause.begin ? t[i - 1].lower : word_at(t, t.size());
  if (w == "end" || w == "ends" || w == "ended" || w == "ending") {
    if (before == "the" || before == "year" || before == "by") return false;
    for (std::size_t k = i + 1; k < clause.end && k < i + 6; ++k) {
      if (is_talk_word(t[k].lower) && t[k].lower != "the" && t[k].lower != "its" && t[k].lower != "their") return true;
    }
    for (std::size_t k = i; k > clause.begin && i - k < 3;) {
      --k;
      if (is_talk_word(t[k].lower) && t[k].lower != "the") return true;
    }
    return is_talk_word(next);
  }
  if (w == "off") return before == "call" || before == "calls" || before == "called" || before == "calling";
  if (w == "fall" || w == "falls" || w == "fell" || w == "fallen" || w == "falling")
    return next == "through" || next == "apart";
  if (w == "pulls" || w == "pulled" || w == "pull" || w == "pulling")
    return next == "out" || next == "back" || next == "plug" || (next == "the" && word_at(t, i + 2) == "plug");
  if (w == "walks" || w == "walked") return next == "away";
  // `moves away from`, `shifts workloads away from`.
  if (w == "away") return next == "from";
  if (w == "declines" || w == "declined") return !(next == "to" && word_at(t, i + 2) == "comment");
  if (w == "dropped" || w == "drops" || w == "pause" || w == "paused" || w == "pauses" || w == "sinks" ||
      w == "sank" || w == "kills" || w == "killed") {
    for (std::size_t k = i + 1; k < clause.end && k < i + 4; ++k) {
      if (is_talk_word(t[k].lower) && t[k].lower != "the" && t[k].lower != "its") return true;
    }
    return false;
  }
  if (w == "failed" || w == "fails") return next == "to";
  // `rules out renewing`, not `rules out of Brussels`.
  if (w == "rules" || w == "ruled" || w == "rule" || w == "ruling") return next == "out" && word_at(t, i + 2) != "of";
  if (w == "retreat" || w == "retreats") return next == "from";
  return true;
}

// `may` the month (`in May`, `May 2026`), not the hedge.
bool is_month(const std::vector<HeadlineToken>& t, std::size_t i) {
  if (t[i].lower != "may") return false;
  const std::string& next = word_at(t, i + 1);
  if (!next.empty() && next[0] >= '0' && next[0] <= '9') return true;
  if (i == 0) return false;
  const std::string& b = t[i - 1].lower;
  return b == "in" || b == "since" || b == "early" || b == "late" || b == "mid" || b == "last" || b == "this" ||
         b == "next" || b == "of" || b == "until" || b == "by" || b == "from";
}

// A negation that negates nothing here: `not just`, `not only`, `No. 2`, `no wonder`, `no doubt`.
bool idle_negation(const std::vector<HeadlineToken>& t, std::size_t i) {
  const std::string& next = word_at(t, i + 1);
  if (t[i].lower == "not") return next == "just" || next == "only" || next == "yet" || next == "immediately";
  if (t[i].lower == "no")
    return next == "." || next == "wonder" || next == "doubt" || (!next.empty() && next[0] >= '0' && next[0] <= '9');
  return false;
}

// A hedge on an amount, not on the deal: `a deal potentially valued at`, `could total $27 billion`,
// `possibly worth up to`.
bool hedges_amount(const std::vector<HeadlineToken>& t, std::size_t i) {
  const std::string& w = t[i].lower;
  if (w != "potentially" && w != "possibly" && w != "could" && w != "may" && w != "might") return false;
  std::size_t k = i + 1;
  if (word_at(t, k) == "be") ++k;
  const std::string& next = word_at(t, k);
  return next == "valued" || next == "worth" || next == "total" || next == "totaling" || next == "totalling" ||
         next == "top" || next == "exceed" || next == "reaching";
}

// A phrasal verb of sizing up a party before any deal: `sounds out`, `is sizing up`, `feels out`.
bool sizes_up(const std::vector<HeadlineToken>& t, std::size_t i, const Clause& clause) {
  if (i + 1 >= clause.end) return false;
  const std::string& w = t[i].lower;
  const std::string& particle = t[i + 1].lower;
  if (particle == "out") return w.starts_with("sound") || w == "feels" || w == "feeling" || w == "felt" || w == "feel";
  if (particle == "up") return w == "sizes" || w == "sizing" || w == "sized" || w == "size";
  return false;
}

// `TeraWulf said Core42 would rent ...`: `would` after a reporting verb in the past is a reported
// `will`, a plan; `would` with `if` stays conditional, and so does one only unnamed sources report
// (`people with knowledge of the matter said the deal would ...`): talks, not a plan.
bool reported_will(const std::vector<HeadlineToken>& t, std::size_t i, const Clause& clause) {
  if (t[i].lower != "would") return false;
  bool reported = false;
  for (std::size_t k = clause.begin; k < clause.end; ++k) {
    const std::string& w = t[k].lower;
    if (w == "if" || w == "unless" || w == "whether") return false;
    if (k < i && (w == "people" || w == "sources" || w == "familiar" || w == "knowledge")) return false;
    if (k < i && (w == "said" || w == "announced" || w == "confirmed" || w == "told" || w == "stated" ||
                  w == "disclosed" || w == "added"))
      reported = true;
  }
  return reported;
}

}  // namespace

std::string_view modality_name(Modality modality) {
  switch (modality) {
    case Modality::fact:
      return "fact";
    case Modality::plan:
      return "plan";
    case Modality::hedge:
      return "hedge";
    case Modality::denial:
      return "denial";
  }
  return "fact";
}

Modality classify_modality(const HeadlineSentence& sentence, const Clause& clause, std::size_t from, std::size_t to,
                           std::size_t verb) {
  const auto& t = sentence.tokens;
  // Just before the relation, back to a comma: `Could`, `reportedly in talks`.
  std::size_t lead = from;
  while (lead > clause.begin && from - lead < 4 && t[lead - 1].lower != ",") --lead;
  // Just after it, up to a comma: `... in a potential deal`.
  std::size_t tail = to;
  while (tail < clause.end && tail - to < 5 && t[tail].lower != ",") ++tail;

  // `... if Dojo stalls`: what a condition after the relation says undoes nothing.
  std::size_t condition = clause.end;
  for (std::size_t i = to; i < clause.end; ++i) {
    if (t[i].lower == "if" || t[i].lower == "unless") {
      condition = i;
      break;
    }
  }
  for (std::size_t i = clause.begin; i < condition; ++i) {
    const std::uint32_t c = word_classes(t[i].lower);
    if ((c & kDenial) != 0 && undoes(t, i, clause)) {
      // Deals undone count anywhere in the clause; other denials in the relation.
      const bool undone = t[i].lower != "denies" && t[i].lower != "denied" && t[i].lower != "deny" &&
                          t[i].lower != "rejects" && t[i].lower != "rejected" && t[i].lower != "away";
      if (undone || (i >= lead && i < tail)) return Modality::denial;
    }
    if ((c & kNegation) != 0 && i >= lead && i < tail && !idle_negation(t, i)) return Modality::denial;
  }
  // The question mark hedges the clause it closes (`Deal: A Golden Goose?` questions the goose).
  if (sentence.question && clause.end == sentence.tokens.size()) return Modality::hedge;
  bool will_reported = false;
  for (std::size_t i = lead; i < tail; ++i) {
    if (sizes_up(t, i, clause)) return Modality::hedge;
    if (reported_will(t, i, clause)) {
      will_reported = true;
      continue;
    }
    if ((word_classes(t[i].lower) & kHedge) == 0 || is_month(t, i) || hedges_amount(t, i)) continue;
    // `has negotiated a ... agreement`: talks finished in the perfect are a deal done.
    if (t[i].lower == "negotiated" && i > clause.begin &&
        (t[i - 1].lower == "has" || t[i - 1].lower == "have" || t[i - 1].lower == "had"))
      continue;
    // After the relation only talks hedge it (`... capacity, in talks`), not `with potential to`.
    const bool talks = t[i].lower == "talks" || t[i].lower == "discussions" || t[i].lower == "negotiations" ||
                       t[i].lower == "negotiating";
    // `deal between Google and Meta could be on the cards`: a modal right after a verbless relation.
    const bool modal_after = i == to && (t[i].lower == "could" || t[i].lower == "might" || t[i].lower == "may" ||
                                          t[i].lower == "would");
    if (i < to || talks || modal_after) return Modality::hedge;
  }
  if (will_reported) return Modality::plan;
  for (std::size_t i = lead; i < std::min(tail, to); ++i) {
    if ((word_classes(t[i].lower) & kPlan) != 0) return Modality::plan;
  }
  // An infinitive headline verb: `X to rent Colossus`, `X is set to lease`.
  if (verb > clause.begin && verb < to && t[verb - 1].lower == "to") {
    bool finite = false;
    for (std::size_t i = from; i + 1 < verb; ++i) {
      const std::uint32_t c = word_classes(t[i].lower);
      if ((is_relation_verb(c) && (c & kDealNoun) == 0) || t[i].lower == "is" || t[i].lower == "has" ||
          t[i].lower == "have" || t[i].lower == "was") {
        finite = true;
      }
    }
    if (!finite) return Modality::plan;
  }
  return Modality::fact;
}

}  // namespace watchdesk::triggers
