// The parsed options of every subcommand, filled in by the CLI and read by the commands.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace watchdesk::commands {

/// Output formats of `check`, `status` and `alerts`.
enum class Format { text, json, markdown };

/// Whether `check` may send alerts and change state.
enum class DryRun { no, yes };

/// Options shared by every subcommand.
struct CommonOptions {
  std::string config_file;
  /// `--log-level`, overriding the config's `log_level` when set.
  std::string log_level;
};

/// `watchdesk check`.
struct CheckOptions {
  CommonOptions common;
  DryRun dry_run = DryRun::no;
  std::vector<std::string> triggers;
  Format format = Format::text;
  /// How long to wait for deliveries before exiting.
  Seconds deliver_timeout{60};
};

/// `watchdesk status`.
struct StatusOptions {
  CommonOptions common;
  Format format = Format::text;
};

/// `watchdesk alerts`.
struct AlertsOptions {
  CommonOptions common;
  Seconds since{7 * 24 * 3600};
  Format format = Format::text;
};

/// `watchdesk digest`.
struct DigestOptions {
  CommonOptions common;
  /// `--digest`: which `[digests.*]` (empty: the first, or every trigger when there is none).
  std::string digest;
  /// `--send`: a channel id to send it through instead of printing it.
  std::string send;
  /// `markdown` or `json`.
  Format format = Format::markdown;
};

/// `watchdesk silence add|list|expire`.
struct SilenceOptions {
  CommonOptions common;
  /// `add`: the trigger id (`health` for source health), the text or source to match, how long, why.
  std::string trigger;
  std::string match;
  Seconds duration{0};
  std::string reason;
  /// `expire`: the silence id.
  std::string id;
  /// `list`: text or JSON.
  Format format = Format::text;
};

/// `watchdesk replay`.
struct ReplayOptions {
  CommonOptions common;
  /// The archive folder (`DIR/<source-id>/<time>.<ext>`).
  std::filesystem::path from;
  /// Only bodies archived at or after `since` and at or before `until`.
  std::optional<TimePoint> since;
  std::optional<TimePoint> until;
  /// `--state`: a new file that keeps the replayed state (empty: a throw-away state).
  std::filesystem::path state;
  Format format = Format::text;
};

/// `watchdesk test-alert`.
struct TestAlertOptions {
  CommonOptions common;
  std::string channel;
};

}  // namespace watchdesk::commands
