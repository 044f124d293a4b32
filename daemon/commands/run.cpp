// `watchdesk run`: the daemon, until SIGTERM or SIGINT has drained it.
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "daemon/commands/commands.hpp"
#include "daemon/commands/startup.hpp"
#include "daemon/exit_codes.hpp"
#include "daemon/service/daemon.hpp"

namespace watchdesk::commands {

int run(const CommonOptions& options) {
  auto started = start(options, store::Access::read_write);
  if (auto* code = std::get_if<int>(&started)) return *code;
  auto& s = std::get<Started>(started);

  boost::asio::io_context io;
  {
    service::Daemon daemon(io, options.config_file, std::move(s.config), std::move(s.store));
    if (auto status = daemon.start(); !status.ok()) {
      std::cerr << "watchdesk run: " << status.error().message << "\n";
      return to_int(ExitCode::config);
    }
    io.run();
  }
  return to_int(ExitCode::ok);
}

}  // namespace watchdesk::commands
