// Rules on single assignments: eligibility, leave-conflict, unavailable,
// succession, fixed and the per-date count of assignments-per-day.

#include <algorithm>

#include <fmt/format.h>

#include "duty_timeline.hpp"
#include "rota/rules/eligibility.hpp"

namespace rota::rules {

void check_assignment_rules(const CheckInput& in, FindingList& out) {
  const Program& p = in.program;
  const int h0 = in.span.horizon_offset;
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const ResidentTimeline& t = in.residents[r];
    for (int d = h0; d < in.span.days; ++d) {
      const auto& shifts = t.shifts_on_day[d];
      Date day = in.span.date(d);
      if (static_cast<int>(shifts.size()) > p.rules.max_assignments_per_day)
        out.add_days("assignments-per-day", FindingSeverity::violation, r, d, d,
                     static_cast<double>(shifts.size()), p.rules.max_assignments_per_day,
                     fmt::format("{} assignments on one date; at most {}", shifts.size(),
                                 p.rules.max_assignments_per_day));
      for (int s : shifts) {
        const std::string& id = in.shift(s).id;
        if (t.leave[d])
          out.add_days("leave-conflict", FindingSeverity::violation, r, d, d, 1, 0,
                       fmt::format("{} assigned on a leave day", id));
        if (t.unavailable[d])
          out.add_days("unavailable", FindingSeverity::violation, r, d, d, 1, 0,
                       fmt::format("{} assigned on a date marked unavailable", id));
        if (!may_work(p, in.roster, r, s, day))
          out.add_days("eligibility", FindingSeverity::violation, r, d, d, 1, 0,
                       fmt::format("{} is not open to this resident's rotation and PGY on {}", id,
                                   format_date(day)));
      }
      if (d == 0) continue;
      for (int a : t.shifts_on_day[d - 1])
        for (int b : shifts)
          if (std::find(p.forbidden_successions.begin(), p.forbidden_successions.end(),
                        std::pair{a, b}) != p.forbidden_successions.end())
            out.add_days("succession", FindingSeverity::violation, r, d - 1, d, 1, 0,
                         fmt::format("{} on {} is followed by {}; that succession is forbidden",
                                     in.shift(a).id, format_date(in.span.date(d - 1)), in.shift(b).id));
    }
  }
  for (const DatedShift& f : in.roster.fixed) {
    if (!p.in_horizon(f.date)) continue;
    int d = in.span.index(f.date);
    const auto& shifts = in.residents[f.resident].shifts_on_day[d];
    if (std::find(shifts.begin(), shifts.end(), f.shift) == shifts.end())
      out.add_days("fixed", FindingSeverity::violation, f.resident, d, d, 0, 1,
                   fmt::format("fixed assignment {} on {} is missing", in.shift(f.shift).id,
                               format_date(f.date)));
  }
}

}  // namespace rota::rules
