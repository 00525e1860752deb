#pragma once

// Loading the program, roster and schedule named on the command line, with
// every diagnostic printed to stderr.

#include <string>

#include <CLI/CLI.hpp>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::cli {

struct InputPaths {
  std::string program;
  std::string roster;  // empty: the roster tables sit in the program file (or in db)
  std::string db;      // a rota database holding the roster tables
};

// --roster FILE and --db FILE (one or the other).
void add_roster_options(CLI::App* cmd, InputPaths& paths);

struct LoadedInputs {
  Program program;
  Roster roster;
  Diagnostics diagnostics;  // warnings (errors throw)
};

// Throws InputError with every problem found in either file.
LoadedInputs load_inputs(const InputPaths& paths);
Schedule load_schedule(const std::string& path, const LoadedInputs& inputs);

void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace rota::cli
