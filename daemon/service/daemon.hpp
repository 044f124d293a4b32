// `watchdesk run`: the long-running process on one event loop — scheduled fetches, ingestion,
// delivery, metrics, systemd notifications, reload on SIGHUP and a graceful drain on SIGTERM.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "config/config.hpp"
#include "daemon/delivery/channel_transport.hpp"
#include "daemon/delivery/dispatcher.hpp"
#include "daemon/fetch/scheduler.hpp"
#include "daemon/http/client.hpp"
#include "daemon/observability/metrics_registry.hpp"
#include "daemon/observability/metrics_server.hpp"
#include "daemon/pipeline/ingest.hpp"
#include "daemon/service/notifier.hpp"
#include "daemon/service/signals.hpp"
#include "daemon/store/state_store.hpp"

namespace watchdesk::service {

/// The daemon. Construct, `start()`, then run the `io_context` until it runs out of work (which
/// happens only after a graceful stop).
class Daemon {
 public:
  /// Takes a loaded configuration and an open store; `config_file` is reloaded on SIGHUP.
  Daemon(boost::asio::io_context& io, std::filesystem::path config_file, config::Config config,
         std::unique_ptr<store::StateStore> store);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  /// Brings everything up and says READY=1; the error says what failed (then the caller exits).
  Status start();

  /// Starts the graceful drain (as SIGTERM does).
  void stop();

  /// Reloads the configuration file (as SIGHUP does).
  void reload();

  /// The metrics registry (for tests).
  const observability::MetricsRegistry& metrics() const { return metrics_; }

 private:
  Status build_scheduler();
  void on_fetch_report(const fetch::FetchReport& report);
  fetch::Outcome on_fetch_body(const config::Source& source, http::Response& response);
  void record(const config::Source& source, const pipeline::IngestReport& report);
  void fetch_fallback(const config::Source& source);
  void pump_deliveries();
  void arm_delivery_timer();
  void arm_tick();
  void finish_stop();
  std::string render_metrics();
  bool healthy();
  std::string status_line() const;

  boost::asio::io_context& io_;
  std::filesystem::path config_file_;
  /// The configuration in force; the previous one stays alive until its scheduler has drained.
  std::shared_ptr<config::Config> config_;
  std::shared_ptr<config::Config> retired_config_;
  std::unique_ptr<store::StateStore> store_;
  Notifier notifier_;
  Signals signals_;
  observability::MetricsRegistry metrics_;
  std::unique_ptr<http::Client> client_;
  std::unique_ptr<pipeline::Ingestor> ingestor_;
  std::unique_ptr<delivery::ChannelTransport> transport_;
  std::unique_ptr<delivery::Dispatcher> dispatcher_;
  std::unique_ptr<fetch::Scheduler> scheduler_;
  std::unique_ptr<fetch::Scheduler> retired_scheduler_;
  std::unique_ptr<observability::MetricsServer> metrics_server_;
  boost::asio::steady_timer delivery_timer_;
  boost::asio::steady_timer tick_timer_;
  boost::asio::steady_timer stop_timer_;
  /// Sources whose current attempt was already ingested by the body handler.
  std::unordered_set<std::string> ingested_;
  bool stopping_ = false;
  bool stopped_ = false;
  std::string last_reload_error_;
};

}  // namespace watchdesk::service
