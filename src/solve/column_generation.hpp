#pragma once

// Column generation: the exact phase for programs whose hard rules bind
// single residents (the row rules compile to tables, row_rules.hpp) and
// whose only link between residents is coverage. The master problem picks
// one row (a column) per resident; coverage targets, minimums and maximums
// are its rows. Its linear relaxation is solved by CLP over a growing pool
// of columns, each new one the cheapest row of a resident under the
// relaxation's dual prices (row_pricing.hpp); when pricing finds nothing
// cheaper, the relaxation's value bounds every schedule's cost from below.
// The pool, with the rows of every schedule the other phases found, then
// goes to CBC as an integer program: the cheapest combination of pooled
// rows (price and branch). A schedule whose cost meets the rounded-up bound
// is proven optimal. Every schedule found here is replayed through the
// constraint model before it counts. Internal to the solver.

#include <functional>
#include <memory>
#include <vector>

#include "rota/solve/pruning.hpp"

namespace rota::solve {

class ColumnGeneration {
 public:
  // Null when the program does not suit the method: it needs the rules in
  // tables, coverage without senior needs and no fairness terms.
  // `baseline` (values per resident-day, may be empty) prices changes.
  static std::unique_ptr<ColumnGeneration> make(const SolveProblem& pb, const Domains& domains,
                                                const std::vector<std::vector<int>>& baseline);
  ~ColumnGeneration();
  ColumnGeneration(const ColumnGeneration&) = delete;
  ColumnGeneration& operator=(const ColumnGeneration&) = delete;

  // Adds the rows of a schedule (values per resident-day) to the pool.
  void add_schedule(const std::vector<std::vector<int>>& schedule);

  struct Outcome {
    bool converged = false;    // pricing exact and nothing cheaper left: `bound` holds
    double bound = 0;          // the relaxation's value
    bool found = false;        // `schedule` is the integer master's best, cheaper than `below`
    std::vector<std::vector<int>> schedule;
    long long cost = 0;
    bool pool_optimal = false;  // no cheaper combination of pooled rows exists
    bool enumerated = false;    // the pool holds every row a cheaper schedule could take
    int nodes = 0;              // branch-and-bound nodes of the integer master
    unsigned long long work = 0;  // the integer master's: simplex pivots times the master's columns
    bool clock_stopped = false;  // CBC ended by `seconds` or `stop`, not by its work limit
    bool exhausted = false;      // improve(): the whole neighbourhood was searched
  };
  // How branch and price in run() looks for schedules: in passes that
  // widen up from the relaxation's bound, each one that ends proving
  // nothing cheaper exists below it; or at once for any schedule cheaper
  // than `below`, the incumbent.
  enum class Branching { widening, below_incumbent };

  // Generates columns while `keep_going(steps)` says so (see steps(); it
  // is asked inside pricing too), dives, branches and
  // prices for at most `branch_steps` of that work, then looks for a
  // combination of pooled rows cheaper than `below` with CBC, within
  // `max_work` (see Outcome::work) and `seconds` of time, ending early
  // between nodes when `stop()` says so.
  Outcome run(long long below, const std::function<bool(unsigned long long)>& keep_going,
              const std::function<bool()>& stop, unsigned long long max_work, double seconds,
              unsigned long long branch_steps = ~0ULL, Branching branching = Branching::widening);

  // The integer master over the whole pool (the rows of every phase, the
  // neighbourhoods' included): the cheapest combination cheaper than
  // `below`, within `max_work` (see Outcome::work) and `seconds`, ending
  // between nodes when `stop()` says so. Only the rows such a schedule can
  // take, by their reduced costs under the last bound's duals, enter it.
  Outcome combine(long long below, unsigned long long max_work, double seconds, const std::function<bool()>& stop);
  // Whether a relaxation was solved to the end (run() converged), so that
  // combine() can leave out the rows out of reach.
  bool bounded() const;

  // Large neighbourhood search by branch and price: the resident-dates
  // not `freed` keep their values in `incumbent` (a schedule), the rest
  // are searched for a schedule cheaper than `below` while
  // `keep_going(steps)` and not `stop()`. The cheapest found is the
  // outcome's `schedule`; `exhausted` says the neighbourhood holds none
  // cheaper than it (or than `below`).
  Outcome improve(const std::vector<std::vector<int>>& incumbent, const std::vector<std::vector<char>>& freed,
                  long long below, const std::function<bool(unsigned long long)>& keep_going,
                  const std::function<bool()>& stop);

  // The work so far behind `keep_going`: pricing steps, plus the
  // relaxation's simplex pivots times the master's columns (a pivot over
  // a column costs about what a step does). Unlike time, the same from
  // run to run.
  unsigned long long steps() const;

  struct State;

 private:
  explicit ColumnGeneration(std::unique_ptr<State> st);
  std::unique_ptr<State> st_;
};

}  // namespace rota::solve
