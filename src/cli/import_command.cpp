// rota import TABLE FILE.csv --db FILE: bulk-load one roster table.

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"
#include "rota/store/database.hpp"
#include "rota/store/database_lock.hpp"
#include "rota/store/roster_tables.hpp"
#include "rota/store/table_import.hpp"
#include "rota/util/number_format.hpp"

namespace rota::cli {

namespace {

struct ImportCommandOptions {
  std::string table;
  std::string csv;
  std::string db;
  bool skip_bad = false;
  double wait = 0;
};

int run_import(const ImportCommandOptions& opt, const CommonOptions& common) {
  // A file that cannot be read fails before the database is opened, so a
  // first import of a missing file leaves no empty database behind.
  if (!std::ifstream(opt.csv)) throw std::runtime_error(fmt::format("{}: cannot open file", opt.csv));
  store::DatabaseLock lock(opt.db, opt.wait);  // one writer at a time
  store::Database db(opt.db, store::Database::Mode::read_write);
  store::ImportResult r = store::import_table(db, opt.table, opt.csv, {opt.skip_bad});
  print_diagnostics(r.problems.all());
  if (!r.loaded) {
    fmt::print(stderr, "rota: nothing loaded into {} from {}{}\n", opt.db, opt.csv,
               r.skipped ? fmt::format(": {} bad (--skip-bad loads the good rows)", count_of(r.skipped, "row")) : "");
    return to_int(ExitCode::bad_input);
  }
  if (!common.quiet)
    fmt::print(stderr, "rota: {}: {} from {}: {} new or changed, {} unchanged{}\n", opt.table,
               count_of(r.rows, "row"), opt.csv, r.written, r.unchanged,
               r.skipped ? fmt::format(", {} bad left out", r.skipped) : "");
  return to_int(ExitCode::ok);
}

}  // namespace

void add_import_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<ImportCommandOptions>();
  CLI::App* cmd = app.add_subcommand("import", "bulk-load a roster table from CSV into a rota database");
  cmd->add_option("TABLE", opt->table, "the table: " + fmt::format("{}", fmt::join(store::roster_table_names_in_order(), ", ")))
      ->required()
      ->check(CLI::IsMember(store::roster_table_names_in_order()));
  cmd->add_option("FILE", opt->csv, "CSV with a header row naming the table's columns")->required();
  cmd->add_option("--db", opt->db, "the database (created when missing)")->required();
  cmd->add_flag("--skip-bad", opt->skip_bad, "load the good rows and list the bad ones (default: a bad row loads nothing)");
  cmd->add_option("--wait", opt->wait, "wait up to SECONDS for another run's lock (default: exit 75 at once)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([&action, &common, opt] { action = [&common, opt] { return run_import(*opt, common); }; });
}

}  // namespace rota::cli
