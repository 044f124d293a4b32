// The subcommands; each returns the process exit status of the contract (daemon/exit_codes.hpp).
#pragma once

#include "daemon/commands/options.hpp"

namespace watchdesk::commands {

/// `watchdesk run`: the daemon.
int run(const CommonOptions& options);
/// `watchdesk check`: one pass over every source (or those the named triggers need).
int check(const CheckOptions& options);
/// `watchdesk validate`: loads the config and prints a one-line summary.
int validate(const CommonOptions& options);
/// `watchdesk status`: the observable-state table from the state database.
int status(const StatusOptions& options);
/// `watchdesk alerts`: alert history with per-channel delivery state.
int alerts(const AlertsOptions& options);
/// `watchdesk digest`: the weekly digest now, printed or sent through one channel.
int digest(const DigestOptions& options);
/// `watchdesk silence add`: records a silence and prints its id.
int silence_add(const SilenceOptions& options);
/// `watchdesk silence list`: every silence with its state.
int silence_list(const SilenceOptions& options);
/// `watchdesk silence expire`: ends a silence now.
int silence_expire(const SilenceOptions& options);
/// `watchdesk replay`: the archive through the pipeline at virtual time, on a throw-away state.
int replay(const ReplayOptions& options);
/// `watchdesk test-alert`: a marked test alert through one channel.
int test_alert(const TestAlertOptions& options);

}  // namespace watchdesk::commands
