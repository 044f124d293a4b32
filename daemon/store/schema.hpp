// The state database schema as a list of forward migrations, one per `PRAGMA user_version`.
#pragma once

#include <span>
#include <string_view>

namespace watchdesk::store {

/// One step of the schema: applied in order, inside the transaction that opens the store, to take
/// a database from `version - 1` to `version`.
struct Migration {
  int version;
  std::string_view description;
  const char* sql;
};

/// Every migration, oldest first; the last one's version is the schema this build writes.
std::span<const Migration> migrations();

}  // namespace watchdesk::store
