// The organisations a `tenant` trigger can name: the shipped list of AI labs, clouds and large
// enterprises with their aliases, extended and filtered per trigger.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace watchdesk::triggers {

/// One organisation: the name alerts and state use, and every name it is written as in the news.
struct Organisation {
  std::string name;
  /// Names matched in text (the canonical name included), as written or in capitals.
  std::vector<std::string> aliases;
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

/// The owners used when a trigger gives none: `xAI`, `X.AI`, `SpaceX`.
const std::vector<std::string>& default_owners();

/// The organisations of one `tenant` trigger: the shipped list plus its `candidates`, with its
/// `owners` (default `default_owners()`) and `known` marked. A name in `candidates`, `owners` or
/// `known` that equals (any case) a listed name or alias refers to that organisation; any other
/// name becomes an organisation of its own, matched as written.
std::vector<TriggerOrganisation> trigger_organisations(const config::Trigger& trigger);

}  // namespace watchdesk::triggers
