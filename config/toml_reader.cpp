// Typed readers and key checks over TOML tables.
#include "config/toml_reader.hpp"

#include <cctype>
#include <cmath>

#include "core/units.hpp"
#include "core/urls.hpp"

namespace watchdesk::config {

Position position_of(const toml::source_region& region) {
  return {{}, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

std::string type_phrase(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool has_control_chars(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return std::iscntrl(static_cast<unsigned char>(c)) != 0; });
}

bool has_space_or_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::iscntrl(u) != 0 || std::isspace(u) != 0;
  });
}

// Ids start with a letter and use letters, digits, `-` and `_` (so `ID.FIELD` series parse).
bool valid_id(std::string_view id) {
  if (id.empty() || !std::isalpha(static_cast<unsigned char>(id.front()))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_'; });
}

std::optional<Finding> TomlReader::first_finding() const {
  if (found_.empty()) return std::nullopt;
  return *std::min_element(found_.begin(), found_.end(), [](const Finding& a, const Finding& b) {
    if (a.tier != b.tier) return a.tier < b.tier;
    if (a.at.line != b.at.line) return a.at.line < b.at.line;
    return a.at.column < b.at.column;
  });
}

void TomlReader::missing(const Section& s, std::string_view key, std::string_view example) {
  std::string message = s.label + " is missing required key '" + std::string(key) + "'";
  if (!example.empty()) message += " (such as " + std::string(example) + ")";
  fail(s.header, std::move(message));
}

void TomlReader::wrong_type(const Section& s, std::string_view key, const toml::node& node, std::string_view expected) {
  fail(position_of(node.source()),
       s.label + " '" + std::string(key) + "' must be " + std::string(expected) + ", got " + type_phrase(node));
}

const toml::node* TomlReader::value(const Section& s, std::string_view key, Need need, std::string_view example) {
  const toml::node* node = s.table->get(key);
  if (node == nullptr && need == Need::required) missing(s, key, example);
  return node;
}

std::optional<std::string> TomlReader::read_string(const Section& s, std::string_view key, Need need,
                                               std::string_view example, Position* at) {
  const auto* node = value(s, key, need, example);
  if (node == nullptr) return std::nullopt;
  if (at) *at = position_of(node->source());
  const auto* str = node->as_string();
  if (str == nullptr) {
    wrong_type(s, key, *node, example.empty() ? "a string" : "a string such as " + std::string(example));
    return std::nullopt;
  }
  if (str->get().empty()) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  return str->get();
}

std::optional<bool> TomlReader::read_bool(const Section& s, std::string_view key) {
  const auto* node = value(s, key, Need::optional, {});
  if (node == nullptr) return std::nullopt;
  if (const auto* b = node->as_boolean()) return b->get();
  wrong_type(s, key, *node, "true or false");
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::read_integer(const Section& s, std::string_view key, Need need, std::int64_t min,
                                                 std::int64_t max, std::string_view example) {
  const auto* node = value(s, key, need, example);
  if (node == nullptr) return std::nullopt;
  const auto* i = node->as_integer();
  if (i == nullptr) {
    wrong_type(s, key, *node, "an integer");
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must be between " + std::to_string(min) +
                                          " and " + std::to_string(max) + ", got " + std::to_string(i->get()));
    return std::nullopt;
  }
  return i->get();
}

std::optional<double> TomlReader::read_number(const Section& s, std::string_view key, Need need, std::string_view example) {
  const auto* node = value(s, key, need, example);
  if (node == nullptr) return std::nullopt;
  if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
  if (const auto* f = node->as_floating_point()) {
    if (!std::isfinite(f->get())) {
      fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must be a finite number");
      return std::nullopt;
    }
    return f->get();
  }
  wrong_type(s, key, *node, "a number");
  return std::nullopt;
}

std::optional<Seconds> TomlReader::read_duration(const Section& s, std::string_view key, Need need,
                                             std::string_view example) {
  const auto* node = value(s, key, need, example);
  if (node == nullptr) return std::nullopt;
  const auto* str = node->as_string();
  if (str == nullptr) {
    wrong_type(s, key, *node, "a duration string such as \"10m\"");
    return std::nullopt;
  }
  auto parsed = parse_duration(str->get());
  if (!parsed) {
    fail(position_of(node->source()),
         s.label + " '" + std::string(key) + "' is not a duration: " + in_quotes(str->get()) +
             "; write whole numbers with the units s, m, h, d, w, largest first, such as \"90s\", \"10m\", "
             "\"6h\", \"7d\" or \"1h30m\"");
    return std::nullopt;
  }
  if (parsed->count() < 1) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must be at least 1s");
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::size_t> TomlReader::read_size(const Section& s, std::string_view key) {
  const auto* node = value(s, key, Need::optional, {});
  if (node == nullptr) return std::nullopt;
  std::optional<std::size_t> size;
  if (const auto* i = node->as_integer()) {
    if (i->get() > 0) size = static_cast<std::size_t>(i->get());
  } else if (const auto* str = node->as_string()) {
    size = parse_size(str->get());
    if (!size) {
      fail(position_of(node->source()),
           s.label + " '" + std::string(key) + "' is not a size: " + in_quotes(str->get()) +
               "; write a whole number of bytes with an optional unit B, KiB, MiB, GiB, KB, MB or GB, such as "
               "\"16MiB\"");
      return std::nullopt;
    }
  } else {
    wrong_type(s, key, *node, "a size such as \"16MiB\" or a number of bytes");
    return std::nullopt;
  }
  if (!size || *size == 0) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must be more than 0 bytes");
    return std::nullopt;
  }
  return size;
}

std::optional<double> TomlReader::read_fraction(const Section& s, std::string_view key, double max) {
  const auto* node = value(s, key, Need::optional, {});
  if (node == nullptr) return std::nullopt;
  std::optional<double> fraction;
  if (const auto* str = node->as_string()) {
    fraction = parse_percent(str->get());
    if (!fraction) {
      fail(position_of(node->source()), s.label + " '" + std::string(key) + "' is not a percentage: " +
                                            in_quotes(str->get()) + "; write it such as \"10%\"");
      return std::nullopt;
    }
  } else if (const auto* i = node->as_integer()) {
    fraction = static_cast<double>(i->get());
  } else if (const auto* f = node->as_floating_point()) {
    fraction = f->get();
  } else {
    wrong_type(s, key, *node, "a percentage such as \"10%\" or a fraction such as 0.1");
    return std::nullopt;
  }
  if (!std::isfinite(*fraction) || *fraction < 0 || *fraction > max) {
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' must be between 0% and " +
                                          std::to_string(static_cast<int>(max * 100)) + "%");
    return std::nullopt;
  }
  return fraction;
}

std::optional<TimePoint> TomlReader::read_date(const Section& s, std::string_view key) {
  const auto* node = value(s, key, Need::optional, {});
  if (node == nullptr) return std::nullopt;
  if (const auto* d = node->as_date()) {
    const auto& date = d->get();
    std::chrono::year_month_day ymd{std::chrono::year{date.year}, std::chrono::month{date.month},
                                    std::chrono::day{date.day}};
    if (ymd.ok()) return TimePoint{std::chrono::sys_days{ymd}};
  } else if (const auto* str = node->as_string()) {
    if (auto parsed = parse_date(str->get())) return parsed;
    fail(position_of(node->source()), s.label + " '" + std::string(key) + "' is not a date: " + in_quotes(str->get()) +
                                          "; write it as YYYY-MM-DD, such as 2026-06-12");
    return std::nullopt;
  }
  wrong_type(s, key, *node, "a date such as 2026-06-12");
  return std::nullopt;
}

std::optional<std::vector<std::string>> TomlReader::read_strings(const Section& s, std::string_view key, Need need,
                                                             std::string_view example,
                                                             std::vector<Position>* element_at, Position* at) {
  const auto* node = value(s, key, need, example);
  if (node == nullptr) return std::nullopt;
  if (at) *at = position_of(node->source());
  const auto* array = node->as_array();
  std::string expected =
      "an array of strings such as " + (example.empty() ? std::string("[\"a\", \"b\"]") : std::string(example));
  if (array == nullptr) {
    wrong_type(s, key, *node, expected);
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const auto& element : *array) {
    const auto* str = element.as_string();
    if (str == nullptr) {
      fail(position_of(element.source()),
           s.label + " '" + std::string(key) + "' must be " + expected + ", got " + type_phrase(element) + " in it");
      ok = false;
      continue;
    }
    if (str->get().empty()) {
      fail(position_of(element.source()), s.label + " '" + std::string(key) + "' must not contain empty strings");
      ok = false;
      continue;
    }
    out.push_back(str->get());
    if (element_at) element_at->push_back(position_of(element.source()));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::string> TomlReader::read_url(const Section& s, std::string_view key, Need need, std::string_view example,
                                            Position* at) {
  Position here;
  auto url = read_string(s, key, need, example, &here);
  if (at) *at = here;
  if (!url) return std::nullopt;
  auto scheme = url_scheme(*url);
  bool web = scheme == "http" || scheme == "https";
  // A relative `file:` path is turned into a URL later, so only it may hold spaces.
  bool relative_file = scheme == "file" && !url->starts_with("file://");
  bool bad_chars = relative_file ? has_control_chars(*url) : has_space_or_control(*url);
  if (bad_chars || (!web && scheme != "file") || (web && url_host(*url).empty())) {
    fail(here, s.label + " '" + std::string(key) + "' must be an http:// or https:// URL with a host, got " +
                   in_quotes(*url));
    return std::nullopt;
  }
  return url;
}

void TomlReader::check_plain_keys(const Section& s, const std::vector<std::string>& allowed) {
  for (auto&& [key, node] : *s.table) {
    (void)node;
    const auto name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string message = "unknown key '" + std::string(name) + "' in " + s.label;
    if (auto guess = closest_match(name, allowed))
      message += "; did you mean '" + *guess + "'?";
    else
      message += "; valid keys: " + text::join(allowed, ", ");
    fail(Tier::keys, position_of(key.source()), std::move(message));
  }
}

std::vector<Section> TomlReader::entries(const toml::table& root, std::string_view section) {
  std::vector<Section> out;
  const auto* node = root.get(section);
  if (node == nullptr) return out;
  const auto* table = node->as_table();
  if (table == nullptr) return out;  // reported by read_root
  out.reserve(table->size());
  for (auto&& [key, child] : *table) {
    std::string id(key.str());
    std::string label = "[" + std::string(section) + "." + id + "]";
    const auto* child_table = child.as_table();
    if (child_table == nullptr) {
      fail(position_of(child.source()), "'" + id + "' in [" + std::string(section) + "] must be a table (" + label +
                                            " with its keys), got " + type_phrase(child));
      continue;
    }
    if (!valid_id(id)) {
      fail(position_of(key.source()), label +
                                          ": an id must start with a letter and use only letters, digits, "
                                          "'-' and '_'");
      continue;
    }
    out.push_back(Section{child_table, std::move(label), std::move(id), position_of(child.source())});
  }
  std::sort(out.begin(), out.end(), [](const Section& a, const Section& b) {
    return a.header.line != b.header.line ? a.header.line < b.header.line : a.header.column < b.header.column;
  });
  return out;
}

}  // namespace watchdesk::config
