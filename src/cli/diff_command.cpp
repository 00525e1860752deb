// rota diff A B: the resident-days whose assignment changed, as CSV.

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"
#include "rota/store/database.hpp"
#include "rota/store/run_history.hpp"
#include "rota/store/schedule_diff.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/diagnostics.hpp"

namespace rota::cli {

namespace {

struct DiffOptions {
  std::string a, b;
  std::string db;
  std::string out;
};

// A schedule CSV file, or (with --db) the id of a stored run.
std::vector<store::StoredAssignment> load(const std::string& what, const DiffOptions& opt) {
  const bool number = !what.empty() && what.find_first_not_of("0123456789") == std::string::npos;
  if (!number || std::filesystem::exists(what)) return store::parse_stored_schedule(read_file(what), what);
  if (opt.db.empty()) throw InputError({what, 0, 0}, "", "no such file; a run id needs --db FILE");
  store::Database db(opt.db, store::Database::Mode::read_only);
  const long long id = std::stoll(what);
  return store::found_schedule(db, id, opt.db, "");
}

int run_diff(const DiffOptions& opt, const CommonOptions& common) {
  auto changes = store::schedule_diff(load(opt.a, opt), load(opt.b, opt));
  const std::string text = store::schedule_diff_csv(changes);
  if (opt.out.empty() || opt.out == "-") fmt::print("{}", text);
  else write_file_atomically(opt.out, text);
  if (common.verbose) fmt::print(stderr, "rota: {} resident-days changed\n", changes.size());
  return to_int(ExitCode::ok);
}

}  // namespace

void add_diff_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand("diff", "the resident-days that changed between two schedules, as CSV");
  cmd->add_option("A", opt->a, "the earlier schedule: a schedule CSV or, with --db, a run id")->required();
  cmd->add_option("B", opt->b, "the later schedule: a schedule CSV or, with --db, a run id")->required();
  cmd->add_option("--db", opt->db, "the rota database that holds the runs");
  cmd->add_option("-o,--out", opt->out, "write to FILE (atomically) instead of stdout");
  cmd->callback([&action, &common, opt] { action = [&common, opt] { return run_diff(*opt, common); }; });
}

}  // namespace rota::cli
