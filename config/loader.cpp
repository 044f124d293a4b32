// The config loader: TOML parse, the sections in order, then the cross-checks (the sections and
// checks themselves are in the `loader_*.cpp` files beside this one).
#include "config/loader.hpp"

#include <malloc.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <system_error>

#include "config/loader_state.hpp"
#include "config/source_groups.hpp"
#include "core/suggest.hpp"
#include "core/text/strings.hpp"

namespace watchdesk::config {

namespace loading {

void Loader::read_root() {
  for (auto&& [key, node] : root_) {
    const auto name = key.str();
    // A settings key above the [watchdesk] header (`metrics` is both a key and a section).
    if (!node.is_table() && std::find(settings_keys().begin(), settings_keys().end(), name) != settings_keys().end()) {
      fail(Tier::keys, position_of(key.source()),
           "'" + std::string(name) + "' belongs in the [watchdesk] section: put it after the [watchdesk] header");
      continue;
    }
    if (std::find(section_names().begin(), section_names().end(), name) != section_names().end()) {
      if (!node.is_table())
        fail(position_of(key.source()),
             "'" + std::string(name) + "' must be a table ([" + std::string(name) + "]), got " + type_phrase(node));
      continue;
    }
    std::string message = "unknown section '" + std::string(name) + "'";
    if (auto guess = closest_match(name, section_names()))
      message += "; did you mean [" + *guess + "]? Sections";
    else
      message += "; sections";
    message += " are " + text::join(section_names(), ", ");
    fail(Tier::keys, position_of(key.source()), std::move(message));
  }
}

void Loader::read_sources(toml::table& tree) {
  const auto sources = entries(tree, "sources");
  for (const auto& s : sources) declared_sources_.insert(s.id);
  config_.sources.reserve(config_.sources.size() + sources.size());
  source_info_.reserve(source_info_.size() + sources.size());
  // Each source's table leaves the tree as soon as the source is read out of it: the tree and the
  // sources read from it are never both whole in memory.
  auto* tables = tree["sources"].as_table();
  for (const auto& s : sources) {
    read_source(s);
    if (tables != nullptr) tables->erase(s.id);
  }
}

bool Loader::read_source_groups(std::string_view text, const std::vector<SourceGroup>& groups) {
  std::size_t total = 0;
  for (const auto& g : groups) total += g.count;
  config_.sources.reserve(total);
  source_info_.reserve(total);
  std::string document;
  for (const auto& group : groups) {
    group_document(text, group, document);
    toml::table tree;
    try {
      tree = toml::parse(document, shown_.string());
    } catch (const toml::parse_error&) {
      return false;
    }
    // A group holds `[sources.ID]` tables only, each defined once in the whole file.
    const auto* sources = tree["sources"].as_table();
    if (tree.size() != 1 || sources == nullptr) return false;
    for (auto&& [key, node] : *sources)
      if (declared_sources_.count(std::string(key.str())) != 0) return false;
    read_sources(tree);
  }
  return true;
}

Result<Config> Loader::load(std::string_view text, SourceTables tables) {
  const auto error_at = [&](Position at, std::string message) {
    at.file = shown_.string();
    return Error{std::move(message), std::move(at), ErrorKind::config};
  };
  std::vector<SourceGroup> groups;
  if (tables != SourceTables::in_one_tree) {
    groups = find_source_groups(text, kSourcesPerGroup);
    std::size_t count = 0;
    for (const auto& g : groups) count += g.count;
    if (tables == SourceTables::in_groups_when_many && count < kSourcesPerGroup) groups.clear();
  }
  const auto one_tree = [&] {
    needs_one_tree_ = true;
    return error_at(Position{}, "the sources cannot be read in groups");
  };
  try {
    if (groups.empty()) root_ = toml::parse(text, shown_.string());
    else root_ = toml::parse(without_groups(text, groups), shown_.string());
  } catch (const toml::parse_error& e) {
    if (!groups.empty()) return one_tree();
    return error_at(position_of(e.source()), std::string(e.description()));
  }
  // Outside the groups, a `sources` key would join tables the groups hold.
  if (!groups.empty() && root_.contains("sources")) return one_tree();

  read_root();
  if (const auto* node = root_.get("watchdesk"); node && node->is_table()) {
    settings_section_ = Section{node->as_table(), "[watchdesk]", "watchdesk", position_of(node->source())};
    have_settings_ = true;
    read_settings(settings_section_);
  } else if (node == nullptr) {
    fail(Position{{}, 1, 1}, "missing [watchdesk] section; it needs at least state = \"/var/lib/watchdesk/state.db\"");
  }

  auto metrics = entries(root_, "metrics");
  auto triggers = entries(root_, "triggers");
  auto channels = entries(root_, "channels");
  auto figures = entries(root_, "figures");
  auto digests = entries(root_, "digests");
  for (const auto& s : metrics) declared_metrics_.insert(s.id);
  for (const auto& s : channels) declared_channels_.insert(s.id);
  if (groups.empty()) read_sources(root_);
  else if (!read_source_groups(text, groups)) return one_tree();
  for (const auto& s : metrics) read_metric(s);
  for (const auto& s : triggers) read_trigger(s);
  for (const auto& s : channels) read_channel(s);
  for (const auto& s : figures) read_figure(s);
  for (const auto& s : digests) read_digest(s);

  if (have_settings_) {
    check_source_urls();
    check_user_agent();
  }
  check_metrics();
  check_references();

  if (findings().empty()) resolve_secrets();
  if (auto first = first_finding()) return error_at(first->at, first->message);
  return std::move(config_);
}

}  // namespace loading

namespace {

using loading::Loader;

std::filesystem::path absolute_of(const std::filesystem::path& file) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(file, ec);
  return ec ? file : absolute.lexically_normal();
}

Error file_error(const std::filesystem::path& file, std::string message) {
  return Error{std::move(message), Position{file.string(), 0, 0}, ErrorKind::config};
}

}  // namespace

Result<Config> load_config_text(std::string_view text, const std::filesystem::path& file, SourceTables tables) {
  Result<Config> loaded = [&]() -> Result<Config> {
    try {
      {
        Loader loader(file, absolute_of(file));
        auto result = loader.load(text, tables);
        if (!loader.needs_one_tree()) return result;
      }
      Loader whole(file, absolute_of(file));
      return whole.load(text, SourceTables::in_one_tree);
    } catch (const std::exception& e) {
      return file_error(file, std::string("cannot load the configuration: ") + e.what());
    } catch (...) {
      return file_error(file, "cannot load the configuration");
    }
  }();
  // The TOML tree is gone: its pages go back to the system instead of staying in the heap's free
  // lists (tens of MiB with tens of thousands of sources).
  ::malloc_trim(0);
  return loaded;
}

Result<Config> load_config(const std::filesystem::path& file) {
  try {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      int error = errno;
      return file_error(file, "cannot read the configuration file: " + std::generic_category().message(error));
    }
    // One string of the file's size (the file may also be a pipe, of no known size): no copy of it.
    std::string text;
    std::error_code size_error;
    if (const auto size = std::filesystem::file_size(file, size_error); !size_error) text.reserve(size);
    std::array<char, 65536> chunk;
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return file_error(file, "cannot read the configuration file");
    return load_config_text(text, file);
  } catch (const std::exception& e) {
    return file_error(file, std::string("cannot read the configuration file: ") + e.what());
  }
}

}  // namespace watchdesk::config
