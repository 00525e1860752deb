#pragma once

#include <vector>

#include "rota/model/program.hpp"
#include "rota/model/roster.hpp"

namespace rota {

// What the solver reads: the program and roster laid out as arrays over
// residents x horizon days x shift values (0 = off, 1..S = shift s-1), with
// real instants from the program's time zone. Built once, independently of
// the compliance checker (which stays the judge).
struct SolveProblem {
  const Program& program;
  const Roster& roster;
  ProgramClock clock;
  int residents = 0;
  int days = 0;     // horizon days
  int values = 0;   // shifts + 1
  int history_days = 0;  // known span before the horizon (earliest history date)

  // Per horizon date and value: the interval (value 0 has none).
  struct Interval {
    Instant start{}, end{};
    long long real_seconds = 0;
    double duty_seconds = 0;
  };
  std::vector<std::vector<Interval>> intervals;  // [day][value]

  // Per resident, per span day (history_days + days): leave and the
  // history's assignments (span days before the horizon only).
  std::vector<std::vector<char>> leave;                  // [r][span day]
  std::vector<std::vector<char>> unavailable;            // [r][horizon day]
  std::vector<std::vector<std::vector<int>>> history;    // [r][history day] -> values

  SolveProblem(const Program& p, const Roster& r);
  Date date(int day) const { return program.horizon_start + date::days{day}; }
  Instant midnight(int day) const { return clock.midnight(date(day)); }
  const ShiftType& shift(int value) const { return program.shifts[value - 1]; }
};

// The rosters of single residents: entry r holds resident r (as resident 0)
// with its own rows. When the roster has history, each also holds a
// stand-in resident 1, on leave over the whole horizon, with one history row
// at the roster's earliest history date: the known span, from which every
// window is dated, stays that of the whole roster.
std::vector<Roster> single_resident_rosters(const Program& program, const Roster& roster);

}  // namespace rota
