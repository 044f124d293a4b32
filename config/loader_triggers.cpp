// Reading `[metrics.NAME]`, `[triggers.ID]`, `[figures.NAME]` and `[digests.ID]`.
#include "config/loader_state.hpp"

#include <algorithm>
#include <cmath>

#include "config/rules.hpp"
#include "core/expression.hpp"
#include "core/text/strings.hpp"
#include "core/units.hpp"

namespace watchdesk::config::loading {

void Loader::read_metric(const Section& s) {
  const auto errors_before = findings().size();
  check_plain_keys(s, {"expr"});
  Metric metric;
  metric.name = s.id;
  metric.position = s.header;
  MetricInfo info;
  if (auto expr = read_string(s, "expr", Need::required,
                              "expr = \"crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm\"",
                              &info.expr_at)) {
    metric.expr = *expr;
    auto parsed = Expression::parse(*expr);
    if (!parsed) {
      const int column = parsed.error().position.column;
      fail(Position{{}, info.expr_at.line, info.expr_at.column + column}, s.label + " 'expr' does not parse: " +
                                                                           parsed.error().message);
    } else {
      metric.inputs = parsed->inputs();
    }
  }
  info.ok = findings().size() == errors_before;
  config_.metrics.push_back(std::move(metric));
  metric_info_.push_back(std::move(info));
}

void Loader::read_trigger(const Section& s) {
  const auto errors_before = findings().size();
  Trigger trigger;
  trigger.id = s.id;
  trigger.position = s.header;
  TriggerInfo info;
  auto kind = read_name<TriggerKind>(s, "trigger kind", "trigger kinds", "kind", "kind = \"filing\"");
  if (!kind) {
    info.ok = false;
    config_.triggers.push_back(std::move(trigger));
    trigger_info_.push_back(std::move(info));
    return;
  }
  trigger.kind = *kind;
  check_keys(s, "trigger", *kind, trigger_rules());

  if (s.table->get("channels") == nullptr) {
    fail(s.header, s.label +
                       " is missing required key 'channels'; a trigger needs at least one channel, such as "
                       "channels = [\"console\"]");
  } else if (auto channels =
                 read_strings(s, "channels", Need::required, "[\"desk\"]", &info.channel_at, &info.channels_at)) {
    if (channels->empty())
      fail(info.channels_at, s.label +
                                 " 'channels' is empty; a trigger needs at least one channel, such as "
                                 "channels = [\"console\"]");
    trigger.channels = *channels;
  }
  trigger.max_age = read_duration(s, "max_age", Need::optional);

  auto read_above_below = [&] {
    trigger.above = read_number(s, "above", Need::optional);
    trigger.below = read_number(s, "below", Need::optional);
    if (trigger.above && trigger.below && *trigger.above <= *trigger.below)
      fail(position_of(s.table->get("above")->source()),
           s.label + " 'above' must be greater than 'below', or the trigger is always firing");
  };
  auto read_hysteresis = [&] {
    if (auto rearm = read_fraction(s, "rearm", 1.0)) {
      if (*rearm <= 0)
        fail(position_of(s.table->get("rearm")->source()), s.label + " 'rearm' must be more than 0%");
      else
        trigger.rearm = *rearm;
    }
    trigger.cooldown = read_duration(s, "cooldown", Need::optional);
  };

  switch (*kind) {
    case TK::filing:
      if (auto source = read_string(s, "source", Need::required, "source = \"spacex-filings\"", &info.source_at))
        trigger.source = *source;
      if (auto forms = read_strings(s, "forms", Need::optional, "[\"S-1\", \"S-1/A\"]", &info.forms_at))
        trigger.forms = *forms;
      break;
    case TK::metric_move: {
      if (auto metric = read_string(s, "metric", Need::required, "metric = \"crwv-ps\"", &info.metric_at))
        trigger.metric = *metric;
      if (auto window = read_duration(s, "window", Need::required, "window = \"7d\"")) trigger.window = *window;
      if (const auto* node = s.table->get("threshold")) {
        auto at = position_of(node->source());
        if (const auto* str = node->as_string()) {
          if (auto percent = parse_percent(str->get()); percent && *percent > 0)
            trigger.threshold = Threshold{*percent, true};
          else
            fail(at, s.label +
                         " 'threshold' must be a percentage above 0 such as \"10%\" (relative change) or a "
                         "number (absolute change), got " +
                         in_quotes(str->get()));
        } else if (node->is_integer() || node->is_floating_point()) {
          double v =
              node->is_integer() ? static_cast<double>(node->as_integer()->get()) : node->as_floating_point()->get();
          if (!std::isfinite(v) || v <= 0)
            fail(at, s.label + " 'threshold' must be more than 0");
          else
            trigger.threshold = Threshold{v, false};
        } else {
          wrong_type(s, "threshold", *node, "a percentage such as \"10%\" or a number");
        }
      }
      read_above_below();
      read_hysteresis();
      if (!s.table->get("threshold") && !s.table->get("above") && !s.table->get("below"))
        fail(s.header,
             s.label + " needs at least one of 'threshold', 'above' or 'below' (such as threshold = \"10%\")");
      break;
    }
    case TK::tenant: {
      if (auto sources = read_strings(s, "sources", Need::required, "[\"colossus-news\"]", &info.sources_at)) {
        if (sources->empty())
          fail(position_of(s.table->get("sources")->source()),
               s.label + " 'sources' is empty; name the news feeds or EDGAR searches to read");
        trigger.sources = *sources;
      }
      if (auto subject = read_strings(s, "subject", Need::required, "[\"Colossus\"]")) {
        if (subject->empty())
          fail(position_of(s.table->get("subject")->source()),
               s.label + " 'subject' is empty; give the words an item must mention, such as [\"Colossus\"]");
        trigger.subject = *subject;
      }
      if (s.table->get("owners") != nullptr) {
        if (auto owners = read_strings(s, "owners", Need::optional, "[\"xAI\", \"SpaceX\"]")) trigger.owners = *owners;
      } else {
        trigger.owners = {"xAI", "X.AI", "SpaceX"};
      }
      if (auto known = read_strings(s, "known", Need::optional, "[\"Anthropic\"]")) trigger.known = *known;
      if (auto candidates = read_strings(s, "candidates", Need::optional, "[\"OpenAI\"]"))
        trigger.candidates = *candidates;
      if (auto confirm = read_integer(s, "confirm", Need::optional, 1, 10))
        trigger.confirm = static_cast<int>(*confirm);
      trigger.deadline = read_date(s, "deadline");
      break;
    }
    case TK::count:
      if (auto source = read_string(s, "source", Need::required, "source = \"xai-jobs\"", &info.source_at))
        trigger.source = *source;
      if (auto window = read_duration(s, "window", Need::required, "window = \"90d\"")) trigger.window = *window;
      read_above_below();
      read_hysteresis();
      if (auto match = read_strings(s, "match", Need::optional, "[\"GPU\"]")) trigger.match = *match;
      if (!s.table->get("above") && !s.table->get("below"))
        fail(s.header, s.label + " needs at least one of 'above' or 'below' (such as above = 10)");
      break;
  }
  info.ok = findings().size() == errors_before;
  config_.triggers.push_back(std::move(trigger));
  trigger_info_.push_back(std::move(info));
}

void Loader::read_figure(const Section& s) {
  check_plain_keys(s, {"label", "value", "status", "signals", "as_of", "note"});
  Figure figure;
  figure.name = s.id;
  if (auto label = read_string(s, "label", Need::required, "label = \"SpaceX IPO valuation\"")) figure.label = *label;
  if (auto v = read_string(s, "value", Need::required, "value = \"$1.75-2T\"")) figure.value = *v;
  if (auto status = read_name<Confirmation>(s, "status", "statuses", "status", "status = \"reported\""))
    figure.status = *status;
  std::vector<Position> signal_at;
  if (auto signals = read_strings(s, "signals", Need::optional, "[\"50da90f1\"]", &signal_at)) {
    for (std::size_t i = 0; i < signals->size(); ++i) {
      const auto& id = (*signals)[i];
      bool ok = id.size() == 8 && std::all_of(id.begin(), id.end(),
                                              [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
      if (!ok)
        fail(signal_at[i], s.label +
                               " 'signals' must hold signal ids, 8 lower-case hex digits such as "
                               "\"47c46e8d\", got " +
                               in_quotes(id));
    }
    figure.signals = *signals;
  }
  if (auto as_of = read_date(s, "as_of")) figure.as_of = format_date(*as_of);
  if (auto note = read_string(s, "note", Need::optional)) figure.note = *note;
  config_.figures.push_back(std::move(figure));
}

void Loader::read_digest(const Section& s) {
  check_plain_keys(s, {"schedule", "timezone", "channels", "triggers"});
  Digest digest;
  digest.id = s.id;
  DigestInfo info;
  Position schedule_at, zone_at;
  auto schedule = read_string(s, "schedule", Need::required, "schedule = \"Mon 08:00\"", &schedule_at);
  auto zone = read_string(s, "timezone", Need::optional, "timezone = \"America/New_York\"", &zone_at);
  if (schedule) {
    auto parsed = parse_weekly_schedule(*schedule, zone.value_or("UTC"));
    if (parsed) {
      digest.schedule = std::move(parsed).value();
    } else {
      const bool zone_is_wrong = zone && !is_known_zone(*zone);
      fail(zone_is_wrong ? zone_at : schedule_at,
           s.label + (zone_is_wrong ? " 'timezone': " : " 'schedule': ") + parsed.error().message);
    }
  }
  if (s.table->get("channels") == nullptr) {
    fail(s.header, s.label + " is missing required key 'channels'; a digest needs at least one channel, such as "
                             "channels = [\"desk\"]");
  } else if (auto channels = read_strings(s, "channels", Need::required, "[\"desk\"]", &info.channel_at)) {
    if (channels->empty()) fail(s.header, s.label + " 'channels' is empty; a digest needs at least one channel");
    digest.channels = *channels;
  }
  if (auto triggers = read_strings(s, "triggers", Need::optional, "[\"s1-public\"]", &info.trigger_at))
    digest.triggers = *triggers;
  config_.digests.push_back(std::move(digest));
  digest_info_.push_back(std::move(info));
}

}  // namespace watchdesk::config::loading
