// `watchdesk run`: the long-running process on one event loop — a runtime that polls, ingests and
// delivers, the metrics listener, systemd notifications, reload on SIGHUP (a whole new runtime,
// swapped in only when it is complete) and a graceful drain on SIGTERM.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <filesystem>
#include <list>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "daemon/observability/metrics_registry.hpp"
#include "daemon/observability/metrics_server.hpp"
#include "daemon/runtime/runtime.hpp"
#include "daemon/service/notifier.hpp"
#include "daemon/service/signals.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::service {

/// The daemon. Construct, `start()`, then run the `io_context` until it runs out of work (which
/// happens only after a graceful stop).
class Daemon {
 public:
  /// Takes a loaded configuration and its open store; `config_file` is reloaded on SIGHUP.
  Daemon(boost::asio::io_context& io, std::filesystem::path config_file, config::Config config,
         std::unique_ptr<store::StateStore> store, runtime::RuntimeOptions options = {});
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  /// Brings everything up and says READY=1; the error says what failed (then the caller exits).
  Status start();

  /// Starts the graceful drain (as SIGTERM does).
  void stop();

  /// Reloads the configuration file (as SIGHUP does): builds a whole new runtime and swaps it in, or
  /// keeps the running one untouched and logs why.
  void reload();

  /// The metrics registry (for tests).
  const observability::MetricsRegistry& metrics() const { return metrics_; }
  /// The configuration in force.
  const config::Config& config() const { return runtime_->config(); }

 private:
  Result<std::unique_ptr<runtime::Runtime>> build_runtime(std::shared_ptr<const config::Config> config);
  Status open_listener(const config::Config& config);
  void retire(std::unique_ptr<runtime::Runtime> old);
  void hand_over(runtime::Runtime& from);
  void finish_stop();
  std::string render_metrics();
  std::optional<observability::PageResponse> serve_page(std::string_view path);
  bool healthy();
  std::string status_line() const;

  boost::asio::io_context& io_;
  std::filesystem::path config_file_;
  runtime::RuntimeOptions options_;
  Notifier notifier_;
  Signals signals_;
  observability::MetricsRegistry metrics_;
  /// The runtime in force, and those a reload replaced that are still finishing their work.
  std::unique_ptr<runtime::Runtime> runtime_;
  std::list<std::unique_ptr<runtime::Runtime>> retired_;
  std::shared_ptr<const config::Config> initial_config_;
  std::shared_ptr<store::StateStore> initial_store_;
  std::unique_ptr<observability::MetricsServer> metrics_server_;
  std::string metrics_address_;
  Secret metrics_token_;
  boost::asio::steady_timer stop_timer_;
  bool stopping_ = false;
  bool stopped_ = false;
  std::string last_reload_error_;
};

}  // namespace watchdesk::service
