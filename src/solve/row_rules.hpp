#pragma once

// The rules of one resident's row compiled to tables, for the local
// search's inner loop. Where a program's hard rules all live within one
// resident's row and look no further than the next date (assignment rules,
// forbidden successions, per-PGY shift length, weekends, per-person limits,
// requests, changes), a row is judged by a pass over its days with table
// lookups, some hundred times faster than building a schedule for the
// compliance checker. Programs with any other rule (duty-hour windows,
// duty periods, runs of nights or duty days, history, shifts that reach
// past the next date) get no tables and stay with the checker. The tables
// follow the checker's wording of every rule exactly; a property test holds
// them to it. Internal to the solver.

#include <array>
#include <memory>
#include <vector>

#include "rota/solve/problem.hpp"

namespace rota::solve {

// What the rules say of one resident's row (coverage left out).
struct RowEval {
  bool ok = false;
  long long cost = 0;               // requests + warnings + changes
  std::array<long long, 4> fair{};  // calls, weekends, nights, hours, scaled to the horizon
};

class RowRules {
 public:
  // Null when the program uses a rule the tables do not hold. `baseline`
  // (values per resident-day, may be empty) prices changes.
  static std::unique_ptr<RowRules> compile(const SolveProblem& pb, const std::vector<std::vector<int>>& baseline);

  // `row` holds one value per horizon day (0 = off, 1..S = shift s-1).
  RowEval evaluate(int r, const std::vector<int>& row) const;
  // The row's requests and changes, whether or not its rules hold.
  long long cost(int r, const std::vector<int>& row) const;

  // The tables themselves, for building rows (row_builder.hpp).
  struct Limits {
    std::vector<std::pair<int, int>> max_shifts;  // value, most
    double min_hours = -1, max_hours = -1;         // < 0: none
    int min_consecutive = 0, max_consecutive = -1;  // -1: none
    int min_days_off_run = 0;
    int max_weekends = -1;
    long long non_leave = 0;
  };
  int residents() const { return R_; }
  int days() const { return D_; }
  int values() const { return V_; }
  bool cell_ok(int r, int d, int v) const { return cell_ok_[(static_cast<std::size_t>(r) * D_ + d) * V_ + v]; }
  long long cell_cost(int r, int d, int v) const {
    return cell_cost_[(static_cast<std::size_t>(r) * D_ + d) * V_ + v];
  }
  // `a` on date d-1, then `b` on date d (d >= 1).
  bool pair_ok(int d, int a, int b) const { return pair_ok_[(static_cast<std::size_t>(d) * V_ + a) * V_ + b]; }
  double duty_seconds(int d, int v) const { return duty_seconds_[static_cast<std::size_t>(d) * V_ + v]; }
  int weekend(int d) const { return weekend_[d]; }  // -1 on weekdays
  int weekends() const { return weekends_; }
  const Limits& limits(int r) const { return limits_[r]; }
  // Resident r's hour window in whole units of the common length (the gcd
  // of the duty seconds) of the working values `ok` allows ([d * values +
  // v]): each cell's weight in units, and the sums that keep the window,
  // lo..cap (cap = lo without a maximum: past it nothing changes). `unit`
  // is 0 when the resident has no hour limit; `whole` is false when some
  // duty time is not a whole number of seconds.
  struct HourUnits {
    bool whole = true;
    long long unit = 0, lo = 0, cap = 0;
    std::vector<int> weight;  // [d * values + v]
  };
  HourUnits hour_units(int r, const std::vector<char>& ok) const;

 private:
  explicit RowRules(const SolveProblem& pb);

  int R_, D_, V_;
  std::vector<char> cell_ok_;          // [(r * D + d) * V + v]: leave, unavailable, fixed, eligibility, length
  std::vector<long long> cell_cost_;   // [(r * D + d) * V + v]: requests and changes
  std::vector<char> pair_ok_;          // [(d * V + a) * V + b]: a on d-1, b on d (succession, overlap)
  std::vector<double> duty_seconds_;   // [d * V + v]
  std::vector<int> weekend_;           // [d]: the weekend a date belongs to, or -1
  int weekends_ = 0;
  std::vector<char> is_call_, is_night_;  // [v]
  std::vector<Limits> limits_;         // [r]
  mutable std::vector<int> counts_;    // scratch: assignments per value
  mutable std::vector<int> seen_;      // scratch: weekends worked
};

}  // namespace rota::solve
