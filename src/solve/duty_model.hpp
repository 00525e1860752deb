#pragma once

// The Gecode model of a program: one decision per resident-day (0 = off,
// v = shift v-1), every hard rule of SPEC.md section 5 as constraints, and
// the soft objective as one integer cost with a per-term breakdown.
// Internal to the solver.

#include <array>
#include <memory>
#include <vector>

#include <gecode/int.hh>
#include <gecode/minimodel.hh>
#include <gecode/search.hh>

#include "rota/solve/pruning.hpp"

namespace rota::solve {

enum CostTerm { kCoverage, kRequests, kFairness, kChanges, kWarnings, kSlack, kTerms };

// real: every hard rule hard, the objective of SPEC.md section 2.
// coverage_slack: coverage minimums and supervision become the only cost
// (one point per missing resident), everything else stays hard; a schedule
// of cost 0 is a valid starting point for the real model.
enum class ModelMode { real, coverage_slack };

class DutyModel : public Gecode::IntMinimizeSpace {
 public:
  // Posts everything; `baseline` (resident-day values, may be empty) feeds
  // the changes term.
  DutyModel(const SolveProblem& pb, const Domains& domains, const std::vector<std::vector<int>>& baseline,
            ModelMode mode = ModelMode::real);
  DutyModel(DutyModel& other);
  Gecode::Space* copy() override;
  Gecode::IntVar cost() const override { return total_; }

  // Posts the search heuristic, with random value choice.
  enum class BranchOrder { by_resident, by_day, by_day_off_first };
  void branch(unsigned int seed, BranchOrder order);
  // Fixes every resident-day for which `keep(r, d)` holds to `values[r][d]`.
  template <typename Keep>
  void fix_to(const std::vector<std::vector<int>>& values, Keep keep) {
    for (int r = 0; r < residents_; ++r)
      for (int d = 0; d < days_; ++d)
        if (keep(r, d)) Gecode::rel(*this, x_[r * days_ + d], Gecode::IRT_EQ, values[r][d]);
  }
  // Posts each value pruning removed as a constraint of its own: what a
  // model without pruning does (for measuring what pruning saves).
  void forbid_removed(const Domains& pruned);
  void bound_cost_below(long long bound) { Gecode::rel(*this, total_, Gecode::IRT_LE, static_cast<int>(bound)); }

  std::vector<std::vector<int>> values() const;  // of an assigned space
  // Branches on one resident's days only (working three days in four);
  // with `mix_first`, on how many of each shift first, where hour limits
  // per person allow (tight hour windows).
  // With `need` ([day * values + value]: residents still missing from the
  // coverage of that shift that day), the most needed shift is tried first.
  void branch_resident(int r, unsigned int seed, bool mix_first = false,
                       std::shared_ptr<const std::vector<int>> need = nullptr);
  std::vector<int> row(int r) const;  // of a space where that resident is assigned
  std::array<long long, kTerms> breakdown() const;
  long long total() const { return total_.val(); }
  int residents() const { return residents_; }
  int days() const { return days_; }

 private:
  Gecode::IntVar var(int r, int d) const { return x_[r * days_ + d]; }

  int residents_ = 0;
  int days_ = 0;
  Gecode::IntVarArray x_;       // residents x days, resident-major
  Gecode::BoolVarArray work_;   // x != 0, same layout
  Gecode::IntVarArray terms_;   // kTerms
  // What guides the value choice: per (day, value) the headcount of a
  // coverage entry with a target, that target (-1: none) and its weights;
  // per (resident, day, value) the cost that value brings by itself: its
  // unmet requests and, in a repair, its change from the baseline.
  struct Guide {
    std::vector<int> target, under_weight, over_weight;  // [day * values + value]
    std::vector<int> cell_cost;                           // [(r * days + day) * values + value]
    // Per day: 1 on a Saturday, 2 on the Sunday after a Saturday of the
    // horizon, 0 otherwise; per resident: the share of weekends that the
    // resident may work, in thousandths (1000 without a limit).
    std::vector<signed char> weekend_day;
    std::vector<int> weekend_share;
  };
  Gecode::IntVarArray cover_count_;
  // Per (resident, value): how many days take it; only when hour limits per
  // person can be written over these counts (empty otherwise).
  Gecode::IntVarArray value_counts_;
  std::shared_ptr<const Guide> guide_;
  int values_ = 0;
  int choose_value(Gecode::IntVar x, int index, unsigned int salt) const;
  Gecode::IntVar total_;
};

}  // namespace rota::solve
