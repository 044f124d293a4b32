// Word tests the clause reader (`tenancy_clause_reader.hpp`) uses: prepositions, determiners,
// quantities, and the words of purchase, supply, motion and roles. Internal to the tenant trigger.
#pragma once

#include <string_view>

namespace watchdesk::triggers::clause_reading {

/// The preposition that governs a mention.
enum class Prep { none, with, to, for_, from, on, of, by, between, other, near, compare, report };

/// The preposition `w` is, as the reader groups them (`into` and `onto` as `to`, `at` as `on`).
Prep prep_named(std::string_view w);
/// A word of nearness (`near`, `beside`, `adjacent`), which makes an organisation a neighbour.
bool is_near_word(std::string_view w);
/// A unit of distance or a measure of it (`miles`, `blocks`, `drive`), as in `two miles from Colossus`.
bool is_distance(std::string_view w);
/// A determiner or a possessive that opens a noun phrase (`a`, `the`, `its`, `'s`).
bool is_determiner(std::string_view w);
/// A quantity that opens a noun phrase with `of` (`all of`, `thousands of`).
bool is_quantifier(std::string_view w);
/// A part of what is rented, whose `of` names the whole (`a slice of`, `a block of`).
bool is_partitive(std::string_view w);
/// An auxiliary or adverb between a subject and its verb (`is`, `will`, `to`, `now`).
bool is_auxiliary(std::string_view w);
/// Hardware a supplier's name qualifies (`Nvidia GPUs`, `Dell servers`).
bool is_goods(std::string_view w);
/// A deal described as supplying the facility (`chip-supply deal`, `cooling contract`).
bool is_supply_qualifier(std::string_view w);
/// A verb of renting or using capacity outright, as opposed to signing or securing a deal.
bool is_outright_take(std::string_view w);
/// Verbs of buying goods or space outright.
bool is_purchase(std::string_view w);
/// Verbs of putting hardware to work, whose `for` names whom it serves (`deploys GPUs for Microsoft`).
bool is_deploy(std::string_view w);
/// Verbs of coming over to a place, whose `onto`/`to` names where (`follows Anthropic onto Colossus`).
bool is_motion(std::string_view w);
/// Verbs that list a role's members: `whose clients include Meta`.
bool is_listing(std::string_view w);
/// Verbs of working together rather than trading (`partners with`, `teams up with`).
bool is_cooperation(std::string_view w);
/// Verbs of courting a customer (`courts`, `woos`, `pitches`): talks, not a deal.
bool is_wooing(std::string_view w);
/// The forms of `take` (`takes space`, `took capacity`).
bool is_take_form(std::string_view w);
/// Roles other than a tenant's that an organisation is signed or named `as`.
bool is_other_role(std::string_view w);
/// Roles of money among the other roles (`lender`, `investor`).
bool is_money_role(std::string_view w);
/// A part of a company or its round that is bought (`a slice of`, `a stake in`).
bool is_equity_share(std::string_view w);
/// Verbs of building or running a facility, after `to` for a deal's purpose (`to build`, `to operate`).
bool is_build_purpose(std::string_view w);
/// The words of leasing and renting (`lease`, `leased`, `rents`, `subleases`).
bool is_lease_or_rent(std::string_view w);
/// Supply verbs whose object is the thing supplied, used after `to` for a deal's purpose.
bool is_supply_purpose(std::string_view w);

}  // namespace watchdesk::triggers::clause_reading
