// `watchdesk run`: the daemon, until SIGTERM or SIGINT has drained it.
#include <boost/asio/io_context.hpp>

#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/service/daemon.hpp"

namespace watchdesk::commands {

int run(const CommonOptions& options) {
  auto started = start(options, store::Access::read_write);
  if (!started) return report_failure(started.error());

  boost::asio::io_context io;
  {
    service::Daemon daemon(io, options.config_file, std::move(started->config), std::move(started->store));
    if (auto status = daemon.start(); !status.ok()) {
      std::cerr << "watchdesk run: " << status.error().to_string() << "\n";
      const bool state = status.error().kind == ErrorKind::state || status.error().kind == ErrorKind::busy ||
                         status.error().kind == ErrorKind::read_only || status.error().kind == ErrorKind::corrupt ||
                         status.error().kind == ErrorKind::unsupported;
      return state ? to_int(ExitCode::state_unusable) : to_int(ExitCode::config);
    }
    io.run();
  }
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
