#pragma once

// The cheapest rows of one resident under prices per date and value: the
// pricing problem of column generation (column_generation.hpp). Dynamic
// programming over every state the row rules tell apart (last value, the
// current run's length and whether it began the row, hours worked in units
// of the shifts' common length, counts of limited shifts, weekends worked),
// keeping the cheapest way into each state, so the rows it returns are the
// cheapest that keep every rule of the compiled tables (row_rules.hpp).
// Where the states would pass a cap it gives up and says the answer is not
// exact. Every row is judged by RowRules::evaluate before it is returned.
// Internal to the solver.

#include <cstdint>
#include <functional>
#include <vector>

#include "row_rules.hpp"

namespace rota::solve {

class RowPricing {
 public:
  explicit RowPricing(const RowRules& rules) : rules_(rules) {}

  struct Row {
    std::vector<int> values;  // per date: 0 = off, v = shift v-1
    double price = 0;         // the sum of its cells' prices
  };
  struct Result {
    std::vector<Row> rows;  // cheapest first; empty when no row keeps the rules
    bool exact = false;     // false: the states passed the cap (rows may be missing)
  };

  // Up to `k` rows of resident `r`, each the cheapest into its own final
  // state, priced below `below`. `allowed` and `price` are indexed
  // [d * values + v]; values not allowed are never taken.
  Result cheapest(int r, const std::vector<char>& allowed, const std::vector<double>& price, int k,
                  double below);

  // Every row of resident `r` priced below `below`, cheapest first; when
  // there are more than `max_rows`, the cheapest `max_rows` of them (and
  // `exact` is false). The whole state graph is built first, so that the
  // search for rows follows only states that still lead to one under the
  // limit; it costs a pricing's steps plus a few per row.
  Result all_below(int r, const std::vector<char>& allowed, const std::vector<double>& price, double below,
                   std::size_t max_rows);

  // Steps tried so far (a state extended by one value, taken or not): the
  // work done, for the effort budget. Steps, not states, so that the count
  // follows the time on programs with many shift types.
  unsigned long long expanded() const { return expanded_; }

  // Asked every few thousand steps: true ends the search at once, with
  // the rows found so far and `exact` false (the time limit, a signal).
  void set_stop(std::function<bool()> stop) { stop_ = std::move(stop); }

  // More states than this on one date, or in all, and the search gives up
  // (the states in all bound its memory: some 40 bytes each).
  static constexpr std::size_t kMaxStatesPerDate = 400000;
  static constexpr std::size_t kMaxStates = 4000000;
  // all_below keeps every step between states too (8 bytes each): at most
  // this many, some 130 MB.
  static constexpr std::size_t kMaxSteps = std::size_t{1} << 24;

 private:
  const RowRules& rules_;
  unsigned long long expanded_ = 0;
  std::function<bool()> stop_;
  static constexpr unsigned long long kStepsPerStopCheck = 4096;
  unsigned long long next_check_ = kStepsPerStopCheck;
  // Counts `steps` and, every few thousand, asks `stop_`.
  bool step_and_check(unsigned long long steps) {
    expanded_ += steps;
    if (expanded_ < next_check_) return false;
    next_check_ = expanded_ + kStepsPerStopCheck;
    return stop_ && stop_();
  }
};

}  // namespace rota::solve
