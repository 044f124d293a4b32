// The organisations a `tenant` trigger can name: the shipped list of AI labs, clouds and large
// enterprises with their aliases, extended and filtered per trigger.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace watchdesk::triggers {

/// What an organisation mainly is. A `supplier` (chips, servers, power) that signs a deal with a
/// facility is taken for its supplier unless the sentence says it rents capacity; a `provider` of
/// capacity (a neocloud, a data-center operator) that signs a bare deal with a facility's owner
/// rents to the owner rather than from it. A `host` (powered land, buildings, colocation: Applied
/// Digital, Core Scientific) is one tier below: its bare deal with a neocloud or cloud leases the
/// neocloud space, so it is the facility's landlord, never its tenant.
enum class OrganisationKind { buyer, supplier, provider, host };

/// One organisation: the name alerts and state use, and every name it is written as in the news.
struct Organisation {
  std::string name;
  /// Names matched in text (the canonical name included), as written or in capitals; products
  /// stand for their maker (`Claude` for Anthropic, `ChatGPT` for OpenAI).
  std::vector<std::string> aliases;
  OrganisationKind kind = OrganisationKind::buyer;
};

/// The shipped list, in a stable order.
const std::vector<Organisation>& shipped_organisations();

/// Whether an organisation can be a new tenant, or is one of the subject's owners or known tenants.
enum class Standing { candidate, owner, known };

/// An organisation as one trigger sees it.
struct TriggerOrganisation {
  Organisation organisation;
  Standing standing = Standing::candidate;
};

/// The owners used when a trigger gives none: `xAI`, `X.AI`, `SpaceX`, `SpaceXAI`, `Musk`,
/// `Elon Musk`, `X Corp`, `Grok`.
const std::vector<std::string>& default_owners();

/// The organisations of one `tenant` trigger: the shipped list plus its `candidates`, with its
/// `owners` (default `default_owners()`) and `known` marked. A name in `candidates`, `owners` or
/// `known` that equals (any case) a listed name or alias refers to that organisation; any other
/// name becomes an organisation of its own, matched as written.
std::vector<TriggerOrganisation> trigger_organisations(const config::Trigger& trigger);

/// The organisations for explicit `owners`, `known` tenants and extra `candidates`: the shipped
/// list marked as `trigger_organisations` does.
std::vector<TriggerOrganisation> organisations_for(const std::vector<std::string>& owners,
                                                   const std::vector<std::string>& known,
                                                   const std::vector<std::string>& candidates);

/// The index of the organisation `name` refers to (any case, name or alias), if any.
std::optional<std::size_t> find_organisation(const std::vector<TriggerOrganisation>& orgs, std::string_view name);

}  // namespace watchdesk::triggers
