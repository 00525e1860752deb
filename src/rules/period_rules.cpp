// continuous-duty, rest, rest-after-long-duty, max-shift-hours and
// overlapping intervals: rules on absolute time, DST included.

#include <fmt/format.h>

#include "duty_timeline.hpp"

namespace rota::rules {

namespace {

constexpr double kEpsilon = 1e-9;

double hours_between(Instant a, Instant b) {
  return static_cast<double>((b - a).count()) / 3600.0;
}

}  // namespace

void check_period_rules(const CheckInput& in, FindingList& out) {
  const Rules& rules = in.program.rules;
  const Instant horizon = in.span.horizon_start();
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const ResidentTimeline& t = in.residents[r];
    const auto& periods = t.periods;
    for (std::size_t i = 0; i < periods.size(); ++i) {
      const ContinuousPeriod& p = periods[i];
      if (rules.continuous_duty && p.end > horizon) {
        const auto& rule = *rules.continuous_duty;
        double hours = p.hours();
        double hard = rule.max_hours + rule.transition_hours;
        if (hours > hard + kEpsilon)
          out.add_instants("continuous-duty", FindingSeverity::violation, r, p.start, p.end, hours, hard,
                           fmt::format("{} h of continuous duty; at most {} h plus {} h of transition",
                                       format_number(hours, hard), format_number(rule.max_hours),
                                       format_number(rule.transition_hours)));
        else if (hours > rule.max_hours + kEpsilon)
          out.add_instants("continuous-duty", FindingSeverity::warning, r, p.start, p.end, hours,
                           rule.max_hours,
                           fmt::format("{} h of continuous duty, past {} h (within the {} h transition)",
                                       format_number(hours, rule.max_hours), format_number(rule.max_hours),
                                       format_number(rule.transition_hours)));
      }
      if (!rules.rest || i + 1 >= periods.size()) continue;
      const ContinuousPeriod& next = periods[i + 1];
      // A gap whose next period starts in the horizon (at its first instant
      // too) is the horizon's: only one that ends before it is left out.
      if (next.start < horizon) continue;
      const auto& rule = *rules.rest;
      double gap = hours_between(p.end, next.start);
      bool long_period = p.hours() >= 24 - kEpsilon || p.scheduled_hours >= 24 - kEpsilon;
      if (long_period && gap < rule.after_long_duty_hours - kEpsilon)
        out.add_instants("rest-after-long-duty", FindingSeverity::violation, r, p.end, next.start, gap,
                         rule.after_long_duty_hours,
                         fmt::format("{} h off after a {} h duty period; at least {} h required",
                                     format_number(gap, rule.after_long_duty_hours), format_number(p.hours()),
                                     format_number(rule.after_long_duty_hours)));
      if (gap < rule.min_hours - kEpsilon)
        out.add_instants("rest", FindingSeverity::warning, r, p.end, next.start, gap, rule.min_hours,
                         fmt::format("{} h off between duty periods; {} h should be free",
                                     format_number(gap, rule.min_hours), format_number(rule.min_hours)));
    }

    const Resident& res = in.roster.residents[r];
    auto limit = rules.max_shift_hours.find(res.pgy);
    Instant latest_end{};
    const DutyInterval* latest = nullptr;
    for (const DutyInterval& iv : t.intervals) {
      const ShiftType& st = in.shift(iv.shift);
      if (limit != rules.max_shift_hours.end() && !st.is_home_call() && iv.end > horizon &&
          iv.hours() > limit->second + kEpsilon)
        out.add_instants("max-shift-hours", FindingSeverity::violation, r, iv.start, iv.end, iv.hours(),
                         limit->second,
                         fmt::format("{} lasts {} h; PGY-{} shifts may last at most {} h", st.id,
                                     format_number(iv.hours(), limit->second), res.pgy, format_number(limit->second)));
      // Two overlapping intervals dated the same date that already exceeds
      // the count are one problem, reported once (by the count).
      bool counted = latest && latest->day == iv.day &&
                     static_cast<int>(t.shifts_on_day[iv.day].size()) > rules.max_assignments_per_day;
      if (latest && iv.start < latest_end && iv.end > horizon && !counted)
        out.add_instants("assignments-per-day", FindingSeverity::violation, r, iv.start,
                         std::min(iv.end, latest_end), hours_between(iv.start, std::min(iv.end, latest_end)), 0,
                         fmt::format("{} on {} overlaps {} on {}", st.id,
                                     format_date(in.span.date(iv.day)), in.shift(latest->shift).id,
                                     format_date(in.span.date(latest->day))));
      if (!latest || iv.end > latest_end) {
        latest_end = iv.end;
        latest = &iv;
      }
    }
  }
}

}  // namespace rota::rules
