#pragma once

#include <array>
#include <string>
#include <vector>

#include "rota/solve/problem.hpp"

namespace rota {

// Why a value left a resident-day's domain before the model was posted.
enum class PruneReason { leave, unavailable, fixed, eligibility, shift_length, person_limit, history, count };
std::string to_string(PruneReason reason);

// Each resident-day's allowed values, computed from leave, unavailability,
// fixed assignments, eligibility by rotation and PGY, per-PGY shift length,
// per-person zero limits and the history at the horizon start.
struct Domains {
  std::vector<std::vector<std::vector<int>>> allowed;  // [r][day] -> sorted values
  std::array<long long, static_cast<int>(PruneReason::count)> removed{};
  long long variables = 0;
  long long fixed_variables = 0;  // domain of one value after pruning
  double log10_space_before = 0;
  double log10_space_after = 0;
  bool empty_domain = false;  // some resident-day has no value left: infeasible
};

Domains prune_domains(const SolveProblem& problem);

}  // namespace rota
