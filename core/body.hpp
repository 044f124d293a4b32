// What a fetched body looks like: byte-order marks, XML declarations, HTML pages, short descriptions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace watchdesk {

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

/// The syntax a parser expects its document in.
enum class Syntax { json, xml };

/// What `body` is when it is plainly not a document in `expected` syntax: an HTML page (an error or
/// block page: `an HTML page titled '...'`), XML where JSON was expected, JSON where XML was
/// expected; nullopt otherwise.
std::optional<std::string> describe_foreign_document(std::string_view body, Syntax expected);

/// `line L, column C` for byte `offset` of `text` (both 1-based; columns count characters).
std::string describe_position(std::string_view text, std::size_t offset);

}  // namespace watchdesk
