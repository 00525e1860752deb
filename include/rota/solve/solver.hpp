#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"
#include "rota/model/schedule.hpp"
#include "rota/solve/pruning.hpp"

namespace rota {

struct SolveOptions {
  double time_limit_seconds = 60;
  unsigned long long seed = 1;
  // Search threads after the first schedule: a portfolio of seeds sharing
  // the best schedule. Only 1 is deterministic.
  int threads = 1;
  const Schedule* baseline = nullptr;    // feeds the changes term
  const Schedule* warm_start = nullptr;  // a schedule to start from (a cached one), at no cost
  // Off: every variable starts with every value and what pruning would
  // remove is posted as constraints, one per value (to measure pruning).
  bool prune = true;
  const std::atomic<bool>* interrupt = nullptr;  // set by SIGINT/SIGTERM
  // Called on every improvement: elapsed seconds, cost, solutions so far.
  std::function<void(double, long long, int)> on_progress;
};

enum class SolveStatus { optimal, feasible, infeasible, no_solution, interrupted };
std::string to_string(SolveStatus status);

struct SolveResult {
  SolveStatus status = SolveStatus::no_solution;
  Schedule schedule;
  long long cost = 0;
  // coverage, requests, fairness, changes, warnings (as in CostBreakdown)
  std::array<long long, 5> breakdown{};
  int solutions = 0;
  double seconds = 0;
  double seconds_to_best = 0;
  double seconds_to_first = 0;  // the first schedule that obeys every hard rule
  bool interrupted = false;
  unsigned long long effort = 0;  // failures searched
  unsigned long long propagations = 0;
  bool wall_clock_stop = false;    // a phase ended by the clock, not the effort budget: not reproducible
  int threads = 1;                 // threads the search used
  Domains domains;                 // what pruning did
  std::string diagnosis;           // when infeasible: what cannot hold
};

// Builds the Gecode model of the program and searches: a first solution by
// restarts, branch and bound on small instances, then simulated annealing
// over whole schedules (each one replayed through the model) and large
// neighbourhood search until the time limit. With one seed and no wall-clock
// stop the result is deterministic.
SolveResult solve_schedule(const Program& program, const Roster& roster, const SolveOptions& options);

}  // namespace rota
