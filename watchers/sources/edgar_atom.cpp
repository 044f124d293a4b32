// Parsing EDGAR's Atom feeds (company filings and latest filings) with pugixml.
#include "watchers/sources/edgar_atom.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <unordered_map>

#include <boost/unordered/unordered_flat_set.hpp>

#include "core/body.hpp"
#include "core/text/strings.hpp"
#include "core/text/utf8.hpp"
#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {
namespace {

constexpr std::string_view feed_what = "EDGAR Atom feed";

// Companies kept per filing in the latest-filings feed (a group filing lists a few dozen at most).
constexpr std::size_t max_entities = 64;

enum class Encoding { utf8, latin1 };

std::optional<Encoding> encoding_named(std::string_view name) {
  static constexpr std::array<std::string_view, 3> utf8{"utf-8", "utf8", "unicode-1-1-utf-8"};
  static constexpr std::array<std::string_view, 11> latin1{
      "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252",
      "us-ascii", "ascii", "iso-ir-100"};
  std::string lowered = text::to_lower_ascii(name);
  if (std::find(utf8.begin(), utf8.end(), lowered) != utf8.end()) return Encoding::utf8;
  if (std::find(latin1.begin(), latin1.end(), lowered) != latin1.end()) return Encoding::latin1;
  return std::nullopt;
}

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node node, std::string_view name) {
  for (auto c : node.children())
    if (c.type() == pugi::node_element && local_name(c.name()) == name) return c;
  return {};
}

std::string text_of(pugi::xml_node node) { return node ? clean_text(node.child_value()) : std::string(); }

// The trimmed text of `node` as a view of the document, for values that are parsed rather than kept
// (accession numbers, dates, times): the parsers accept ASCII only.
std::string_view raw_text_of(pugi::xml_node node) { return text::trim(node.child_value()); }

// A feed parsed into a DOM; `converted` holds the UTF-8 text when the body had to be transcoded.
struct FeedDocument {
  std::string converted;
  pugi::xml_document doc;
};

Status load_feed(std::string_view body, FeedDocument& out) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(fmt::format("{}: the document is empty; expected an Atom feed", feed_what));
  if (body.substr(0, 2) == "\xFE\xFF" || body.substr(0, 2) == "\xFF\xFE" ||
      body.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4))
    return make_error(fmt::format(
        "{}: the document is in UTF-16 or UTF-32; watchdesk reads feeds in UTF-8 or ISO-8859-1", feed_what));
  if (auto foreign = describe_foreign_document(body, Syntax::xml))
    return make_error(fmt::format("{}: expected an Atom feed, got {}", feed_what, *foreign));

  Encoding encoding = Encoding::utf8;
  if (const std::string_view declared = xml_declared_encoding(body); !declared.empty()) {
    auto known = encoding_named(declared);
    if (!known)
      return make_error(fmt::format(
          "{}: the document declares encoding \"{}\", which watchdesk does not read (EDGAR feeds are "
          "ISO-8859-1 or UTF-8)",
          feed_what, clean_text(declared.substr(0, 40))));
    encoding = *known;
  }

  // No DTD is ever processed: DOCTYPE nodes are kept only to be refused below, and entity
  // declarations in them are never expanded (pugixml does not expand them either).
  constexpr unsigned options = pugi::parse_default | pugi::parse_doctype;
  std::string_view text = body;
  pugi::xml_parse_result result;
  if (encoding == Encoding::latin1) {
    out.converted = text::latin1_to_utf8(body);
    text = out.converted;
    result = out.doc.load_buffer_inplace(out.converted.data(), out.converted.size(), options,
                                         pugi::encoding_utf8);
  } else {
    result = out.doc.load_buffer(body.data(), body.size(), options, pugi::encoding_utf8);
  }
  if (!result) {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    // A complete XML document ends with `>`; an error at or past the last character, or a
    // document that stops elsewhere, points at a truncated body.
    auto last = text.find_last_not_of(" \t\r\n");
    bool at_end = last == std::string_view::npos || text[last] != '>' || offset >= last;
    return make_error(fmt::format("{}: XML error at {}: {}{}", feed_what, describe_position(text, offset),
                                  result.description(), at_end ? " (the document ends early: truncated?)" : ""));
  }
  for (auto node : out.doc.children())
    if (node.type() == pugi::node_doctype)
      return make_error(fmt::format(
          "{}: the document has a DOCTYPE, which EDGAR feeds never have; refusing it (DTDs and entity "
          "declarations are not processed)",
          feed_what));
  auto root = out.doc.document_element();
  if (!root)
    return make_error(fmt::format("{}: expected an Atom <feed> document, got no element", feed_what));
  if (local_name(root.name()) != "feed")
    return make_error(fmt::format("{}: expected an Atom <feed> document, got <{}>", feed_what,
                                  clean_text(std::string_view(root.name()).substr(0, 64))));
  return ok_status();
}

// What an entry title such as `S-1 - Space Exploration Technologies Corp (0001181412) (Filer)` says.
struct TitleParts {
  std::string form;
  std::string company;
  std::string cik;
  std::string role;
};

// Splits a trailing `(...)` group off `text`; returns the group's inside.
std::optional<std::string_view> take_trailing_group(std::string_view& text) {
  if (text.empty() || text.back() != ')') return std::nullopt;
  auto open = text.rfind('(');
  if (open == std::string_view::npos) return std::nullopt;
  auto inside = text.substr(open + 1, text.size() - open - 2);
  text = text::trim(text.substr(0, open));
  return text::trim(inside);
}

TitleParts parse_entry_title(std::string_view title) {
  TitleParts parts;
  std::string_view rest = text::trim(title);
  std::string_view probe = rest;
  auto last = take_trailing_group(probe);
  if (!last) return parts;
  if (text::all_digits(*last)) {
    parts.cik = std::string(*last);
    rest = probe;
  } else {
    std::string_view before_role = probe;
    auto cik = take_trailing_group(before_role);
    if (!cik || !text::all_digits(*cik)) return parts;
    parts.role = std::string(*last);
    parts.cik = std::string(*cik);
    rest = before_role;
  }
  auto sep = rest.find(" - ");
  if (sep != std::string_view::npos) {
    parts.form = std::string(text::trim(rest.substr(0, sep)));
    rest = text::trim(rest.substr(sep + 3));
  }
  parts.company = std::string(rest);
  return parts;
}

// The value after `label` in an EDGAR summary (`<b>Filed:</b> 2026-06-03 <b>AccNo:</b> ...`).
std::string_view labelled_value(std::string_view summary, std::string_view label) {
  auto pos = summary.find(label);
  if (pos == std::string_view::npos) return {};
  std::string_view rest = summary.substr(pos + label.size());
  while (true) {
    rest = text::trim(rest);
    if (rest.empty() || rest.front() != '<') break;
    auto close = rest.find('>');
    if (close == std::string_view::npos) return {};
    rest.remove_prefix(close + 1);
  }
  auto end = rest.find_first_of(" \t\r\n<");
  return rest.substr(0, end);
}

// A link usable as-is: absolute http(s), or a path on www.sec.gov.
std::string usable_link(std::string href) {
  const std::string_view h = href;
  if (h.starts_with("https://") || h.starts_with("http://")) return href;
  if (h.starts_with("/") && !h.starts_with("//")) return "https://www.sec.gov" + href;
  return {};
}

// The CIK in an Archives path (`/Archives/edgar/data/1181412/...`).
std::string cik_from_archives_url(std::string_view url) {
  constexpr std::string_view marker = "/edgar/data/";
  auto pos = url.find(marker);
  if (pos == std::string_view::npos) return {};
  auto rest = url.substr(pos + marker.size());
  auto cik = normalize_cik(rest.substr(0, rest.find('/')));
  return cik ? *cik : std::string();
}

// Everything one `<entry>` says about its filing.
struct EntryFields {
  std::optional<std::string> accession;
  std::string form;
  std::string filing_date;
  std::string index_url;
  std::optional<TimePoint> accepted;
  TitleParts title;
  std::string raw_title;
};

// The children of an `<entry>` and of its `<content>` that `read_entry` reads, found in one pass
// over each (the first of each name; `category` and `link` are where their runs start).
struct EntryNodes {
  pugi::xml_node content, summary, title, id, updated, category, link;
  pugi::xml_node accession, filing_type, filing_date, filing_href;
};

EntryNodes entry_nodes(pugi::xml_node entry) {
  EntryNodes n;
  auto keep = [](pugi::xml_node& slot, pugi::xml_node c) {
    if (!slot) slot = c;
  };
  for (auto c : entry.children()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    if (name == "content") keep(n.content, c);
    else if (name == "summary") keep(n.summary, c);
    else if (name == "title") keep(n.title, c);
    else if (name == "id") keep(n.id, c);
    else if (name == "updated") keep(n.updated, c);
    else if (name == "category") keep(n.category, c);
    else if (name == "link") keep(n.link, c);
  }
  for (auto c : n.content.children()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view name = local_name(c.name());
    // The company feed has long spelled it `accession-nunber`; `accession-number` is read too.
    if (name.substr(0, 11) == "accession-n") keep(n.accession, c);
    else if (name == "filing-type") keep(n.filing_type, c);
    else if (name == "filing-date") keep(n.filing_date, c);
    else if (name == "filing-href") keep(n.filing_href, c);
  }
  return n;
}

// An `<entry>` read in two steps: its accession number first, the rest only when it is wanted.
class EntryReader {
 public:
  explicit EntryReader(pugi::xml_node entry) : nodes_(entry_nodes(entry)) {}

  // The accession number: `<content>`'s, else the one in the id, else the summary's `AccNo:`.
  std::optional<std::string> accession() {
    if (nodes_.accession) {
      if (auto found = normalize_accession(raw_text_of(nodes_.accession))) return found;
    }
    const std::string_view id = raw_text_of(nodes_.id);
    constexpr std::string_view marker = "accession-number=";
    if (auto pos = id.find(marker); pos != std::string::npos) {
      if (auto found = normalize_accession(id.substr(pos + marker.size()))) return found;
    }
    return normalize_accession(labelled_value(summary(), "AccNo:"));
  }

  // Everything the entry says about its filing, whose `accession()` was read.
  EntryFields fields(std::optional<std::string> accession);

 private:
  // The summary repeats what `<content>` says; it is read only when something is missing there.
  const std::string& summary() {
    if (!summary_) summary_ = text_of(nodes_.summary);
    return *summary_;
  }

  EntryNodes nodes_;
  std::optional<std::string> summary_;
};

EntryFields EntryReader::fields(std::optional<std::string> accession) {
  EntryFields out;
  const EntryNodes& nodes = nodes_;
  out.accession = std::move(accession);
  out.raw_title = text_of(nodes.title);
  out.title = parse_entry_title(out.raw_title);

  out.form = text_of(nodes.filing_type);
  if (out.form.empty()) {
    for (auto c = nodes.category; c; c = c.next_sibling())
      if (c.type() == pugi::node_element && local_name(c.name()) == "category") {
        out.form = clean_text(c.attribute("term").value());
        if (!out.form.empty()) break;
      }
  }
  if (out.form.empty()) out.form = out.title.form;

  if (auto date = canonical_date(raw_text_of(nodes.filing_date)))
    out.filing_date = *date;
  else if (auto from_summary = canonical_date(labelled_value(summary(), "Filed:")))
    out.filing_date = *from_summary;

  out.index_url = usable_link(text_of(nodes.filing_href));
  if (out.index_url.empty()) {
    for (auto c = nodes.link; c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || local_name(c.name()) != "link") continue;
      std::string_view rel = c.attribute("rel").value();
      if (rel.empty() || rel == "alternate") {
        out.index_url = usable_link(clean_text(c.attribute("href").value()));
        if (!out.index_url.empty()) break;
      }
    }
  }
  out.accepted = parse_acceptance(raw_text_of(nodes.updated));
  return out;
}

std::string describe_entry(std::size_t number, const EntryFields& fields) {
  if (fields.raw_title.empty()) return fmt::format("entry {}", number);
  return fmt::format("entry {} (\"{}\")", number, clean_text(std::string_view(fields.raw_title).substr(0, 120)));
}

// One company named in the latest-filings feed for a filing, in one role.
struct Entity {
  std::string company;
  std::string cik;
  std::string role;
};

int role_rank(std::string_view role) {
  // The company a filing is about first: the subject of a Schedule 13G or a Form 25-NSE (filed by a
  // holder or by the exchange), the issuer of a Form 4; then the filer.
  static constexpr std::array<std::string_view, 5> order{"subject", "issuer", "filer", "filed by", "reporting"};
  std::string lowered = text::to_lower_ascii(role);
  auto it = std::find(order.begin(), order.end(), lowered);
  return static_cast<int>(it - order.begin());
}

// Whether the source's `ciks` or `companies` name `entity`.
bool entity_wanted(const config::Source& source, const Entity& entity) {
  if (cik_wanted(source, entity.cik)) return true;
  for (const auto& wanted : source.companies)
    if (!wanted.empty() && contains_ignoring_case(entity.company, wanted)) return true;
  return false;
}

bool filer_selected(const config::Source& source, const std::vector<Entity>& entities) {
  if (source.ciks.empty() && source.companies.empty()) return true;
  return std::any_of(entities.begin(), entities.end(),
                     [&](const Entity& entity) { return entity_wanted(source, entity); });
}

// The entity that names a filing: the best-ranked role, and within it (co-registrants all file as
// `Filer`) the one the source asks for, else the first.
std::vector<Entity>::const_iterator naming_entity(const config::Source& source, const std::vector<Entity>& entities) {
  auto best = std::min_element(entities.begin(), entities.end(),
                               [](const Entity& a, const Entity& b) { return role_rank(a.role) < role_rank(b.role); });
  if (best == entities.end()) return best;
  const int rank = role_rank(best->role);
  auto wanted = std::find_if(best, entities.end(), [&](const Entity& e) {
    return role_rank(e.role) == rank && entity_wanted(source, e);
  });
  return wanted == entities.end() ? best : wanted;
}

std::string describe_entities(const std::vector<Entity>& entities) {
  std::string out;
  for (const auto& e : entities) {
    if (!out.empty()) out += "; ";
    out += e.company.empty() ? std::string("(unnamed)") : e.company;
    std::string details = e.cik.empty() ? std::string() : "CIK " + e.cik;
    if (!e.role.empty()) details += details.empty() ? e.role : ", " + e.role;
    if (!details.empty()) out += " (" + details + ")";
  }
  return out;
}

// The `<entry>` elements of a feed that carry an accession number the store does not know, in
// order; those without one are recorded in `out.dropped`.
std::vector<EntryFields> entries_with_accession(const pugi::xml_node& root, const KnownKey& known, ParseOutput& out) {
  std::vector<EntryFields> entries;
  std::size_t number = 0;
  // The latest-filings feed lists a filing's roles one after another: the last answer is reused.
  std::string last_known;
  for (auto entry : root.children()) {
    if (entry.type() != pugi::node_element || local_name(entry.name()) != "entry") continue;
    ++number;
    EntryReader reader(entry);
    std::optional<std::string> accession = reader.accession();
    if (accession && known) {
      if (*accession == last_known) continue;
      if (known(*accession)) {
        last_known = std::move(*accession);
        continue;
      }
    }
    EntryFields fields = reader.fields(std::move(accession));
    if (fields.accession) entries.push_back(std::move(fields));
    else out.dropped.push_back(fmt::format("{}: no accession number", describe_entry(number, fields)));
  }
  return entries;
}

}  // namespace

Result<ParseOutput> parse_edgar_filings(std::string_view body, const config::Source& source) {
  return parse_edgar_filings(body, source, KnownKey{});
}

Result<ParseOutput> parse_edgar_filings(std::string_view body, const config::Source& source, const KnownKey& known) {
  FeedDocument feed;
  if (auto loaded = load_feed(body, feed); !loaded) return loaded.error();
  auto root = feed.doc.document_element();

  // The company: `company-info`, else the feed title `NAME  (CIK)`, else the configured CIK.
  auto info = child_named(root, "company-info");
  std::string company = text_of(child_named(info, "conformed-name"));
  std::string cik;
  if (auto c = normalize_cik(text_of(child_named(info, "cik")))) cik = *c;
  if (company.empty() || cik.empty()) {
    auto title = parse_entry_title(text_of(child_named(root, "title")));
    // The feed title has no form part: a ` - ` in it belongs to the name.
    if (company.empty() && !title.cik.empty())
      company = title.form.empty() ? title.company : title.form + " - " + title.company;
    if (cik.empty()) {
      if (auto c = normalize_cik(title.cik)) cik = *c;
    }
  }
  if (cik.empty()) {
    if (auto c = normalize_cik(source.cik)) cik = *c;
  }

  ParseOutput out;
  const std::vector<EntryFields> entries = entries_with_accession(root, known, out);
  out.observations.reserve(entries.size());
  // Views of the accession numbers in `entries`, which stays put while they are in use.
  boost::unordered_flat_set<std::string_view> seen(entries.size());
  for (const auto& fields : entries) {
    if (!seen.insert(*fields.accession).second) continue;
    if (!form_selected(source.forms, fields.form)) continue;
    const std::string entry_cik = cik.empty() ? cik_from_archives_url(fields.index_url) : cik;
    FilingFields filing;
    filing.accession = *fields.accession;
    filing.form = fields.form;
    filing.company = company;
    filing.cik = entry_cik;
    filing.filing_date = fields.filing_date;
    filing.accepted = fields.accepted;
    filing.index_url = fields.index_url;
    out.observations.push_back(make_filing_observation(filing));
  }
  return out;
}

Result<ParseOutput> parse_edgar_current(std::string_view body, const config::Source& source) {
  return parse_edgar_current(body, source, KnownKey{});
}

Result<ParseOutput> parse_edgar_current(std::string_view body, const config::Source& source, const KnownKey& known) {
  FeedDocument feed;
  if (auto loaded = load_feed(body, feed); !loaded) return loaded.error();
  auto root = feed.doc.document_element();

  struct Pending {
    EntryFields fields;
    std::vector<Entity> entities;
  };
  std::vector<Pending> pending;
  std::unordered_map<std::string, std::size_t> by_accession;
  ParseOutput out;
  for (auto& fields : entries_with_accession(root, known, out)) {
    Entity entity;
    if (!fields.title.cik.empty()) {
      entity.company = fields.title.company;
      if (auto c = normalize_cik(fields.title.cik)) entity.cik = *c;
      entity.role = fields.title.role;
    } else {
      entity.cik = cik_from_archives_url(fields.index_url);
    }
    auto [it, inserted] = by_accession.emplace(*fields.accession, pending.size());
    if (inserted) {
      pending.push_back(Pending{std::move(fields), {}});
    } else {
      // Another role of a filing already seen: fill what the first entry lacked.
      auto& first = pending[it->second].fields;
      if (first.form.empty()) first.form = fields.form;
      if (first.filing_date.empty()) first.filing_date = fields.filing_date;
      if (first.index_url.empty()) first.index_url = fields.index_url;
      if (!first.accepted) first.accepted = fields.accepted;
    }
    auto& entities = pending[it->second].entities;
    bool duplicate = std::any_of(entities.begin(), entities.end(), [&](const Entity& e) {
      return e.cik == entity.cik && e.company == entity.company && e.role == entity.role;
    });
    if (!duplicate && entities.size() < max_entities && (!entity.company.empty() || !entity.cik.empty()))
      entities.push_back(std::move(entity));
  }

  for (auto& item : pending) {
    if (!form_selected(source.forms, item.fields.form)) continue;
    if (!filer_selected(source, item.entities)) continue;
    FilingFields filing;
    filing.accession = *item.fields.accession;
    filing.form = item.fields.form;
    auto best = naming_entity(source, item.entities);
    if (best != item.entities.end()) {
      filing.company = best->company;
      filing.cik = best->cik;
      filing.about = text::iequals(best->role, "subject") ? FilingFields::About::subject : FilingFields::About::filer;
    }
    filing.filing_date = item.fields.filing_date;
    filing.accepted = item.fields.accepted;
    filing.index_url = item.fields.index_url;
    Observation obs = make_filing_observation(filing);
    if (!item.entities.empty()) obs.facts.emplace("entities", describe_entities(item.entities));
    out.observations.push_back(std::move(obs));
  }
  return out;
}

}  // namespace watchdesk::sources
