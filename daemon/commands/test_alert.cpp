// `watchdesk test-alert`: one marked test alert through one channel, with the outcome reported.
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/send_once.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "watchers/triggers/alert.hpp"

namespace watchdesk::commands {

int test_alert(const TestAlertOptions& options) {
  auto loaded = load(options.common);
  if (!loaded) return report_failure(loaded.error());
  auto& cfg = loaded.value();
  const auto* channel = cfg.find_channel(options.channel);
  if (channel == nullptr) {
    std::cerr << "watchdesk test-alert: no channel '" << options.channel << "' in " << options.common.config_file
              << "\n";
    return to_int(ExitCode::usage);
  }

  auto now = now_utc();
  triggers::Alert alert;
  alert.id = "test/" + channel->id + "/" + format_rfc3339(now);
  alert.trigger = "test-alert";
  alert.kind = "test";
  alert.title = "watchdesk test alert (channel " + channel->id + ")";
  alert.summary = "This is a test sent by `watchdesk test-alert`; no trigger fired.";
  alert.status = config::Confirmation::confirmed;
  alert.observed_at = now;
  alert.facts.push_back({"test", "true"});
  const std::string json = triggers::to_json(alert);

  return send_once(cfg, *channel, alert.id, json);
}

}  // namespace watchdesk::commands
