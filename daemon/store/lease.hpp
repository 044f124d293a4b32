// Delivery leases: the name a process claims outbox rows under, and whether a claim's owner is gone.
#pragma once

#include <string>
#include <string_view>

namespace watchdesk::store {

/// This process's lease owner name, `HOST:PID:NONCE` (the nonce tells two lives of one pid apart);
/// the same for every call in one process.
const std::string& process_lease_owner();

/// True when `owner` names a process on this host that no longer exists: its claims can be taken
/// at once instead of at their expiry. False for this process, other hosts and unreadable names.
bool lease_owner_gone(std::string_view owner);

}  // namespace watchdesk::store
