#pragma once

namespace rota::cli {

// The whole command line: parses argv, runs one subcommand, and turns every
// exception into an exit status from rota::ExitCode.
int run(int argc, char** argv);

}  // namespace rota::cli
