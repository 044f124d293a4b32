// The reader of one clause: for each organisation named in it, the relation to the facility
// (or its owner) that the clause's words state. Its methods are spread over
// `tenancy_clause_reader.cpp` (the relations and token tests), `tenancy_relation_cues.cpp` (cues
// between two mentions), `tenancy_relation_pair.cpp` (an organisation and an anchor),
// `tenancy_relation_open.cpp` (the open reading of a clause's structure) and
// `tenancy_relation_roles.cpp` (roles stated outright). Internal to the tenant trigger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "watchers/triggers/place_names.hpp"
#include "watchers/triggers/tenancy_clause_words.hpp"
#include "watchers/triggers/tenancy_constructions.hpp"
#include "watchers/triggers/tenancy_flow.hpp"
#include "watchers/triggers/tenancy_lexicon.hpp"
#include "watchers/triggers/tenancy_recipients.hpp"
#include "watchers/triggers/tenancy_relation.hpp"

namespace watchdesk::triggers::clause_reading {

/// Reads one clause of a headline for the relations between its organisations and the facility.
class ClauseReader {
 public:
  /// A reader of `clause` of `sentence`, whose named organisations and facilities are `mentions`.
  ClauseReader(const HeadlineSentence& sentence, const Clause& clause, const std::vector<EntityMention>& mentions,
               const std::vector<TriggerOrganisation>& organisations, bool owner_context, bool facility_elsewhere)
      : t_(sentence.tokens), title_case_(sentence.title_case), clause_(clause), mentions_(mentions), orgs_(organisations), owner_context_(owner_context),
        facility_elsewhere_(facility_elsewhere), mention_at_(clause.end - clause.begin, -1),
        anchors_(anchor_flags(mentions, organisations)), view_{sentence.tokens, clause, mentions, anchors_} {
    for (std::size_t m = 0; m < mentions.size(); ++m) {
      for (std::size_t k = mentions[m].first; k < mentions[m].last; ++k) mention_at_[k - clause.begin] = static_cast<int>(m);
    }
  }

  /// Each organisation's strongest relation to an anchor (a tenant's outranks any other).
  std::vector<TenancyRelation> relations() const;

 private:
  const std::vector<HeadlineToken>& t_;
  bool title_case_;
  const Clause& clause_;
  const std::vector<EntityMention>& mentions_;
  const std::vector<TriggerOrganisation>& orgs_;
  bool owner_context_;
  bool facility_elsewhere_;
  std::vector<int> mention_at_;
  std::vector<bool> anchors_;
  ClauseView view_;

  int mention_at(std::size_t i) const { return mention_at_[i - clause_.begin]; }
  std::uint32_t classes(std::size_t i) const { return word_classes(t_[i].lower); }

  // A relation word used as a verb here (not `a lease`, `AI hosting`, `Nvidia-powered`).
  bool is_verb(std::size_t i) const;

  // The modifiers before the gerund at `i` go back to a preposition or a determiner.
  bool gerund_in_noun_phrase(std::size_t i) const;

  // A word that links a subject to its object: a verb, or an investment word in any use.
  bool is_link(std::size_t i) const;

  // The mention starting at `first` is followed by its verb: a subject (`Like Meta, OpenAI rents`).
  bool followed_by_verb(std::size_t first) const;

  // `By securing capacity from Google Cloud, Meta ensures ...`: the subject after an opening phrase
  // followed by a verb of any kind (a lower-case word in the third person or the past).
  bool followed_by_open_verb(std::size_t first) const;

  Prep prep_of(std::size_t first) const;

  // The organisation only reports the news (`Bloomberg reported`, `according to Reuters`, `told FT`).
  bool is_reporter(std::size_t m) const;

  // `than` in a quantity (`more than $10 billion`) compares nothing.
  bool quantity_than(std::size_t k) const;

  bool compared_between(std::size_t from, std::size_t to) const;

  // The gerund of a subjectless phrase opening the clause (`Four days after signing a deal with
  // X,`) that holds `inner`, when the mention `subject` right after its comma is the clause's
  // subject; kNoToken otherwise.
  std::size_t participle_verb(const EntityMention& inner, std::size_t subject) const;

  // The role a bare deal gives the organisation: a supplier's deal supplies; a capacity provider's
  // deal with the facility's owner (`Microsoft signs AI cloud deal with IREN`) rents to the owner.
  TenancyRole deal_role(std::size_t o, std::size_t a = kNoToken) const;

  // For each mention, whether it stands for the facility.
  static std::vector<bool> anchor_flags(const std::vector<EntityMention>& mentions, const std::vector<TriggerOrganisation>& organisations);

  // A tenancy stated by a construction rather than a verb: a role after a copula, a facility
  // described `for` the organisation, a deal signed by both parties or the organisation's own deal
  // with the facility (whose role the deal decides), a customer named `as` such, access given,
  // revenue received from it.
  std::optional<TenancyRelation> constructed(std::size_t o) const;

  // The facility's owner is itself a host (`TeraWulf` for Lake Mariner).
  bool owned_by_host() const;

  // A deal described as supplying the facility: `chip-supply deal`, `cooling contract`.
  bool supply_deal(std::size_t from, std::size_t to) const;

  // A partnership whose purpose is to build (`partners with Humain to build data centers`).
  bool builds_by_purpose(std::size_t after) const;

  // A purpose of building right after the partner, before any comma (`partnership with G42 and
  // others for the launch of Stargate`; not `..., committing $50 billion to build facilities`).
  bool builds_right_after(std::size_t after) const;

  // A partnership or venture named between two tokens (`announced its partnership with`).
  bool cooperation_between(std::size_t from, std::size_t to) const;

  // A partner in building or launching the facility, not a tenant: a cooperation verb with a
  // purpose of building (`partners with Siemens to build Colossus`), or a partnership named between
  // the verb and the partner with the purpose right after it (`announced its partnership with G42
  // for the launch of Stargate`).
  bool builds_with(std::string_view v, std::size_t verb, const EntityMention& partner) const;

  // A deal for the cloud itself (`AI cloud deal`, `cloud AI services contract`, `compute contract`):
  // whoever signs it with the facility buys the cloud, even a company that usually supplies it.
  bool cloud_deal() const;

  bool supplier_kind(std::size_t o) const;

  // `has been contracted to Luma AI`, `is leased to G42`: capacity given to the organisation in the
  // passive, the facility named elsewhere in the sentence.
  std::optional<TenancyRelation> given_passive(std::size_t o) const;

  // A deal whose purpose is renting (`... to lease 8,000 servers`, `to rent capacity`).
  bool rents_by_purpose(std::size_t after) const;

  // A deal whose purpose is that the organisation supplies something (`... to supply chips`).
  bool supplies_by_purpose(std::size_t after) const;

  TenancyRelation make(std::size_t o, std::size_t a, TenancyRole role, std::size_t verb, std::size_t from, std::size_t to) const;

  // Only determiners, numbers and modifiers between a verb and a mention: a direct object. When
  // the mention qualifies what is rented (`buy any unused CoreWeave capacity`), any adjectives.
  bool directly_after(std::size_t verb, std::size_t first) const;

  // The mention names goods, not a party: `Nvidia GPUs`, `Nvidia's chips`, `NVIDIA GB300`; or an
  // unlisted name qualifies a place (`a Kansas City data center`).
  bool names_goods(const EntityMention& m) const;

  // Capacity, compute or time named between a verb and the facility (`buys time on`).
  bool capacity_between(std::size_t verb, std::size_t first) const;

  // A joint venture named in `[from, to)`.
  bool venture_between(std::size_t from, std::size_t to) const;

  // Money named just after the facility (`Lambda's latest funding round`, `CoreWeave shares`).
  bool money_after(const EntityMention& m) const;

  // Money between a giving verb and the organisation makes it an investor (`sells a stake to`);
  // space and power the facility gives are a colocation tenant's.
  std::optional<TenancyRole> money_between(std::size_t verb, std::size_t first) const;

  // Capacity or hardware, and no goods or money, between a verb and the organisation.
  bool rented_between(std::size_t verb, std::size_t first) const;

  // An investment just after the mention: `With Google Taking 8% Stake`.
  bool invests_after(const EntityMention& m) const;

  // The word that makes names joined before it parties to a deal: a deal noun or investment
  // word, a verb of renting outright, or a deal verb with a deal noun after it (`Google and Meta
  // have signed a cloud agreement`; not `SoftBank, Oracle and OpenAI unveil sites`).
  std::size_t deal_word_after(std::size_t from) const;

  std::optional<TenancyRelation> pair(std::size_t o, std::size_t a) const;

  // Subject `[s_first, s_last)` linked by a verb to the object mention `T`.
  std::optional<TenancyRelation> linked(std::size_t o, std::size_t a, std::size_t s, std::size_t x, std::size_t s_first, std::size_t s_last, const EntityMention& T, Prep t_prep) const;

  // The role a verb gives the organisation, subject (`org_subject`) or object of it, with the
  // other party `T` governed by `t_prep`.
  std::optional<TenancyRelation> verb_role(std::size_t o, std::size_t a, std::size_t verb, bool org_subject, const EntityMention& T, Prep t_prep, bool role_noun, std::size_t from, std::size_t to) const;

  // `Google's pre-trained LLMs`, `Microsoft's Copilot models`: models or software of the mention's own.
  bool owns_models(const EntityMention& T) const;

  // After `T's`: true when a tenant's role noun follows (`Stargate's second outside tenant`), false
  // for another noun (`Stargate's ad partner`), nothing without a possessive.
  std::optional<bool> role_of_possessed(const EntityMention& T) const;

  // What flows in `[from, to)` and in the few words after it, up to a mark or another name.
  struct FlowSeen {
    bool compute = false;
    bool hardware = false;
    bool veto = false;
    bool deal = false;
    /// A deal or compute noun between the parties themselves (not talks).
    bool between = false;
  };
  FlowSeen flows(std::size_t from, std::size_t to) const;

  // A word that can only be the verb of an open relation: not a name, mark, determiner,
  // preposition, number, modifier or auxiliary.
  bool verb_like(std::size_t k) const;

  // The first verb-like word of `[from, to)`, or kNoToken; any mark or name in between other than a
  // list of names (`Meta and Mistral park ...`), the facility or the `subject` mention's own
  // organisation makes it kNoToken.
  std::size_t open_verb(std::size_t from, std::size_t to, std::size_t subject) const;

  // What is rented right after the facility at `from`, past a possessive, place adjectives,
  // model names and modifiers: `capacity`, `compute`, `time`, `cloud`, `fleet`, `GPUs`, `cluster`.
  bool rented_after_facility(std::size_t from) const;

  // The open reading of a clause naming the facility (`a`) and an organisation (`o`) whose verb the
  // lexicon does not know. The organisation as subject is a tenant when the facility is governed
  // by `on`, `to`, `from` (or `with`, `in`, `at` with compute or a deal between them); the facility
  // as subject makes a tenant of its direct object, indirect object, or the organisation after
  // `to`, `for` (or `with`, `from` with compute or a deal). What flows vetoes it: goods, money,
  // a hostile verb, hardware given to the facility, or a supplier with nothing rented.
  std::optional<TenancyRelation> open_relation(std::size_t o, std::size_t a) const;

  // Both parties before the verb, joined by `and` or commas, with a deal or compute noun after it:
  // `Oracle and OpenAI have confirmed the contract`, `Microsoft, Nvidia and Anthropic announced a
  // compute partnership`. What flows vetoes it as in the open reading; the kinds decide the role.
  std::optional<TenancyRelation> joint_relation(std::size_t o, std::size_t a) const;

  // `fills CB-6 with a second AI cloud, Crusoe`, `signs a new customer, Cohere`: a name after a comma
  // in apposition to a customer the facility (the clause's subject) takes on. Another role
  // (`a second contractor, Bechtel`) names none.
  std::optional<TenancyRelation> apposed(std::size_t o) const;

  // `customers including OpenAI and Meta`, `order book now includes OpenAI`: a name listed among
  // the facility's customers or deals (not its investors or suppliers).
  std::optional<TenancyRelation> included(std::size_t o) const;

  // The role the words right after an organisation give it, whatever reading related it: a role
  // noun after `becomes`, `named`, `as` (`Micron becomes memory supplier for ...`: a supplier;
  // `becomes its anchor customer`: a tenant), and money taken (`takes a slice of ... round`,
  // `buys into`, `invests`: an investor).
  // Gives the role and the token of the verb that states it.
  std::optional<std::pair<TenancyRole, std::size_t>> stated_role(std::size_t o) const;

  // Compute among the few words from `from` (`a slice of Colossus capacity`, not of its round).
  bool compute_after(std::size_t from) const;

  // After `as` just after `after`: true for a tenant's role noun (`as the anchor tenant`), false for
  // another role (`as a supplier`), nothing when no `as` follows.
  std::optional<bool> role_after_as(std::size_t after) const;

  // `as` then a tenant's role noun between two tokens: `as the anchor`, `as its newest tenant`.
  bool role_noun_after_as(std::size_t from, std::size_t to) const;

  bool has_anchor() const;

  // `Fluidstack, whose clients include Meta and Midjourney`, `Fluidstack -- a cloud whose
  // customers are Meta`: a relative clause listing the facility's tenants. The antecedent is the
  // nearest mention before `whose`, across an apposition; only a tenant's role noun lists tenants.
  std::optional<TenancyRelation> listed_role(std::size_t o) const;

  // `Mistral signs on as a tenant`, `Meta joins as a customer`: the facility named in another clause.
  // With `its_only`, only `becomes its ...` counts (the facility is named in the same clause).
  std::optional<TenancyRelation> signs_on(std::size_t o, bool its_only) const;

  // `signs for 150 MW`, `signs for more capacity`: a sign verb, `for`, then an amount of capacity.
  bool signs_for_amount(std::size_t verb) const;

  // `JPMorgan signs on` with nothing after it in the clause.
  bool signs_on_bare(std::size_t verb) const;

  // A renewing or taking verb, `its`, and a capacity deal: `expands its GPU reservation`.
  bool its_contract(std::size_t verb) const;

  // `signed on for more GPUs`, `signs on to extra capacity`: the phrasal verb with compute after it.
  bool signs_on_for_compute(std::size_t verb) const;

  // `secures ... GPU capacity`, `reserved more compute`: a verb of securing with compute as its
  // object, no goods or money in it.
  bool secures_compute(std::size_t verb) const;

  // A verb of taking whose object points back at the facility: `takes over`, `absorbs the
  // capacity`, `picks up the lease`.
  bool takes_it_up(std::size_t verb) const;

  // `which`/`that` standing for an anchor just before it (`Colossus, which ...`, `Rainier project, which`).
  std::vector<std::size_t> relative_pronouns() const;

  std::optional<TenancyRelation> relative(std::size_t o, std::size_t pronoun) const;
};

}  // namespace watchdesk::triggers::clause_reading
