#pragma once

// Local search over complete schedules: the fast improvement phase of the
// solver. Each move changes one or two residents' rows; a move is taken
// only when every hard rule still holds. Rows are judged one resident at a
// time, by compiled row tables where the program's rules allow
// (row_rules.hpp), else by the rule checks (coverage left out); coverage
// and fairness are
// kept up to date here, so a move costs microseconds where a neighbourhood
// in the constraint model costs milliseconds. The constraint model stays
// the solver's own account: every schedule found here is replayed through
// it before it counts. Internal to the solver.

#include <functional>
#include <memory>
#include <vector>

#include "rota/solve/pruning.hpp"

namespace rota::solve {

class LocalSearch {
 public:
  // `baseline` (resident-day values, may be empty) feeds the changes term.
  LocalSearch(const SolveProblem& pb, const Domains& domains, const std::vector<std::vector<int>>& baseline);
  ~LocalSearch();
  LocalSearch(const LocalSearch&) = delete;
  LocalSearch& operator=(const LocalSearch&) = delete;

  // Starts from `schedule` (values per resident-day; every hard rule holds)
  // and moves for at most `max_evaluations` row evaluations, or until
  // `stop()` says so (asked now and then). Leaves the cheapest schedule seen
  // in `schedule` and returns its cost, or -1 when `schedule` breaks a hard
  // rule as this search sees it.
  long long improve(std::vector<std::vector<int>>& schedule, unsigned long long seed,
                    unsigned long long max_evaluations, const std::function<bool()>& stop);

  unsigned long long evaluations() const;
  // Row evaluations in the time of one failure of the constraint search:
  // the effort budget's exchange rate, so that a seed gives one schedule.
  double evaluations_per_fail() const;

 struct State;

 private:
  std::unique_ptr<State> st_;
};

}  // namespace rota::solve
