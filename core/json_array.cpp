// Array members of JSON objects.
#include "core/json_array.hpp"

namespace watchdesk {

const boost::json::array& json_array(const boost::json::object& object, std::string_view key) {
  static const boost::json::array empty;
  const auto* v = object.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : empty;
}

}  // namespace watchdesk
