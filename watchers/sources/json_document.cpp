// Loading JSON documents for the parsers, with errors that say what and where.
#include "watchers/sources/json_document.hpp"

#include <boost/json/parser.hpp>
#include <fmt/format.h>

#include "watchers/sources/edgar_common.hpp"

namespace watchdesk::sources {

Result<boost::json::value> parse_json_document(std::string_view body, boost::json::storage_ptr storage,
                                               std::string_view what) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error(fmt::format("{}: the document is empty; expected JSON", what));
  if (auto foreign = describe_foreign_document(body, Syntax::json))
    return make_error(fmt::format("{}: expected JSON, got {}", what, *foreign));
  // The parser's working stack starts on this one, as in `boost::json::parse`.
  unsigned char stack_buffer[BOOST_JSON_STACK_BUFFER_SIZE];
  boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), stack_buffer,
                             sizeof stack_buffer);
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  std::size_t used = parser.write_some(body.data(), body.size(), ec);
  if (ec) {
    std::string_view hint;
    if (ec == boost::json::error::incomplete) hint = " (the document ends early: truncated?)";
    return make_error(fmt::format("{}: JSON error at {}: {}{}", what, describe_position(body, used),
                                  ec.message(), hint));
  }
  auto rest = body.substr(used);
  auto extra = rest.find_first_not_of(" \t\r\n");
  if (extra != std::string_view::npos)
    return make_error(fmt::format("{}: JSON error at {}: unexpected text after the document", what,
                                  describe_position(body, used + extra)));
  return parser.release();
}

std::string describe_json(const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: break;
  }
  const auto& object = value.get_object();
  if (object.empty()) return "an empty object";
  std::string keys;
  std::size_t shown = 0;
  for (const auto& member : object) {
    if (shown == 5) {
      keys += ", ...";
      break;
    }
    if (shown > 0) keys += ", ";
    keys += fmt::format("\"{}\"", clean_text(std::string_view(member.key().data(), member.key().size())));
    ++shown;
  }
  return fmt::format("an object with keys {}", keys);
}

const boost::json::value* find_member(const boost::json::value& value, std::string_view name) {
  const auto* object = value.if_object();
  if (object == nullptr) return nullptr;
  return object->if_contains(boost::json::string_view(name.data(), name.size()));
}

std::optional<std::string_view> string_member(const boost::json::value& value, std::string_view name) {
  const auto* member = find_member(value, name);
  if (member == nullptr || !member->is_string()) return std::nullopt;
  const auto& s = member->get_string();
  return std::string_view(s.data(), s.size());
}

}  // namespace watchdesk::sources
