// rota solve PROGRAM: build a schedule; CSV to stdout or --out, summary to stderr.

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

#include "commands.hpp"
#include "inputs.hpp"
#include "rota/exit_code.hpp"
#include "rota/io/schedule_csv.hpp"
#include "rota/report/report_format.hpp"
#include "rota/rules/compliance_check.hpp"
#include "rota/solve/solver.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/number_format.hpp"

namespace rota::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }

struct SolveCommandOptions {
  InputPaths inputs;
  std::string out;
  std::string report;
  std::string format = "text";
  std::string time_limit;
  int threads = -1;
  long long seed = -1;
  std::string baseline;
  bool no_prune = false;
};

double parse_time_limit(const std::string& text) {
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  std::string unit = end ? std::string(end) : "";
  if (end == text.c_str() || v < 0) throw CLI::ValidationError("--time-limit", "expected e.g. 60s, 5m or 1h");
  if (unit.empty() || unit == "s") return v;
  if (unit == "m") return v * 60;
  if (unit == "h") return v * 3600;
  throw CLI::ValidationError("--time-limit", "expected e.g. 60s, 5m or 1h");
}

bool progress_wanted() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) && !(term && std::string(term) == "dumb");
}

int run_solve(const SolveCommandOptions& opt, const CommonOptions& common) {
  LoadedInputs in = load_inputs(opt.inputs);
  if (!common.quiet) print_diagnostics(in.diagnostics.all());
  Schedule baseline;
  if (!opt.baseline.empty()) baseline = load_schedule(opt.baseline, in);

  SolveOptions so;
  so.time_limit_seconds = opt.time_limit.empty() ? in.program.solver.time_limit_seconds : parse_time_limit(opt.time_limit);
  so.seed = static_cast<unsigned long long>(opt.seed >= 0 ? opt.seed : in.program.solver.seed);
  so.baseline = opt.baseline.empty() ? nullptr : &baseline;
  so.prune = !opt.no_prune;
  const int threads = opt.threads >= 0 ? opt.threads : in.program.solver.threads;
  so.threads = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  so.interrupt = &g_interrupted;
  const bool live = progress_wanted() && !common.quiet;
  if (live)
    so.on_progress = [](double t, long long cost, int n) {
      fmt::print(stderr, "\r  {:7.1f}s  best cost {:<10} solutions {:<6}", t, cost, n);
    };
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  SolveResult res = solve_schedule(in.program, in.roster, so);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (live) fmt::print(stderr, "\n");

  if (common.verbose || res.status == SolveStatus::infeasible) {
    const Domains& d = res.domains;
    std::string removed;
    for (int i = 0; i < static_cast<int>(PruneReason::count); ++i)
      if (d.removed[i]) removed += fmt::format(" {} {}", to_string(static_cast<PruneReason>(i)), d.removed[i]);
    if (common.verbose)
      fmt::print(stderr, "rota: pruning: {} variables, {} fixed; values removed:{}; log10 search space {:.1f} -> {:.1f}\n",
                 d.variables, d.fixed_variables, removed.empty() ? " none" : removed, d.log10_space_before,
                 d.log10_space_after);
  }
  if (res.status == SolveStatus::infeasible) {
    fmt::print(stderr, "rota: infeasible: no schedule satisfies the hard rules\n{}", res.diagnosis);
    return to_int(ExitCode::infeasible);
  }
  if (res.schedule.assignments.empty() && res.solutions == 0) {
    fmt::print(stderr, "rota: no schedule found within {}s\n{}", so.time_limit_seconds, res.diagnosis);
    return to_int(res.interrupted ? ExitCode::interrupted : ExitCode::time_limit);
  }

  // The independent judge checks what the solver returns.
  ComplianceReport report = check_compliance(in.program, in.roster, res.schedule, so.baseline);
  std::string csv = format_schedule_csv(res.schedule, in.program, in.roster);
  if (opt.out.empty() || opt.out == "-") fmt::print("{}", csv);
  else write_file_atomically(opt.out, csv);
  if (!opt.report.empty())
    write_file_atomically(opt.report, render_report(*parse_report_format(opt.format),
                                                    ReportInput{in.program, in.roster, report}));
  if (!common.quiet) {
    const auto& b = res.breakdown;
    fmt::print(stderr,
               "rota: {}{}: cost {} (coverage {}, requests {}, fairness {}, changes {}, warnings {}), "
               "{} solutions, best after {:.1f}s of {:.1f}s\n",
               to_string(res.status), res.interrupted && res.status != SolveStatus::interrupted ? " (interrupted)" : "",
               res.cost, b[0], b[1], b[2], b[3], b[4],
               res.solutions, res.seconds_to_best, res.seconds);
  }
  if (common.verbose)
    fmt::print(stderr,
               "rota: search effort {} failures, {} propagations in {:.1f}s on {}, first schedule after {:.2f}s{}\n",
               res.effort, res.propagations, res.seconds, count_of(res.threads, "thread"), res.seconds_to_first,
               res.wall_clock_stop ? "; stopped by the wall clock before the effort budget (not reproducible)" : "");
  if (report.violations > 0 || report.cost.total() != res.cost) {
    fmt::print(stderr, "rota: internal error: the checker finds {} violations and cost {} (solver: {})\n",
               report.violations, report.cost.total(), res.cost);
    return to_int(ExitCode::violations);
  }
  if (res.interrupted) return to_int(ExitCode::interrupted);
  return to_int(ExitCode::ok);
}

}  // namespace

void add_solve_command(CLI::App& app, const CommonOptions& common, Action& action) {
  auto opt = std::make_shared<SolveCommandOptions>();
  CLI::App* cmd = app.add_subcommand("solve", "build a schedule: CSV to stdout or --out, summary to stderr");
  cmd->add_option("PROGRAM", opt->inputs.program, "program file (YAML)")->required();
  add_roster_options(cmd, opt->inputs);
  cmd->add_option("-o,--out", opt->out, "write the schedule CSV to FILE (atomically) instead of stdout");
  cmd->add_option("--report", opt->report, "also write the compliance report of the schedule to FILE");
  cmd->add_option("-f,--format", opt->format, "format of --report: text, csv, json or md")
      ->check(CLI::IsMember({"text", "csv", "json", "md"}));
  cmd->add_option("--time-limit", opt->time_limit, "search time, e.g. 60s, 5m (default: solver.time_limit)")
      ->check([](const std::string& text) {
        try {
          parse_time_limit(text);
          return std::string();
        } catch (const CLI::ValidationError&) {
          return std::string("expected a duration such as 60s, 5m or 1h");
        }
      });
  cmd->add_option("--threads", opt->threads, "search threads (0 = all cores; default: solver.threads); only 1 is deterministic")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", opt->seed, "random seed (default: solver.seed); same seed, same schedule")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--baseline", opt->baseline, "schedule CSV whose assignments the 'changes' term keeps");
  cmd->add_flag("--no-prune", opt->no_prune,
                "post leave, eligibility and the other domain rules as constraints instead of pruning (to measure)");
  cmd->callback([&action, &common, opt] { action = [&common, opt] { return run_solve(*opt, common); }; });
}

}  // namespace rota::cli
