// `Client`: per-host queues, token buckets, connection caps and the SEC 403 pause over `CurlMulti`.
#include "daemon/http/client.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "config/rules.hpp"
#include "core/text/strings.hpp"
#include "core/urls.hpp"
#include "watchdesk/version.hpp"

namespace watchdesk::http {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

/// The EDGAR fair-access ceiling: never more than this many requests per second to SEC hosts.
constexpr double sec_rate_ceiling = 10.0;

long long whole_seconds_up(Clock::duration d) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
  return ms <= 0 ? 0 : (ms + 999) / 1000;
}

}  // namespace

ClientOptions ClientOptions::from_settings(const config::Settings& settings) {
  ClientOptions options;
  options.user_agent = settings.user_agent;
  if (settings.max_body > 0) options.max_body = settings.max_body;
  if (settings.sec_rate > 0) options.sec_rate = settings.sec_rate;
  if (settings.host_rate > 0) options.host_rate = settings.host_rate;
  if (settings.host_connections > 0) options.host_connections = settings.host_connections;
  if (settings.connect_timeout.count() > 0) options.connect_timeout = settings.connect_timeout;
  if (settings.timeout.count() > 0) options.timeout = settings.timeout;
  options.ca_file = settings.ca_file.string();
  options.file_urls = settings.allow_file_urls ? FileUrls::allow : FileUrls::refuse;
  return options;
}

std::string politeness_key(std::string_view host) {
  if (host.empty()) return {};
  if (is_sec_host(host)) return "sec.gov";
  return text::to_lower_ascii(host);
}

Client::Client(asio::io_context& io, ClientOptions options)
    : io_(io),
      options_(std::move(options)),
      // Connections per host are counted here (fetches and deliveries apart), not by libcurl.
      multi_(io, MultiOptions{0, 0}) {
  if (options_.user_agent.empty()) options_.user_agent = std::string("watchdesk/") + version;
}

Client::~Client() { alive_.reset(); }

HostSnapshot Client::host(std::string_view key) const {
  HostSnapshot snapshot;
  auto it = hosts_.find(std::string(key));
  if (it == hosts_.end()) return snapshot;
  snapshot.queued = it->second.fetches.size() + it->second.deliveries.size();
  snapshot.active = it->second.active_fetches + it->second.active_deliveries;
  snapshot.paused = Clock::now() < it->second.paused_until;
  return snapshot;
}

std::size_t Client::queued_fetches() const {
  std::size_t n = 0;
  for (const auto& [key, state] : hosts_) n += state.fetches.size();
  return n;
}

Client::HostState& Client::host_state(const std::string& key) {
  auto it = hosts_.find(key);
  if (it != hosts_.end()) return it->second;
  const bool sec = key == "sec.gov";
  const double rate = sec ? std::min(options_.sec_rate, sec_rate_ceiling) : options_.host_rate;
  const int connections = std::max(options_.host_connections, 1);
  HostState& state = hosts_.try_emplace(key, io_, rate, connections).first->second;
  // libcurl keeps open every connection the hosts may have at once, fetches and deliveries apart.
  multi_.keep_connections(2L * connections * static_cast<long>(hosts_.size()));
  return state;
}

void Client::submit(Request request, Completion done) {
  if (request.user_agent.empty()) request.user_agent = options_.user_agent;
  Limits& limits = request.limits;
  if (limits.max_body == 0) limits.max_body = options_.max_body;
  if (limits.connect_timeout.count() == 0) limits.connect_timeout = options_.connect_timeout;
  if (limits.timeout.count() == 0) limits.timeout = options_.timeout;
  if (limits.low_speed_limit == 0) limits.low_speed_limit = options_.low_speed_limit;
  if (limits.low_speed_time.count() == 0) limits.low_speed_time = options_.low_speed_time;
  if (request.ca_file.empty()) request.ca_file = options_.ca_file;
  // `allow_file_urls` decides, whatever the request asked for.
  if (request.protocols != Protocols::mail) {
    request.protocols = options_.file_urls == FileUrls::allow ? Protocols::web_and_file : Protocols::web;
  }
  std::string origin = request.url;
  enqueue(Queued{std::move(request), std::move(done), std::move(origin), 0, Clock::now()});
}

void Client::enqueue(Queued item) {
  const std::string host = url_host(item.request.url);
  const std::string key = politeness_key(host);
  item.queued_at = Clock::now();

  if (key.empty()) {
    // No host (file://): nothing to be polite to.
    multi_.start(std::move(item.request), std::move(item.done));
    return;
  }
  if (key == "sec.gov" && !config::has_email(item.request.user_agent)) {
    fail_now(std::move(item), Failure::not_started,
             fmt::format("refusing to contact {} without a contact email in the User-Agent (SEC "
                         "fair-access rules): set [watchdesk] user_agent",
                         host),
             std::nullopt);
    return;
  }

  HostState& state = host_state(key);
  const auto now = Clock::now();
  if (now < state.paused_until) {
    const auto left = state.paused_until - now;
    fail_now(std::move(item), Failure::not_started,
             fmt::format("{} for {} s more", state.pause_reason, whole_seconds_up(left)),
             Seconds(whole_seconds_up(left)));
    return;
  }
  if (item.request.purpose == Purpose::delivery) state.deliveries.push_back(std::move(item));
  else state.fetches.push_back(std::move(item));
  ++queued_;
  pump(key);
}

void Client::pump(const std::string& key) {
  auto it = hosts_.find(key);
  if (it == hosts_.end()) return;
  HostState& state = it->second;
  // Deliveries first, on connections of their own: no fetch backlog holds an alert back.
  while (!state.deliveries.empty() && state.active_deliveries < state.connections) {
    Queued item = std::move(state.deliveries.front());
    state.deliveries.pop_front();
    --queued_;
    start(key, state, std::move(item));
  }
  while (!state.fetches.empty() && state.active_fetches < state.connections) {
    const auto now = Clock::now();
    if (now < state.paused_until) {
      // Paused while these waited: fail them now, each with the time left.
      const auto left = state.paused_until - now;
      while (!state.fetches.empty()) {
        Queued item = std::move(state.fetches.front());
        state.fetches.pop_front();
        --queued_;
        fail_now(std::move(item), Failure::not_started,
                 fmt::format("{} for {} s more", state.pause_reason, whole_seconds_up(left)),
                 Seconds(whole_seconds_up(left)));
      }
      break;
    }
    if (!state.bucket.try_take(now)) {
      if (!state.timer_armed) {
        state.timer_armed = true;
        state.timer.expires_at(state.bucket.next_available());
        std::weak_ptr<int> alive = alive_;
        state.timer.async_wait([this, alive, key](const boost::system::error_code& ec) {
          if (alive.expired()) return;
          auto found = hosts_.find(key);
          if (found == hosts_.end()) return;
          found->second.timer_armed = false;
          if (ec) return;
          pump(key);
        });
      }
      return;
    }
    Queued item = std::move(state.fetches.front());
    state.fetches.pop_front();
    --queued_;
    start(key, state, std::move(item));
  }
  expire_waiting(key, state);
}

void Client::expire_waiting(const std::string& key, HostState& state) {
  // With nothing left to wait, the wait's timer goes: an armed one would keep the loop (and a
  // `check` that has finished) alive until it expired.
  if (state.fetches.empty()) {
    if (state.wait_armed) {
      state.wait_armed = false;
      state.wait_timer.cancel();
    }
    return;
  }
  // Only fetches held back by the connection cap wait for a connection; those waiting for a token
  // wait for the host's rate, which is the point of the queue.
  if (state.active_fetches < state.connections) return;
  const auto now = Clock::now();
  while (!state.fetches.empty() && now - state.fetches.front().queued_at >= options_.connect_wait) {
    Queued item = std::move(state.fetches.front());
    state.fetches.pop_front();
    --queued_;
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - item.queued_at);
    fail_now(std::move(item), Failure::no_connection,
             fmt::format("waited {} ms for a free connection to {} (all {} busy); tried again later",
                         waited.count(), key, state.connections),
             std::nullopt);
  }
  if (state.fetches.empty() || state.wait_armed) return;
  state.wait_armed = true;
  state.wait_timer.expires_at(state.fetches.front().queued_at + options_.connect_wait);
  std::weak_ptr<int> alive = alive_;
  state.wait_timer.async_wait([this, alive, key](const boost::system::error_code& ec) {
    if (alive.expired()) return;
    // A cancelled wait was disarmed when it was cancelled (and may be armed again since).
    if (ec) return;
    auto found = hosts_.find(key);
    if (found == hosts_.end()) return;
    found->second.wait_armed = false;
    pump(key);
  });
}

void Client::start(const std::string& key, HostState& host, Queued item) {
  const bool delivery = item.request.purpose == Purpose::delivery;
  ++(delivery ? host.active_deliveries : host.active_fetches);
  std::weak_ptr<int> alive = alive_;
  // What the next hop needs: the request again (a GET has no body to copy).
  auto hop = std::make_shared<Queued>(Queued{item.request, nullptr, item.origin_url, item.hops, {}});
  hop->done = std::move(item.done);
  multi_.start(std::move(item.request), [this, alive, key, hop](Response response) {
    if (!alive.expired()) {
      finished(key, hop->request, response);
      if (follow(*hop, response)) return;
    }
    response.url = hop->origin_url;
    response.redirects = hop->hops;
    if (hop->done) hop->done(std::move(response));
  });
}

bool Client::follow(Queued& hop, Response& response) {
  const Request& request = hop.request;
  const bool redirect = response.failure == Failure::http_status && response.status >= 300 &&
                        response.status < 400 && response.status != 304 && !response.redirect_url.empty();
  if (!redirect || request.method != Method::get || request.redirects != Redirects::follow) return false;
  if (hop.hops >= request.limits.max_redirects) {
    response.failure = Failure::too_many_redirects;
    response.error = fmt::format("more than {} redirects", request.limits.max_redirects);
    response.curl_code = CURLE_TOO_MANY_REDIRECTS;
    return false;
  }
  const std::string scheme = url_scheme(response.redirect_url);
  if (scheme != "http" && scheme != "https") {
    response.failure = Failure::protocol_refused;
    response.error = fmt::format("a redirect to a {} URL", scheme.empty() ? "relative" : scheme);
    return false;
  }
  spdlog::debug("{}: HTTP {} from {}, following to {}", request.label.empty() ? "http" : request.label,
                response.status, url_host(request.url), url_host(response.redirect_url));
  Queued next{request, std::move(hop.done), hop.origin_url, hop.hops + 1, {}};
  next.request.url = response.redirect_url;
  enqueue(std::move(next));
  return true;
}

void Client::finished(const std::string& key, const Request& request, const Response& response) {
  auto it = hosts_.find(key);
  if (it == hosts_.end()) return;
  HostState& state = it->second;
  --(request.purpose == Purpose::delivery ? state.active_deliveries : state.active_fetches);
  if (key == "sec.gov" && response.failure == Failure::http_status && response.status == 403) {
    const std::string host = url_host(request.url);
    const std::string& label = request.label;
    state.paused_until = Clock::now() + options_.sec_forbidden_pause;
    state.pause_reason = fmt::format("requests to SEC hosts are paused after HTTP 403 from {}", host);
    spdlog::warn(
        "sec.gov: HTTP 403 from {} for {} ({}); pausing every request to SEC hosts for {} s. SEC "
        "answers 403 to clients over its rate limit or without a contact User-Agent: check "
        "user_agent (\"{}\") and sec_rate",
        host, label.empty() ? std::string("a request") : label, request.url,
        options_.sec_forbidden_pause.count(), options_.user_agent);
  }
  // The completion may run before the next request starts; a new request can start from here.
  asio::post(io_, [this, alive = std::weak_ptr<int>(alive_), key] {
    if (!alive.expired()) pump(key);
  });
}

void Client::fail_now(Queued item, Failure failure, std::string message,
                      std::optional<Seconds> retry_after) {
  Response response;
  response.url = item.origin_url.empty() ? item.request.url : item.origin_url;
  response.effective_url = item.request.url;
  response.redirects = item.hops;
  response.curl_code = CURLE_ABORTED_BY_CALLBACK;
  response.failure = failure;
  response.error = std::move(message);
  response.retry_after = retry_after;
  std::weak_ptr<int> alive = alive_;
  asio::post(io_, [alive, response = std::move(response), done = std::move(item.done)]() mutable {
    if (!alive.expired() && done) call_completion(done, std::move(response), "request");
  });
}

void Client::abort_all(std::string_view reason) {
  cancel_queued(reason);
  multi_.abort_all(reason);
}

void Client::cancel_queued(std::string_view reason) {
  for (auto& [key, state] : hosts_) {
    for (auto* queue : {&state.deliveries, &state.fetches}) {
      while (!queue->empty()) {
        Queued item = std::move(queue->front());
        queue->pop_front();
        --queued_;
        fail_now(std::move(item), Failure::cancelled, std::string(reason), std::nullopt);
      }
    }
    state.timer.cancel();
    state.wait_armed = false;
    state.wait_timer.cancel();
  }
}

}  // namespace watchdesk::http
