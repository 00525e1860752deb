#include "row_rules.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "rota/rules/eligibility.hpp"

namespace rota::solve {

namespace {

constexpr double kEps = 1e-9;  // the checker's tolerance on hours

// Whether every rule the program turns on is one the tables hold.
bool fits_tables(const SolveProblem& pb) {
  const Rules& rules = pb.program.rules;
  if (rules.weekly_hours || rules.days_off || rules.continuous_duty || rules.rest || rules.call_frequency ||
      rules.consecutive_nights || rules.consecutive_duty_days)
    return false;
  // History reaches into the horizon's first days through successions and
  // overlaps; the checker keeps that case.
  if (pb.history_days > 0 || !pb.roster.history.empty()) return false;
  const int D = pb.days, V = pb.values;
  for (int d = 0; d < D; ++d)
    for (int v = 1; v < V; ++v) {
      if (pb.intervals[d][v].real_seconds <= 0) return false;
      // Overlaps only between neighbouring dates: the pair table holds them.
      if (d + 2 < D)
        for (int w = 1; w < V; ++w)
          if (pb.intervals[d + 2][w].start < pb.intervals[d][v].end) return false;
    }
  return true;
}

}  // namespace

RowRules::RowRules(const SolveProblem& pb)
    : R_(pb.residents), D_(pb.days), V_(pb.values) {}

std::unique_ptr<RowRules> RowRules::compile(const SolveProblem& pb, const std::vector<std::vector<int>>& baseline) {
  if (!fits_tables(pb)) return nullptr;
  std::unique_ptr<RowRules> t(new RowRules(pb));
  const Program& p = pb.program;
  const Roster& ro = pb.roster;
  const int R = t->R_, D = t->D_, V = t->V_;
  auto cell = [&](int r, int d, int v) { return (static_cast<std::size_t>(r) * D + d) * V + v; };

  // Single assignments: leave, unavailable, eligibility, per-PGY length,
  // assignments per day; fixed assignments; requests and changes.
  t->cell_ok_.assign(static_cast<std::size_t>(R) * D * V, 1);
  t->cell_cost_.assign(static_cast<std::size_t>(R) * D * V, 0);
  for (int r = 0; r < R; ++r) {
    auto limit = p.rules.max_shift_hours.find(ro.residents[r].pgy);
    for (int d = 0; d < D; ++d)
      for (int v = 1; v < V; ++v) {
        const auto& iv = pb.intervals[d][v];
        bool ok = p.rules.max_assignments_per_day >= 1 && !pb.leave[r][d] && !pb.unavailable[r][d] &&
                  may_work(p, ro, r, v - 1, pb.date(d));
        if (limit != p.rules.max_shift_hours.end() && !pb.shift(v).is_home_call() &&
            static_cast<double>((iv.end - iv.start).count()) / 3600.0 > limit->second + kEps)
          ok = false;
        t->cell_ok_[cell(r, d, v)] = ok;
      }
  }
  for (const DatedShift& f : ro.fixed) {
    if (!p.in_horizon(f.date)) continue;
    const int d = static_cast<int>((f.date - p.horizon_start).count());
    for (int v = 0; v < V; ++v)
      if (v != f.shift + 1) t->cell_ok_[cell(f.resident, d, v)] = 0;
  }
  for (const Request& q : ro.requests) {
    if (!p.in_horizon(q.date)) continue;
    const int d = static_cast<int>((q.date - p.horizon_start).count());
    for (int v = 0; v < V; ++v) {
      bool met;
      if (q.shift && !q.off) met = v == *q.shift + 1;
      else if (q.shift) met = v != *q.shift + 1;
      else met = v == 0;
      if (!met) t->cell_cost_[cell(q.resident, d, v)] += static_cast<long long>(q.weight) * p.objective.requests;
    }
  }
  if (!baseline.empty())
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d)
        for (int v = 0; v < V; ++v)
          if (v != baseline[r][d]) t->cell_cost_[cell(r, d, v)] += p.objective.changes;

  // Neighbouring dates: forbidden successions and overlapping intervals.
  t->pair_ok_.assign(static_cast<std::size_t>(D) * V * V, 1);
  for (int d = 1; d < D; ++d)
    for (int a = 1; a < V; ++a)
      for (int b = 1; b < V; ++b) {
        bool forbidden = std::find(p.forbidden_successions.begin(), p.forbidden_successions.end(),
                                   std::pair{a - 1, b - 1}) != p.forbidden_successions.end();
        bool overlap = pb.intervals[d][b].start < pb.intervals[d - 1][a].end &&
                       pb.intervals[d - 1][a].start < pb.intervals[d][b].end;
        t->pair_ok_[(static_cast<std::size_t>(d) * V + a) * V + b] = !forbidden && !overlap;
      }

  t->duty_seconds_.assign(static_cast<std::size_t>(D) * V, 0);
  for (int d = 0; d < D; ++d)
    for (int v = 1; v < V; ++v) t->duty_seconds_[static_cast<std::size_t>(d) * V + v] = pb.intervals[d][v].duty_seconds;

  // Weekends, each named by its Saturday (a first Sunday's lies before the horizon).
  t->weekend_.assign(D, -1);
  int last_saturday = -100;
  for (int d = 0; d < D; ++d) {
    int wd = iso_weekday_index(pb.date(d));
    if (wd != 5 && wd != 6) continue;
    int saturday = wd == 5 ? d : d - 1;
    if (saturday != last_saturday) ++t->weekends_;
    last_saturday = saturday;
    t->weekend_[d] = t->weekends_ - 1;
  }

  t->is_call_.assign(V, 0);
  t->is_night_.assign(V, 0);
  for (int v = 1; v < V; ++v) {
    t->is_call_[v] = pb.shift(v).kind == ShiftKind::call;
    t->is_night_[v] = pb.shift(v).kind == ShiftKind::night;
  }

  t->limits_.resize(R);
  for (int r = 0; r < R; ++r) {
    const PersonLimits& lim = ro.residents[r].limits;
    Limits& l = t->limits_[r];
    for (auto [shift, most] : lim.max_shifts) l.max_shifts.push_back({shift + 1, most});
    if (lim.min_hours) l.min_hours = *lim.min_hours;
    if (lim.max_hours) l.max_hours = *lim.max_hours;
    l.min_consecutive = lim.min_consecutive.value_or(0);
    l.max_consecutive = lim.max_consecutive.value_or(-1);
    l.min_days_off_run = lim.min_days_off_run.value_or(0);
    std::optional<int> weekends = lim.max_weekends ? lim.max_weekends : p.rules.max_weekends;
    l.max_weekends = weekends.value_or(-1);
    for (int d = 0; d < D; ++d) l.non_leave += pb.leave[r][d] ? 0 : 1;
  }
  t->counts_.assign(V, 0);
  t->seen_.assign(t->weekends_, 0);
  return t;
}

RowRules::HourUnits RowRules::hour_units(int r, const std::vector<char>& ok) const {
  const Limits& lim = limits_[r];
  const int D = D_, V = V_;
  auto at = [V](int d, int v) { return static_cast<std::size_t>(d) * V + v; };
  HourUnits h;
  h.weight.assign(static_cast<std::size_t>(D) * V, 0);
  const bool has_max = lim.max_hours >= 0, has_min = lim.min_hours > 0;
  if (!has_max && !has_min) return h;
  for (int d = 0; d < D; ++d)
    for (int v = 1; v < V; ++v) {
      if (!ok[at(d, v)]) continue;
      const double s = duty_seconds(d, v);
      const long long whole = std::llround(s);
      if (std::abs(s - static_cast<double>(whole)) > 1e-6) {
        h.whole = false;
        return h;
      }
      h.unit = std::gcd(h.unit, whole);
    }
  if (h.unit == 0) return h;
  for (int d = 0; d < D; ++d)
    for (int v = 1; v < V; ++v)
      if (ok[at(d, v)]) h.weight[at(d, v)] = static_cast<int>(std::llround(duty_seconds(d, v)) / h.unit);
  const double unit = static_cast<double>(h.unit);
  h.lo = has_min ? static_cast<long long>(std::ceil((lim.min_hours * 3600 - 1e-6) / unit)) : 0;
  h.cap = has_max ? static_cast<long long>(std::floor((lim.max_hours * 3600 + 1e-6) / unit)) : h.lo;
  return h;
}

long long RowRules::cost(int r, const std::vector<int>& row) const {
  long long out = 0;
  for (int d = 0; d < D_; ++d) out += cell_cost_[(static_cast<std::size_t>(r) * D_ + d) * V_ + row[d]];
  return out;
}

RowEval RowRules::evaluate(int r, const std::vector<int>& row) const {
  RowEval out;
  const int D = D_, V = V_;
  const Limits& lim = limits_[r];
  const std::size_t base = static_cast<std::size_t>(r) * D * V;
  std::fill(counts_.begin(), counts_.end(), 0);
  std::fill(seen_.begin(), seen_.end(), 0);
  long long cost = 0;
  double seconds = 0;
  int weekends = 0, run = 0;
  bool run_on = false;
  // A run of working days or days off ending before date `end`: the limits
  // on its length (the minimums only between two runs of the other kind).
  auto run_breaks = [&](int first, int end) {
    const int length = end - first;
    const bool inner = first > 0 && end < D;
    if (run_on) {
      if (lim.max_consecutive >= 0 && length > lim.max_consecutive) return true;
      if (inner && lim.min_consecutive && length < lim.min_consecutive) return true;
    } else if (inner && lim.min_days_off_run && length < lim.min_days_off_run) {
      return true;
    }
    return false;
  };
  for (int d = 0; d < D; ++d) {
    const int v = row[d];
    const std::size_t c = base + static_cast<std::size_t>(d) * V + v;
    if (!cell_ok_[c]) return out;
    cost += cell_cost_[c];
    if (d > 0 && !pair_ok_[(static_cast<std::size_t>(d) * V + row[d - 1]) * V + v]) return out;
    const bool on = v != 0;
    if (d == 0) {
      run_on = on;
    } else if (on != run_on) {
      if (run_breaks(run, d)) return out;
      run = d;
      run_on = on;
    }
    if (!on) continue;
    ++counts_[v];
    seconds += duty_seconds_[static_cast<std::size_t>(d) * V + v];
    if (int w = weekend_[d]; w >= 0 && !seen_[w]) {
      seen_[w] = 1;
      ++weekends;
    }
  }
  if (D > 0 && run_breaks(run, D)) return out;
  for (auto [v, most] : lim.max_shifts)
    if (counts_[v] > most) return out;
  const double hours = seconds / 3600.0;
  if (lim.max_hours >= 0 && hours > lim.max_hours + kEps) return out;
  if (lim.min_hours >= 0 && hours < lim.min_hours - kEps) return out;
  if (lim.max_weekends >= 0 && weekends > lim.max_weekends) return out;
  out.ok = true;
  out.cost = cost;
  if (lim.non_leave > 0) {
    long long calls = 0, nights = 0;
    for (int v = 1; v < V; ++v) {
      calls += is_call_[v] ? counts_[v] : 0;
      nights += is_night_[v] ? counts_[v] : 0;
    }
    const long long counts[4] = {calls, weekends, nights, static_cast<long long>(std::floor(hours + 1e-9))};
    for (int m = 0; m < 4; ++m) out.fair[m] = counts[m] * D / lim.non_leave;
  }
  return out;
}

}  // namespace rota::solve
