#include "rota/rules/compliance_check.hpp"

#include <algorithm>

#include "cost.hpp"
#include "duty_timeline.hpp"

namespace rota {

std::string to_string(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::violation: return "violation";
    case FindingSeverity::warning: return "warning";
    case FindingSeverity::info: return "info";
  }
  return "info";
}

namespace {

ResidentSummary summarise(const rules::CheckInput& in, int r) {
  const rules::ResidentTimeline& t = in.residents[r];
  ResidentSummary s;
  s.resident = r;
  s.hours = rules::horizon_duty_hours(in, r);
  int window = in.program.rules.weekly_hours ? in.program.rules.weekly_hours->window_days : 28;
  for (auto [a, b] : rules::rule_windows(in, window))
    if (b <= in.span.horizon_offset) continue;
    else if (auto avg = rules::weekly_average(t, a, b)) s.max_weekly_avg = std::max(s.max_weekly_avg, *avg);
  for (int d = in.span.horizon_offset; d < in.span.days; ++d) {
    s.free_days += (!t.leave[d] && !t.touched[d]) ? 1 : 0;
    for (int sh : t.shifts_on_day[d]) {
      s.calls += in.shift(sh).kind == ShiftKind::call ? 1 : 0;
      s.nights += in.shift(sh).kind == ShiftKind::night ? 1 : 0;
    }
  }
  s.weekends = static_cast<int>(rules::weekends_worked(in, r).size());
  for (const auto& p : t.periods)
    if (p.end > in.span.horizon_start()) s.longest_duty_hours = std::max(s.longest_duty_hours, p.hours());
  return s;
}

}  // namespace

ComplianceReport check_compliance(const Program& program, const Roster& roster,
                                  const Schedule& schedule, const Schedule* baseline) {
  rules::CheckInput in(program, roster, schedule);
  rules::FindingList list(in);
  rules::check_window_rules(in, list);
  rules::check_period_rules(in, list);
  rules::check_run_rules(in, list);
  rules::check_assignment_rules(in, list);
  rules::check_coverage_rules(in, list);
  rules::check_person_limits(in, list);

  ComplianceReport report;
  report.findings = list.take();
  auto resident_key = [&](const ComplianceFinding& f) {
    return f.resident ? roster.residents[*f.resident].id : std::string();
  };
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [&](const ComplianceFinding& a, const ComplianceFinding& b) {
                     if (a.sort_key != b.sort_key) return a.sort_key < b.sort_key;
                     if (a.rule != b.rule) return a.rule < b.rule;
                     return resident_key(a) < resident_key(b);
                   });
  for (const auto& f : report.findings) {
    report.violations += f.severity == FindingSeverity::violation ? 1 : 0;
    report.warnings += f.severity == FindingSeverity::warning ? 1 : 0;
  }
  report.cost = rules::compute_cost(in, report.findings, baseline);
  for (int r = 0; r < static_cast<int>(roster.residents.size()); ++r)
    report.residents.push_back(summarise(in, r));
  return report;
}

}  // namespace rota
