// HTML to plain text: tags, comments, scripts and character references.
#pragma once

#include <string>
#include <string_view>

namespace watchdesk::text {

/// Decodes character references in `text`: the five XML entities, the 253 HTML 4 named entities
/// (`&nbsp;` `&mdash;` `&rsquo;` `&eacute;` ...; names are case-sensitive), and numeric references
/// (`&#8217;`, `&#x2019;`). A reference needs its closing `;`; unknown names and references without
/// `;` are kept as written. Numeric references to 0x80-0x9F are read as windows-1252 (as browsers
/// do), and NUL, surrogates or values above U+10FFFF become U+FFFD. One level only: `&amp;lt;`
/// gives `&lt;`.
std::string decode_entities(std::string_view text);

/// Turns an HTML fragment into plain text: drops tags, comments, `<script>` and `<style>` content;
/// keeps CDATA content; block-level tags (`p`, `br`, `div`, `li`, `h1`...) separate words; then
/// decodes entities (`decode_entities`) and collapses whitespace (`collapse_whitespace`). A `<` that
/// does not start a tag (`a < b`) is text. The result is valid UTF-8 when `html` is.
std::string strip_html(std::string_view html);

/// Appends the plain text of `html` to `out`, as `strip_html` gives it (whitespace collapsed and
/// trimmed within the appended part).
void append_html_text(std::string& out, std::string_view html);

}  // namespace watchdesk::text
