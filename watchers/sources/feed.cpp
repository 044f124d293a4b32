// The `feed` source parser: RSS 2.0, RSS 1.0 and Atom 1.0 into observations.
#include "watchers/sources/feed.hpp"

#include <algorithm>
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <utility>

#include <boost/unordered/unordered_flat_set.hpp>
#include <pugixml.hpp>

#include "core/body.hpp"
#include "core/digest.hpp"
#include "core/text/html.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"

namespace watchdesk::sources {
namespace {

constexpr std::string_view kExpected = "an RSS 2.0 or Atom 1.0 feed";

// How the bytes of the body are to be read.
enum class Charset { utf8, utf16, windows1252, unsupported };

Charset charset_of(std::string_view body, std::string_view declared) {
  if (body.substr(0, 2) == "\xFF\xFE" || body.substr(0, 2) == "\xFE\xFF") return Charset::utf16;
  if (body.size() >= 2 && (body[0] == '\0' || body[1] == '\0')) return Charset::utf16;
  if (declared.empty()) return Charset::utf8;
  for (const std::string_view name : {"utf-8", "utf8", "us-ascii", "ascii"})
    if (text::iequals(declared, name)) return Charset::utf8;
  for (const std::string_view name : {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
                                      "l1", "windows-1252", "cp1252", "iso-8859-15", "latin-9"})
    if (text::iequals(declared, name)) return Charset::windows1252;
  if (declared.size() >= 6 && text::iequals(declared.substr(0, 6), "utf-16")) return Charset::utf16;
  return Charset::unsupported;
}

std::string_view local_name(std::string_view name) {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_of(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon + 1);
}

// The text directly inside `node`: a view of pugixml's buffer when it is a single PCDATA or CDATA
// child (the usual case), else its text children joined in `scratch`.
std::string_view direct_text(pugi::xml_node node, std::string& scratch) {
  const pugi::xml_node first = node.first_child();
  const auto is_text = [](pugi::xml_node c) {
    return c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata;
  };
  if (first && !first.next_sibling() && is_text(first)) return first.value();
  scratch.clear();
  for (pugi::xml_node c = first; c; c = c.next_sibling())
    if (is_text(c)) scratch += c.value();
  return scratch;
}

// The text directly inside `node` without surrounding whitespace (links, ids, dates); `scratch`
// holds it when it has to be joined.
std::string_view trimmed_text(pugi::xml_node node, std::string& scratch) {
  return text::trim(direct_text(node, scratch));
}

// Replaces ill-formed UTF-8 in `s` (pugixml passes bytes through as they are).
void make_valid_utf8(std::string& s) {
  if (!text::is_valid_utf8(s)) s = text::sanitize_utf8(s);
}

// All text inside `node`, element boundaries as spaces (for XHTML or unescaped HTML content).
void append_deep_text(pugi::xml_node node, std::string& out, int depth) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
    } else if (c.type() == pugi::node_element && depth < 64) {
      out += ' ';
      append_deep_text(c, out, depth + 1);
      out += ' ';
    }
  }
}

bool has_element_child(pugi::xml_node node) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element) return true;
  return false;
}

// Plain text of an HTML-bearing element (RSS description, Atom html content).
std::string html_text(pugi::xml_node node) {
  if (has_element_child(node)) {
    std::string raw;
    append_deep_text(node, raw, 0);
    return text::strip_html(raw);
  }
  std::string scratch;
  return text::strip_html(direct_text(node, scratch));
}

// Plain text of an Atom text construct (`type` text, html or xhtml).
std::string atom_text(pugi::xml_node node) {
  const std::string_view type = node.attribute("type").value();
  std::string scratch;
  if (text::iequals(type, "html") || text::iequals(type, "text/html"))
    return text::strip_html(direct_text(node, scratch));
  if (text::iequals(type, "xhtml") || has_element_child(node)) {
    std::string raw;
    append_deep_text(node, raw, 0);
    return text::collapse_whitespace(raw);
  }
  return text::collapse_whitespace(direct_text(node, scratch));
}

// An RSS text element that should be plain text but often carries entities (`&amp;amp;`).
std::string rss_plain(pugi::xml_node node) {
  std::string scratch;
  const std::string_view raw = direct_text(node, scratch);
  if (raw.find('&') == std::string_view::npos) return text::collapse_whitespace(raw);
  return text::collapse_whitespace(text::decode_entities(raw));
}

std::string summary_of(std::string text_in) {
  if (text_in.size() <= kMaxSummaryBytes) return text_in;
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  std::string_view cut = text::truncate_utf8(text_in, kMaxSummaryBytes - kEllipsis.size());
  const std::size_t space = cut.rfind(' ');
  if (space != std::string_view::npos && space + 80 > cut.size()) cut = cut.substr(0, space);
  std::string out(cut);
  out += kEllipsis;
  return out;
}

bool is_google_news_link(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  std::string_view host = url.substr(scheme + 3);
  host = host.substr(0, host.find_first_of("/?#:"));
  return text::iequals(host, "news.google.com");
}

// What one item yields before keying. The views point into the parsed document or into the
// item's scratch strings, which hold text that had to be joined; so an item is filled where it
// lives and never copied or moved.
struct Item {
  Item() = default;
  Item(const Item&) = delete;
  Item& operator=(const Item&) = delete;

  std::string_view guid;
  std::string_view link;
  std::string_view date_text;
  std::string title;
  std::optional<TimePoint> published;
  std::string publisher;
  std::string summary;
  std::string guid_scratch, link_scratch, date_scratch;
};

// Splits Google News' `Headline - Publisher` title when the publisher is known or the link says so.
void split_publisher_from_title(Item& item) {
  if (!item.publisher.empty()) {
    const std::string_view title = item.title;
    const std::size_t cut = title.size() - std::min(title.size(), item.publisher.size());
    if (cut > 3 && title.substr(cut) == item.publisher && title.substr(cut - 3, 3) == " - ") item.title.resize(cut - 3);
    return;
  }
  if (!is_google_news_link(item.link)) return;
  const std::size_t dash = item.title.rfind(" - ");
  if (dash == std::string::npos || dash == 0 || dash + 3 >= item.title.size()) return;
  item.publisher.assign(item.title, dash + 3);
  item.title.resize(dash);
}

// The children of an RSS `<item>` that the RSS readers read, found in one pass (the first of each).
struct RssNodes {
  pugi::xml_node title, link, guid, pub_date, source, description;
  // Prefixed extensions: `atom:link`, `dc:date`, `content:encoded`.
  pugi::xml_node prefixed_link, prefixed_date, encoded;
};

RssNodes rss_nodes(pugi::xml_node node) {
  RssNodes n;
  auto keep = [](pugi::xml_node& slot, pugi::xml_node c) {
    if (!slot) slot = c;
  };
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = c.name();
    if (name.find(':') != std::string_view::npos) {
      const std::string_view local = local_name(name);
      if (local == "link") keep(n.prefixed_link, c);
      else if (local == "date") keep(n.prefixed_date, c);
      else if (local == "encoded") keep(n.encoded, c);
    } else if (name == "title") keep(n.title, c);
    else if (name == "link") keep(n.link, c);
    else if (name == "guid") keep(n.guid, c);
    else if (name == "pubDate") keep(n.pub_date, c);
    else if (name == "source") keep(n.source, c);
    else if (name == "description") keep(n.description, c);
  }
  return n;
}

// Fills what an RSS 2.0 or 1.0 `<item>` is keyed by: guid, link and the date as written.
void read_rss_key(pugi::xml_node node, const RssNodes& nodes, Item& item) {
  item.link = trimmed_text(nodes.link, item.link_scratch);
  if (item.link.empty() && nodes.prefixed_link) item.link = text::trim(nodes.prefixed_link.attribute("href").value());
  if (const pugi::xml_node guid = nodes.guid) {
    item.guid = trimmed_text(guid, item.guid_scratch);
    const bool permalink = !text::iequals(text::trim(guid.attribute("isPermaLink").value()), "false");
    if (item.link.empty() && permalink && item.guid.starts_with("http")) item.link = item.guid;
  }
  if (item.guid.empty()) item.guid = text::trim(node.attribute("rdf:about").value());
  if (nodes.pub_date) item.date_text = trimmed_text(nodes.pub_date, item.date_scratch);
  if (item.date_text.empty() && nodes.prefixed_date) item.date_text = trimmed_text(nodes.prefixed_date, item.date_scratch);
}

// Fills the rest of an RSS `<item>`: title, publication time, publisher, summary.
void read_rss_rest(const RssNodes& nodes, Item& item) {
  item.title = rss_plain(nodes.title);
  std::string scratch;
  if (nodes.pub_date) {
    const std::string_view written = trimmed_text(nodes.pub_date, scratch);
    item.published = parse_rfc822(written);
    if (!item.published) item.published = parse_any_date(written);
  }
  if (!item.published && nodes.prefixed_date) item.published = parse_any_date(trimmed_text(nodes.prefixed_date, scratch));
  item.publisher = rss_plain(nodes.source);
  if (const pugi::xml_node description = nodes.description) item.summary = html_text(description);
  if (item.summary.empty()) {
    if (const pugi::xml_node encoded = nodes.encoded) item.summary = html_text(encoded);
  }
}

// The child `prefix` + `local` of an Atom element.
pugi::xml_node atom_child(pugi::xml_node node, std::string_view prefix, std::string_view local) {
  std::string name(prefix);
  name += local;
  return node.child(name.c_str());
}

// Fills what an Atom `<entry>` whose elements carry `prefix` is keyed by: id, link and the date as
// written (`published`, else `updated`).
void read_atom_key(pugi::xml_node node, std::string_view prefix, Item& item) {
  item.guid = trimmed_text(atom_child(node, prefix, "id"), item.guid_scratch);
  std::string link_name(prefix);
  link_name += "link";
  for (pugi::xml_node link = node.child(link_name.c_str()); link; link = link.next_sibling(link_name.c_str())) {
    const std::string_view rel = link.attribute("rel").value();
    if (rel.empty() || rel == "alternate") {
      item.link = text::trim(link.attribute("href").value());
      if (!item.link.empty()) break;
    }
  }
  for (const std::string_view field : {"published", "updated"}) {
    if (!item.date_text.empty()) break;
    if (const pugi::xml_node date = atom_child(node, prefix, field)) item.date_text = trimmed_text(date, item.date_scratch);
  }
}

// Fills the rest of an Atom `<entry>`: title, publication time, publisher, summary.
void read_atom_rest(pugi::xml_node node, std::string_view prefix, Item& item) {
  item.title = atom_text(atom_child(node, prefix, "title"));
  for (const std::string_view field : {"published", "updated"}) {
    const pugi::xml_node date = atom_child(node, prefix, field);
    if (!date) continue;
    std::string scratch;
    const std::string_view written = trimmed_text(date, scratch);
    if (auto t = parse_rfc3339(written); t) {
      item.published = t;
      break;
    }
    if (auto t = parse_any_date(written); t) {
      item.published = t;
      break;
    }
  }
  if (const pugi::xml_node source = atom_child(node, prefix, "source"))
    item.publisher = atom_text(atom_child(source, prefix, "title"));
  if (const pugi::xml_node summary = atom_child(node, prefix, "summary")) item.summary = atom_text(summary);
  if (item.summary.empty()) {
    if (const pugi::xml_node content = atom_child(node, prefix, "content")) item.summary = atom_text(content);
  }
}

// Item keys already taken in this document, as views of the document, of the keys of
// `ParseOutput::observations` (reserved for every item up front, so the keys never move) or of
// `Keys::known`.
using SeenKeys = boost::unordered_flat_set<std::string_view>;

// What keys an item: those the document took, those the store knows, and copies of known keys
// that are not views of the document.
struct Keys {
  SeenKeys seen;
  const KnownKey& is_known;
  std::deque<std::string> known;
};

// `text` if it is valid UTF-8, else its repaired copy in `scratch`.
std::string_view valid_utf8(std::string_view text_in, std::string& scratch) {
  if (text::is_valid_utf8(text_in)) return text_in;
  scratch = text::sanitize_utf8(text_in);
  return scratch;
}

// Whether `view` lies within `buffer`'s characters.
bool points_into(std::string_view view, const std::string& buffer) {
  const std::less<const char*> before;
  return !before(view.data(), buffer.data()) && !before(buffer.data() + buffer.size(), view.data());
}

// Keys one item and, unless the key repeats or is known, reads the rest of it with `read_rest`,
// cleans it and appends it; or records why it was dropped. The rest is read first when the key or
// the reason needs the title.
template <class ReadRest>
void add_item(Item& item, std::size_t index, std::string_view fallback_publisher, const ReadRest& read_rest,
              Keys& keys, ParseOutput& out) {
  bool whole = false;
  const auto read_whole = [&] {
    if (std::exchange(whole, true)) return;
    read_rest(item);
    make_valid_utf8(item.title);
    make_valid_utf8(item.publisher);
    split_publisher_from_title(item);
    if (item.publisher.empty()) item.publisher = fallback_publisher;
  };
  std::string guid_scratch, link_scratch, key_scratch;
  const std::string_view guid = valid_utf8(item.guid, guid_scratch);
  const std::string_view link = valid_utf8(item.link, link_scratch);
  std::string_view key = guid;
  if (key.empty() && !link.empty()) key = key_scratch = canonical_link(link);
  if (key.empty()) {
    read_whole();
    if (!item.title.empty() || !item.date_text.empty())
      key = key_scratch = "sha256:" + sha256_hex({item.title, "\n", item.date_text}, 16);
  }
  // How a dropped item is named (built only for those).
  const auto label = [&] {
    read_whole();
    return "item #" + std::to_string(index + 1) +
           (item.title.empty() ? std::string() : " '" + std::string(text::truncate_utf8(item.title, 80)) + "'");
  };
  if (key.empty()) {
    out.dropped.push_back(label() + " has no guid, id, link or title to key it by");
    return;
  }
  if (keys.seen.contains(key)) {
    out.dropped.push_back(label() + " repeats key " + std::string(key));
    return;
  }
  if (keys.is_known && keys.is_known(key)) {
    // A view of the document stays put; any other key (one joined in the item's scratch, repaired
    // or derived) is copied to where it does.
    const bool in_document = key.data() == item.guid.data() && !points_into(key, item.guid_scratch);
    keys.seen.insert(in_document ? key : std::string_view(keys.known.emplace_back(key)));
    return;
  }
  read_whole();
  Observation& obs = out.observations.emplace_back();
  obs.key = key;
  keys.seen.insert(obs.key);
  obs.title = std::move(item.title);
  obs.url = link;
  obs.published = item.published;
  // In name order, so that each fact lands at the end of the sorted facts.
  obs.facts.reserve(3);
  if (!guid.empty()) obs.facts.emplace_hint(obs.facts.end(), "guid", guid);
  if (!item.publisher.empty()) obs.facts.emplace_hint(obs.facts.end(), "publisher", std::move(item.publisher));
  if (!item.summary.empty()) {
    make_valid_utf8(item.summary);
    obs.facts.emplace_hint(obs.facts.end(), "summary", summary_of(std::move(item.summary)));
  }
}

Error malformed(std::string_view text_in, const pugi::xml_parse_result& result) {
  const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
  const text::LineColumn at = text::line_column_at(text_in, offset);
  std::string message = "feed XML is malformed at line " + std::to_string(at.line) + ", column " +
                        std::to_string(at.column) + ": " + result.description();
  if (offset + 1 >= text_in.size())
    message += " (the answer looks truncated)";
  message += "; check that the URL serves a complete RSS or Atom feed";
  return make_error(message);
}

// Reserves room for one observation per `name` child of `parent`: `add_item` relies on it.
void reserve_for(pugi::xml_node parent, const char* name, ParseOutput& out, SeenKeys& seen) {
  std::size_t count = 0;
  for (pugi::xml_node c = parent.child(name); c; c = c.next_sibling(name)) ++count;
  out.observations.reserve(count);
  seen.reserve(count);
}

}  // namespace

std::string canonical_link(std::string_view url) {
  url = text::trim(url);
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return std::string(url);
  std::string out;
  out.reserve(url.size());
  for (const char c : url.substr(0, scheme_end)) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  const std::string scheme = out;
  out += "://";
  std::string_view rest = url.substr(scheme_end + 3);
  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, authority_end);
  rest.remove_prefix(authority_end);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    out += authority.substr(0, at + 1);
    authority.remove_prefix(at + 1);
  }
  std::string host;
  for (const char c : authority) host += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if ((scheme == "http" && host.size() > 3 && host.compare(host.size() - 3, 3, ":80") == 0) ||
      (scheme == "https" && host.size() > 4 && host.compare(host.size() - 4, 4, ":443") == 0)) {
    host.resize(host.rfind(':'));
  }
  out += host;
  rest = rest.substr(0, rest.find('#'));
  const std::size_t q = rest.find('?');
  out += rest.substr(0, q);
  if (q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    std::string kept;
    while (!query.empty()) {
      const std::size_t amp = query.find('&');
      const std::string_view param = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
      if (param.empty() || (param.size() >= 4 && text::iequals(param.substr(0, 4), "utm_"))) continue;
      kept += kept.empty() ? '?' : '&';
      kept += param;
    }
    out += kept;
  }
  return out;
}

Result<ParseOutput> parse_feed(std::string_view body, const config::Source& source) {
  return parse_feed(body, source, KnownKey{});
}

Result<ParseOutput> parse_feed(std::string_view body, const config::Source& /*source*/, const KnownKey& known) {
  const std::string_view declared = xml_declared_encoding(body);
  const Charset charset = charset_of(body, declared);
  if (charset != Charset::utf16) {
    const std::string_view start = skip_bom_and_space(body);
    if (start.empty() || start.front() != '<' || looks_like_html(start)) {
      return make_error("expected " + std::string(kExpected) + " but got " + describe_body(body) +
                                      "; check the feed URL");
    }
  }
  if (charset == Charset::unsupported) {
    return make_error("the feed declares encoding '" +
                                    text::sanitize_utf8(text::truncate_utf8(declared, 40)) +
                                    "', which watchdesk cannot read (UTF-8, UTF-16 and "
                                    "ISO-8859-1/windows-1252 only); ask the publisher for UTF-8");
  }
  std::string converted;
  std::string_view xml = body;
  pugi::xml_encoding encoding = pugi::encoding_utf8;
  if (charset == Charset::windows1252) {
    converted = text::latin1_to_utf8(body);
    xml = converted;
  } else if (charset == Charset::utf16) {
    encoding = pugi::encoding_auto;
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result result = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, encoding);
  if (!result) return malformed(xml, result);

  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = root.name();
  const std::string_view root_local = local_name(root_name);
  ParseOutput out;
  Keys keys{{}, known, {}};
  std::size_t index = 0;
  if (root_local == "rss" || root_local == "RDF") {
    const pugi::xml_node channel = root.child("channel");
    if (root_local == "rss" && !channel) {
      return make_error("the RSS document has no <channel>; check the feed URL");
    }
    const std::string channel_title = text::sanitize_utf8(rss_plain(channel.child("title")));
    // RSS 2.0 items live in the channel, RSS 1.0 items next to it.
    const pugi::xml_node parent = root_local == "rss" ? channel : root;
    reserve_for(parent, "item", out, keys.seen);
    for (pugi::xml_node node = parent.child("item"); node; node = node.next_sibling("item")) {
      Item item;
      const RssNodes nodes = rss_nodes(node);
      read_rss_key(node, nodes, item);
      add_item(item, index++, channel_title, [&](Item& whole) { read_rss_rest(nodes, whole); }, keys, out);
    }
  } else if (root_local == "feed") {
    const std::string prefix(prefix_of(root_name));
    const std::string feed_title = text::sanitize_utf8(atom_text(root.child((prefix + "title").c_str())));
    const std::string entry_name = prefix + "entry";
    reserve_for(root, entry_name.c_str(), out, keys.seen);
    for (pugi::xml_node entry = root.child(entry_name.c_str()); entry; entry = entry.next_sibling(entry_name.c_str())) {
      Item item;
      read_atom_key(entry, prefix, item);
      add_item(item, index++, feed_title, [&](Item& whole) { read_atom_rest(entry, prefix, whole); }, keys, out);
    }
  } else {
    std::string what = "an XML document whose root element is <" +
                       text::sanitize_utf8(text::truncate_utf8(root_name, 40)) + ">";
    if (text::iequals(root_local, "html")) what = describe_body(body);
    return make_error("expected " + std::string(kExpected) + " but got " + what + "; check the feed URL");
  }
  return out;
}

}  // namespace watchdesk::sources
