// Loading JSON documents with errors that say where, and reading their members safely.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace watchdesk {

/// Parses `body` as one JSON value allocated from `storage` (a `monotonic_resource` for large
/// documents). The error says what came instead (`expected JSON, got an HTML page titled '...'`, an
/// empty document) or where the JSON breaks (`JSON error at line 3, column 14: syntax error`);
/// the caller adds what document it expected and for which source.
Result<boost::json::value> parse_json(std::string_view body, boost::json::storage_ptr storage);

/// A short description of a JSON value for messages: `an array`, `a string`, `an object with keys
/// "a", "b", "c"`.
std::string describe_json(const boost::json::value& value);

/// The member `name` of `value` when `value` is an object that has it; nullptr otherwise.
const boost::json::value* find_member(const boost::json::value& value, std::string_view name);

/// The member `name` of `value` as a string; nullopt when absent or not a string.
std::optional<std::string_view> string_member(const boost::json::value& value, std::string_view name);

/// The member `key` of `object` when it is a string (nullopt otherwise).
std::optional<std::string_view> json_string(const boost::json::object& object, std::string_view key);

/// `value` as a whole number when it is an integer, or a double holding one within 64-bit range.
std::optional<std::int64_t> json_integer(const boost::json::value& value);

/// `value` as a double when it is a number (which may be infinite when the text overflowed).
std::optional<double> json_number(const boost::json::value& value);

/// Appends `text` to `out` as a JSON string literal, quotes included, escaped exactly as
/// `boost::json::serialize` escapes a string (so stored JSON reads the same either way); for hot
/// paths that write a flat object of strings without building a `boost::json::object` first.
void append_json_string(std::string& out, std::string_view text);

/// A JSON value's text for messages, cut to 40 bytes (`"abc"`, `1e999`, `{...}`).
std::string json_excerpt(const boost::json::value& value);

}  // namespace watchdesk
