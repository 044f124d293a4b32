// Reading an array member of a JSON object that may be absent.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string_view>

namespace watchdesk {

/// The member `key` of `object` when it is an array; an empty array otherwise.
const boost::json::array& json_array(const boost::json::object& object, std::string_view key);

}  // namespace watchdesk
