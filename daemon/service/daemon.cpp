// The daemon's lifecycle: start, reload by swapping whole runtimes, drain and stop, metrics.
#include "daemon/service/daemon.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "config/loader.hpp"
#include "daemon/logging.hpp"
#include "daemon/web/routes.hpp"

namespace watchdesk::service {
namespace {

// From SIGTERM to exit: what is still in flight then is abandoned (a fetch is repeated at the next
// start, a delivery stays queued), so that systemd never has to kill the process.
constexpr std::chrono::seconds kStopBound{3};

}  // namespace

Daemon::Daemon(boost::asio::io_context& io, std::filesystem::path config_file, config::Config config,
               std::unique_ptr<store::StateStore> store, runtime::RuntimeOptions options)
    : io_(io),
      config_file_(std::move(config_file)),
      options_(std::move(options)),
      notifier_(io),
      signals_(io, [this] { stop(); }, [this] { reload(); }),
      initial_config_(std::make_shared<const config::Config>(std::move(config))),
      initial_store_(std::move(store)),
      stop_timer_(io) {}

Daemon::~Daemon() {
  retired_.clear();
  runtime_.reset();
}

Result<std::unique_ptr<runtime::Runtime>> Daemon::build_runtime(std::shared_ptr<const config::Config> config) {
  // The state file stays open across reloads unless the new configuration names another one.
  std::shared_ptr<store::StateStore> store =
      runtime_ ? runtime_->shared_store() : std::shared_ptr<store::StateStore>(initial_store_);
  if (store == nullptr || store->path() != config->watchdesk.state) {
    auto opened = store::StateStore::open(config->watchdesk.state, store::Access::read_write);
    if (!opened) return std::move(opened).error().context("state database " + config->watchdesk.state.string());
    store = std::move(opened).value();
  }
  return runtime::Runtime::build(io_, std::move(config), std::move(store), metrics_, std::cout, options_);
}

Status Daemon::open_listener(const config::Config& config) {
  const auto& token = config.watchdesk.metrics_token;
  if (config.watchdesk.metrics == metrics_address_ && token.reveal() == metrics_token_.reveal()) return ok_status();
  std::unique_ptr<observability::MetricsServer> server;
  if (!config.watchdesk.metrics.empty()) {
    observability::MetricsServer::Handlers handlers{[this] { return render_metrics(); }, [this] { return healthy(); },
                                                    [this](std::string_view path) { return serve_page(path); }};
    server = std::make_unique<observability::MetricsServer>(io_, std::move(handlers), token);
    if (auto s = server->listen(config.watchdesk.metrics); !s.ok()) return s;
    spdlog::info("metrics: serving /metrics, /healthz and the status page (/, /api/) on {}{}", config.watchdesk.metrics,
                 token.empty() ? "" : "; the page and the API need the metrics_token");
  }
  if (metrics_server_) metrics_server_->close();
  metrics_server_ = std::move(server);
  metrics_address_ = config.watchdesk.metrics;
  metrics_token_ = token;
  return ok_status();
}

std::optional<observability::PageResponse> Daemon::serve_page(std::string_view path) {
  if (!runtime_) return observability::PageResponse{503, "text/plain; charset=utf-8", "stopping\n"};
  return web::answer(path, runtime_->config(), runtime_->store(), now_utc());
}

Status Daemon::start() {
  auto built = build_runtime(initial_config_);
  initial_config_.reset();
  initial_store_.reset();
  if (!built) return std::move(built).error();
  if (auto s = open_listener(built.value()->config()); !s.ok()) return s;
  runtime_ = std::move(built).value();
  runtime_->start(nullptr);
  notifier_.ready(status_line());
  notifier_.start_watchdog();
  spdlog::info("watchdesk: {}", status_line());
  return ok_status();
}

void Daemon::reload() {
  if (stopping_) return;
  notifier_.reloading();
  spdlog::info("reload: reading {}", config_file_.string());
  const auto refuse = [this](const Error& error) {
    last_reload_error_ = error.to_string();
    spdlog::error("reload: {}; keeping the running configuration", last_reload_error_);
    notifier_.ready(status_line());
  };
  auto loaded = config::load_config(config_file_);
  if (!loaded) return refuse(loaded.error());
  remember_config_secrets(*loaded);
  auto next_config = std::make_shared<const config::Config>(std::move(loaded).value());
  auto built = build_runtime(next_config);
  if (!built) return refuse(built.error());
  if (auto s = open_listener(*next_config); !s.ok()) return refuse(s.error().context("metrics"));

  last_reload_error_.clear();
  spdlog::set_level(spdlog::level::from_str(next_config->watchdesk.log_level));
  auto next = std::move(built).value();
  next->start(runtime_.get());
  // Runtimes retired by earlier reloads may still be polling a source this one has.
  for (const auto& retired : retired_) next->hold_busy_sources(*retired);
  std::swap(runtime_, next);
  retire(std::move(next));
  spdlog::info("reload: {}", status_line());
  notifier_.ready(status_line());
}

void Daemon::hand_over(runtime::Runtime& from) {
  // A poll of the retired runtime that ends hands its source back to the runtime in force.
  from.on_poll = [this](const pipeline::PollResult& result) {
    if (runtime_) runtime_->release_from(result);
  };
}

void Daemon::retire(std::unique_ptr<runtime::Runtime> old) {
  hand_over(*old);
  runtime::Runtime* raw = old.get();
  retired_.push_back(std::move(old));
  raw->drain([this, raw] {
    // Posted by the runtime: nothing of it is on the stack here.
    retired_.remove_if([raw](const auto& r) { return r.get() == raw; });
    if (stopping_) {
      if (retired_.empty() && runtime_ == nullptr) finish_stop();
      return;
    }
    if (retired_.empty() && runtime_) runtime_->enable_delivery();
  });
}

void Daemon::stop() {
  if (stopping_) return;
  stopping_ = true;
  notifier_.stopping();
  spdlog::info("watchdesk: stopping: no new fetches; finishing those in flight");
  stop_timer_.expires_after(kStopBound);
  stop_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    spdlog::info("watchdesk: {} s after the stop request; abandoning what is still in flight (deliveries stay "
                 "queued, fetches are repeated at the next start)",
                 kStopBound.count());
    finish_stop();
  });
  if (runtime_) retire(std::move(runtime_));
}

void Daemon::finish_stop() {
  if (stopped_) return;
  stopped_ = true;
  stop_timer_.cancel();
  for (auto& r : retired_) r->abort_all("shutting down");
  if (metrics_server_) metrics_server_->close();
  signals_.close();
  notifier_.stop_watchdog();
  spdlog::info("watchdesk: stopped");
  // The runtimes go when the loop has delivered what their aborted transfers post.
  boost::asio::post(io_, [this] { retired_.clear(); });
}

std::string Daemon::render_metrics() {
  if (!runtime_) return metrics_.render();
  auto& store = runtime_->store();
  const auto& config = runtime_->config();
  auto pending = store.pending_deliveries();
  if (!pending) {
    spdlog::error("metrics: {}", pending.error().message);
    return metrics_.render();
  }
  metrics_.set("watchdesk_pending_deliveries", "Deliveries waiting in the outbox.", {},
               static_cast<double>(pending->size()));
  double oldest = 0;
  if (!pending->empty()) {
    if (auto alert = store.alert(pending->front().alert_id); alert.ok() && alert->has_value())
      oldest = static_cast<double>(std::max<long long>(0, (now_utc() - (*alert)->raised_at).count()));
  }
  metrics_.set("watchdesk_oldest_pending_delivery_age_seconds",
               "Age of the oldest alert with a delivery still outstanding (0 when none).", {}, oldest);
  metrics_.set("watchdesk_fetch_queue_length",
               "Fetches due and not started: waiting for the loop, a host's rate or a free connection.", {},
               static_cast<double>(runtime_->fetches_queued()));
  // One row at a time: a scrape holds no copy of every source's fetch state.
  auto states = store.for_each_fetch_state([&](const store::FetchState& state) {
    if (config.find_source(state.source_id) == nullptr) return;
    metrics_.set("watchdesk_source_up", "1 when the source's last fetch succeeded.", {{"source", state.source_id}},
                 state.consecutive_failures == 0 ? 1 : 0);
    if (state.last_success)
      metrics_.set("watchdesk_source_last_success_timestamp_seconds", "When the source last succeeded.",
                   {{"source", state.source_id}}, static_cast<double>(state.last_success->time_since_epoch().count()));
  });
  if (!states) {
    spdlog::error("metrics: {}", states.error().message);
    return metrics_.render();
  }
  double fetched = 0, not_modified = 0;
  for (const auto& s : config.sources) {
    fetched += metrics_.value("watchdesk_fetches_total", {{"source", s.id}, {"outcome", "fetched"}});
    not_modified += metrics_.value("watchdesk_fetches_total", {{"source", s.id}, {"outcome", "not_modified"}});
  }
  metrics_.set("watchdesk_not_modified_share", "Share of successful fetches answered 304 Not Modified.", {},
               fetched + not_modified > 0 ? not_modified / (fetched + not_modified) : 0);
  return metrics_.render();
}

bool Daemon::healthy() {
  if (!runtime_) return false;
  auto tx = runtime_->store().begin();
  return tx.ok();
}

std::string Daemon::status_line() const {
  if (!runtime_) return "stopping";
  std::string line = fmt::format("watching {} sources for {} triggers", runtime_->config().sources.size(),
                                 runtime_->config().triggers.size());
  if (!last_reload_error_.empty()) line += "; last reload failed: " + last_reload_error_;
  return line;
}

}  // namespace watchdesk::service
