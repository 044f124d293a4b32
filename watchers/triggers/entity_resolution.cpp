// Organisation, subject and unlisted-name mentions in headline tokens, and publisher names.
#include "watchers/triggers/entity_resolution.hpp"

#include <algorithm>

#include "core/text/strings.hpp"
#include "watchers/triggers/place_names.hpp"
#include "watchers/triggers/tenancy_lexicon.hpp"
#include "watchers/triggers/text_match.hpp"

namespace watchdesk::triggers {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A hardware model number (`GB300s`, `H100`, `MI300X`): up to four capitals, digits, and at most
// three letters after them.
bool model_number(std::string_view word) {
  std::size_t caps = 0;
  while (caps < word.size() && word[caps] >= 'A' && word[caps] <= 'Z') ++caps;
  std::size_t digits = caps;
  while (digits < word.size() && word[digits] >= '0' && word[digits] <= '9') ++digits;
  if (caps == 0 || caps > 4 || digits == caps) return false;
  const std::string_view rest = word.substr(digits);
  return rest.size() <= 3 && std::all_of(rest.begin(), rest.end(), [](char c) { return is_letter(c); });
}

// A person's title (`President`, `CEO`, `Chairman`): never part of a name.
bool is_title(std::string_view w) {
  for (const std::string_view t : {"president", "ceo", "cfo", "cto", "coo", "chairman", "chairwoman", "chair",
                                   "secretary", "senator", "sen.", "governor", "gov.", "mayor", "minister", "founder",
                                   "cofounder", "co-founder", "analyst", "mr", "ms", "mrs", "dr", "rep.", "judge",
                                   "commissioner", "chancellor", "premier", "king", "prince", "sheikh"}) {
    if (w == t) return true;
  }
  return false;
}

// A capitalised word that can be part of a name the list lacks.
bool name_word(std::string_view text, const HeadlineToken& token) {
  if (token.punct || !token.capitalised || token.lower.size() < 2) return false;
  if (!is_letter(token_text(text, token)[0]) || model_number(token_text(text, token))) return false;
  if (is_title(token.lower)) return false;
  const std::uint32_t classes = word_classes(token.lower);
  return (classes & (kCommon | kTake | kGive | kDealVerb | kSupply | kInvest | kDealNoun | kRoleNoun | kCompute |
                     kPrep | kNear | kCompare | kCompareWith | kReport | kHedge | kPlan | kNegation | kDenial |
                     kModifier | kRelative)) == 0;
}

bool is_corporate_suffix(std::string_view w) {
  for (const std::string_view s : {"group", "inc", "corp", "corporation", "co", "ltd", "llc", "plc", "nv", "sa", "ag",
                                   "holdings", "platforms", "technologies", "systems", "labs", "limited"}) {
    if (w == s) return true;
  }
  return false;
}

// A noun that introduces a name in apposition (`robotics startup Orbital Robotics`), so the
// capitals after it name something even in a title-case headline.
bool introduces_name(const std::vector<HeadlineToken>& tokens, std::size_t i, std::size_t begin) {
  if (i == begin) return false;
  const std::string& w = tokens[i - 1].lower;
  return w == "startup" || w == "firm" || w == "company" || w == "lab" || w == "maker" || w == "developer" ||
         w == "unicorn" || w == "newcomer" || w == "upstart";
}

// A title before a person's name (`President Trump`, `CEO Safra Catz`): a person, never a party.
bool after_title(const std::vector<HeadlineToken>& tokens, std::size_t i, std::size_t begin) {
  return i != begin && is_title(tokens[i - 1].lower);
}

// The word at `i` opens its sentence, where any word is capitalised: the first token, or the
// first after a colon, a semicolon, a dash or a parenthesis.
bool opens_sentence(const std::vector<HeadlineToken>& tokens, std::size_t i) {
  if (i == 0) return true;
  const std::string& w = tokens[i - 1].lower;
  return tokens[i - 1].punct && (w == ":" || w == ";" || w == "--" || w == "(" || w == "." || w == "|");
}

bool is_auxiliary_verb(std::string_view w) {
  for (const std::string_view a : {"is", "was", "has", "had", "will", "would", "could", "might", "may", "can", "does",
                                   "did", "should", "must", "set"}) {
    if (w == a) return true;
  }
  return false;
}

// A singular word opening the sentence followed by its verb (`Hyundai leases`, `Zoom will use`,
// `Glean now runs`, `Coupang revives plans`), by a possessive before a noun (`Airbus's
// reservation`) or by a list of names (`Duolingo, Canva and Grammarly`): a name, even alone. A plural (`Analysts say`), a gerund, a participle or an
// adverb opening the sentence is none, and neither is a word before a noun that is also a verb
// (`Acme order book`).
bool before_its_verb(const std::vector<HeadlineToken>& tokens, std::size_t i, std::size_t end) {
  const std::string& w = tokens[i].lower;
  if (i + 2 < end && tokens[i + 1].lower == "'s") return !tokens[i + 2].punct && !tokens[i + 2].capitalised;
  if (w.ends_with("s") || w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly")) return false;
  std::size_t k = i + 1;
  while (k < end && (tokens[k].lower == "now" || tokens[k].lower == "also" || tokens[k].lower == "just" ||
                     tokens[k].lower == "quietly" || tokens[k].lower == "reportedly" || tokens[k].lower == "already" ||
                     tokens[k].lower == "officially" || tokens[k].lower == "finally" || tokens[k].lower == "still"))
    ++k;
  // `Duolingo, Canva and Grammarly are ...`: the first of a list of names.
  if (k + 1 < end && tokens[k].lower == "," && tokens[k + 1].capitalised) {
    for (std::size_t n = k + 2; n + 1 < end && n < k + 6; ++n) {
      if (tokens[n].lower == "and" && tokens[n + 1].capitalised) return true;
    }
    return false;
  }
  if (k >= end || tokens[k].capitalised) return false;
  const std::string& v = tokens[k].lower;
  if (v == "'s") return k + 1 < end && !tokens[k + 1].punct && !tokens[k + 1].capitalised;
  if (tokens[k].punct || v.ends_with("ing")) return false;
  if (is_auxiliary_verb(v)) return true;
  const std::uint32_t c = word_classes(v);
  // A verb the lexicon lacks, in the third person before its object (`Coupang revives plans`).
  if (c == 0 && v.size() > 3 && v.ends_with("s") && !v.ends_with("ss") && k + 1 < end &&
      (tokens[k + 1].lower == "a" || tokens[k + 1].lower == "an" || tokens[k + 1].lower == "the" ||
       tokens[k + 1].lower == "its" || tokens[k + 1].lower == "plans"))
    return true;
  if ((c & (kTake | kGive | kDealVerb | kSupply | kPlan | kHedge | kReport | kDenial)) == 0) return false;
  return (c & (kDealNoun | kCompute | kRoleNoun)) == 0 || v.ends_with("s") || v.ends_with("ed");
}

// A name by its shape (`Core42`, `Nscale2`): a capital, at least two small letters, then digits.
// Chips (`H200`, `GB200`) and known compute words with a number (`Trainium2`) are no names.
bool shaped_name(std::string_view text, const HeadlineToken& token) {
  if (token.punct || !token.capitalised) return false;
  const std::string_view word = token_text(text, token);
  std::size_t letters = 0;
  while (letters < word.size() && is_letter(word[letters])) ++letters;
  if (letters < 3 || letters == word.size() || !all_digits(word.substr(letters))) return false;
  for (std::size_t k = 1; k < letters; ++k) {
    if (!(word[k] >= 'a' && word[k] <= 'z')) return false;
  }
  return word_classes(std::string_view(token.lower).substr(0, letters)) == 0;
}

// A business word that, ending a host's name, leaves a first word that names it alone
// (`Galaxy` for Galaxy Digital, `Vantage` for Vantage Data Centers).
bool is_generic_tail(std::string_view w) {
  return w == "digital" || w == "mining" || w == "scientific" || w == "data" || w == "infrastructure";
}

// The first word of a host's two-word name when it names the host alone: a tail of business
// words, a first word of six letters or more that is no participle and no lexicon word.
std::optional<std::string> host_short_form(const Organisation& organisation) {
  if (organisation.kind != OrganisationKind::host) return std::nullopt;
  const std::vector<HeadlineToken> tokens = tokenize_headline(organisation.name);
  if (tokens.size() < 2 || !is_generic_tail(tokens[1].lower)) return std::nullopt;
  const std::string& first = tokens[0].lower;
  if (first.size() < 6 || first.ends_with("ed") || word_classes(first) != 0) return std::nullopt;
  return std::string(token_text(organisation.name, tokens[0]));
}

struct Match {
  std::size_t first = 0;
  std::size_t last = 0;
  EntityKind kind = EntityKind::organisation;
  std::size_t organisation = 0;
};

}  // namespace

EntityMatcher::EntityMatcher(const std::vector<TriggerOrganisation>& organisations,
                             const std::vector<std::string>& subject)
    : organisations_(organisations) {
  auto add = [&](std::string_view name, EntityKind kind, std::size_t organisation) {
    Alias alias;
    const std::vector<HeadlineToken> tokens = tokenize_headline(name);
    if (tokens.empty()) return;
    for (const auto& token : tokens) {
      alias.words.emplace_back(token_text(name, token));
      alias.lower.push_back(token.lower);
    }
    alias.kind = kind;
    alias.organisation = organisation;
    aliases_.push_back(std::move(alias));
  };
  for (const auto& term : subject) add(term, EntityKind::facility, 0);
  for (std::size_t i = 0; i < organisations_.size(); ++i) {
    for (const auto& name : organisations_[i].organisation.aliases) add(name, EntityKind::organisation, i);
    if (const auto short_form = host_short_form(organisations_[i].organisation)) {
      const bool taken = std::any_of(organisations_.begin(), organisations_.end(), [&](const TriggerOrganisation& o) {
        return find_organisation({o}, *short_form).has_value();
      });
      if (!taken) add(*short_form, EntityKind::organisation, i);
    }
  }
  for (std::size_t i = 0; i < aliases_.size(); ++i) {
    const std::string& first = aliases_[i].lower.front();
    auto it = std::find_if(by_first_.begin(), by_first_.end(), [&](const auto& e) { return e.first == first; });
    if (it == by_first_.end()) {
      by_first_.push_back({first, {}});
      it = std::prev(by_first_.end());
    }
    it->second.push_back(i);
  }
  std::sort(by_first_.begin(), by_first_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

const std::vector<std::size_t>* EntityMatcher::starting_with(std::string_view lower) const {
  const auto it = std::lower_bound(by_first_.begin(), by_first_.end(), lower,
                                   [](const auto& e, std::string_view key) { return e.first < key; });
  if (it == by_first_.end() || it->first != lower) return nullptr;
  return &it->second;
}

std::vector<EntityMention> EntityMatcher::find(std::string_view text, const std::vector<HeadlineToken>& tokens,
                                               std::size_t begin, std::size_t end, bool title_case) const {
  std::vector<EntityMention> found;
  std::size_t i = begin;
  while (i < end) {
    const HeadlineToken& token = tokens[i];
    Match best;
    bool matched = false;
    auto consider = [&](const std::vector<std::size_t>& candidates, bool glued_number) {
      for (const std::size_t index : candidates) {
        const Alias& alias = aliases_[index];
        const std::size_t n = alias.lower.size();
        if (i + n > end) continue;
        bool ok = true;
        for (std::size_t k = 0; k < n && ok; ++k) {
          const HeadlineToken& t = tokens[i + k];
          // Words of a multi-word name are separated by spaces, never glued by a hyphen.
          if (k > 0 && !t.punct && !tokens[i + k - 1].punct && t.span.begin == tokens[i + k - 1].span.end) ok = false;
          if (alias.kind == EntityKind::facility) {
            const bool last = k + 1 == n;
            ok = ok && (t.lower == alias.lower[k] ||
                        (last && glued_number && t.lower.starts_with(alias.lower[k]) &&
                         all_digits(std::string_view(t.lower).substr(alias.lower[k].size()))));
          } else {
            ok = ok && equal_as_written_or_upper(token_text(text, t), alias.words[k]);
          }
        }
        if (!ok) continue;
        const bool longer = !matched || n > best.last - best.first ||
                            (n == best.last - best.first && alias.kind == EntityKind::facility &&
                             best.kind != EntityKind::facility);
        if (longer) {
          best = {i, i + n, alias.kind, alias.organisation};
          matched = true;
        }
      }
    };
    if (const auto* candidates = starting_with(token.lower)) consider(*candidates, false);
    if (!token.punct) {
      // `Colossus1`: a subject term with a number glued on.
      std::size_t cut = token.lower.size();
      while (cut > 0 && token.lower[cut - 1] >= '0' && token.lower[cut - 1] <= '9') --cut;
      if (cut > 0 && cut < token.lower.size()) {
        if (const auto* candidates = starting_with(std::string_view(token.lower).substr(0, cut))) consider(*candidates, true);
      }
    }
    if (matched) {
      // Corporate suffixes belong to the name: `Nebius Group NV`, `Oracle Corp.`, `Meta Platforms Inc.`
      while (best.last < end && is_corporate_suffix(tokens[best.last].lower) && tokens[best.last].capitalised) {
        ++best.last;
        if (best.last < end && tokens[best.last].lower == "." && tokens[best.last].span.begin == tokens[best.last - 1].span.end)
          ++best.last;
      }
      found.push_back({best.first, best.last, best.kind, best.organisation});
      i = best.last;
      continue;
    }
    const bool shaped = shaped_name(text, token);
    if ((!title_case || introduces_name(tokens, i, begin) || shaped) && name_word(text, token)) {
      std::size_t j = i + 1;
      while (j < end && name_word(text, tokens[j]) && !starting_with(tokens[j].lower)) ++j;
      // A lone capitalised word opening the sentence is usually just the first word, unless its
      // verb follows it.
      const bool opening = j == i + 1 && !shaped && opens_sentence(tokens, i) && !before_its_verb(tokens, i, end);
      // `Redmond-based`, `Nvidia-backed`: a modifier, not a party.
      const bool hyphenated = j < end && tokens[j].lower == "-";
      // A short acronym alone (`FSD`, `GPT`) names a product more often than a company.
      const std::string_view word = token_text(text, token);
      const bool acronym = j == i + 1 && word.size() <= 4 &&
                           std::all_of(word.begin(), word.end(), [](char c) { return !(c >= 'a' && c <= 'z'); });
      // `River Bend campus`, `Norwegian halls`, `in Abilene`: a place, never a party.
      const bool place = is_place_phrase(tokens, i, j, begin, end);
      // `its Nova models`, `their Orion chips`: a product of the possessor, not a party.
      const bool product = i > begin && (tokens[i - 1].lower == "its" || tokens[i - 1].lower == "their" ||
                                         tokens[i - 1].lower == "our" || tokens[i - 1].lower == "his" ||
                                         tokens[i - 1].lower == "her");
      if (!opening && !hyphenated && !acronym && !place && !product && !after_title(tokens, i, begin))
        found.push_back({i, j, EntityKind::unlisted, 0});
      i = j;
      continue;
    }
    ++i;
  }
  return found;
}

bool is_title_case(std::string_view text, const std::vector<HeadlineToken>& tokens) {
  std::size_t words = 0;
  std::size_t capitals = 0;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const HeadlineToken& t = tokens[i];
    if (t.punct || t.lower.size() < 4 || !is_letter(token_text(text, t)[0])) continue;
    ++words;
    if (t.capitalised) ++capitals;
  }
  return words >= 3 && capitals * 10 >= words * 6;
}

std::string canonical_publisher(std::string_view publisher, const std::vector<TriggerOrganisation>& organisations) {
  std::string name(text::trim(publisher));
  auto lowered = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  std::string key = lowered(name);
  if (key.starts_with("the ")) key.erase(0, 4);
  for (const std::string_view suffix : {".com", ".co.uk", ".net", ".org", ".io", ".co"}) {
    if (key.size() > suffix.size() && key.ends_with(suffix)) {
      key.resize(key.size() - suffix.size());
      break;
    }
  }
  for (const std::string_view suffix : {" news", " online", " media", " newsroom"}) {
    if (key.size() > suffix.size() && key.ends_with(suffix)) {
      key.resize(key.size() - suffix.size());
      break;
    }
  }
  if (const auto index = find_organisation(organisations, key)) return organisations[*index].organisation.name;
  if (const auto index = find_organisation(organisations, name)) return organisations[*index].organisation.name;
  return key;
}

}  // namespace watchdesk::triggers
