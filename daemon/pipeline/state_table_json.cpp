// The observable-state table's JSON rows.
#include "daemon/pipeline/state_table_json.hpp"

#include <boost/json/object.hpp>

namespace watchdesk::pipeline {

boost::json::array state_table_json(const std::vector<triggers::Reading>& rows) {
  namespace json = boost::json;
  json::array table;
  for (const auto& r : rows) {
    json::object o{{"row", r.row}, {"kind", r.kind}, {"reading", r.reading}};
    o["value"] = r.value ? json::value(*r.value) : json::value(nullptr);
    o["status"] = r.status ? json::value(config::to_string(*r.status))
                           : r.status_label.empty() ? json::value(nullptr) : json::value(r.status_label);
    o["as_of"] = r.as_of ? json::value(format_rfc3339(*r.as_of)) : json::value(nullptr);
    if (r.evidence) o["evidence"] = json::object{{"signal", r.evidence->signal}, {"url", r.evidence->url}};
    else o["evidence"] = nullptr;
    table.push_back(std::move(o));
  }
  return table;
}

}  // namespace watchdesk::pipeline
