// Renders a stored alert (its JSON document) into each channel's wire format.
#pragma once

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace watchdesk::delivery {

/// The Slack incoming-webhook body: `text` (fallback) plus Block Kit `blocks` (header, status and
/// summary, and a context block with the evidence links and the alert id).
std::string slack_payload(const boost::json::object& alert);

/// The e-mail headers and body a channel sends: RFC 5322, UTF-8, CRLF line ends.
struct EmailEnvelope {
  std::string from;
  std::vector<std::string> to;
  /// The whole message, headers and body.
  std::string message;
};

/// Builds the RFC 5322 message for `alert` (Date, Message-ID, From, To, Subject in RFC 2047 when
/// not ASCII, MIME-Version, Content-Type text/plain UTF-8, quoted-printable body).
EmailEnvelope email_message(const boost::json::object& alert, std::string_view from,
                            const std::vector<std::string>& to, TimePoint now);

/// The plain-text rendering used in e-mail bodies and on terminals.
std::string alert_text(const boost::json::object& alert);

/// `sha256=<hex>`: the HMAC-SHA256 of `body` under `secret`, sent as `X-Watchdesk-Signature`.
std::string webhook_signature(std::string_view secret, std::string_view body);

/// RFC 2047 encoded-words (`=?UTF-8?B?...?=`) when `text` is not plain ASCII, else `text`. A long
/// text becomes several words folded onto continuation lines (`CRLF SP`), each line of a header
/// within 76 characters and no character split between words.
std::string encode_header_word(std::string_view text);

}  // namespace watchdesk::delivery
