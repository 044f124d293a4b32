// Rules that cut across sections, checked by the loader and so by `validate`, start and reload
// alike: the SEC User-Agent, `file:` URLs, and the values of secrets.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace watchdesk::config {

/// True when `text` contains a contact email as one word: `local@domain.tld`, in ASCII.
bool has_email(std::string_view text);

/// True when `text` is one mail address (`desk@example.com`): an email with no spaces, controls or
/// angle brackets.
bool valid_mail_address(std::string_view text);

/// What is wrong with `user_agent` as an HTTP header value (not printable ASCII), if anything.
std::optional<std::string> user_agent_problem(std::string_view user_agent);

/// The first source that fetches from SEC (`follows_sec_rules`) while `user_agent` has no email
/// address, which SEC's fair-access rules require; nullptr when there is none. With `counted`, only
/// the sources whose index it accepts are considered.
const Source* source_breaking_sec_user_agent(std::string_view user_agent, const std::vector<Source>& sources,
                                             const std::function<bool(std::size_t)>& counted = {});

/// Why `source` may not use its `file:` URL under `settings` (only with `allow_file_urls`), if so.
std::optional<std::string> file_url_problem(const Source& source, const Settings& settings);

/// What is wrong with the resolved value of a Slack webhook secret (not an http(s) URL with a host
/// and no spaces), if anything; the message never contains the value.
std::optional<std::string> webhook_value_problem(const Secret& webhook);

}  // namespace watchdesk::config
