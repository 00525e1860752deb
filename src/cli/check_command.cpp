// rota check PROGRAM SCHEDULE.csv: the compliance report of any schedule.

#include <cstdio>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"
#include "rota/report/report_format.hpp"
#include "rota/rules/compliance_check.hpp"
#include "rota/util/atomic_file.hpp"

namespace rota::cli {

namespace {

struct CheckOptions {
  InputPaths inputs;
  std::string schedule;
  std::string format;  // default: by --out's extension, else text
  std::string out;
  std::string baseline;
};

int run_check(const CheckOptions& opt, const CommonOptions& common) {
  LoadedInputs in = load_inputs(opt.inputs);
  if (!common.quiet) print_diagnostics(in.diagnostics.all());
  Schedule schedule = load_schedule(opt.schedule, in);
  Schedule baseline;
  if (!opt.baseline.empty()) baseline = load_schedule(opt.baseline, in);
  ComplianceReport report = check_compliance(in.program, in.roster, schedule,
                                             opt.baseline.empty() ? nullptr : &baseline);
  const ReportFormat format = !opt.format.empty() ? *parse_report_format(opt.format)
                                                  : report_format_for_path(opt.out).value_or(ReportFormat::text);
  std::string text = render_report(format, ReportInput{in.program, in.roster, report, &schedule});
  if (opt.out.empty() || opt.out == "-")
    fmt::print("{}", text);
  else
    write_file_atomically(opt.out, text, FileAccess::owner_only);
  if (common.verbose)
    fmt::print(stderr, "rota: checked {} assignments of {} residents: {} violations, {} warnings\n",
               schedule.assignments.size(), in.roster.residents.size(), report.violations,
               report.warnings);
  return to_int(report.compliant() ? ExitCode::ok : ExitCode::violations);
}

}  // namespace

void add_check_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "compliance report of any schedule (exit 1 on violations)");
  cmd->add_option("PROGRAM", opt->inputs.program, "program file (YAML)")->required();
  cmd->add_option("SCHEDULE", opt->schedule, "schedule CSV: date,resident,shift")->required();
  add_roster_options(cmd, opt->inputs);
  cmd->add_option("-f,--format", opt->format,
                  "report format: text, csv, json, md or html (default: by --out's extension, else text)")
      ->check(CLI::IsMember(report_format_names()));
  cmd->add_option("-o,--out", opt->out, "write the report to FILE (atomically) instead of stdout");
  cmd->add_option("--baseline", opt->baseline, "schedule CSV to count changes against (cost term 'changes')");
  cmd->callback([&action, &common, opt] { action = [&common, opt] { return run_check(*opt, common); }; });
}

}  // namespace rota::cli
