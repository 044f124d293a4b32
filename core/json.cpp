// JSON documents: one loader for every parser, and safe member access.
#include "core/json.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include <limits>

#include "core/body.hpp"
#include "core/text/utf8.hpp"

namespace watchdesk {

Result<boost::json::value> parse_json(std::string_view body, boost::json::storage_ptr storage) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return make_error("the document is empty; expected JSON");
  if (auto foreign = describe_foreign_document(body, Syntax::json)) return make_error("expected JSON, got " + *foreign);
  // The parser's working stack starts on this one, as in `boost::json::parse`: no heap growth for
  // the usual nesting depth.
  unsigned char stack_buffer[BOOST_JSON_STACK_BUFFER_SIZE];
  boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), stack_buffer,
                             sizeof stack_buffer);
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(body.data(), body.size(), ec);
  if (ec) {
    std::string hint;
    if (ec == boost::json::error::incomplete) hint = " (the document ends early: truncated?)";
    return make_error("JSON error at " + describe_position(body, used) + ": " + ec.message() + hint);
  }
  const auto extra = body.substr(used).find_first_not_of(" \t\r\n");
  if (extra != std::string_view::npos)
    return make_error("JSON error at " + describe_position(body, used + extra) + ": unexpected text after the document");
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
    keys += '"';
    keys += text::sanitize_utf8(text::truncate_utf8(std::string_view(member.key().data(), member.key().size()), 64));
    keys += '"';
    ++shown;
  }
  return "an object with keys " + keys;
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

std::optional<std::string_view> json_string(const boost::json::object& object, std::string_view key) {
  const boost::json::value* v = object.if_contains(key);
  if (v == nullptr) return std::nullopt;
  const boost::json::string* s = v->if_string();
  if (s == nullptr) return std::nullopt;
  return std::string_view(s->data(), s->size());
}

std::optional<std::int64_t> json_integer(const boost::json::value& value) {
  if (const auto* i = value.if_int64()) return *i;
  if (const auto* u = value.if_uint64()) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(*u);
  }
  if (const auto* d = value.if_double()) {
    // 2^63 is exactly representable; anything at or beyond it does not fit.
    if (!(*d >= -9223372036854775808.0 && *d < 9223372036854775808.0)) return std::nullopt;
    const auto i = static_cast<std::int64_t>(*d);
    if (static_cast<double>(i) != *d) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

std::optional<double> json_number(const boost::json::value& value) {
  if (const auto* i = value.if_int64()) return static_cast<double>(*i);
  if (const auto* u = value.if_uint64()) return static_cast<double>(*u);
  if (const auto* d = value.if_double()) return *d;
  return std::nullopt;
}

std::string json_excerpt(const boost::json::value& value) {
  std::string out = boost::json::serialize(value);
  if (out.size() > 40) {
    out = std::string(text::truncate_utf8(out, 37));
    out += "...";
  }
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + plain, i - plain);
    plain = i + 1;
    out += '\\';
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '\b': out += 'b'; break;
      case '\f': out += 'f'; break;
      case '\n': out += 'n'; break;
      case '\r': out += 'r'; break;
      case '\t': out += 't'; break;
      default:
        out += "u00";
        out += hex[c >> 4];
        out += hex[c & 0xf];
    }
  }
  out.append(text.data() + plain, text.size() - plain);
  out += '"';
}

}  // namespace watchdesk
