// The soft objective of SPEC.md section 2, recomputed from a schedule.

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "cost.hpp"

namespace rota::rules {

namespace {

bool works(const ResidentTimeline& t, int d, int shift) {
  const auto& s = t.shifts_on_day[d];
  return std::find(s.begin(), s.end(), shift) != s.end();
}

long long requests_cost(const CheckInput& in) {
  long long cost = 0;
  for (const Request& q : in.roster.requests) {
    if (!in.program.in_horizon(q.date)) continue;
    const ResidentTimeline& t = in.residents[q.resident];
    int d = in.span.index(q.date);
    bool met;
    if (q.shift && !q.off) met = works(t, d, *q.shift);
    else if (q.shift) met = !works(t, d, *q.shift);
    else met = t.shifts_on_day[d].empty();
    if (!met) cost += static_cast<long long>(q.weight) * in.program.objective.requests;
  }
  return cost;
}

long long fairness_cost(const CheckInput& in) {
  const FairnessWeights& w = in.program.objective.fairness;
  if (w.calls == 0 && w.weekends == 0 && w.nights == 0 && w.hours == 0) return 0;
  const long long H = in.program.horizon_days;
  // PGY -> per measure (calls, weekends, nights, hours) -> scaled counts
  std::map<int, std::array<std::vector<long long>, 4>> classes;
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const ResidentTimeline& t = in.residents[r];
    long long non_leave = 0, calls = 0, nights = 0;
    for (int d = in.span.horizon_offset; d < in.span.days; ++d) {
      non_leave += t.leave[d] ? 0 : 1;
      for (int s : t.shifts_on_day[d]) {
        calls += in.shift(s).kind == ShiftKind::call ? 1 : 0;
        nights += in.shift(s).kind == ShiftKind::night ? 1 : 0;
      }
    }
    if (non_leave == 0) continue;
    long long weekends = static_cast<long long>(weekends_worked(in, r).size());
    long long hours = static_cast<long long>(std::floor(horizon_duty_hours(in, r) + 1e-9));
    auto& c = classes[in.roster.residents[r].pgy];
    long long counts[4] = {calls, weekends, nights, hours};
    for (int m = 0; m < 4; ++m) c[m].push_back(counts[m] * H / non_leave);
  }
  const long long weights[4] = {w.calls, w.weekends, w.nights, w.hours};
  long long cost = 0;
  for (const auto& [pgy, measures] : classes)
    for (int m = 0; m < 4; ++m) {
      const auto& v = measures[m];
      if (weights[m] == 0 || v.empty()) continue;
      auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      cost += weights[m] * (*hi - *lo);
    }
  return cost;
}

long long changes_count(const CheckInput& in, const Schedule& baseline) {
  const int n = static_cast<int>(in.residents.size());
  const int days = in.program.horizon_days;
  std::vector<std::vector<int>> base(static_cast<std::size_t>(n) * days);
  for (const Assignment& a : baseline.assignments) {
    if (!in.program.in_horizon(a.date) || a.resident >= n) continue;
    base[static_cast<std::size_t>(a.resident) * days + (a.date - in.program.horizon_start).count()]
        .push_back(a.shift);
  }
  long long changed = 0;
  for (int r = 0; r < n; ++r)
    for (int d = 0; d < days; ++d) {
      auto mine = in.residents[r].shifts_on_day[in.span.horizon_offset + d];
      auto theirs = base[static_cast<std::size_t>(r) * days + d];
      std::sort(mine.begin(), mine.end());
      std::sort(theirs.begin(), theirs.end());
      changed += mine != theirs ? 1 : 0;
    }
  return changed;
}

}  // namespace

CostBreakdown compute_cost(const CheckInput& in, const std::vector<ComplianceFinding>& findings,
                           const Schedule* baseline) {
  CostBreakdown cost;
  for (const CoverageEntry& e : in.program.coverage) {
    if (!e.target) continue;
    for (int d = in.span.horizon_offset; d < in.span.days; ++d)
      if (e.days.includes(in.span.date(d))) cost.coverage += coverage_cost(e, count_on_shift(in, e, d).filtered);
  }
  cost.requests = requests_cost(in);
  cost.fairness = fairness_cost(in);
  if (baseline) cost.changes = in.program.objective.changes * changes_count(in, *baseline);
  long long warnings = std::count_if(findings.begin(), findings.end(), [](const ComplianceFinding& f) {
    return f.severity == FindingSeverity::warning;
  });
  cost.warnings = warnings * in.program.objective.warnings;
  return cost;
}

}  // namespace rota::rules
