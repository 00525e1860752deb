// rota solve PROGRAM: build a schedule; CSV to stdout or --out, summary to stderr.

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
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
#include "rota/io/schedule_grid.hpp"
#include "rota/report/report_format.hpp"
#include "rota/rules/compliance_check.hpp"
#include "rota/cache/solution_cache.hpp"
#include "rota/solve/repair.hpp"
#include "rota/solve/solver.hpp"
#include "rota/store/database.hpp"
#include "rota/store/database_lock.hpp"
#include "rota/store/run_history.hpp"
#include "rota/store/schedule_diff.hpp"
#include "rota/util/fingerprint.hpp"
#include "rota/util/atomic_file.hpp"
#include "rota/util/duration.hpp"
#include "rota/util/number_format.hpp"

namespace rota::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }

struct SolveCommandOptions {
  InputPaths inputs;
  std::string out;
  std::string report;
  std::string format;  // a report format, or grid for the schedule
  std::string time_limit;
  int threads = -1;
  long long seed = -1;
  std::string baseline;
  std::string freeze_until;
  std::string diff;
  double wait = 0;
  std::string cache_dir;
  bool no_cache = false;
  bool no_prune = false;
};

// What the HTML report shows of the search (no times: the report of a
// deterministic run is byte-identical too).
std::vector<std::pair<std::string, std::string>> solver_summary(const SolveResult& res, const SolveOptions& so) {
  return {{"status", to_string(res.status) + (res.interrupted && res.status != SolveStatus::interrupted ? " (interrupted)" : "")},
          {"cost", std::to_string(res.cost)},
          {"solutions found", std::to_string(res.solutions)},
          {"time limit", format_number(so.time_limit_seconds) + " s"},
          {"threads", std::to_string(res.threads)},
          {"seed", std::to_string(so.seed)}};
}

double parse_time_limit(const std::string& text) {
  if (auto seconds = parse_duration_seconds(text)) return *seconds;
  throw CLI::ValidationError("--time-limit", "expected e.g. 60s, 5m or 1h");
}

bool progress_wanted() {
  const char* term = std::getenv("TERM");
  return ::isatty(STDERR_FILENO) && !(term && std::string(term) == "dumb");
}

// A cached schedule in terms of the loaded inputs; false when it names a
// resident, shift or date they no longer have.
bool cached_schedule(const cache::CachedSolution& c, const LoadedInputs& in, Schedule& out) {
  out.assignments.clear();
  for (const auto& a : c.assignments) {
    auto r = in.roster.resident_index(a.resident);
    auto s = in.program.shift_index(a.shift);
    auto d = parse_date(a.date);
    if (!r || !s || !d || !in.program.in_horizon(*d)) return false;
    out.assignments.push_back({*r, *d, *s});
  }
  std::sort(out.assignments.begin(), out.assignments.end());
  return true;
}

// --baseline: a schedule CSV, or with --db the id of a stored run.
Schedule load_baseline(const SolveCommandOptions& opt, const LoadedInputs& in) {
  const bool is_number = !opt.baseline.empty() && opt.baseline.find_first_not_of("0123456789") == std::string::npos;
  if (opt.inputs.db.empty() || !is_number || std::filesystem::exists(opt.baseline))
    return load_schedule(opt.baseline, in);
  store::Database db(opt.inputs.db, store::Database::Mode::read_only);
  const long long id = std::stoll(opt.baseline);
  const auto rows = store::found_schedule(db, id, opt.inputs.db, "--baseline");
  Diagnostics diags;
  const std::string where = fmt::format("{}: run {}", opt.inputs.db, id);
  Schedule s = parse_schedule_csv(store::stored_schedule_csv(rows), where, in.program, in.roster, diags);
  diags.throw_if_errors();
  return s;
}

// What decides the result, for the run history: the program file's bytes,
// the roster's rows (in any order) and the options.
std::string inputs_fingerprint(const SolveCommandOptions& opt, const LoadedInputs& in, const std::string& options) {
  Fingerprint f;
  f.add(read_file(opt.inputs.program));
  f.add(roster_text(in.program, in.roster));
  f.add(options);
  return f.hex();
}

int run_solve(const SolveCommandOptions& opt, const CommonOptions& common) {
  // One run at a time writes a database: a second one waits or exits 75.
  std::unique_ptr<store::DatabaseLock> lock;
  if (!opt.inputs.db.empty()) {
    if (!std::filesystem::exists(opt.inputs.db))
      throw InputError({opt.inputs.db, 0, 0}, "--db", "no such database");
    lock = std::make_unique<store::DatabaseLock>(opt.inputs.db, opt.wait);
    store::Database migrate(opt.inputs.db, store::Database::Mode::read_write);  // an older schema is brought up
  }
  const std::string started = store::utc_now();
  LoadedInputs in = load_inputs(opt.inputs);
  if (!common.quiet) print_diagnostics(in.diagnostics.all());
  Schedule baseline;
  if (!opt.baseline.empty()) baseline = load_baseline(opt, in);
  if (!opt.freeze_until.empty()) {
    auto until = parse_date(opt.freeze_until);
    if (!until) throw CLI::ValidationError("--freeze-until", "expected a date YYYY-MM-DD");
    in.roster = freeze_days(in.program, in.roster, baseline, *until);
  }

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
  else if (common.verbose)  // a log: one line per better schedule
    so.on_progress = [](double t, long long cost, int n) {
      fmt::print(stderr, "rota: progress {:.2f}s cost {} ({})\n", t, cost, count_of(n, "solution"));
    };
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // The solution cache: a hit answers at once, a close entry warms the search.
  std::unique_ptr<cache::SolutionCache> store_cache;
  cache::CacheKey key;
  cache::Lookup found;
  Schedule warm;
  std::vector<std::string> cache_warnings;
  if (!opt.no_cache) {
    store_cache = std::make_unique<cache::SolutionCache>(cache::cache_dir(opt.cache_dir));
    key = cache::make_cache_key({opt.inputs.program, &in.program, &in.roster, so.seed, so.threads, so.prune,
                                 so.baseline, opt.freeze_until});
    found = store_cache->lookup(key, so.time_limit_seconds, cache_warnings);
    if (found.solution && !cached_schedule(*found.solution, in, warm)) {
      cache_warnings.push_back("a cached schedule names residents or shifts the inputs no longer have; ignored");
      found = {};
    }
    if (found.kind == cache::LookupKind::hit) {
      // Never trust an entry the checker disagrees with: it only warms the search.
      ComplianceReport rep = check_compliance(in.program, in.roster, warm, so.baseline);
      if (rep.violations > 0 || rep.cost.total() != found.solution->cost) {
        cache_warnings.push_back(fmt::format("the cached schedule has {} violations and cost {} by the checker "
                                             "(cached: {}); searching again",
                                             rep.violations, rep.cost.total(), found.solution->cost));
        found.kind = cache::LookupKind::warm;
      }
    }
    if (found.kind == cache::LookupKind::warm) so.warm_start = &warm;
  }
  for (const auto& w : cache_warnings) fmt::print(stderr, "rota: warning: {}\n", w);
  SolveResult res;
  if (found.kind == cache::LookupKind::hit) {
    const auto& c = *found.solution;
    res.status = c.status == "optimal" ? SolveStatus::optimal : SolveStatus::feasible;
    res.schedule = warm;
    res.cost = c.cost;
    res.breakdown = c.breakdown;
    res.solutions = 1;
    res.effort = c.effort;
  } else {
    res = solve_schedule(in.program, in.roster, so);
  }
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
  // With --db, every run is recorded, whatever its outcome.
  store::RunRecord rec;
  rec.started = started;
  rec.program = opt.inputs.program;
  rec.program_name = in.program.name;
  rec.horizon_start = format_date(in.program.horizon_start);
  rec.horizon_days = in.program.horizon_days;
  rec.timezone = in.program.timezone;
  rec.options = fmt::format(R"({{"time_limit": {}, "seed": {}, "threads": {}, "prune": {}}})", so.time_limit_seconds,
                            so.seed, so.threads, so.prune ? "true" : "false");
  rec.status = to_string(res.status);
  rec.seconds = res.seconds;
  rec.seconds_to_first = res.seconds_to_first;
  rec.seconds_to_best = res.seconds_to_best;
  rec.effort = res.effort;
  rec.baseline = opt.baseline;
  rec.freeze_until = opt.freeze_until;
  auto record = [&](const std::vector<store::StoredAssignment>& rows, const std::vector<ComplianceFinding>& findings) {
    if (opt.inputs.db.empty()) return 0LL;
    rec.inputs_hash = inputs_fingerprint(opt, in, rec.options);
    rec.finished = store::utc_now();
    store::Database db(opt.inputs.db, store::Database::Mode::read_write);
    return store::record_run(db, rec, rows, findings, in.roster.resident_ids());
  };

  if (res.status == SolveStatus::infeasible) {
    fmt::print(stderr, "rota: infeasible: no schedule satisfies the hard rules\n{}", res.diagnosis);
    record({}, {});
    return to_int(ExitCode::infeasible);
  }
  if (res.schedule.assignments.empty() && res.solutions == 0) {
    if (res.interrupted)
      fmt::print(stderr, "rota: interrupted before a schedule was found\n{}", res.diagnosis);
    else
      fmt::print(stderr, "rota: no schedule found within {}s\n{}", so.time_limit_seconds, res.diagnosis);
    record({}, {});
    return to_int(res.interrupted ? ExitCode::interrupted : ExitCode::time_limit);
  }

  // The independent judge checks what the solver returns.
  ComplianceReport report = check_compliance(in.program, in.roster, res.schedule, so.baseline);
  std::string csv = format_schedule_csv(res.schedule, in.program, in.roster);
  const std::vector<store::StoredAssignment> rows = store::parse_stored_schedule(csv, "schedule");
  std::string schedule_text = csv;
  if (opt.format == "grid") {
    std::vector<GridEntry> entries;
    for (const auto& a : rows) entries.push_back({a.resident, a.date, a.shift});
    schedule_text = format_schedule_grid(in.roster.resident_ids(), in.program.horizon_start, in.program.horizon_days, entries);
  }
  if (opt.out.empty() || opt.out == "-") fmt::print("{}", schedule_text);
  else write_file_atomically(opt.out, schedule_text);
  if (!opt.report.empty()) {
    const auto format = parse_report_format(opt.format);
    const std::vector<std::pair<std::string, std::string>> summary = solver_summary(res, so);
    write_file_atomically(opt.report,
                          render_report(format ? *format : report_format_for_path(opt.report).value_or(ReportFormat::text),
                                        ReportInput{in.program, in.roster, report, &res.schedule, &summary}),
                          FileAccess::owner_only);
  }
  if (store_cache && found.kind != cache::LookupKind::hit && !res.interrupted &&
      (res.status == SolveStatus::optimal || res.status == SolveStatus::feasible)) {
    cache::CachedSolution entry;
    entry.key = key.key;
    entry.family = key.family;
    entry.status = res.status == SolveStatus::optimal ? "optimal" : "feasible";
    entry.cost = res.cost;
    entry.breakdown = res.breakdown;
    entry.time_limit = so.time_limit_seconds;
    entry.effort = res.effort;
    entry.seconds = res.seconds;
    for (const auto& a : rows) entry.assignments.push_back({a.date, a.resident, a.shift});
    std::vector<std::string> warnings;
    store_cache->store(entry, warnings);
    for (const auto& w : warnings) fmt::print(stderr, "rota: warning: {}\n", w);
  }
  rec.cost = report.cost.total();
  rec.breakdown = report.cost;
  rec.violations = report.violations;
  const long long run_id = record(rows, report.findings);
  std::string after_summary;  // what the summary line is followed by
  if (!opt.baseline.empty()) {
    auto changes = store::schedule_diff(
        store::parse_stored_schedule(format_schedule_csv(baseline, in.program, in.roster), opt.baseline), rows);
    if (!opt.diff.empty()) write_file_atomically(opt.diff, store::schedule_diff_csv(changes));
    after_summary += fmt::format("rota: {} changed from the baseline{}\n",
                                 count_of(static_cast<long long>(changes.size()), "resident-day"),
                                 opt.diff.empty() ? " (--diff FILE lists them)" : "");
  }
  if (!common.quiet) {
    const auto& b = res.breakdown;
    fmt::print(stderr,
               "rota: {}{}: cost {} (coverage {}, requests {}, fairness {}, changes {}, warnings {}), "
               "{} solutions, best after {:.1f}s of {:.1f}s\n",
               to_string(res.status), res.interrupted && res.status != SolveStatus::interrupted ? " (interrupted)" : "",
               res.cost, b[0], b[1], b[2], b[3], b[4],
               res.solutions, res.seconds_to_best, res.seconds);
  }
  if (store_cache)
    after_summary += fmt::format("rota: cache {} ({})\n",
                                 found.kind == cache::LookupKind::hit    ? "hit: the stored schedule, no search"
                                 : found.kind == cache::LookupKind::warm ? "warm: the search started from a stored schedule"
                                                                         : "miss",
                                 store_cache->dir());
  if (run_id) after_summary += fmt::format("rota: recorded as run {} in {}\n", run_id, opt.inputs.db);
  if (!common.quiet) fmt::print(stderr, "{}", after_summary);
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
  std::vector<std::string> formats = report_format_names();
  formats.push_back("grid");
  cmd->add_option("-f,--format", opt->format,
                  "format of --report: text, csv, json, md or html (default: by its extension, else text); "
                  "grid: the schedule as residents x dates instead of rows")
      ->check(CLI::IsMember(formats));
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
      ->check(CLI::Range(0LL, SolverOptions::kMaxSeed));
  auto* baseline = cmd->add_option("--baseline", opt->baseline,
                                   "schedule CSV (or, with --db, a run id) whose assignments the 'changes' term keeps; "
                                   "the search starts from it");
  cmd->add_option("--freeze-until", opt->freeze_until, "keep the baseline's assignments exactly up to this date (YYYY-MM-DD)")
      ->needs(baseline)
      ->check([](const std::string& text) {
        return parse_date(text) ? std::string() : std::string("expected a date YYYY-MM-DD");
      });
  cmd->add_option("--diff", opt->diff, "write the resident-days that changed from --baseline to FILE (CSV)")->needs(baseline);
  cmd->add_option("--wait", opt->wait, "with --db: wait up to SECONDS for another run's lock (default: exit 75 at once)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cache-dir", opt->cache_dir,
                  "the solution cache (default: $ROTA_CACHE_DIR, else $XDG_CACHE_HOME/rota, else ~/.cache/rota)");
  cmd->add_flag("--no-cache", opt->no_cache, "neither read nor write the solution cache");
  cmd->add_flag("--no-prune", opt->no_prune,
                "post leave, eligibility and the other domain rules as constraints instead of pruning (to measure)");
  cmd->callback([&action, &common, opt] { action = [&common, opt] { return run_solve(*opt, common); }; });
}

}  // namespace rota::cli
