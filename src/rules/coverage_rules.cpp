// coverage (min/max hard, target as info with its cost) and supervision.

#include <fmt/format.h>

#include "duty_timeline.hpp"
#include "rota/rules/eligibility.hpp"

namespace rota::rules {

ShiftHeadcount count_on_shift(const CheckInput& in, const CoverageEntry& entry, int d) {
  ShiftHeadcount count;
  Date day = in.span.date(d);
  for (int r = 0; r < static_cast<int>(in.residents.size()); ++r) {
    const auto& shifts = in.residents[r].shifts_on_day[d];
    if (std::find(shifts.begin(), shifts.end(), entry.shift) == shifts.end()) continue;
    ++count.everyone;
    if (entry.senior_min && in.roster.residents[r].pgy >= entry.senior_min->pgy) ++count.seniors;
    if (passes_filters(entry, in.roster, r, day)) ++count.filtered;
  }
  return count;
}

long long coverage_cost(const CoverageEntry& e, int n) {
  if (!e.target) return 0;
  return static_cast<long long>(e.under_weight) * std::max(0, *e.target - n) +
         static_cast<long long>(e.over_weight) * std::max(0, n - *e.target);
}

void check_coverage_rules(const CheckInput& in, FindingList& out) {
  for (const CoverageEntry& e : in.program.coverage) {
    const std::string& id = in.shift(e.shift).id;
    for (int d = in.span.horizon_offset; d < in.span.days; ++d) {
      if (!e.days.includes(in.span.date(d))) continue;
      ShiftHeadcount count = count_on_shift(in, e, d);
      const int n = count.filtered, seniors = count.seniors;
      if (e.min && n < *e.min)
        out.add_days("coverage", FindingSeverity::violation, std::nullopt, d, d, n, *e.min,
                     fmt::format("{} has {}; at least {} needed", id, count_of(n, "resident"), *e.min));
      if (e.max && n > *e.max)
        out.add_days("coverage", FindingSeverity::violation, std::nullopt, d, d, n, *e.max,
                     fmt::format("{} has {}; at most {} allowed", id, count_of(n, "resident"), *e.max));
      if (e.target && n != *e.target)
        out.add_days("coverage", FindingSeverity::info, std::nullopt, d, d, n, *e.target,
                     fmt::format("{} has {} against a target of {} (cost {})", id, count_of(n, "resident"),
                                 *e.target, coverage_cost(e, n)));
      if (e.senior_min && count.everyone > 0 && seniors < e.senior_min->count)
        out.add_days("supervision", FindingSeverity::violation, std::nullopt, d, d, seniors,
                     e.senior_min->count,
                     fmt::format("{} has {} of PGY {} or above; at least {} needed", id,
                                 count_of(seniors, "resident"), e.senior_min->pgy, e.senior_min->count));
    }
  }
}

}  // namespace rota::rules
