// The command line (CLI11): subcommands, options, and the mapping of parse errors to exit 64.
#include "daemon/cli.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "core/units.hpp"
#include "daemon/archive/layout.hpp"
#include "daemon/commands/commands.hpp"
#include "daemon/exit_codes.hpp"
#include "watchdesk/version.hpp"

namespace watchdesk {
namespace {

using commands::Format;

void add_common(CLI::App* cmd, commands::CommonOptions& common) {
  cmd->add_option("-c,--config", common.config_file, "configuration file (TOML)")->required();
  cmd->add_option("--log-level", common.log_level, "trace, debug, info, warn, error (overrides the config)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
}

void add_format(CLI::App* cmd, Format& format, std::vector<std::string> allowed) {
  static const std::map<std::string, Format> names{
      {"text", Format::text}, {"json", Format::json}, {"markdown", Format::markdown}};
  std::map<std::string, Format> choices;
  for (const auto& name : allowed) choices.emplace(name, names.at(name));
  cmd->add_option("--format", format, "output format")
      ->transform(CLI::CheckedTransformer(choices, CLI::ignore_case));
}

// Parses a DURATION option value (`7d`, `90s`).
std::function<std::string(std::string&)> duration_validator() {
  return [](std::string& text) -> std::string {
    if (parse_duration(text)) return {};
    return "expected a duration such as 90s, 10m, 6h or 7d, got '" + text + "'";
  };
}

// Parses a TIME option value of `replay`.
std::function<std::string(std::string&)> time_validator(archive::Bound bound) {
  return [bound](std::string& text) -> std::string {
    if (archive::parse_bound(text, bound)) return {};
    return "expected a time such as 2026-05-20T23:00:00Z, 20260520T230000Z or 2026-05-20, got '" + text + "'";
  };
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app{"watchdesk: watches public sources (SEC EDGAR, prices, job boards, news) and alerts "
               "when the desk's triggers fire",
               "watchdesk"};
  app.set_version_flag("--version", std::string("watchdesk ") + version);
  app.require_subcommand(1, 1);
  app.footer(
      "Exit status: 0 ran, nothing fired, all sources healthy; 1 at least one trigger fired;\n"
      "2 nothing fired but a source failed (replay: 1 would have fired, else 0); 64 usage error; 74 state database unusable;\n"
      "78 configuration error.");

  commands::CommonOptions run_opts;
  auto* run = app.add_subcommand("run", "run as a daemon (Type=notify under systemd)");
  add_common(run, run_opts);

  commands::CheckOptions check_opts;
  std::string deliver_timeout = "60s";
  bool dry_run = false;
  auto* check = app.add_subcommand("check", "poll every source once, evaluate, deliver, and exit");
  add_common(check, check_opts.common);
  check->add_flag("--dry-run", dry_run, "send nothing and change no state");
  check->add_option("--trigger", check_opts.triggers, "only this trigger (and the sources it needs); repeatable");
  add_format(check, check_opts.format, {"text", "json"});
  check->add_option("--deliver-timeout", deliver_timeout, "how long to wait for deliveries (default 60s)")
      ->check(CLI::Validator(duration_validator(), "DURATION"));

  commands::CommonOptions validate_opts;
  auto* validate = app.add_subcommand("validate", "load and check the configuration");
  add_common(validate, validate_opts);

  commands::StatusOptions status_opts;
  auto* status = app.add_subcommand("status", "print the observable-state table from the state database");
  add_common(status, status_opts.common);
  add_format(status, status_opts.format, {"text", "json", "markdown"});

  commands::AlertsOptions alerts_opts;
  std::string since = "7d";
  auto* alerts = app.add_subcommand("alerts", "print the alert history with delivery state");
  add_common(alerts, alerts_opts.common);
  alerts->add_option("--since", since, "how far back (default 7d)")
      ->check(CLI::Validator(duration_validator(), "DURATION"));
  add_format(alerts, alerts_opts.format, {"text", "json"});

  commands::DigestOptions digest_opts;
  auto* digest = app.add_subcommand("digest", "print the weekly digest now (or send it through a channel)");
  add_common(digest, digest_opts.common);
  add_format(digest, digest_opts.format, {"markdown", "json"});
  digest->add_option("--send", digest_opts.send, "send it through this channel instead of printing it");
  digest->add_option("--digest", digest_opts.digest, "which [digests.ID] (default: the first)");

  commands::SilenceOptions silence_opts;
  std::string silence_for;
  auto* silence = app.add_subcommand("silence", "keep a trigger's alerts from every channel for a while");
  silence->require_subcommand(1, 1);
  auto* silence_add = silence->add_subcommand("add", "add a silence and print its id");
  add_common(silence_add, silence_opts.common);
  silence_add->add_option("--trigger", silence_opts.trigger, "trigger id (`health` for source health)")->required();
  silence_add->add_option("--match", silence_opts.match,
                          "only alerts whose id, title or summary contains TEXT or that cite source TEXT "
                          "(for `health`: the source id)");
  silence_add->add_option("--for", silence_for, "how long, e.g. 2h or 3d")
      ->required()
      ->check(CLI::Validator(duration_validator(), "DURATION"));
  silence_add->add_option("--reason", silence_opts.reason, "why, for the record")->required();
  auto* silence_list = silence->add_subcommand("list", "list silences, in force or ended");
  add_common(silence_list, silence_opts.common);
  add_format(silence_list, silence_opts.format, {"text", "json"});
  auto* silence_expire = silence->add_subcommand("expire", "end a silence now");
  add_common(silence_expire, silence_opts.common);
  silence_expire->add_option("id", silence_opts.id, "silence id")->required();

  commands::ReplayOptions replay_opts;
  std::string replay_since, replay_until;
  auto* replay = app.add_subcommand(
      "replay", "run the archived bodies through the pipeline at their own times; print what would have been raised");
  add_common(replay, replay_opts.common);
  replay->add_option("--from", replay_opts.from, "archive folder (what [watchdesk] archive records)")->required();
  replay->add_option("--since", replay_since, "first time replayed: RFC 3339, 20261203T061500Z or YYYY-MM-DD")
      ->check(CLI::Validator(time_validator(archive::Bound::since), "TIME"));
  replay->add_option("--until", replay_until, "last time replayed (a date: to its end)")
      ->check(CLI::Validator(time_validator(archive::Bound::until), "TIME"));
  replay->add_option("--state", replay_opts.state,
                     "keep the replayed state in this new file (for `status` or `run` to read) instead of throwing it away");
  add_format(replay, replay_opts.format, {"text", "json"});

  commands::TestAlertOptions test_opts;
  auto* test_alert = app.add_subcommand("test-alert", "send a marked test alert through one channel");
  add_common(test_alert, test_opts.common);
  test_alert->add_option("--channel", test_opts.channel, "channel id")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return to_int(ExitCode::ok);
  } catch (const CLI::CallForVersion&) {
    std::cout << "watchdesk " << version << "\n";
    return to_int(ExitCode::ok);
  } catch (const CLI::ParseError& e) {
    std::cerr << "watchdesk: " << e.what() << "\n"
              << "Run 'watchdesk --help' for usage.\n";
    return to_int(ExitCode::usage);
  }

  if (*run) return commands::run(run_opts);
  if (*check) {
    check_opts.dry_run = dry_run ? commands::DryRun::yes : commands::DryRun::no;
    check_opts.deliver_timeout = *parse_duration(deliver_timeout);
    return commands::check(check_opts);
  }
  if (*validate) return commands::validate(validate_opts);
  if (*status) return commands::status(status_opts);
  if (*alerts) {
    alerts_opts.since = *parse_duration(since);
    return commands::alerts(alerts_opts);
  }
  if (*digest) return commands::digest(digest_opts);
  if (*silence_add) {
    silence_opts.duration = *parse_duration(silence_for);
    return commands::silence_add(silence_opts);
  }
  if (*silence_list) return commands::silence_list(silence_opts);
  if (*silence_expire) return commands::silence_expire(silence_opts);

  if (*replay) {
    if (!replay_since.empty()) replay_opts.since = archive::parse_bound(replay_since, archive::Bound::since);
    if (!replay_until.empty()) replay_opts.until = archive::parse_bound(replay_until, archive::Bound::until);
    return commands::replay(replay_opts);
  }
  if (*test_alert) return commands::test_alert(test_opts);
  return to_int(ExitCode::usage);
}

}  // namespace watchdesk
