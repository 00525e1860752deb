// weekly-hours, days-off and call-frequency: rules averaged over windows,
// with leave days taken out of numerator and denominator.

#include <fmt/format.h>

#include "duty_timeline.hpp"

namespace rota::rules {

namespace {

// What one window shows for one rule.
struct WindowReading {
  bool applies = false;  // enough non-leave days to judge
  bool violates = false;
  double value = 0;
  double limit = 0;
  double badness = 0;  // how far past the limit, to pick the worst of a merged run
};

// Runs of consecutive violating windows become one finding, worded from the
// worst window of the run.
template <typename Judge, typename Word>
void scan_windows(const CheckInput& in, FindingList& out, const char* rule, int window_days,
                  Judge judge, Word word) {
  auto windows = rule_windows(in, window_days);
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    std::size_t i = 0;
    while (i < windows.size()) {
      WindowReading first = judge(r, windows[i].first, windows[i].second);
      if (!first.applies || !first.violates) {
        ++i;
        continue;
      }
      std::size_t j = i, worst = i;
      WindowReading worst_reading = first;
      while (j + 1 < windows.size()) {
        WindowReading next = judge(r, windows[j + 1].first, windows[j + 1].second);
        if (!next.applies || !next.violates) break;
        ++j;
        if (next.badness > worst_reading.badness) {
          worst_reading = next;
          worst = j;
        }
      }
      if (windows[j].second <= in.span.horizon_offset) {  // the run lies wholly before the horizon
        i = j + 1;
        continue;
      }
      out.add_days(rule, FindingSeverity::violation, r, windows[i].first, windows[j].second - 1,
                   worst_reading.value, worst_reading.limit,
                   word(r, worst_reading, windows[worst].first, windows[worst].second));
      i = j + 1;
    }
  }
}

int non_leave_days(const ResidentTimeline& t, int a, int b) {
  int n = 0;
  for (int d = a; d < b; ++d) n += t.leave[d] ? 0 : 1;
  return n;
}

std::string window_words(const CheckInput& in, int r, int a, int b) {
  int non_leave = non_leave_days(in.residents[r], a, b);
  std::string s = fmt::format("{} days {}..{}", b - a, format_date(in.span.date(a)),
                              format_date(in.span.date(b - 1)));
  if (non_leave != b - a) s += fmt::format(", {} on leave", b - a - non_leave);
  return s;
}

double non_leave_duty_seconds(const ResidentTimeline& t, int a, int b) {
  double seconds = 0;
  for (int d = a; d < b; ++d)
    if (!t.leave[d]) seconds += t.duty_seconds[d];
  return seconds;
}

}  // namespace

// Average weekly duty hours of the window; nullopt when it has fewer than 7
// non-leave days.
std::optional<double> weekly_average(const ResidentTimeline& t, int a, int b) {
  int non_leave = non_leave_days(t, a, b);
  if (non_leave < 7) return std::nullopt;
  return non_leave_duty_seconds(t, a, b) / 3600.0 * 7.0 / non_leave;
}

void check_window_rules(const CheckInput& in, FindingList& out) {
  const Rules& rules = in.program.rules;
  if (rules.weekly_hours) {
    const WeeklyHoursRule rule = *rules.weekly_hours;
    scan_windows(
        in, out, "weekly-hours", rule.window_days,
        [&](int r, int a, int b) {
          const ResidentTimeline& t = in.residents[r];
          WindowReading w;
          int non_leave = non_leave_days(t, a, b);
          if (non_leave < 7) return w;
          double seconds = non_leave_duty_seconds(t, a, b);
          w.applies = true;
          // hours / (non_leave / 7) > max, compared without division; 80.0 passes.
          w.violates = seconds * 7.0 > rule.max * 3600.0 * non_leave + 1e-6;
          w.value = seconds / 3600.0 * 7.0 / non_leave;
          w.limit = rule.max;
          w.badness = w.value - rule.max;
          return w;
        },
        [&](int r, const WindowReading& w, int a, int b) {
          return fmt::format("{} h/week on average over {}; limit {} h/week",
                             format_number(w.value, w.limit), window_words(in, r, a, b), format_number(w.limit));
        });
  }
  if (rules.days_off) {
    const DaysOffRule rule = *rules.days_off;
    scan_windows(
        in, out, "days-off", rule.window_days,
        [&](int r, int a, int b) {
          const ResidentTimeline& t = in.residents[r];
          WindowReading w;
          int non_leave = non_leave_days(t, a, b);
          if (non_leave < 7) return w;
          int free_days = 0;
          for (int d = a; d < b; ++d) free_days += (!t.leave[d] && !t.touched[d]) ? 1 : 0;
          int required = non_leave / rule.per_days;
          w.applies = true;
          w.violates = free_days < required;
          w.value = free_days;
          w.limit = required;
          w.badness = required - free_days;
          return w;
        },
        [&](int r, const WindowReading& w, int a, int b) {
          return fmt::format("{} in {}; at least {} required (one in {})",
                             count_of(static_cast<long long>(w.value), "free day"), window_words(in, r, a, b),
                             format_number(w.limit), rule.per_days);
        });
  }
  if (rules.call_frequency) {
    const CallFrequencyRule rule = *rules.call_frequency;
    scan_windows(
        in, out, "call-frequency", rule.window_days,
        [&](int r, int a, int b) {
          const ResidentTimeline& t = in.residents[r];
          WindowReading w;
          int non_leave = non_leave_days(t, a, b);
          if (non_leave < 7) return w;
          int calls = 0;
          for (int d = a; d < b; ++d) {
            if (t.leave[d]) continue;
            for (int s : t.shifts_on_day[d]) calls += in.shift(s).kind == ShiftKind::call ? 1 : 0;
          }
          int allowed = non_leave / rule.every_nth_night;
          w.applies = true;
          w.violates = calls > allowed;
          w.value = calls;
          w.limit = allowed;
          w.badness = calls - allowed;
          return w;
        },
        [&](int r, const WindowReading& w, int a, int b) {
          return fmt::format("{} in {}; at most {} (every {} nights)",
                             count_of(static_cast<long long>(w.value), "in-house call"), window_words(in, r, a, b),
                             format_number(w.limit), rule.every_nth_night);
        });
  }
}

}  // namespace rota::rules
