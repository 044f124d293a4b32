// Shared checks for the parsers: body sniffing, HTML titles, XML declarations, JSON parsing, errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "config/config.hpp"
#include "watchers/result.hpp"

namespace watchdesk::sources {

/// An error about `source`: `source ID: MESSAGE`.
Error source_error(const config::Source& source, std::string_view message);

/// `body` without a UTF-8 byte-order mark and leading whitespace.
std::string_view skip_bom_and_space(std::string_view body);

/// The `encoding` named by the XML declaration that opens `body` (after a byte-order mark and
/// whitespace), such as `ISO-8859-1`; empty when there is none.
std::string_view xml_declared_encoding(std::string_view body);

/// True when `body` starts like an HTML page (`<!DOCTYPE html`, `<html`, `<head`, `<body`).
bool looks_like_html(std::string_view body);

/// The text of the first `<title>` of an HTML page: markup stripped, whitespace collapsed, cut to
/// 80 bytes on a code point boundary; empty when there is none.
std::string html_title(std::string_view body);

/// What `body` looks like, for "expected X but got Y" messages: `an empty answer`,
/// `an HTML page titled '503 Service Unavailable'`, or `text starting 'No data'`.
std::string describe_body(std::string_view body);

/// Parses `body` as JSON into values allocated from `storage` (a monotonic resource in the
/// parsers). On failure the error names the source, says where (line, column, byte offset) and
/// what was `expected` (`Greenhouse job-board JSON`); an HTML page or other text says so.
Result<boost::json::value> parse_json_body(std::string_view body, boost::json::storage_ptr storage,
                                           const config::Source& source, std::string_view expected);

/// The member `key` of `object` when it is a string (nullopt otherwise).
std::optional<std::string_view> json_string(const boost::json::object& object, std::string_view key);

/// `value` as a whole number when it is an integer, or a double holding one within 64-bit range.
std::optional<std::int64_t> json_integer(const boost::json::value& value);

/// `value` as a double when it is a number (which may be infinite when the text overflowed).
std::optional<double> json_number(const boost::json::value& value);

/// A JSON value's text for messages, cut to 40 bytes (`"abc"`, `1e999`, `{...}`).
std::string json_excerpt(const boost::json::value& value);

}  // namespace watchdesk::sources
