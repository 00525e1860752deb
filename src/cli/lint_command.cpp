// rota lint PROGRAM: validate the inputs and print every problem.

#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"

namespace rota::cli {

namespace {

int run_lint(const InputPaths& paths, const CommonOptions& common) {
  LoadedInputs in = load_inputs(paths);  // errors throw: printed, exit 3
  if (!common.quiet) print_diagnostics(in.diagnostics.all());
  if (!common.quiet)
    fmt::print("{}: ok: {} residents, {} shifts, {} coverage entries, {} days from {}\n",
               paths.program, in.roster.residents.size(), in.program.shifts.size(),
               in.program.coverage.size(), in.program.horizon_days,
               format_date(in.program.horizon_start));
  return to_int(ExitCode::ok);
}

}  // namespace

void add_lint_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto paths = std::make_shared<InputPaths>();
  CLI::App* cmd = app.add_subcommand("lint", "validate the program and roster; print every problem");
  cmd->add_option("PROGRAM", paths->program, "program file (YAML)")->required();
  add_roster_options(cmd, *paths);
  cmd->callback([&action, &common, paths] { action = [&common, paths] { return run_lint(*paths, common); }; });
}

}  // namespace rota::cli
