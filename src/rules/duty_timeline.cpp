#include "duty_timeline.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace rota::rules {

namespace {

KnownSpan make_span(const Program& p, const Roster& r, const ProgramClock& clock) {
  KnownSpan span;
  span.start = p.horizon_start;
  for (const auto& h : r.history) span.start = std::min(span.start, h.date);
  span.horizon_offset = static_cast<int>((p.horizon_start - span.start).count());
  span.days = span.horizon_offset + p.horizon_days;
  span.midnights.reserve(span.days + 1);
  for (int i = 0; i <= span.days; ++i) span.midnights.push_back(clock.midnight(span.date(i)));
  return span;
}

// Adds `seconds` of duty spread over the local days the interval covers, in
// proportion to the time falling on each (clipped to the span).
void spread_duty(const KnownSpan& span, Instant start, Instant end, double duty_seconds,
                 std::vector<double>& per_day, std::vector<char>& touched) {
  double length = static_cast<double>((end - start).count());
  if (length <= 0) return;
  auto it = std::upper_bound(span.midnights.begin(), span.midnights.end(), start);
  int day = static_cast<int>(it - span.midnights.begin()) - 1;
  for (; day < span.days && span.midnights[day] < end; ++day) {
    if (day < 0) continue;
    Instant a = std::max(start, span.midnights[day]);
    Instant b = std::min(end, span.midnights[day + 1]);
    if (b <= a) continue;
    touched[day] = 1;
    per_day[day] += duty_seconds * static_cast<double>((b - a).count()) / length;
  }
}

}  // namespace

CheckInput::CheckInput(const Program& p, const Roster& r, const Schedule& s)
    : program(p), roster(r), schedule(s), clock(p.timezone), span(make_span(p, r, clock)) {
  const int n = static_cast<int>(r.residents.size());
  residents.resize(n);
  for (auto& t : residents) {
    t.shifts_on_day.assign(span.days, {});
    t.leave.assign(span.days, 0);
    t.unavailable.assign(span.days, 0);
    t.touched.assign(span.days, 0);
    t.duty_seconds.assign(span.days, 0.0);
  }
  for (const auto& l : r.leave) {
    for (Date d = std::max(l.from, span.start); d <= l.to && d < p.horizon_end(); d += date::days{1})
      residents[l.resident].leave[span.index(d)] = 1;
  }
  for (const auto& u : r.unavailable)
    if (u.date >= span.start && u.date < p.horizon_end())
      residents[u.resident].unavailable[span.index(u.date)] = 1;

  // Block windows ignore history, so history duty is left off the per-day
  // tallies that windows read; periods, runs and successions still see it.
  const bool history_in_windows = p.rules.mode == WindowMode::rolling;
  auto place = [&](int resident, Date d, int shift, bool history) {
    ResidentTimeline& t = residents[resident];
    int day = span.index(d);
    t.shifts_on_day[day].push_back(shift);
    const ShiftType& st = p.shifts[shift];
    Instant start = clock.at(d, st.start_minute);
    Instant end = clock.at(d, st.start_minute + st.length_minutes);
    t.intervals.push_back({start, end, day, shift});
    double duty = st.duty_seconds(static_cast<double>((end - start).count()));
    if (!history || history_in_windows) spread_duty(span, start, end, duty, t.duty_seconds, t.touched);
  };
  for (const auto& h : r.history) place(h.resident, h.date, h.shift, true);
  for (const auto& a : s.assignments) place(a.resident, a.date, a.shift, false);

  for (auto& t : residents) {
    std::sort(t.intervals.begin(), t.intervals.end(), [](const DutyInterval& a, const DutyInterval& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    for (const auto& iv : t.intervals) {
      const ShiftType& st = p.shifts[iv.shift];
      if (st.is_home_call()) continue;
      double scheduled = st.length_minutes / 60.0;
      if (!t.periods.empty() && iv.start <= t.periods.back().end) {
        t.periods.back().end = std::max(t.periods.back().end, iv.end);
        t.periods.back().scheduled_hours += scheduled;
      } else {
        t.periods.push_back({iv.start, iv.end, scheduled});
      }
    }
  }
}


void FindingList::add_days(const char* rule, FindingSeverity severity, std::optional<int> resident,
                           int first, int last, double value, double limit, std::string message) {
  items_.push_back({rule, severity, resident, format_date(in_.span.date(first)),
                    format_date(in_.span.date(last)), value, limit, std::move(message),
                    in_.span.midnights[first].time_since_epoch().count()});
}

void FindingList::add_instants(const char* rule, FindingSeverity severity,
                               std::optional<int> resident, Instant from, Instant to, double value,
                               double limit, std::string message) {
  items_.push_back({rule, severity, resident, in_.clock.format_local(from),
                    in_.clock.format_local(to), value, limit, std::move(message),
                    from.time_since_epoch().count()});
}

std::vector<std::pair<int, int>> rule_windows(const CheckInput& in, int window_days) {
  std::vector<std::pair<int, int>> windows;
  const KnownSpan& span = in.span;
  if (in.program.rules.mode == WindowMode::block) {
    for (int a = span.horizon_offset; a < span.days; a += window_days)
      windows.emplace_back(a, std::min(a + window_days, span.days));
  } else if (span.days <= window_days) {
    windows.emplace_back(0, span.days);
  } else {
    for (int a = 0; a + window_days <= span.days; ++a) windows.emplace_back(a, a + window_days);
  }
  return windows;
}

}  // namespace rota::rules
