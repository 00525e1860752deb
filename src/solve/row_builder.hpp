#pragma once

// Random rows that keep one resident's row rules, for first schedules on
// long horizons. Where the rules compile to tables (row_rules.hpp), a
// backward pass of dynamic programming over (day, run state, last value)
// records which totals of duty hours the rest of the row can still add;
// a forward pass then picks each day's value at random among those that
// leave the hour window, the run limits and the successions reachable, so
// it never has to backtrack. Limits on weekends and on single shifts are
// met beforehand by choosing, at random, the weekends that stay off and
// the dates each limited shift may take. Every row built is judged by
// RowRules::evaluate before it is returned. Internal to the solver.

#include <cstdint>
#include <random>
#include <vector>

#include "row_rules.hpp"

namespace rota::solve {

class RowBuilder {
 public:
  explicit RowBuilder(const RowRules& rules) : rules_(rules) {}

  // A row for resident `r` whose values are all in `allowed` ([d * values
  // + v], on top of the tables) and that keeps every row rule; empty when
  // `attempts` tries found none (the rules may still admit a row). With
  // `need` ([d * values + v] > 0: coverage still short), the most needed
  // shift is taken where the rules leave a choice.
  std::vector<int> build(int r, const std::vector<char>& allowed, const std::vector<int>* need,
                         std::mt19937_64& rng, int attempts = 8);

 private:
  std::vector<int> attempt(int r, const std::vector<char>& allowed, const std::vector<int>* need,
                           std::mt19937_64& rng);

  const RowRules& rules_;
  std::vector<std::uint64_t> reach_;  // scratch: [(d * states + s) * words], sums the days from d on can add
};

}  // namespace rota::solve
