// Reading `[channels.ID]`: Slack, email, webhook and stdout, with their secrets.
#include "config/loader_state.hpp"

#include "config/rules.hpp"
#include "core/text/strings.hpp"
#include "core/urls.hpp"

namespace watchdesk::config::loading {

void Loader::read_channel(const Section& s) {
  Channel channel;
  channel.id = s.id;
  channel.position = s.header;
  auto kind = read_name<ChannelKind>(s, "channel kind", "channel kinds", "kind", "kind = \"slack\"");
  if (!kind) {
    config_.channels.push_back(std::move(channel));
    return;
  }
  channel.kind = *kind;
  check_keys(s, "channel", *kind, channel_rules());
  if (auto d = read_duration(s, "give_up_after", Need::optional)) channel.give_up_after = *d;
  const auto index = config_.channels.size();
  auto secret = [&](std::string_view key, Need need, std::string_view example, Secret Channel::*member) {
    Position at;
    auto text = read_string(s, key, need, example, &at);
    if (!text) return;
    auto reference = parse_secret_reference(*text);
    if (!reference) {
      fail(at, "channel " + s.id + ": " + std::string(key) + ": " + reference.error().message);
      return;
    }
    secrets_.push_back(PendingSecret{index, member, std::string(key), *text, at});
  };
  switch (*kind) {
    case CK::slack:
      secret("webhook", Need::required, "webhook = \"env:WATCHDESK_SLACK_WEBHOOK\"", &Channel::webhook);
      break;
    case CK::email: {
      Position smtp_at;
      if (auto smtp = read_string(s, "smtp", Need::required, "smtp = \"smtp://mail.example.com:587\"", &smtp_at)) {
        auto scheme = url_scheme(*smtp);
        if ((scheme != "smtp" && scheme != "smtps") || url_host(*smtp).empty() || has_space_or_control(*smtp))
          fail(smtp_at,
               s.label + " 'smtp' must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT, got " + in_quotes(*smtp));
        channel.smtp = *smtp;
      }
      if (auto b = read_bool(s, "starttls")) channel.starttls = *b;
      Position from_at;
      if (auto from = read_string(s, "from", Need::required, "from = \"watchdesk@example.com\"", &from_at)) {
        if (!valid_mail_address(*from))
          fail(from_at, s.label + " 'from' must be a mail address such as \"watchdesk@example.com\"");
        channel.from = *from;
      }
      std::vector<Position> to_at;
      Position list_at;
      if (auto to = read_strings(s, "to", Need::required, "[\"desk@example.com\"]", &to_at, &list_at)) {
        if (to->empty()) fail(list_at, s.label + " 'to' is empty; give at least one recipient");
        for (std::size_t i = 0; i < to->size(); ++i)
          if (!valid_mail_address((*to)[i]))
            fail(to_at[i],
                 s.label + " 'to' must hold mail addresses such as \"desk@example.com\", got " + in_quotes((*to)[i]));
        channel.to = *to;
      }
      if (auto user = read_string(s, "username", Need::optional)) channel.username = *user;
      secret("password", Need::optional, {}, &Channel::password);
      if (s.table->get("password") != nullptr && s.table->get("username") == nullptr)
        fail(position_of(s.table->get("password")->source()),
             s.label + " 'password' needs 'username' too (the SMTP login)");
      break;
    }
    case CK::webhook:
      if (auto url = read_url(s, "url", Need::required, "url = \"https://hooks.example.com/watchdesk\"")) {
        if (url_scheme(*url) == "file")
          fail(position_of(s.table->get("url")->source()), s.label + " 'url' must be an http:// or https:// URL");
        channel.url = *url;
      }
      secret("secret", Need::optional, {}, &Channel::secret);
      break;
    case CK::stdout_: break;
  }
  config_.channels.push_back(std::move(channel));
}

}  // namespace watchdesk::config::loading
