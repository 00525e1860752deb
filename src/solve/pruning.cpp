#include "rota/solve/pruning.hpp"

#include <algorithm>
#include <cmath>

#include "rota/rules/eligibility.hpp"

namespace rota {

std::string to_string(PruneReason reason) {
  static const char* names[] = {"leave",        "unavailable", "fixed",  "eligibility",
                                "shift-length", "person-limit", "history"};
  return names[static_cast<int>(reason)];
}

Domains prune_domains(const SolveProblem& pb) {
  const Program& p = pb.program;
  Domains dom;
  dom.allowed.assign(pb.residents, std::vector<std::vector<int>>(pb.days));
  // Fixed rows: resident-day -> value.
  std::vector<std::vector<int>> fixed(pb.residents, std::vector<int>(pb.days, -1));
  for (const auto& f : pb.roster.fixed)
    if (p.in_horizon(f.date)) fixed[f.resident][(f.date - p.horizon_start).count()] = f.shift + 1;

  for (int r = 0; r < pb.residents; ++r) {
    const Resident& res = pb.roster.residents[r];
    auto length_limit = p.rules.max_shift_hours.find(res.pgy);
    for (int d = 0; d < pb.days; ++d) {
      ++dom.variables;
      dom.log10_space_before += std::log10(static_cast<double>(pb.values));
      auto& out = dom.allowed[r][d];
      auto remove = [&](PruneReason why) { ++dom.removed[static_cast<int>(why)]; };
      const bool on_leave = pb.leave[r][pb.history_days + d];
      for (int v = 0; v < pb.values; ++v) {
        if (fixed[r][d] >= 0 && v != fixed[r][d]) { remove(PruneReason::fixed); continue; }
        if (v == 0) { out.push_back(v); continue; }
        const ShiftType& s = pb.shift(v);
        const auto& iv = pb.intervals[d][v];
        if (on_leave) { remove(PruneReason::leave); continue; }
        if (pb.unavailable[r][d]) { remove(PruneReason::unavailable); continue; }
        if (!may_work(p, pb.roster, r, v - 1, pb.date(d))) { remove(PruneReason::eligibility); continue; }
        if (length_limit != p.rules.max_shift_hours.end() && !s.is_home_call() &&
            iv.real_seconds > length_limit->second * 3600 + 1e-6) {
          remove(PruneReason::shift_length);
          continue;
        }
        auto ms = res.limits.max_shifts.find(v - 1);
        if (ms != res.limits.max_shifts.end() && ms->second == 0) { remove(PruneReason::person_limit); continue; }
        // Successions and overlaps with the last history day.
        if (d == 0 && pb.history_days > 0) {
          bool clash = false;
          for (int a : pb.history[r][pb.history_days - 1]) {
            clash = clash || std::find(p.forbidden_successions.begin(), p.forbidden_successions.end(),
                                       std::pair{a - 1, v - 1}) != p.forbidden_successions.end();
            const ShiftType& hs = pb.shift(a);
            Instant h_end = pb.clock.at(pb.date(-1), hs.start_minute + hs.length_minutes);
            clash = clash || iv.start < h_end;
          }
          if (clash) { remove(PruneReason::history); continue; }
        }
        out.push_back(v);
      }
      if (out.empty()) dom.empty_domain = true;
      if (out.size() == 1) ++dom.fixed_variables;
      dom.log10_space_after += std::log10(static_cast<double>(std::max<std::size_t>(1, out.size())));
    }
  }
  return dom;
}

}  // namespace rota
