// Constructions that name the organisation as the one capacity goes to, by their shape rather than
// by a verb between it and the facility: capacity given to it, access it has, needs of its that the
// facility serves, its business won, its payments.
#pragma once

#include <cstddef>
#include <optional>

#include "watchers/triggers/tenancy_constructions.hpp"

namespace watchdesk::triggers {

/// `GPU capacity will be provided to Microsoft`, `will provide ... TPUs ... to Anthropic`: compute or
/// the facility given `to` the organisation, in the active or the passive. Money or a stake given
/// instead (`$2 billion in equity to Mistral`) names no tenant.
std::optional<StatedTenancy> given_to(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `Microsoft will have access to 100,000 GB300 chips`, `give OpenAI access to ... GPUs in AWS's data
/// centers`: access to compute had or given, the facility anywhere in the clause or another one.
std::optional<StatedTenancy> access_to_compute(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `The contract grants Fluidstack access to Salesforce's sales tools`: the organisation owns what is
/// accessed, and that is neither compute nor a workload; it is no tenant.
bool owns_what_is_reached(const ClauseView& view, std::size_t mention);

/// `deploy ... chips to support OpenAI's expanding computing needs`, `to serve OpenAI's customers`: a
/// purpose of serving the organisation's workload, what serves it being the facility or its owner.
std::optional<StatedTenancy> serves_needs(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `Landing Meta's business`, `picking up Uber's business`, `Google won business from OpenAI`, `a
/// similar Google deal with OpenAI`: the organisation's business, contract or deal won by the
/// facility or its owner.
std::optional<StatedTenancy> business_won(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `87% of Cerebras revenue came from G42`, `Microsoft accounted for 71% of revenue`: the
/// organisation as the source of the facility's revenue, a customer.
std::optional<StatedTenancy> revenue_source(const ClauseView& view, std::size_t mention, bool facility_elsewhere);

/// `CoreWeave onboards Arista for its spine switches`: an organisation taken on for the facility's
/// own equipment supplies it.
bool taken_on_for_equipment(const ClauseView& view, std::size_t mention);

}  // namespace watchdesk::triggers
