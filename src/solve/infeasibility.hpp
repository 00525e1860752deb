#pragma once

// Explaining why no schedule satisfies the hard rules, in terms a chief
// resident can act on: dates, shifts, residents and rules. Internal.

#include <string>

#include "rota/solve/pruning.hpp"

namespace rota::solve {

// Resident-days whose every value was pruned, with the reasons.
std::string explain_empty_domains(const SolveProblem& pb, const Domains& domains);

// Coverage that cannot be met by the residents still available, then which
// rule families, relaxed one at a time, make the program feasible.
std::string explain_infeasibility(const SolveProblem& pb, const Domains& domains);

// The coverage minimums and supervision that the best schedule found with
// every other hard rule kept still misses: the smallest relaxation seen.
std::string explain_coverage_gaps(const SolveProblem& pb, const std::vector<std::vector<int>>& values);

}  // namespace rota::solve
