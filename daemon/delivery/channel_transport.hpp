// The transport of the slack, webhook and email channels over the HTTP engine's curl multi handle.
#pragma once

#include "daemon/delivery/dispatcher.hpp"
#include "daemon/http/client.hpp"

namespace watchdesk::delivery {

/// Sends Slack webhook posts, signed webhook posts and SMTP messages through `http::Client`.
class ChannelTransport final : public Transport {
 public:
  explicit ChannelTransport(http::Client& client) : client_(client) {}
  void send(const Outgoing& message, std::function<void(AttemptResult)> done) override;

 private:
  http::Client& client_;
};

/// The request a channel sends for an alert (exposed for tests); `now` dates e-mail messages.
http::Request channel_request(const config::Channel& channel, const std::string& alert_json, TimePoint now);

}  // namespace watchdesk::delivery
