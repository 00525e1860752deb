// rota export --db FILE [--run ID] --format csv|grid|json: a stored schedule.

#include <cstdio>
#include <map>
#include <set>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"
#include "rota/store/database.hpp"
#include "rota/store/run_history.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/civil_date.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/diagnostics.hpp"
#include "rota/util/json_writer.hpp"

namespace rota::cli {

namespace {

struct ExportOptions {
  std::string db;
  long long run = 0;  // 0: the newest run with a schedule
  std::string format = "csv";
  std::string out;
};

// One row per resident (in the residents table's order, then any other
// resident of the run), one column per date of the run's horizon.
std::string grid_csv(store::Database& db, const store::RunRecord& run, const std::vector<store::StoredAssignment>& rows) {
  std::vector<std::string> residents;
  std::set<std::string> seen;
  SQLite::Statement q(db.sql(), "SELECT id FROM residents ORDER BY rowid");
  while (q.executeStep())
    if (seen.insert(q.getColumn(0).getString()).second) residents.push_back(q.getColumn(0).getString());
  std::map<std::pair<std::string, std::string>, std::string> cell;
  for (const auto& a : rows) {
    if (seen.insert(a.resident).second) residents.push_back(a.resident);
    std::string& c = cell[{a.resident, a.date}];
    c += (c.empty() ? "" : "+") + a.shift;
  }
  const Date start = *parse_date(run.horizon_start);
  std::string out = "resident";
  for (int d = 0; d < run.horizon_days; ++d) out += "," + format_date(start + date::days{d});
  out += "\n";
  for (const std::string& r : residents) {
    out += csv_field(r);
    for (int d = 0; d < run.horizon_days; ++d) {
      auto it = cell.find({r, format_date(start + date::days{d})});
      out += "," + (it == cell.end() ? std::string() : csv_field(it->second));
    }
    out += "\n";
  }
  return out;
}

std::string json_export(const store::RunRecord& run, const std::vector<store::StoredAssignment>& rows) {
  JsonWriter j;
  j.begin_object().key("run").value(run.id).key("program").value(run.program).key("status").value(run.status);
  j.key("cost");
  if (run.cost) j.value(*run.cost);
  else j.null();
  j.key("horizon").begin_object().key("start").value(run.horizon_start).key("days").value(run.horizon_days).end_object();
  j.key("assignments").begin_array();
  for (const auto& a : rows)
    j.begin_object().key("date").value(a.date).key("resident").value(a.resident).key("shift").value(a.shift)
        .key("start").value(a.start).key("end").value(a.end).key("hours").value(a.hours).end_object();
  j.end_array().end_object();
  return j.str() + "\n";
}

int run_export(const ExportOptions& opt) {
  store::Database db(opt.db, store::Database::Mode::read_only);
  long long id = opt.run;
  if (id == 0) {
    auto latest = store::latest_run_with_schedule(db);
    if (!latest) throw InputError({opt.db, 0, 0}, "--run", "no run with a schedule in the database");
    id = *latest;
  }
  auto run = store::find_run(db, id);
  if (!run) throw InputError({opt.db, 0, 0}, "--run", fmt::format("no run {} in the database", id));
  const auto rows = store::run_schedule(db, id);
  const std::string text = opt.format == "grid"   ? grid_csv(db, *run, rows)
                           : opt.format == "json" ? json_export(*run, rows)
                                                  : store::stored_schedule_csv(rows);
  if (opt.out.empty() || opt.out == "-") fmt::print("{}", text);
  else write_file_atomically(opt.out, text);
  return to_int(ExitCode::ok);
}

}  // namespace

void add_export_command(CLI::App& app, const CommonOptions&, Action& action) {
  auto opt = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "write a schedule stored by an earlier solve --db");
  cmd->add_option("--db", opt->db, "the rota database")->required();
  cmd->add_option("--run", opt->run, "the run's id (default: the newest run with a schedule)")->check(CLI::PositiveNumber);
  cmd->add_option("-f,--format", opt->format, "csv (the schedule CSV), grid (residents x dates) or json")
      ->check(CLI::IsMember({"csv", "grid", "json"}));
  cmd->add_option("-o,--out", opt->out, "write to FILE (atomically) instead of stdout");
  cmd->callback([&action, opt] { action = [opt] { return run_export(*opt); }; });
}

}  // namespace rota::cli
