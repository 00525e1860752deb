// rota nrp import|score: the Curtois & Qu benchmark format.

#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"
#include "rota/io/nrp_instance.hpp"
#include "rota/io/program_reader.hpp"
#include "rota/io/roster_source.hpp"
#include "rota/io/schedule_csv.hpp"
#include "rota/report/report_format.hpp"
#include "rota/rules/compliance_check.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/json_writer.hpp"

namespace rota::cli {

namespace {

struct NrpOptions {
  std::string instance;
  std::string out_dir;
  std::string schedule;
  std::string format = "text";
};

NrpInstance load_instance(const std::string& path) {
  Diagnostics diags;
  NrpInstance inst = read_nrp_instance(path, diags);
  diags.throw_if_errors();
  return inst;
}

int run_import(const NrpOptions& opt, const CommonOptions& common) {
  NrpInstance inst = load_instance(opt.instance);
  std::filesystem::create_directories(opt.out_dir);
  auto program = (std::filesystem::path(opt.out_dir) / "program.yaml").string();
  auto roster = (std::filesystem::path(opt.out_dir) / "roster.yaml").string();
  write_file_atomically(program, nrp_program_yaml(inst));
  write_file_atomically(roster, nrp_roster_yaml(inst));
  if (!common.quiet)
    fmt::print(stderr, "rota: {}: {} days, {} staff, {} shift types -> {} and {}\n", inst.name, inst.days,
               inst.staff.size(), inst.shifts.size(), program, roster);
  return to_int(ExitCode::ok);
}

int run_score(const NrpOptions& opt, const CommonOptions&) {
  NrpInstance inst = load_instance(opt.instance);
  Diagnostics diags;
  // Scored through the same program and roster that `nrp import` writes.
  Program program = parse_program_yaml(nrp_program_yaml(inst), opt.instance, diags);
  Roster roster = parse_roster_yaml(nrp_roster_yaml(inst), opt.instance, program, diags);
  diags.throw_if_errors();
  Diagnostics schedule_diags;  // the benchmark's own rules are off on purpose: no warnings about that
  Schedule schedule = read_schedule_csv(opt.schedule, program, roster, schedule_diags);
  schedule_diags.throw_if_errors();
  ComplianceReport report = check_compliance(program, roster, schedule);
  const bool feasible = report.compliant();
  const long long penalty = report.cost.coverage + report.cost.requests;
  if (opt.format == "json") {
    JsonWriter j;
    j.begin_object();
    j.key("instance").value(inst.name);
    j.key("feasible").value(feasible);
    j.key("penalty").value(penalty);
    j.key("cover").value(report.cost.coverage);
    j.key("requests").value(report.cost.requests);
    j.key("violations").value(report.violations);
    j.end_object();
    fmt::print("{}\n", j.str());
  } else {
    fmt::print("{}: {}, penalty {} (cover {}, requests {})\n", inst.name,
               feasible ? "feasible" : fmt::format("INFEASIBLE ({} hard violations)", report.violations), penalty,
               report.cost.coverage, report.cost.requests);
    for (const auto& f : report.findings)
      if (f.severity == FindingSeverity::violation)
        fmt::print("  {:<20} {:<6} {} .. {}  {}\n", f.rule, f.resident ? roster.residents[*f.resident].id : "",
                   f.from, f.to, f.message);
  }
  return to_int(feasible ? ExitCode::ok : ExitCode::violations);
}

}  // namespace

void add_nrp_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<NrpOptions>();
  CLI::App* nrp = app.add_subcommand("nrp", "the Curtois & Qu shift scheduling benchmark format");
  nrp->require_subcommand(1);
  CLI::App* imp = nrp->add_subcommand("import", "convert INSTANCE.txt into DIR/program.yaml and DIR/roster.yaml");
  imp->add_option("INSTANCE", opt->instance, "instance file (InstanceN.txt)")->required();
  imp->add_option("-o,--out", opt->out_dir, "directory to write program.yaml and roster.yaml into")->required();
  imp->callback([&action, &common, opt] { action = [&common, opt] { return run_import(*opt, common); }; });
  CLI::App* score = nrp->add_subcommand("score", "benchmark penalty of a schedule; exit 1 when infeasible");
  score->add_option("INSTANCE", opt->instance, "instance file (InstanceN.txt)")->required();
  score->add_option("SCHEDULE", opt->schedule, "schedule CSV (day 0 = 2024-01-01)")->required();
  score->add_option("-f,--format", opt->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  score->callback([&action, &common, opt] { action = [&common, opt] { return run_score(*opt, common); }; });
}

}  // namespace rota::cli
