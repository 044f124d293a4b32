// What flows between an organisation and a facility in a clause whose verb the lexicon does not
// know: the closed sets that make an open relation something other than a tenancy.
#pragma once

#include <string_view>

namespace watchdesk::triggers {

/// What a word says flows between the parties of an open relation.
enum class Flow {
  /// Nothing the reading depends on.
  none,
  /// Rented compute or a customer's business: capacity, compute, workloads, training, contract.
  compute,
  /// Hardware, rented from a cloud or sold by a maker: GPUs, chips, servers, racks.
  hardware,
  /// Goods and services only a supplier, landlord or neighbour provides: power, land, turbines,
  /// buildings, cooling, staff.
  goods,
  /// Money: financing, loans, stakes, shares, funding rounds, valuations.
  money,
  /// A verb that sets the parties against or apart from each other: sues, loses, poaches, hires,
  /// overtakes, replaces, leaves.
  hostile,
};

/// What the lower-case word `w` says flows (`Flow::none` for most words).
Flow flow_of(std::string_view w);

}  // namespace watchdesk::triggers
