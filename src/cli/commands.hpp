#pragma once

// The subcommand table: each command adds itself to the CLI11 app and
// stores its action, which returns the exit status.

#include <functional>

#include <CLI/CLI.hpp>

namespace rota::cli {

using Action = std::function<int()>;

// Options every command understands.
struct CommonOptions {
  bool quiet = false;
  bool verbose = false;
  std::string umask;  // --umask: octal mask for every file written
};

void add_check_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_lint_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_solve_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_nrp_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_import_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_runs_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_export_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_diff_command(CLI::App& app, const CommonOptions& common, Action& action);
void add_cache_command(CLI::App& app, const CommonOptions& common, Action& action);
// These two read the whole command table: add them last.
void add_help_command(CLI::App& app, Action& action);
void add_completion_command(CLI::App& app, Action& action);

}  // namespace rota::cli
