// The `watchdesk` binary: everything lives in watchdesk_core; this only hands over to the CLI.
#include "daemon/cli.hpp"

int main(int argc, char** argv) { return watchdesk::run_cli(argc, argv); }
