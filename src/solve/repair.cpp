#include "rota/solve/repair.hpp"

#include <set>
#include <utility>

namespace rota {

Roster freeze_days(const Program& program, const Roster& roster, const Schedule& baseline, Date until) {
  Roster out = roster;
  std::set<std::pair<int, Date>> working;
  for (const Assignment& a : baseline.assignments) {
    if (!program.in_horizon(a.date) || a.date > until) continue;
    working.insert({a.resident, a.date});
    bool already = false;
    for (const DatedShift& f : roster.fixed) already = already || (f.resident == a.resident && f.date == a.date && f.shift == a.shift);
    if (!already) out.fixed.push_back({a.resident, a.date, a.shift});
  }
  for (Date d = program.horizon_start; d < program.horizon_end() && d <= until; d += date::days{1})
    for (int r = 0; r < static_cast<int>(roster.residents.size()); ++r)
      if (!working.count({r, d})) out.unavailable.push_back({r, d});
  return out;
}

}  // namespace rota
