// Reading `[watchdesk]`: the daemon's settings.
#include "config/loader_state.hpp"

#include <algorithm>
#include <cmath>

#include "config/rules.hpp"
#include "core/suggest.hpp"
#include "core/text/strings.hpp"
#include "core/units.hpp"
#include "core/urls.hpp"

namespace watchdesk::config::loading {

void Loader::read_settings(const Section& s) {
  check_plain_keys(s, settings_keys());
  auto& w = config_.watchdesk;
  if (auto state = read_string(s, "state", Need::required, "state = \"/var/lib/watchdesk/state.db\""))
    w.state = resolve_path(*state);
  Position ua_at;
  if (auto ua = read_string(s, "user_agent", Need::optional, {}, &ua_at)) {
    if (auto problem = user_agent_problem(*ua))
      fail(ua_at, s.label + " 'user_agent' " + *problem);
    else
      w.user_agent = *ua;
  }
  user_agent_at_ = ua_at;
  Position level_at;
  if (auto level = read_string(s, "log_level", Need::optional, {}, &level_at)) {
    static const std::vector<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (std::find(levels.begin(), levels.end(), *level) == levels.end()) {
      std::string message = s.label + " unknown log_level '" + *level + "'";
      if (auto guess = closest_match(*level, levels))
        message += "; did you mean '" + *guess + "'? Valid";
      else
        message += "; valid";
      fail(level_at, message + " levels: " + text::join(levels, ", "));
    } else {
      w.log_level = *level;
    }
  }
  if (auto b = read_bool(s, "metrics_public")) w.metrics_public = *b;
  if (auto b = read_bool(s, "allow_file_urls")) w.allow_file_urls = *b;
  Position metrics_at;
  if (auto address = read_string(s, "metrics", Need::optional, {}, &metrics_at)) {
    std::string host;
    std::string port;
    if (address->starts_with('[')) {
      auto close = address->find("]:");
      if (close != std::string::npos) {
        host = address->substr(1, close - 1);
        port = address->substr(close + 2);
      }
    } else if (auto colon = address->rfind(':'); colon != std::string::npos) {
      host = address->substr(0, colon);
      port = address->substr(colon + 1);
    }
    int port_number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), port_number);
    if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || port_number < 1 ||
        port_number > 65535) {
      fail(metrics_at, s.label + " 'metrics' must be HOST:PORT such as \"127.0.0.1:9464\", got " + in_quotes(*address));
    } else if (!is_loopback_host(host) && !w.metrics_public) {
      fail(metrics_at, s.label + " 'metrics' address " + in_quotes(*address) +
                           " is not a loopback address; /metrics would be reachable from the network. Bind "
                           "127.0.0.1, or set metrics_public = true to allow it");
    } else {
      w.metrics = *address;
    }
  }
  if (auto token = read_string(s, "metrics_token", Need::optional, {}, &metrics_token_at_)) {
    if (auto reference = parse_secret_reference(*token); !reference)
      fail(metrics_token_at_, s.label + " 'metrics_token': " + reference.error().message);
    else
      metrics_token_reference_ = *token;
  }
  if (w.metrics_public && !w.metrics.empty() && metrics_token_reference_.empty()) {
    fail(position_of(s.table->get("metrics_public")->source()),
         s.label + " metrics_public = true serves the status page and its API to the network; set metrics_token = "
                   "\"env:WATCHDESK_STATUS_TOKEN\" (or file:PATH, credential:NAME) so that they need a token");
  }
  std::vector<Position> channel_at;
  if (auto list = read_strings(s, "health_channels", Need::optional, "[\"desk\"]", &channel_at)) {
    if (list->empty()) {
      fail(position_of(s.table->get("health_channels")->source()),
           s.label + " 'health_channels' is empty; remove it to send source-health alerts to every channel");
    }
    w.health_channels = *list;
    health_channels_at_ = channel_at;
  }
  if (auto size = read_size(s, "max_body")) w.max_body = *size;
  if (auto rate = read_number(s, "sec_rate", Need::optional)) {
    if (*rate <= 0 || *rate > 10)
      fail(position_of(s.table->get("sec_rate")->source()),
           s.label +
               " 'sec_rate' must be more than 0 and at most 10 requests per second (SEC fair-access "
               "limit for all your machines together)");
    else
      w.sec_rate = *rate;
  }
  if (auto rate = read_number(s, "host_rate", Need::optional)) {
    if (*rate <= 0)
      fail(position_of(s.table->get("host_rate")->source()),
           s.label + " 'host_rate' must be more than 0 requests per second");
    else
      w.host_rate = *rate;
  }
  if (auto n = read_integer(s, "host_connections", Need::optional, 1, 64)) w.host_connections = static_cast<int>(*n);
  if (auto d = read_duration(s, "connect_timeout", Need::optional)) w.connect_timeout = *d;
  if (auto d = read_duration(s, "timeout", Need::optional)) w.timeout = *d;
  Position ca_at;
  if (auto ca = read_string(s, "ca_file", Need::optional, {}, &ca_at)) {
    w.ca_file = resolve_path(*ca);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(w.ca_file, ec))
      fail(ca_at, s.label + " 'ca_file' " + w.ca_file.string() + " is not a readable file");
  }
  if (auto dir = read_string(s, "archive", Need::optional)) w.archive = resolve_path(*dir);
  if (auto keep = read_duration(s, "archive_keep", Need::optional)) w.archive_keep = *keep;
  if (auto n = read_integer(s, "fail_after", Need::optional, 1, 1000)) w.fail_after = static_cast<int>(*n);
  if (auto n = read_integer(s, "stale_after", Need::optional, 1, 1000)) w.stale_after = static_cast<int>(*n);
  if (auto factor = read_number(s, "price_factor", Need::optional)) {
    if (!(*factor > 1))
      fail(position_of(s.table->get("price_factor")->source()),
           s.label + " 'price_factor' must be more than 1 (a price more than this many times above or below "
                     "the last close is refused)");
    else
      w.price_factor = *factor;
  }
}

}  // namespace watchdesk::config::loading
