// Loading a JSON document for a parser: Boost.JSON into caller-provided storage, errors with a place.
#pragma once

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "watchers/result.hpp"

namespace watchdesk::sources {

/// Parses `body` as one JSON value allocated from `storage` (a `monotonic_resource` for large
/// documents). Errors start with `what` (`EDGAR submissions JSON: ...`) and say where: `JSON error at
/// line 3, column 14: syntax error`; an HTML page, XML or an empty body is named as such.
Result<boost::json::value> parse_json_document(std::string_view body, boost::json::storage_ptr storage,
                                               std::string_view what);

/// A short description of a JSON value for messages: `an array`, `a string`, `an object with keys
/// "a", "b", "c"`.
std::string describe_json(const boost::json::value& value);

/// The member `name` of `value` when `value` is an object that has it; nullptr otherwise.
const boost::json::value* find_member(const boost::json::value& value, std::string_view name);

/// The member `name` of `value` as a string; nullopt when absent or not a string.
std::optional<std::string_view> string_member(const boost::json::value& value, std::string_view name);

}  // namespace watchdesk::sources
