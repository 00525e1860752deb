// rota runs --db FILE: the runs a database remembers, oldest first.

#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "rota/exit_code.hpp"
#include "rota/store/database.hpp"
#include "rota/store/run_history.hpp"
#include "rota/util/csv.hpp"
#include "rota/util/json_writer.hpp"

namespace rota::cli {

namespace {

struct RunsOptions {
  std::string db;
  std::string format = "text";
};

std::string cost_text(const store::RunRecord& r) { return r.cost ? std::to_string(*r.cost) : ""; }

int run_runs(const RunsOptions& opt) {
  store::Database db(opt.db, store::Database::Mode::read_only);
  const auto runs = store::list_runs(db);
  std::string out;
  if (opt.format == "json") {
    JsonWriter j;
    j.begin_array();
    for (const auto& r : runs) {
      j.begin_object().key("id").value(r.id).key("started").value(r.started).key("finished").value(r.finished);
      j.key("program").value(r.program).key("status").value(r.status).key("cost");
      if (r.cost) j.value(*r.cost);
      else j.null();
      j.key("cost_breakdown").begin_object().key("coverage").value(r.breakdown.coverage);
      j.key("requests").value(r.breakdown.requests).key("fairness").value(r.breakdown.fairness);
      j.key("changes").value(r.breakdown.changes).key("warnings").value(r.breakdown.warnings).end_object();
      j.key("violations").value(r.violations).key("assignments").value(r.assignments);
      j.key("horizon").begin_object().key("start").value(r.horizon_start).key("days").value(r.horizon_days).end_object();
      j.key("seconds").value(r.seconds).key("seconds_to_first").value(r.seconds_to_first);
      j.key("seconds_to_best").value(r.seconds_to_best).key("effort").value(static_cast<long long>(r.effort));
      j.key("inputs_hash").value(r.inputs_hash).key("options").value(r.options);
      j.key("baseline").value(r.baseline).key("freeze_until").value(r.freeze_until).end_object();
    }
    j.end_array();
    out = j.str() + "\n";
  } else if (opt.format == "csv") {
    out = "id,started,finished,status,cost,violations,assignments,seconds,program,inputs_hash,baseline,freeze_until\n";
    for (const auto& r : runs)
      out += fmt::format("{},{},{},{},{},{},{},{:.1f},{},{},{},{}\n", r.id, r.started, r.finished, r.status,
                         cost_text(r), r.violations, r.assignments, r.seconds, csv_field(r.program), r.inputs_hash,
                         csv_field(r.baseline), r.freeze_until);
  } else {
    out = fmt::format("{:>4}  {:<20}  {:<12}  {:>8}  {:>11}  {:>7}  {}\n", "id", "started", "status", "cost",
                      "assignments", "seconds", "program");
    for (const auto& r : runs)
      out += fmt::format("{:>4}  {:<20}  {:<12}  {:>8}  {:>11}  {:>7.1f}  {}\n", r.id, r.started, r.status,
                         cost_text(r), r.assignments, r.seconds, r.program);
  }
  fmt::print("{}", out);
  return to_int(ExitCode::ok);
}

}  // namespace

void add_runs_command(CLI::App& app, const CommonOptions&, Action& action) {
  auto opt = std::make_shared<RunsOptions>();
  CLI::App* cmd = app.add_subcommand("runs", "list the runs a database remembers");
  cmd->add_option("--db", opt->db, "the rota database")->required();
  cmd->add_option("-f,--format", opt->format, "text, csv or json")->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->callback([&action, opt] { action = [opt] { return run_runs(*opt); }; });
}

}  // namespace rota::cli
