// The daemon's wiring: scheduler -> ingestor -> outbox -> dispatcher, plus reload, drain and metrics.
#include "daemon/service/daemon.hpp"

#include <boost/asio/post.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "config/loader.hpp"
#include "daemon/pipeline/source_fetch.hpp"

namespace watchdesk::service {
namespace {

constexpr std::chrono::seconds kTickInterval{60};
// From SIGTERM to exit: what is still in flight then is abandoned (a fetch is repeated at the next
// start, a delivery stays queued), so that systemd never has to kill the process.
constexpr std::chrono::seconds kStopBound{3};

std::string_view outcome_name(fetch::FetchResult r) {
  switch (r) {
    case fetch::FetchResult::fetched: return "fetched";
    case fetch::FetchResult::not_modified: return "not_modified";
    case fetch::FetchResult::failed: return "failed";
  }
  return "failed";
}

std::string_view verdict_name(delivery::Verdict v) {
  switch (v) {
    case delivery::Verdict::delivered: return "delivered";
    case delivery::Verdict::retry: return "retry";
    case delivery::Verdict::permanent: return "failed";
  }
  return "failed";
}

}  // namespace

Daemon::Daemon(boost::asio::io_context& io, std::filesystem::path config_file, config::Config config,
               std::unique_ptr<store::StateStore> store)
    : io_(io),
      config_file_(std::move(config_file)),
      config_(std::make_shared<config::Config>(std::move(config))),
      store_(std::move(store)),
      notifier_(io),
      signals_(io, [this] { stop(); }, [this] { reload(); }),
      delivery_timer_(io),
      tick_timer_(io),
      stop_timer_(io) {}

Daemon::~Daemon() = default;

Status Daemon::start() {
  client_ = std::make_unique<http::Client>(io_, http::ClientOptions::from_settings(config_->watchdesk));
  ingestor_ = std::make_unique<pipeline::Ingestor>(*config_, *store_, pipeline::Commit::yes);
  transport_ = std::make_unique<delivery::ChannelTransport>(*client_);
  dispatcher_ = std::make_unique<delivery::Dispatcher>(*config_, *store_, *transport_, std::cout);
  dispatcher_->on_outcome = [this](const store::Delivery& d, const delivery::Judgement& j) {
    metrics_.count("watchdesk_deliveries_total", "Delivery attempts by channel and outcome.",
                   {{"channel", d.channel}, {"outcome", std::string(verdict_name(j.verdict))}});
    if (dispatcher_->in_flight() == 0) {
      if (stopping_) {
        if (scheduler_ == nullptr) finish_stop();
      } else {
        arm_delivery_timer();
      }
    }
  };
  if (auto s = build_scheduler(); !s.ok()) return s;

  if (!config_->watchdesk.metrics.empty()) {
    metrics_server_ = std::make_unique<observability::MetricsServer>(
        io_, observability::MetricsServer::Handlers{[this] { return render_metrics(); }, [this] { return healthy(); }});
    if (auto s = metrics_server_->listen(config_->watchdesk.metrics); !s.ok()) return s;
    spdlog::info("metrics: serving /metrics and /healthz on {}", config_->watchdesk.metrics);
  }

  boost::asio::post(io_, [this] {
    auto alerts = ingestor_->tick(now_utc());
    if (!alerts.empty()) pump_deliveries();
    arm_tick();
  });
  boost::asio::post(io_, [this] { pump_deliveries(); });
  notifier_.ready(status_line());
  notifier_.start_watchdog();
  spdlog::info("watchdesk: {}", status_line());
  return ok_status();
}

Status Daemon::build_scheduler() {
  auto created = fetch::Scheduler::create(
      io_, *client_, config_->sources, fetch::SchedulerOptions{},
      [this](const config::Source& source, http::Response& response) { return on_fetch_body(source, response); },
      [this](const fetch::FetchReport& report) { on_fetch_report(report); });
  if (!created.ok()) return created.error();
  scheduler_ = std::move(created).value();
  for (const auto& state : store_->fetch_states()) scheduler_->restore(state);
  scheduler_->start();
  return ok_status();
}

fetch::Outcome Daemon::on_fetch_body(const config::Source& source, http::Response& response) {
  const auto* current = config_->find_source(source.id);
  if (current == nullptr) return fetch::Outcome::success();  // removed by a reload meanwhile
  auto report = ingestor_->ingest(*current, pipeline::outcome_of(response), now_utc());
  ingested_.insert(source.id);
  record(*current, report);
  if (!report.store_error.empty()) return fetch::Outcome::failure("not recorded: " + report.store_error);
  if (!report.healthy) return fetch::Outcome::failure(report.error);
  return fetch::Outcome::success();
}

void Daemon::on_fetch_report(const fetch::FetchReport& report) {
  metrics_.count("watchdesk_fetches_total", "Fetch attempts by source and outcome.",
                 {{"source", report.source_id}, {"outcome", std::string(outcome_name(report.result))}});
  metrics_.count("watchdesk_fetch_bytes_total", "Body bytes received, after decoding.", {{"source", report.source_id}},
                 static_cast<double>(report.bytes));
  metrics_.observe("watchdesk_fetch_duration_seconds", "Fetch transfer time.", {},
                   std::chrono::duration<double>(report.elapsed).count());
  metrics_.observe("watchdesk_schedule_lateness_seconds", "Actual minus planned fetch start.", {},
                   std::chrono::duration<double>(report.lateness).count(),
                   observability::MetricsRegistry::lateness_buckets);

  if (ingested_.erase(report.source_id) > 0) return;
  // A fetch abandoned by the stop bound says nothing about the source.
  if (stopping_ && report.failure == http::Failure::cancelled) return;
  const auto* source = config_->find_source(report.source_id);
  if (source == nullptr) return;
  if (report.result == fetch::FetchResult::failed && source->fallback && !source->fallback_url.empty()) {
    spdlog::warn("{}; trying fallback provider {}", report.message, config::to_string(*source->fallback));
    fetch_fallback(*source);
    return;
  }
  pipeline::FetchOutcome outcome;
  outcome.status = report.status;
  if (report.result == fetch::FetchResult::not_modified) {
    outcome.kind = pipeline::FetchOutcome::Kind::not_modified;
  } else {
    outcome.kind = pipeline::FetchOutcome::Kind::failed;
    outcome.error = report.error;
  }
  record(*source, ingestor_->ingest(*source, outcome, now_utc()));
}

void Daemon::fetch_fallback(const config::Source& source) {
  config::Source fallback = source;
  fallback.price_provider = *source.fallback;
  fallback.url = source.fallback_url;
  fallback.fallback.reset();
  pipeline::fetch_source(*client_, fallback, std::nullopt, [this](pipeline::Fetched fetched) {
    if (config_->find_source(fetched.source.id) == nullptr) return;
    auto report = ingestor_->ingest(fetched.source, pipeline::outcome_of(fetched.response), now_utc());
    record(fetched.source, report);
  });
}

void Daemon::record(const config::Source& source, const pipeline::IngestReport& report) {
  if (!report.store_error.empty())
    spdlog::error("source {}: this fetch could not be recorded and will be repeated: {}", source.id, report.store_error);
  else if (!report.healthy)
    spdlog::warn("source {}: {}", source.id, report.error);
  for (const auto& reason : report.dropped) spdlog::info("source {}: dropped an item: {}", source.id, reason);
  if (!report.new_observations.empty())
    metrics_.count("watchdesk_observations_total", "New observations by source.", {{"source", source.id}},
                   static_cast<double>(report.new_observations.size()));
  for (const auto& alert : report.alerts) {
    spdlog::info("trigger {}: raised {}", alert.trigger, alert.id);
    metrics_.count("watchdesk_alerts_raised_total", "Alerts raised by trigger.", {{"trigger", alert.trigger}});
  }
  if (!report.alerts.empty()) pump_deliveries();
}

void Daemon::pump_deliveries() {
  dispatcher_->pump(now_utc());
  if (dispatcher_->in_flight() == 0) arm_delivery_timer();
}

void Daemon::arm_delivery_timer() {
  if (stopping_) return;
  auto next = dispatcher_->next_due();
  delivery_timer_.cancel();
  if (!next) return;
  auto wait = std::chrono::seconds(std::max<long long>(0, (*next - now_utc()).count()));
  delivery_timer_.expires_after(wait);
  delivery_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) pump_deliveries();
  });
}

void Daemon::arm_tick() {
  if (stopping_) return;
  tick_timer_.expires_after(kTickInterval);
  tick_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopping_) return;
    auto alerts = ingestor_->tick(now_utc());
    if (!alerts.empty()) pump_deliveries();
    arm_tick();
  });
}

void Daemon::reload() {
  if (stopping_) return;
  notifier_.reloading();
  spdlog::info("reload: reading {}", config_file_.string());
  auto loaded = config::load_config(config_file_);
  if (loaded.error) {
    last_reload_error_ = loaded.error->to_string();
    spdlog::error("reload: {}; keeping the previous configuration", last_reload_error_);
    notifier_.ready("reload failed: " + last_reload_error_ + "; running the previous configuration");
    return;
  }
  auto next = std::make_shared<config::Config>(std::move(*loaded.config));
  if (auto ua = http::check_user_agent(next->watchdesk.user_agent, next->sources); !ua.ok()) {
    last_reload_error_ = ua.error().message;
    spdlog::error("reload: {}; keeping the previous configuration", last_reload_error_);
    notifier_.ready("reload failed: " + last_reload_error_ + "; running the previous configuration");
    return;
  }
  last_reload_error_.clear();
  spdlog::set_level(spdlog::level::from_str(next->watchdesk.log_level));

  // The old scheduler drains (its in-flight fetches are reported and ingested under the new
  // configuration) and is then dropped together with the old configuration.
  auto retired_scheduler = std::shared_ptr<fetch::Scheduler>(std::move(scheduler_));
  auto retired_config = config_;
  config_ = next;
  ingestor_ = std::make_unique<pipeline::Ingestor>(*config_, *store_, pipeline::Commit::yes);
  dispatcher_->set_config(*config_);
  retired_scheduler->drain([this, retired_scheduler, retired_config]() mutable {
    boost::asio::post(io_, [retired_scheduler, retired_config]() mutable {
      retired_scheduler.reset();
      retired_config.reset();
    });
  });
  if (auto s = build_scheduler(); !s.ok()) {
    spdlog::error("reload: {}", s.error().message);
    notifier_.ready("reload failed: " + s.error().message);
    return;
  }
  spdlog::info("reload: {}", status_line());
  notifier_.ready(status_line());
  pump_deliveries();
}

void Daemon::stop() {
  if (stopping_) return;
  stopping_ = true;
  notifier_.stopping();
  spdlog::info("watchdesk: stopping: no new fetches; finishing those in flight");
  tick_timer_.cancel();
  delivery_timer_.cancel();
  stop_timer_.expires_after(kStopBound);
  stop_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    spdlog::info("watchdesk: {} s after the stop request; abandoning {} deliveries still in flight (they stay queued)",
                 kStopBound.count(), dispatcher_->in_flight());
    finish_stop();
  });
  scheduler_->drain([this] {
    boost::asio::post(io_, [this] {
      scheduler_.reset();
      if (dispatcher_->in_flight() == 0) {
        finish_stop();
        return;
      }
      spdlog::info("watchdesk: waiting for {} deliveries in flight", dispatcher_->in_flight());
    });
  });
}

void Daemon::finish_stop() {
  static constexpr const char* reason = "shutting down";
  if (stopped_) return;
  stopped_ = true;
  stop_timer_.cancel();
  delivery_timer_.cancel();
  tick_timer_.cancel();
  if (client_) client_->abort_all(reason);
  if (metrics_server_) metrics_server_->close();
  signals_.close();
  notifier_.stop_watchdog();
  spdlog::info("watchdesk: stopped; {} deliveries pending for the next start", dispatcher_->pending());
}

std::string Daemon::render_metrics() {
  metrics_.set("watchdesk_pending_deliveries", "Deliveries waiting in the outbox.", {},
               static_cast<double>(store_->pending_deliveries().size()));
  for (const auto& state : store_->fetch_states()) {
    if (config_->find_source(state.source_id) == nullptr) continue;
    metrics_.set("watchdesk_source_up", "1 when the source's last fetch succeeded.", {{"source", state.source_id}},
                 state.consecutive_failures == 0 ? 1 : 0);
    if (state.last_success)
      metrics_.set("watchdesk_source_last_success_timestamp_seconds", "When the source last succeeded.",
                   {{"source", state.source_id}}, static_cast<double>(state.last_success->time_since_epoch().count()));
  }
  double fetched = 0, not_modified = 0;
  for (const auto& s : config_->sources) {
    fetched += metrics_.value("watchdesk_fetches_total", {{"source", s.id}, {"outcome", "fetched"}});
    not_modified += metrics_.value("watchdesk_fetches_total", {{"source", s.id}, {"outcome", "not_modified"}});
  }
  metrics_.set("watchdesk_not_modified_share", "Share of successful fetches answered 304 Not Modified.", {},
               fetched + not_modified > 0 ? not_modified / (fetched + not_modified) : 0);
  return metrics_.render();
}

bool Daemon::healthy() {
  auto tx = store_->begin();
  return tx.ok();
}

std::string Daemon::status_line() const {
  std::string line = fmt::format("watching {} sources for {} triggers", config_->sources.size(), config_->triggers.size());
  if (!last_reload_error_.empty()) line += "; last reload failed: " + last_reload_error_;
  return line;
}

}  // namespace watchdesk::service
