#pragma once

// The duty-period rules (continuous duty, rest, rest after long duty,
// overlapping intervals, forbidden successions) are local in time: with at
// most one assignment a day, a period that touches three dates already
// lasts 48 h. So they become, per date d, a table over the values of dates
// d-1, d and d+1: the allowed triples and the warnings each triple owns.
// History dates enter as constants. Internal to the solver.

#include <vector>

#include "rota/solve/problem.hpp"

namespace rota::solve {

// One date of a triple: either fixed (history, or past the horizon end:
// `fixed_values`, possibly none) or free over `candidates` (0 = off).
struct Slot {
  int day = 0;  // horizon index; negative for history
  bool fixed = false;
  std::vector<int> fixed_values;
  std::vector<int> candidates;
};

struct LocalTuple {
  int a = 0, b = 0, c = 0;  // candidate values (fixed slots report 0)
  int warnings = 0;
};

// Whether any rule needs the tables at all.
bool needs_local_tables(const SolveProblem& pb);

// Every allowed combination of the three slots with the warnings it owns:
// the continuous-duty warning of a period that starts in slot b, and the
// rest warning of a gap that ends at a period starting in slot c (its
// previous period ending in b, or in a when b is off).
std::vector<LocalTuple> local_tuples(const SolveProblem& pb, const Slot& a, const Slot& b, const Slot& c);

}  // namespace rota::solve
