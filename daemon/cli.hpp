// The command line: subcommands, options and exit codes of the contract in DESIGN.md.
#pragma once

namespace watchdesk {

/// Parses the command line, runs the chosen subcommand and returns the process exit status.
int run_cli(int argc, char** argv);

}  // namespace watchdesk
