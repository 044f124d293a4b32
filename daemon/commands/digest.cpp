// `watchdesk digest`: the weekly digest now, printed as Markdown or JSON, or sent through a channel.
#include <boost/json/serialize.hpp>
#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/send_once.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/digest/digest_document.hpp"
#include "daemon/digest/digest_render.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {

int digest(const DigestOptions& options) {
  auto started = start(options.common, store::Access::read_only);
  if (!started) return report_failure(started.error());
  const auto& cfg = started->config;

  const config::Digest* chosen = cfg.digests.empty() ? nullptr : &cfg.digests.front();
  if (!options.digest.empty()) {
    chosen = cfg.find_digest(options.digest);
    if (chosen == nullptr)
      return report_failure(unknown_id("watchdesk digest", "digest", options.digest, ids_of(cfg.digests)));
  }
  const config::Channel* channel = nullptr;
  if (!options.send.empty()) {
    channel = cfg.find_channel(options.send);
    if (channel == nullptr)
      return report_failure(unknown_id("watchdesk digest", "channel", options.send, ids_of(cfg.channels)));
  }

  const auto now = now_utc();
  auto request = digest::request_for(chosen, *started->store, now, now);
  if (!request) return report_failure(std::move(request).error().context("watchdesk digest"));
  auto document = digest::build_digest(cfg, *started->store, *request);
  if (!document) return report_failure(std::move(document).error().context("watchdesk digest"));
  const std::string json = boost::json::serialize(*document);

  if (channel != nullptr) return send_once(cfg, *channel, digest::digest_outbox_id(request->digest_id, now), json);
  std::cout << (options.format == Format::json ? json + "\n" : digest::digest_markdown(*document));
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
