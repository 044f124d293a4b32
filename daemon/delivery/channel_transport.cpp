// Channel requests: Slack Block Kit posts, HMAC-signed webhook posts, SMTP uploads.
#include "daemon/delivery/channel_transport.hpp"

#include <boost/json/parse.hpp>

#include "daemon/delivery/message_format.hpp"

namespace watchdesk::delivery {

http::Request channel_request(const config::Channel& channel, const std::string& alert_json, TimePoint now) {
  boost::json::error_code ec;
  auto parsed = boost::json::parse(alert_json, ec);
  boost::json::object alert = (!ec && parsed.is_object()) ? parsed.as_object() : boost::json::object{};
  http::Request r;
  r.label = "channel " + channel.id;
  r.redirects = http::Redirects::refuse;
  r.purpose = http::Purpose::delivery;
  switch (channel.kind) {
    case config::ChannelKind::slack:
      r.url = channel.webhook.reveal();
      r.method = http::Method::post;
      r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
      r.body = slack_payload(alert);
      break;
    case config::ChannelKind::webhook:
      r.url = channel.url;
      r.method = http::Method::post;
      r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
      if (auto it = alert.find("id"); it != alert.end() && it->value().is_string())
        r.headers.emplace_back("X-Watchdesk-Alert-Id", std::string(it->value().get_string()));
      if (!channel.secret.empty())
        r.headers.emplace_back("X-Watchdesk-Signature", webhook_signature(channel.secret.reveal(), alert_json));
      r.body = alert_json;
      break;
    case config::ChannelKind::email: {
      auto envelope = email_message(alert, channel.from, channel.to, now);
      r.url = channel.smtp;
      r.method = http::Method::upload;
      r.protocols = http::Protocols::mail;
      http::MailEnvelope mail;
      mail.from = channel.from;
      mail.recipients = channel.to;
      mail.username = channel.username;
      mail.password = channel.password;
      mail.tls = channel.starttls ? http::MailTls::required : http::MailTls::none;
      r.mail = std::move(mail);
      r.body = std::move(envelope.message);
      break;
    }
    case config::ChannelKind::stdout_:
      break;
  }
  return r;
}

void ChannelTransport::send(const Outgoing& message, std::function<void(AttemptResult)> done) {
  auto request = channel_request(*message.channel, message.alert_json, now_utc());
  client_.submit(std::move(request), [done = std::move(done)](http::Response response) {
    AttemptResult result;
    result.code = response.status;
    if (response.failure != http::Failure::none && response.failure != http::Failure::http_status)
      result.transport_error = http::describe_failure(response);
    if (response.status >= 400 && response.status < 600 && response.error.size())
      result.transport_error = response.error;
    result.body = response.body.substr(0, 200);
    result.retry_after = response.retry_after;
    done(std::move(result));
  });
}

}  // namespace watchdesk::delivery
