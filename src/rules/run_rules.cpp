// consecutive-nights, consecutive-duty-days and max-weekends: runs of dates.

#include <set>

#include <fmt/format.h>

#include "duty_timeline.hpp"

namespace rota::rules {

namespace {

// Reports every maximal run of days where `in_run` holds that is longer than
// `max` and reaches into the horizon.
template <typename Pred>
void scan_runs(const CheckInput& in, FindingList& out, const char* rule, int r, int max,
               const char* what, Pred in_run) {
  int d = 0;
  while (d < in.span.days) {
    if (!in_run(d)) {
      ++d;
      continue;
    }
    int first = d;
    while (d < in.span.days && in_run(d)) ++d;
    int length = d - first;
    if (length > max && in.span.in_horizon(d - 1))
      out.add_days(rule, FindingSeverity::violation, r, first, d - 1, length, max,
                   fmt::format("{} {} in a row; at most {}", length, what, max));
  }
}

}  // namespace

// Weekends worked in the horizon, each named by its Saturday.
std::set<Date> weekends_worked(const CheckInput& in, int r) {
  std::set<Date> weekends;
  const ResidentTimeline& t = in.residents[r];
  for (int d = in.span.horizon_offset; d < in.span.days; ++d) {
    if (t.shifts_on_day[d].empty()) continue;
    Date day = in.span.date(d);
    int wd = iso_weekday_index(day);
    if (wd == 5) weekends.insert(day);
    else if (wd == 6) weekends.insert(day - date::days{1});
  }
  return weekends;
}

void check_run_rules(const CheckInput& in, FindingList& out) {
  const Rules& rules = in.program.rules;
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const ResidentTimeline& t = in.residents[r];
    if (rules.consecutive_nights)
      scan_runs(in, out, "consecutive-nights", r, *rules.consecutive_nights, "nights", [&](int d) {
        for (int s : t.shifts_on_day[d])
          if (in.shift(s).kind == ShiftKind::night) return true;
        return false;
      });
    if (rules.consecutive_duty_days)
      scan_runs(in, out, "consecutive-duty-days", r, *rules.consecutive_duty_days, "duty days",
                [&](int d) { return !t.shifts_on_day[d].empty(); });

    std::optional<int> max_weekends = in.roster.residents[r].limits.max_weekends;
    if (!max_weekends) max_weekends = rules.max_weekends;
    if (max_weekends) {
      auto weekends = weekends_worked(in, r);
      int count = static_cast<int>(weekends.size());
      if (count > *max_weekends) {
        out.add_days("max-weekends", FindingSeverity::violation, r, in.span.horizon_offset,
                     in.span.days - 1, count, *max_weekends,
                     fmt::format("{} weekends worked in the horizon; at most {}", count, *max_weekends));
      }
    }
  }
}

}  // namespace rota::rules
