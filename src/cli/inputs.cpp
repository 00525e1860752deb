#include "inputs.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/io/schedule_csv.hpp"
#include "rota/store/sqlite_roster_source.hpp"

namespace rota::cli {

LoadedInputs load_inputs(const InputPaths& paths) {
  LoadedInputs in;
  in.program = read_program_yaml(paths.program, in.diagnostics);
  // Read the roster even when the program has errors, so that every problem
  // is reported at once; without a horizon its checks would mislead.
  if (in.program.horizon_days == 0 || in.program.shifts.empty()) in.diagnostics.throw_if_errors();
  auto source = !paths.db.empty()       ? sqlite_roster_source(paths.db)
                : paths.roster.empty() ? yaml_roster_source(paths.program, true)
                                       : yaml_roster_source(paths.roster, false);
  in.roster = source->load(in.program, in.diagnostics);
  in.diagnostics.throw_if_errors();
  warn_unknown_rotations(in.program, in.roster, in.diagnostics);
  return in;
}

Schedule load_schedule(const std::string& path, const LoadedInputs& inputs) {
  Diagnostics diags;
  Schedule s = read_schedule_csv(path, inputs.program, inputs.roster, diags);
  diags.throw_if_errors();
  return s;
}

void add_roster_options(CLI::App* cmd, InputPaths& paths) {
  auto* roster = cmd->add_option("--roster", paths.roster, "roster file (YAML); default: the program file");
  auto* db = cmd->add_option("--db", paths.db, "read the roster tables from this rota database (SQLite)");
  roster->excludes(db);
  db->excludes(roster);
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) fmt::print(stderr, "{}\n", d.to_string());
}

}  // namespace rota::cli
