#include "rota/solve/solver.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>


#include "column_generation.hpp"
#include "duty_model.hpp"
#include "infeasibility.hpp"
#include "local_search.hpp"
#include "search_phases.hpp"

using namespace Gecode;

namespace rota {

using solve::DutyModel;
using Clock = std::chrono::steady_clock;

std::string to_string(SolveStatus status) {
  switch (status) {
    case SolveStatus::optimal: return "optimal";
    case SolveStatus::feasible: return "feasible";
    case SolveStatus::infeasible: return "infeasible";
    case SolveStatus::no_solution: return "no-solution";
    case SolveStatus::interrupted: return "interrupted";
  }
  return "unknown";
}


SolveResult solve_schedule(const Program& program, const Roster& roster, const SolveOptions& opt) {
  const auto start = Clock::now();
  SolveResult result;
  SolveProblem pb(program, roster);
  result.domains = prune_domains(pb);
  auto finish = [&]() {
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  };
  if (result.domains.empty_domain) {
    result.status = SolveStatus::infeasible;
    result.diagnosis = solve::explain_empty_domains(pb, result.domains);
    return finish();
  }
  std::vector<std::vector<int>> baseline;
  if (opt.baseline) {
    baseline.assign(pb.residents, std::vector<int>(pb.days, 0));
    for (const Assignment& a : opt.baseline->assignments)
      if (program.in_horizon(a.date)) baseline[a.resident][(a.date - program.horizon_start).count()] = a.shift + 1;
  }
  // Without pruning, the model starts from full domains and posts what
  // pruning found as constraints; the local search then judges leave and
  // eligibility by the rule checks alone.
  Domains unpruned;
  if (!opt.prune) {
    unpruned.allowed.assign(pb.residents, std::vector<std::vector<int>>(pb.days));
    for (auto& row : unpruned.allowed)
      for (auto& values : row)
        for (int v = 0; v < pb.values; ++v) values.push_back(v);
  }
  const Domains& model_domains = opt.prune ? result.domains : unpruned;
  auto make_model = [&](solve::ModelMode mode) {
    auto m = std::make_unique<DutyModel>(pb, model_domains, baseline, mode);
    if (!opt.prune) m->forbid_removed(result.domains);
    return m;
  };
  auto root = make_model(solve::ModelMode::real);
  if (root->status() == SS_FAILED) {
    result.status = SolveStatus::infeasible;
    result.diagnosis = solve::explain_infeasibility(pb, result.domains);
    return finish();
  }
  solve::SearchPhases search(pb, opt, root.get(), start);
  bool proven_infeasible = false;
  bool coupled = std::any_of(program.coverage.begin(), program.coverage.end(), [](const CoverageEntry& e) {
    return (e.min && *e.min > 0) || e.max || e.senior_min;
  });
  // A repair starts from the published schedule; otherwise rows one
  // resident at a time suit programs whose hard rules bind single
  // residents, and restarts handle hard coverage, which couples them.
  if (!baseline.empty()) search.from_baseline(baseline, result.domains);
  if (!search.has_best_ && opt.warm_start) {
    std::vector<std::vector<int>> warm(pb.residents, std::vector<int>(pb.days, 0));
    for (const Assignment& a : opt.warm_start->assignments)
      if (program.in_horizon(a.date)) warm[a.resident][(a.date - program.horizon_start).count()] = a.shift + 1;
    search.from_baseline(warm, result.domains);
  }
  if (!search.has_best_ && (coupled || !search.first_by_rows(result.domains))) search.first_solution(proven_infeasible, 2);
  if (!search.has_best_ && !proven_infeasible && !search.out_of_time()) {
    // Hard coverage defeats a direct search: find a schedule that obeys
    // every other hard rule, then repair its coverage gaps by large
    // neighbourhood search until none is left.
    auto relaxed = make_model(solve::ModelMode::coverage_slack);
    if (relaxed->status() != SS_FAILED) {
      solve::SearchPhases repair(pb, opt, relaxed.get(), start);
      repair.add_effort(search.effort_);
      // Without a schedule the run has nothing to give: the repair goes on
      // past the budget until the clock (the internal-medicine example at
      // 2 s gave up after 0.7 s with coverage 20 short of a schedule).
      repair.until_clock();
      bool relaxed_infeasible = false;
      if (!repair.first_by_rows(result.domains, true)) repair.first_solution(relaxed_infeasible);
      if (repair.has_best_) repair.lns(0);
      search.add_effort(repair.effort_ - search.effort_);
      if (repair.has_best_ && repair.best_cost_ == 0) search.seed(repair.best_);
      else if (repair.has_best_ && !search.has_best_)
        result.diagnosis = solve::explain_coverage_gaps(pb, repair.best_);
      proven_infeasible = relaxed_infeasible;
    } else {
      proven_infeasible = true;
    }
  }
  if (proven_infeasible) {
    result.status = SolveStatus::infeasible;
    result.diagnosis = solve::explain_infeasibility(pb, result.domains);
    return finish();
  }
  bool optimal = false;
  int threads_used = 1;
  if (search.has_best_) {
    solve::LocalSearch ls(pb, model_domains, baseline);
    // Where the rules suit it, column generation from the first schedule
    // bounds the cost from below and often proves a schedule optimal at
    // once (Curtois 1-4 in under half a second; a tenth of the annealing
    // before it took 4-6 s, and as long as a debug build has, in the tests).
    auto cg = solve::ColumnGeneration::make(pb, model_domains, baseline);
    if (cg) optimal = search.by_columns(*cg, 0.3);
    // Small instances: branch and bound may prove optimality outright.
    if (!optimal && static_cast<long long>(pb.residents) * pb.days <= 400) optimal = search.full_bab(0.5);
    if (!optimal) {
      // Then local search and LNS, in a portfolio of differently seeded
      // threads sharing the best schedule. Each thread needs its own model:
      // the largest programs keep one thread to stay within memory.
      threads_used = static_cast<long long>(pb.residents) * pb.days <= solve::SearchPhases::kPortfolioMaxResidentDays
                         ? std::max(1, opt.threads) : 1;
      solve::SharedIncumbent shared;
      std::atomic<unsigned long long> worker_effort{0}, worker_propagations{0};
      std::vector<std::thread> workers;
      if (threads_used > 1) {
        shared.on_progress = opt.on_progress;
        search.share(&shared);
        const unsigned long long effort_so_far = search.effort_;
        for (int k = 1; k < threads_used; ++k)
          workers.emplace_back([&, k, effort_so_far] {
            try {
              SolveOptions mine = opt;
              mine.seed = opt.seed + 1000003ULL * static_cast<unsigned long long>(k);
              auto model = make_model(solve::ModelMode::real);
              if (model->status() == SS_FAILED) return;
              solve::SearchPhases worker(pb, mine, model.get(), start);
              worker.add_effort(effort_so_far);
              worker.share(&shared);
              solve::LocalSearch own(pb, model_domains, baseline);
              worker.improve_locally(own, 0.8);
              if (worker.lns()) shared.proven_optimal = true;
              worker_effort += worker.effort_ - effort_so_far;
              worker_propagations += worker.propagations_;
            } catch (const std::exception&) {
              // A thread that fails (out of memory) leaves the others to go on.
            }
          });
      }
      // With columns, a second round after the annealing: its rows join the
      // pool, and the integer master combines them with the priced ones.
      // (Curtois 5-7 at 60 s, seeds 1-2: 1144/1143, 1950/1950, 1064/1062,
      // against 1143/1143, 1952/1952, 1058/1084 with one round after 0.4
      // of annealing.)
      //
      // Its branch and price looks at once for any schedule cheaper than
      // the incumbent, by then close to the bound: passes widening up from
      // the bound spent the whole share on a first pass that cannot end
      // (nothing that cheap exists) and found nothing. (Curtois 6 at 60 s,
      // seeds 1-6: 1950 on all six, against 1951 1950 1950 1950 1950 1950;
      // 7, seeds 1-12, summed: 12708 against 12704, 1056 on three seeds
      // against two; 5 and 8-19, seed 1, unchanged.) The first round, from
      // a schedule far from the bound, keeps the passes: their rows, all
      // close to the relaxation, are what its integer master combines.
      search.improve_locally(ls, cg ? 0.4 : 0.8);
      if (cg) optimal = search.by_columns(*cg, 0.5, solve::ColumnGeneration::Branching::below_incumbent);
      // Then neighbourhoods searched by branch and price, each exactly, for
      // all that is left; without columns, by the constraint model. Where
      // a column round converged, the neighbourhoods take most of it, the
      // integer master over the pool within reach of the bound the rest,
      // and the neighbourhoods whatever that leaves. (Curtois
      // 7, 8, 10, 12, 14, 15 at 60 s, seeds 1 and 2, summed: 35187 against
      // 35214 with half left to the constraint model, whose neighbourhoods
      // ran at only 12-23 thousand failures a second on 13, 15 and 19;
      // 13 and 19, seed 1: 2284 and 4294 in 26 and 33 s, against 2287 and
      // 4296 in 45 and 46 s.)
      if (cg && !optimal && cg->bounded()) {
        optimal = search.lns_columns(*cg, solve::SearchPhases::kNeighbourhoodsBeforePool);
        if (!optimal) search.by_pool(*cg, 1.0);
      }
      if (cg && !optimal) optimal = search.lns_columns(*cg, 1.0);
      if (!optimal) optimal = search.lns();
      if (optimal) shared.proven_optimal = true;
      for (auto& t : workers) t.join();
      if (threads_used > 1) {
        search.adopt();
        optimal = shared.proven_optimal.load();
        search.solutions_ = shared.solutions;
        search.seconds_to_best_ = shared.seconds_to_best;
        search.add_effort(worker_effort.load());
        search.propagations_ += worker_propagations.load();
      }
    }
  }
  result.threads = threads_used;
  result.interrupted = opt.interrupt && opt.interrupt->load();
  result.effort = search.effort_;
  result.propagations = search.propagations_;
  result.wall_clock_stop = search.hit_wall_clock();
  if (!search.has_best_) {
    result.status = result.interrupted ? SolveStatus::interrupted : SolveStatus::no_solution;
    return finish();
  }
  result.status = optimal ? SolveStatus::optimal : result.interrupted ? SolveStatus::interrupted : SolveStatus::feasible;
  result.cost = search.best_cost_;
  for (int t = 0; t < solve::kSlack; ++t) result.breakdown[t] = search.breakdown_[t];
  result.solutions = search.solutions_;
  result.seconds_to_best = search.seconds_to_best_;
  result.seconds_to_first = search.seconds_to_first_;
  for (int r = 0; r < pb.residents; ++r)
    for (int d = 0; d < pb.days; ++d)
      if (int v = search.best_[r][d]; v > 0) result.schedule.assignments.push_back({r, pb.date(d), v - 1});
  std::sort(result.schedule.assignments.begin(), result.schedule.assignments.end());
  return finish();
}

}  // namespace rota
