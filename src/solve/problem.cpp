#include "rota/solve/problem.hpp"

#include <algorithm>

namespace rota {

SolveProblem::SolveProblem(const Program& p, const Roster& r)
    : program(p), roster(r), clock(p.timezone) {
  residents = static_cast<int>(r.residents.size());
  days = p.horizon_days;
  values = static_cast<int>(p.shifts.size()) + 1;
  Date span_start = p.horizon_start;
  for (const auto& h : r.history) span_start = std::min(span_start, h.date);
  history_days = static_cast<int>((p.horizon_start - span_start).count());

  intervals.assign(days, std::vector<Interval>(values));
  for (int d = 0; d < days; ++d)
    for (int v = 1; v < values; ++v) {
      const ShiftType& s = shift(v);
      Interval& iv = intervals[d][v];
      iv.start = clock.at(date(d), s.start_minute);
      iv.end = clock.at(date(d), s.start_minute + s.length_minutes);
      iv.real_seconds = (iv.end - iv.start).count();
      iv.duty_seconds = s.duty_seconds(static_cast<double>(iv.real_seconds));
    }

  const int span = history_days + days;
  leave.assign(residents, std::vector<char>(span, 0));
  unavailable.assign(residents, std::vector<char>(days, 0));
  history.assign(residents, std::vector<std::vector<int>>(history_days));
  for (const auto& l : r.leave)
    for (Date d = std::max(l.from, span_start); d <= l.to && d < p.horizon_end(); d += date::days{1})
      leave[l.resident][(d - span_start).count()] = 1;
  for (const auto& u : r.unavailable)
    if (p.in_horizon(u.date)) unavailable[u.resident][(u.date - p.horizon_start).count()] = 1;
  for (const auto& h : r.history) history[h.resident][(h.date - span_start).count()].push_back(h.shift + 1);
}

std::vector<Roster> single_resident_rosters(const Program& program, const Roster& roster) {
  const int R = static_cast<int>(roster.residents.size());
  std::vector<Roster> out(R);
  for (int r = 0; r < R; ++r) out[r].residents.push_back(roster.residents[r]);
  auto split = [&](auto rows, auto member) {
    for (auto row : rows) {
      const int r = row.resident;
      row.resident = 0;
      (out[r].*member).push_back(row);
    }
  };
  split(roster.rotations, &Roster::rotations);
  split(roster.leave, &Roster::leave);
  split(roster.unavailable, &Roster::unavailable);
  split(roster.requests, &Roster::requests);
  split(roster.fixed, &Roster::fixed);
  split(roster.history, &Roster::history);
  if (!roster.history.empty()) {
    Date earliest = roster.history.front().date;
    for (const DatedShift& h : roster.history) earliest = std::min(earliest, h.date);
    for (Roster& one : out) {
      Resident stand_in;
      stand_in.id = "~span";
      one.residents.push_back(stand_in);
      one.leave.push_back({1, program.horizon_start, program.horizon_end() - date::days{1}, LeaveType::other});
      one.history.push_back({1, earliest, 0});
    }
  }
  return out;
}

}  // namespace rota
