// person-limits: the Curtois & Qu per-person constraints over the horizon,
// with that model's horizon-edge exemptions (benchmarks/curtois/README.md).

#include <fmt/format.h>

#include "duty_timeline.hpp"

namespace rota::rules {

double horizon_duty_hours(const CheckInput& in, int r) {
  double seconds = 0;
  for (const DutyInterval& iv : in.residents[r].intervals) {
    if (!in.span.in_horizon(iv.day)) continue;
    const ShiftType& st = in.shift(iv.shift);
    seconds += st.duty_seconds(static_cast<double>((iv.end - iv.start).count()));
  }
  return seconds / 3600.0;
}

void check_person_limits(const CheckInput& in, FindingList& out) {
  const int h0 = in.span.horizon_offset, end = in.span.days;
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const PersonLimits& lim = in.roster.residents[r].limits;
    const ResidentTimeline& t = in.residents[r];
    auto add = [&](int first, int last, double value, double limit, std::string message) {
      out.add_days("person-limits", FindingSeverity::violation, r, first, last, value, limit,
                   std::move(message));
    };
    for (auto [shift, max] : lim.max_shifts) {
      int count = 0;
      for (int d = h0; d < end; ++d)
        for (int s : t.shifts_on_day[d]) count += s == shift ? 1 : 0;
      if (count > max)
        add(h0, end - 1, count, max,
            fmt::format("{} {} shifts in the horizon; at most {}", count, in.shift(shift).id, max));
    }
    if (lim.min_hours || lim.max_hours) {
      double hours = horizon_duty_hours(in, r);
      if (lim.max_hours && hours > *lim.max_hours + 1e-9)
        add(h0, end - 1, hours, *lim.max_hours,
            fmt::format("{} duty hours in the horizon; at most {}", format_number(hours, *lim.max_hours),
                        format_number(*lim.max_hours)));
      if (lim.min_hours && hours < *lim.min_hours - 1e-9)
        add(h0, end - 1, hours, *lim.min_hours,
            fmt::format("{} duty hours in the horizon; at least {}", format_number(hours, *lim.min_hours),
                        format_number(*lim.min_hours)));
    }
    // Runs of working days and of days off inside the horizon only.
    auto working = [&](int d) { return !t.shifts_on_day[d].empty(); };
    int d = h0;
    while (d < end) {
      bool on = working(d);
      int first = d;
      while (d < end && working(d) == on) ++d;
      int length = d - first;
      bool inner = first > h0 && d < end;  // bounded by the other kind inside the horizon
      if (on && lim.max_consecutive && length > *lim.max_consecutive)
        add(first, d - 1, length, *lim.max_consecutive,
            fmt::format("{} working days in a row; at most {}", length, *lim.max_consecutive));
      if (on && inner && lim.min_consecutive && length < *lim.min_consecutive)
        add(first, d - 1, length, *lim.min_consecutive,
            fmt::format("{} working days in a row; at least {}", length, *lim.min_consecutive));
      if (!on && inner && lim.min_days_off_run && length < *lim.min_days_off_run)
        add(first, d - 1, length, *lim.min_days_off_run,
            fmt::format("{} days off in a row; at least {}", length, *lim.min_days_off_run));
    }
  }
}

}  // namespace rota::rules
