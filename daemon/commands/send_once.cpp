// One message through one channel on a private event loop, with the outcome printed.
#include "daemon/commands/send_once.hpp"

#include <boost/asio/io_context.hpp>
#include <fmt/format.h>

#include <iostream>

#include "core/secret_scrub.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/exit_codes.hpp"

namespace watchdesk::commands {

int send_once(const config::Config& config, const config::Channel& channel, const std::string& id,
              const std::string& document) {
  if (channel.kind == config::ChannelKind::stdout_) {
    std::cout << document << "\n";
    return to_int(ExitCode::ok);
  }
  boost::asio::io_context io;
  delivery::Judgement judgement;
  {
    http::Client client(io, http::ClientOptions::from_settings(config.watchdesk));
    delivery::ChannelTransport transport(client);
    transport.send({id, &channel, document}, [&](delivery::AttemptResult result) {
      judgement = delivery::judge(channel.kind, result);
    });
    io.run();
  }
  const bool ok = judgement.verdict == delivery::Verdict::delivered;
  std::cout << fmt::format("channel {}: {} ({})\n", channel.id, ok ? "delivered" : "NOT delivered",
                           scrub_secrets(judgement.message));
  return ok ? to_int(ExitCode::ok) : to_int(ExitCode::source_failed);
}

}  // namespace watchdesk::commands
