#include "duty_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "local_rules.hpp"
#include "rota/rules/eligibility.hpp"

using namespace Gecode;

namespace rota::solve {

namespace {

// Seconds of the interval of `value` dated `d` that fall on local day d+k
// (k = 0, 1, ...), scaled to its duty seconds.
std::vector<long long> duty_spill(const SolveProblem& pb, int d, int value, int max_k) {
  std::vector<long long> out(max_k + 1, 0);
  const auto& iv = pb.intervals[d][value];
  if (iv.real_seconds <= 0) return out;
  for (int k = 0; k <= max_k; ++k) {
    Instant a = std::max(iv.start, pb.clock.midnight(pb.date(d + k)));
    Instant b = std::min(iv.end, pb.clock.midnight(pb.date(d + k + 1)));
    if (b > a)
      out[k] = std::llround(iv.duty_seconds * static_cast<double>((b - a).count()) / iv.real_seconds);
  }
  return out;
}

bool touches(const SolveProblem& pb, int d, int value, int k) {
  const auto& iv = pb.intervals[d][value];
  return iv.real_seconds > 0 && iv.end > pb.clock.midnight(pb.date(d + k)) &&
         iv.start < pb.clock.midnight(pb.date(d + k + 1));
}

int to_int(long long v) {
  return static_cast<int>(std::clamp<long long>(v, Int::Limits::min, Int::Limits::max));
}

// Work-run limits of the Curtois & Qu model over the horizon, as a regular
// expression on the off(0)/work(1) sequence: the first and last runs are
// edge runs, exempt from the minimums; every run of work is at most `maxc`.
DFA run_limits_dfa(int maxc, int minc, int minoff) {
  REG W(1), O(0);
  REG edge_work = W(1, maxc);
  REG inner_work = W(std::max(1, minc), maxc);
  REG inner_off = O(std::max(1, minoff));
  REG edge_off = O(1);
  REG pairs = *(inner_off + inner_work);
  REG r = edge_off |                                                  // all off
          edge_work |                                                 // all work
          (edge_work + pairs + edge_off) |                            // W ... O
          (edge_work + pairs + inner_off + edge_work) |               // W ... W
          (edge_off + inner_work + pairs + edge_off) |                // O ... O
          (edge_off + *(inner_work + inner_off) + edge_work);         // O ... W
  return DFA(r);
}

// The run limits and a weighted count in one DFA over the day values: each
// state of `runs` (over work = value > 0) paired with the sum of `weight`
// of the values so far, accepted within [lo, hi]. With weights of 1 the sum
// is the days worked; with each shift's duty in units of their common
// divisor it is the hours. One propagator then sees both, so a row's search
// never starts a prefix that cannot reach the hour window within the run
// limits (two separate propagators find that out only near the end).
DFA runs_and_sum_dfa(const DFA& runs, const std::vector<int>& weight, int lo, int hi) {
  const int C = hi + 1;  // sums 0..hi; more is a dead end
  std::vector<DFA::Transition> t;
  for (DFA::Transitions it(runs); it(); ++it)
    for (int v = 0; v < static_cast<int>(weight.size()); ++v) {
      if ((v > 0) != (it.symbol() == 1)) continue;
      for (int c = 0; c + weight[v] <= hi; ++c)
        t.emplace_back(it.i_state() * C + c, v, it.o_state() * C + c + weight[v]);
    }
  t.emplace_back(-1, 0, 0);
  std::vector<int> f;
  for (int q = runs.final_fst(); q < runs.final_lst(); ++q)
    for (int c = std::max(0, lo); c <= hi; ++c) f.push_back(q * C + c);
  f.push_back(-1);
  return DFA(0, t.data(), f.data());
}

}  // namespace

DutyModel::DutyModel(const SolveProblem& pb, const Domains& domains, const std::vector<std::vector<int>>& baseline,
                     ModelMode mode)
    : residents_(pb.residents),
      days_(pb.days),
      x_(*this, pb.residents * pb.days, 0, pb.values - 1),
      work_(*this, pb.residents * pb.days, 0, 1),
      terms_(*this, kTerms, 0, Int::Limits::max),
      cover_count_(*this, pb.days * pb.values, 0, 0),
      values_(pb.values),
      total_(*this, 0, Int::Limits::max) {
  const Program& p = pb.program;
  const Rules& rules = p.rules;
  const int R = residents_, D = days_, V = pb.values, H = pb.history_days, span = H + D;
  std::vector<IntVarArgs> cost_parts(kTerms);
  std::vector<IntArgs> cost_weights(kTerms);
  const bool slack = mode == ModelMode::coverage_slack;
  auto add_cost = [&](CostTerm t, IntVar v, long long w) {
    if (w == 0 || slack != (t == kSlack)) return;
    cost_parts[t] << v;
    cost_weights[t] << to_int(w);
  };

  // Pruned domains: leave, unavailability, fixed rows, eligibility, shift length.
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < D; ++d) dom(*this, var(r, d), IntSet(IntArgs(domains.allowed[r][d])));

  // Value classes.
  IntArgs call_values, night_values;
  for (int v = 1; v < V; ++v) {
    if (pb.shift(v).kind == ShiftKind::call) call_values << v;
    if (pb.shift(v).kind == ShiftKind::night) night_values << v;
  }
  int max_k = 0;  // how many midnights a shift may cross
  for (int v = 1; v < V; ++v)
    max_k = std::max(max_k, (pb.shift(v).start_minute + pb.shift(v).length_minutes + 60) / (24 * 60));

  // Per resident: booleans over the horizon.
  std::vector<BoolVarArgs> work(R), calls(R), nights(R);
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < D; ++d) {
      BoolVar w = work_[r * D + d], c(*this, 0, 1), n(*this, 0, 1);
      rel(*this, var(r, d), IRT_NQ, 0, w);
      if (call_values.size()) dom(*this, var(r, d), IntSet(call_values), c);
      else rel(*this, c, IRT_EQ, 0);
      if (night_values.size()) dom(*this, var(r, d), IntSet(night_values), n);
      else rel(*this, n, IRT_EQ, 0);
      work[r] << w;
      calls[r] << c;
      nights[r] << n;
    }

  // History as constants per span day: duty seconds and touched days (the
  // per-day tallies leave history out in block mode, as the checker does),
  // calls, nights and duty dates.
  const bool history_in_windows = rules.mode == WindowMode::rolling;
  std::vector<std::vector<long long>> hist_secs(R, std::vector<long long>(span, 0));
  std::vector<std::vector<char>> hist_touch(R, std::vector<char>(span, 0)), hist_call(R, std::vector<char>(span, 0)),
      hist_night(R, std::vector<char>(span, 0)), hist_work(R, std::vector<char>(span, 0));
  for (int r = 0; r < R; ++r)
    for (int s = 0; s < H; ++s)
      for (int v : pb.history[r][s]) {
        const ShiftType& st = pb.shift(v);
        hist_work[r][s] = 1;
        hist_call[r][s] |= st.kind == ShiftKind::call;
        hist_night[r][s] |= st.kind == ShiftKind::night;
        if (!history_in_windows) continue;
        Date day = pb.date(s - H);
        Instant a0 = pb.clock.at(day, st.start_minute), b0 = pb.clock.at(day, st.start_minute + st.length_minutes);
        double real = static_cast<double>((b0 - a0).count());
        double duty = st.duty_seconds(real);
        for (int t = s; t < span && real > 0; ++t) {
          Instant m0 = pb.clock.midnight(pb.date(t - H)), m1 = pb.clock.midnight(pb.date(t - H + 1));
          if (m0 >= b0) break;
          Instant a = std::max(a0, m0), b = std::min(b0, m1);
          if (b <= a) continue;
          hist_touch[r][t] = 1;
          hist_secs[r][t] += std::llround(duty * static_cast<double>((b - a).count()) / real);
        }
      }

  // Windows of the windowed rules (same construction as the checker),
  // keeping those that reach into the horizon.
  auto windows_of = [&](int w) {
    std::vector<std::pair<int, int>> out;
    if (rules.mode == WindowMode::block) {
      for (int a = H; a < span; a += w) out.emplace_back(a, std::min(a + w, span));
    } else if (span <= w) {
      out.emplace_back(0, span);
    } else {
      for (int a = 0; a + w <= span; ++a)
        if (a + w > H) out.emplace_back(a, a + w);
    }
    return out;
  };

  // weekly-hours: duty seconds falling on each horizon day.
  if (rules.weekly_hours) {
    std::vector<std::vector<std::vector<long long>>> spill(D, std::vector<std::vector<long long>>(V));
    for (int d = 0; d < D; ++d)
      for (int v = 0; v < V; ++v) spill[d][v] = v == 0 ? std::vector<long long>(max_k + 1, 0) : duty_spill(pb, d, v, max_k);
    for (int r = 0; r < R; ++r) {
      std::vector<IntVar> on_day(D);
      for (int e = 0; e < D; ++e) {
        IntVarArgs parts;
        for (int k = 0; k <= max_k && k <= e; ++k) {
          IntArgs table;
          for (int v = 0; v < V; ++v) table << to_int(spill[e - k][v][k]);
          IntVar t(*this, 0, Int::Limits::max);
          element(*this, table, var(r, e - k), t);
          parts << t;
        }
        on_day[e] = IntVar(*this, 0, Int::Limits::max);
        linear(*this, parts, IRT_EQ, on_day[e]);
      }
      for (auto [a, b] : windows_of(rules.weekly_hours->window_days)) {
        int non_leave = 0;
        long long constant = 0;
        IntVarArgs vars;
        for (int s = a; s < b; ++s) {
          if (pb.leave[r][s]) continue;
          ++non_leave;
          constant += hist_secs[r][s];
          if (s >= H) vars << on_day[s - H];
        }
        if (non_leave < 7) continue;
        long long cap = static_cast<long long>(std::floor(rules.weekly_hours->max * 3600.0 * non_leave / 7.0 + 1e-6));
        linear(*this, vars, IRT_LQ, to_int(cap - constant));
      }
    }
  }

  // days-off: a day is free when no interval touches it and it is not leave.
  if (rules.days_off) {
    for (int r = 0; r < R; ++r) {
      std::vector<BoolVar> touched(D);
      for (int e = 0; e < D; ++e) {
        BoolVarArgs by;
        by << work[r][e];
        for (int k = 1; k <= max_k && k <= e; ++k) {
          IntArgs vals;
          for (int v = 1; v < V; ++v)
            if (touches(pb, e - k, v, k)) vals << v;
          if (vals.size() == 0) continue;
          BoolVar b(*this, 0, 1);
          dom(*this, var(r, e - k), IntSet(vals), b);
          by << b;
        }
        touched[e] = BoolVar(*this, 0, 1);
        if (hist_touch[r][H + e]) rel(*this, touched[e], IRT_EQ, 1);
        else rel(*this, BOT_OR, by, touched[e]);
      }
      for (auto [a, b] : windows_of(rules.days_off->window_days)) {
        int non_leave = 0, hist_touched = 0;
        BoolVarArgs vars;
        for (int s = a; s < b; ++s) {
          if (pb.leave[r][s]) continue;
          ++non_leave;
          if (s < H) hist_touched += hist_touch[r][s];
          else vars << touched[s - H];
        }
        if (non_leave < 7) continue;
        int required = non_leave / rules.days_off->per_days;
        linear(*this, vars, IRT_LQ, non_leave - required - hist_touched);
      }
    }
  }

  // call-frequency.
  if (rules.call_frequency)
    for (int r = 0; r < R; ++r)
      for (auto [a, b] : windows_of(rules.call_frequency->window_days)) {
        int non_leave = 0, hist_calls = 0;
        BoolVarArgs vars;
        for (int s = a; s < b; ++s) {
          if (pb.leave[r][s]) continue;
          ++non_leave;
          if (s < H) hist_calls += hist_call[r][s];
          else vars << calls[r][s - H];
        }
        if (non_leave < 7) continue;
        linear(*this, vars, IRT_LQ, non_leave / rules.call_frequency->every_nth_night - hist_calls);
      }

  // consecutive-nights and consecutive-duty-days: every max+1 consecutive days.
  auto sliding = [&](const std::optional<int>& max, const std::vector<std::vector<char>>& hist,
                     const std::vector<BoolVarArgs>& vars) {
    if (!max) return;
    for (int r = 0; r < R; ++r)
      for (int a = std::max(0, H - *max); a + *max + 1 <= span; ++a) {
        int constant = 0;
        BoolVarArgs in;
        for (int s = a; s < a + *max + 1; ++s) {
          if (s < H) constant += hist[r][s];
          else in << vars[r][s - H];
        }
        linear(*this, in, IRT_LQ, *max - constant);
      }
  };
  sliding(rules.consecutive_nights, hist_night, nights);
  sliding(rules.consecutive_duty_days, hist_work, work);

  // Weekends worked (Saturday or Sunday in the horizon), per resident.
  std::vector<BoolVarArgs> weekends(R);
  std::vector<int> weekend_share(R, 1000);
  std::vector<signed char> weekend_day(D, 0);
  for (int d = 0; d < D; ++d) {
    const int wd = iso_weekday_index(pb.date(d));
    weekend_day[d] = wd == 5 ? 1 : wd == 6 && d > 0 ? 2 : 0;
  }
  for (int r = 0; r < R; ++r) {
    std::map<int, BoolVarArgs> by_weekend;  // key: horizon index of the Saturday (may be -1)
    for (int d = 0; d < D; ++d) {
      int wd = iso_weekday_index(pb.date(d));
      if (wd == 5) by_weekend[d] << work[r][d];
      if (wd == 6) by_weekend[d - 1] << work[r][d];
    }
    for (auto& [sat, days] : by_weekend) {
      BoolVar w(*this, 0, 1);
      rel(*this, BOT_OR, days, w);
      weekends[r] << w;
    }
    std::optional<int> max_w = pb.roster.residents[r].limits.max_weekends;
    if (!max_w) max_w = rules.max_weekends;
    if (max_w) linear(*this, weekends[r], IRT_LQ, *max_w);
    const int n = weekends[r].size();
    weekend_share[r] = max_w && n > 0 ? std::clamp(*max_w * 1000 / n, 0, 1000) : 1000;
  }

  // Duty seconds of the assignments dated in the horizon.
  std::vector<IntVar> dated_secs(R);
  for (int r = 0; r < R; ++r) {
    IntVarArgs parts;
    for (int d = 0; d < D; ++d) {
      IntArgs table;
      for (int v = 0; v < V; ++v) table << (v == 0 ? 0 : to_int(std::llround(pb.intervals[d][v].duty_seconds)));
      IntVar t(*this, 0, Int::Limits::max);
      element(*this, table, var(r, d), t);
      parts << t;
    }
    dated_secs[r] = IntVar(*this, 0, Int::Limits::max);
    linear(*this, parts, IRT_EQ, dated_secs[r]);
  }

  // Duty seconds of each shift when it lasts the same on every date
  // (`uniform`); the hour limits below build on them.
  std::vector<long long> secs(V, 0);
  bool uniform = D > 0;
  for (int v = 1; v < V && uniform; ++v) {
    secs[v] = std::llround(pb.intervals[0][v].duty_seconds);
    for (int d = 1; d < D; ++d) uniform = uniform && std::llround(pb.intervals[d][v].duty_seconds) == secs[v];
  }

  // Hour limits per person with shifts of the same duty on every date: the
  // hours also follow from how many of each shift a resident works. These
  // counts, posted as a redundant sum, let a row's search pick a mix of
  // shifts that fits the hours before it places them.
  {
    bool any = false;
    for (int r = 0; r < R; ++r) {
      const PersonLimits& lim = pb.roster.residents[r].limits;
      any = any || lim.min_hours || lim.max_hours;
    }
    if (uniform && any && D > 0) {
      value_counts_ = IntVarArray(*this, R * V, 0, D);
      for (int r = 0; r < R; ++r) {
        IntVarArgs xs, ns;
        IntArgs lengths;
        for (int d = 0; d < D; ++d) xs << var(r, d);
        for (int v = 0; v < V; ++v) {
          count(*this, xs, v, IRT_EQ, value_counts_[r * V + v]);
          ns << value_counts_[r * V + v];
          lengths << to_int(secs[v]);
        }
        linear(*this, ns, IRT_EQ, D);
        linear(*this, lengths, ns, IRT_EQ, dated_secs[r]);
      }
    }
  }

  // person-limits.
  long long min_secs = std::numeric_limits<long long>::max(), max_secs = 0;
  for (int d = 0; d < D; ++d)
    for (int v = 1; v < V; ++v) {
      const long long length = std::llround(pb.intervals[d][v].duty_seconds);
      min_secs = std::min(min_secs, length);
      max_secs = std::max(max_secs, length);
    }
  // When every shift lasts the same on every date, the hours of a row are a
  // sum over its values in units of the shifts' common divisor (in whole
  // minutes), small enough for a DFA to count.
  long long sum_unit = 0;
  if (uniform && std::all_of(secs.begin() + 1, secs.end(), [](long long x) { return x > 0 && x % 60 == 0; }))
    for (int v = 1; v < V; ++v) sum_unit = std::gcd(sum_unit, secs[v]);
  std::map<std::tuple<int, int, int, std::vector<int>, long long, long long>, DFA> sum_dfas;
  for (int r = 0; r < R; ++r) {
    const PersonLimits& lim = pb.roster.residents[r].limits;
    IntVarArgs xs;
    for (int d = 0; d < D; ++d) xs << var(r, d);
    for (auto [shift, max] : lim.max_shifts) count(*this, xs, shift + 1, IRT_LQ, max);
    if (lim.max_hours)
      rel(*this, dated_secs[r], IRT_LQ, to_int(static_cast<long long>(std::floor(*lim.max_hours * 3600 + 1e-6))));
    if (lim.min_hours)
      rel(*this, dated_secs[r], IRT_GQ, to_int(static_cast<long long>(std::ceil(*lim.min_hours * 3600 - 1e-6))));
    if (lim.max_consecutive || lim.min_consecutive || lim.min_days_off_run) {
      DFA runs = run_limits_dfa(lim.max_consecutive.value_or(D), lim.min_consecutive.value_or(1),
                                lim.min_days_off_run.value_or(1));
      extensional(*this, work[r], runs);
      if (lim.min_hours || lim.max_hours) {
        const long long min_limit = lim.min_hours ? std::llround(std::ceil(*lim.min_hours * 3600 - 1e-6)) : 0;
        const long long max_limit = lim.max_hours ? std::llround(std::floor(*lim.max_hours * 3600 + 1e-6)) : -1;
        std::vector<int> weight(V, 1);
        weight[0] = 0;
        long long lo = 0, hi = D;
        if (sum_unit > 0 && max_limit >= 0) {  // the hours themselves, in units
          for (int v = 1; v < V; ++v) weight[v] = static_cast<int>(secs[v] / sum_unit);
          lo = (min_limit + sum_unit - 1) / sum_unit;
          hi = max_limit / sum_unit;
        } else {  // days worked, bounded by the shortest and longest shift
          if (lim.min_hours && max_secs > 0) lo = (min_limit + max_secs - 1) / max_secs;
          if (lim.max_hours && min_secs > 0) hi = std::min<long long>(D, max_limit / min_secs);
        }
        // The propagator's layered graph grows with days x states x values:
        // long horizons with many shifts (Curtois 24) would need gigabytes.
        const long long states = static_cast<long long>(runs.n_states()) * (hi + 1);
        const bool binds = sum_unit > 0 || lo > 0 || hi < D;
        if (D > 0 && binds && lo <= hi && states * V * D <= 2000000) {
          auto key = std::make_tuple(lim.max_consecutive.value_or(D), lim.min_consecutive.value_or(1),
                                     lim.min_days_off_run.value_or(1), weight, lo, hi);
          auto found = sum_dfas.find(key);
          if (found == sum_dfas.end())
            found = sum_dfas.emplace(key, runs_and_sum_dfa(runs, weight, static_cast<int>(lo), static_cast<int>(hi))).first;
          extensional(*this, xs, found->second);
        }
      }
    }
  }

  // coverage and supervision.
  auto guide = std::make_shared<Guide>();
  guide->target.assign(static_cast<std::size_t>(D) * V, -1);
  guide->under_weight.assign(static_cast<std::size_t>(D) * V, 0);
  guide->over_weight.assign(static_cast<std::size_t>(D) * V, 0);
  {
    IntVarArgs cov_costs;
    for (const CoverageEntry& e : p.coverage) {
      const int v = e.shift + 1;
      for (int d = 0; d < D; ++d) {
        if (!e.days.includes(pb.date(d))) continue;
        IntVarArgs filtered, everyone, seniors;
        for (int r = 0; r < R; ++r) {
          everyone << var(r, d);
          if (passes_filters(e, pb.roster, r, pb.date(d))) filtered << var(r, d);
          if (e.senior_min && pb.roster.residents[r].pgy >= e.senior_min->pgy) seniors << var(r, d);
        }
        const int n_max = filtered.size();
        IntVar n(*this, 0, n_max);
        count(*this, filtered, v, IRT_EQ, n);
        if (e.min && !slack) rel(*this, n, IRT_GQ, *e.min);
        if (e.min && slack && *e.min > 0) {
          IntArgs shortfall;
          for (int k = 0; k <= n_max; ++k) shortfall << std::max(0, *e.min - k);
          IntVar missing(*this, 0, *e.min);
          element(*this, shortfall, n, missing);
          add_cost(kSlack, missing, 1);
        }
        if (e.max) rel(*this, n, IRT_LQ, *e.max);
        // Slack mode aims at the minimums; the real model at the targets.
        std::optional<int> aim = slack ? (e.min ? e.min : e.target) : e.target;
        if (aim && guide->target[d * V + v] < 0) {
          guide->target[d * V + v] = *aim;
          guide->under_weight[d * V + v] = slack && e.min ? 1 : e.under_weight;
          guide->over_weight[d * V + v] = slack && e.min ? 0 : e.over_weight;
          cover_count_[d * V + v] = n;
        }
        if (e.target) {
          IntArgs table;
          for (int k = 0; k <= n_max; ++k)
            table << e.under_weight * std::max(0, *e.target - k) + e.over_weight * std::max(0, k - *e.target);
          IntVar c(*this, 0, Int::Limits::max);
          element(*this, table, n, c);
          add_cost(kCoverage, c, 1);
        }
        if (e.senior_min) {
          IntVar all(*this, 0, R), sen(*this, 0, R);
          count(*this, everyone, v, IRT_EQ, all);
          count(*this, seniors, v, IRT_EQ, sen);
          BoolVar staffed(*this, 0, 1);
          rel(*this, all, IRT_GQ, 1, staffed);
          if (!slack) {
            rel(*this, sen, IRT_GQ, e.senior_min->count, Reify(staffed, RM_IMP));
          } else {  // missing seniors, counted only when the shift is staffed
            const int c = e.senior_min->count;
            IntVar need(*this, -R, c), zero(*this, 0, 0), missing(*this, 0, c);
            linear(*this, IntArgs({1, 1, -c}), IntVarArgs({need, sen, channel(*this, staffed)}), IRT_EQ, 0);
            max(*this, need, zero, missing);
            add_cost(kSlack, missing, 1);
          }
        }
      }
    }
  }


  // Duty periods: continuous duty, rest, overlaps, successions.
  if (needs_local_tables(pb)) {
    const bool periods = rules.continuous_duty || rules.rest;
    std::vector<int> all_values;
    for (int v = 0; v < V; ++v) all_values.push_back(v);
    std::map<std::vector<int>, TupleSet> cache;
    std::map<std::tuple<int, std::vector<int>, std::vector<int>, bool>, TupleSet> tables;
    auto tuple_set = [&](const std::vector<LocalTuple>& tuples, const Slot& a, const Slot& b, const Slot& c) {
      std::vector<int> key;
      for (const auto& t : tuples) key.insert(key.end(), {t.a, t.b, t.c, t.warnings});
      key.push_back(a.fixed * 4 + b.fixed * 2 + c.fixed);
      auto it = cache.find(key);
      if (it != cache.end()) return it->second;
      int arity = !a.fixed + !b.fixed + !c.fixed + 1;
      TupleSet ts(arity);
      for (const auto& t : tuples) {
        IntArgs row;
        if (!a.fixed) row << t.a;
        if (!b.fixed) row << t.b;
        if (!c.fixed) row << t.c;
        row << t.warnings;
        ts.add(row);
      }
      ts.finalize();
      cache.emplace(key, ts);
      return ts;
    };
    auto history_slot = [&](int r, int day) {
      Slot s;
      s.day = day;
      s.fixed = true;
      if (H + day >= 0) s.fixed_values = pb.history[r][H + day];
      return s;
    };
    auto free_slot = [&](int day) {
      Slot s;
      s.day = day;
      s.candidates = all_values;
      return s;
    };
    for (int r = 0; r < R; ++r) {
      for (int centre = (H > 0 ? -1 : 0); centre < D; ++centre) {
        Slot a = centre - 1 < 0 ? history_slot(r, centre - 1) : free_slot(centre - 1);
        Slot b = centre < 0 ? history_slot(r, centre) : free_slot(centre);
        Slot c = centre + 1 >= D ? Slot{centre + 1, true, {}, {}} : free_slot(centre + 1);
        if (!periods) {  // successions and overlaps only: pairs (d, d+1)
          if (centre < 0) continue;
          a = b;
          a.day = centre;
          b = c;
          c = Slot{centre + 2, true, {}, {}};
          if (b.fixed) continue;
        }
        // The table depends on the dates and the history only, not on the
        // resident: computed once per centre and history.
        auto key = std::make_tuple(centre, a.fixed ? a.fixed_values : std::vector<int>{-1},
                                   b.fixed ? b.fixed_values : std::vector<int>{-1}, c.fixed);
        auto found = tables.find(key);
        if (found == tables.end())
          found = tables.emplace(key, tuple_set(local_tuples(pb, a, b, c), a, b, c)).first;
        std::vector<IntVar> scope;
        for (const Slot* slot : {&a, &b, &c})
          if (!slot->fixed) scope.push_back(var(r, slot->day));
        if (scope.empty()) continue;
        IntVar w(*this, 0, 8);
        scope.push_back(w);
        extensional(*this, IntVarArgs(scope), found->second);
        add_cost(kWarnings, w, p.objective.warnings);
      }
    }
  }

  // requests.
  std::vector<int> cell_cost(static_cast<std::size_t>(R) * D * V, 0);
  for (const Request& q : pb.roster.requests) {
    if (!p.in_horizon(q.date)) continue;
    IntVar x = var(q.resident, static_cast<int>((q.date - p.horizon_start).count()));
    BoolVar unmet(*this, 0, 1);
    if (q.shift && !q.off) rel(*this, x, IRT_NQ, *q.shift + 1, unmet);
    else if (q.shift) rel(*this, x, IRT_EQ, *q.shift + 1, unmet);
    else rel(*this, x, IRT_NQ, 0, unmet);
    IntVar u(*this, 0, 1);
    channel(*this, unmet, u);
    const long long w = static_cast<long long>(q.weight) * p.objective.requests;
    add_cost(kRequests, u, w);
    if (!slack)
      for (int v = 0; v < V; ++v) {
        bool is_unmet = q.shift && !q.off ? v != *q.shift + 1 : q.shift ? v == *q.shift + 1 : v != 0;
        if (is_unmet) cell_cost[(static_cast<std::size_t>(q.resident) * D + (q.date - p.horizon_start).count()) * V + v] += to_int(w);
      }
  }
  // A repair's search takes the published shift first: changes cost too.
  if (!slack && !baseline.empty() && p.objective.changes > 0)
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d)
        for (int v = 0; v < V; ++v)
          if (v != baseline[r][d]) cell_cost[(static_cast<std::size_t>(r) * D + d) * V + v] += p.objective.changes;
  guide->cell_cost = std::move(cell_cost);
  guide->weekend_day = std::move(weekend_day);
  guide->weekend_share = std::move(weekend_share);
  guide_ = guide;

  // fairness within each PGY class.
  {
    const FairnessWeights& fw = p.objective.fairness;
    std::map<int, std::vector<int>> classes;
    for (int r = 0; r < R; ++r) {
      int non_leave = 0;
      for (int d = 0; d < D; ++d) non_leave += pb.leave[r][H + d] ? 0 : 1;
      if (non_leave > 0) classes[pb.roster.residents[r].pgy].push_back(r);
    }
    for (const auto& [pgy, members] : classes) {
      if (members.size() < 2) continue;
      const int weights[4] = {fw.calls, fw.weekends, fw.nights, fw.hours};
      for (int m = 0; m < 4; ++m) {
        if (weights[m] == 0) continue;
        IntVarArgs scaled;
        for (int r : members) {
          int non_leave = 0;
          for (int d = 0; d < D; ++d) non_leave += pb.leave[r][H + d] ? 0 : 1;
          IntVar count_var(*this, 0, Int::Limits::max);
          if (m == 0) linear(*this, calls[r], IRT_EQ, count_var);
          if (m == 1) linear(*this, weekends[r], IRT_EQ, count_var);
          if (m == 2) linear(*this, nights[r], IRT_EQ, count_var);
          if (m == 3) {  // whole hours: 3600 h <= seconds < 3600 (h + 1)
            linear(*this, IntArgs({3600, -1}), IntVarArgs({count_var, dated_secs[r]}), IRT_LQ, 0);
            linear(*this, IntArgs({3600, -1}), IntVarArgs({count_var, dated_secs[r]}), IRT_GQ, -3599);
          }
          // scaled = floor(count * D / non_leave)
          IntVar sc(*this, 0, Int::Limits::max);
          linear(*this, IntArgs({D, -non_leave}), IntVarArgs({count_var, sc}), IRT_GQ, 0);
          linear(*this, IntArgs({D, -non_leave}), IntVarArgs({count_var, sc}), IRT_LQ, non_leave - 1);
          scaled << sc;
        }
        IntVar hi(*this, 0, Int::Limits::max), lo(*this, 0, Int::Limits::max), spread(*this, 0, Int::Limits::max);
        max(*this, scaled, hi);
        min(*this, scaled, lo);
        rel(*this, spread == hi - lo);
        add_cost(kFairness, spread, weights[m]);
      }
    }
  }

  // changes from the baseline.
  if (!baseline.empty() && p.objective.changes > 0)
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d) {
        BoolVar changed(*this, 0, 1);
        rel(*this, var(r, d), IRT_NQ, baseline[r][d], changed);
        IntVar c(*this, 0, 1);
        channel(*this, changed, c);
        add_cost(kChanges, c, p.objective.changes);
      }

  for (int t = 0; t < kTerms; ++t) {
    if (cost_parts[t].size() == 0) rel(*this, terms_[t], IRT_EQ, 0);
    else linear(*this, cost_weights[t], cost_parts[t], IRT_EQ, terms_[t]);
  }
  if (slack) rel(*this, total_, IRT_EQ, terms_[kSlack]);
  else linear(*this, terms_, IRT_EQ, total_);
}

DutyModel::DutyModel(DutyModel& other)
    : IntMinimizeSpace(other), residents_(other.residents_), days_(other.days_) {
  x_.update(*this, other.x_);
  work_.update(*this, other.work_);
  cover_count_.update(*this, other.cover_count_);
  value_counts_.update(*this, other.value_counts_);
  guide_ = other.guide_;
  values_ = other.values_;
  terms_.update(*this, other.terms_);
  total_.update(*this, other.total_);
}

Space* DutyModel::copy() { return new DutyModel(*this); }

namespace {

// A hash of the seed and a position: random choices without Gecode::Rnd
// (whose shared state outlives spaces in Gecode 6.2), reproducible per seed.
unsigned int mix(unsigned int seed, unsigned int i, unsigned int v) {
  unsigned int h = seed ^ (i * 2654435761u) ^ (v * 0x9E3779B9u);
  h ^= h >> 15;
  h *= 2246822519u;
  h ^= h >> 13;
  return h;
}


}  // namespace

void DutyModel::branch(unsigned int seed, BranchOrder order) {
  if (order == BranchOrder::by_resident) {
    // Most hard rules bind one resident's days, so a failure is undone
    // within that resident instead of across everyone: good for a first
    // schedule. Each resident's pattern of work and days off first (runs,
    // hours, weekends), then which shift on each working day.
    for (int r = 0; r < residents_; ++r) branch_resident(r, seed);
    return;
  }
  IntVarArgs by_day;
  for (int d = 0; d < days_; ++d)
    for (int r = 0; r < residents_; ++r) by_day << var(r, d);
  if (order == BranchOrder::by_day_off_first) {
    // Days off unless coverage forces a shift: the count constraints then
    // assign the shifts that are needed, and little else. Residents are
    // taken in a shuffled order within each day.
    IntVarArgs shuffled;
    for (int d = 0; d < days_; ++d) {
      std::vector<std::pair<unsigned int, int>> order_of;
      for (int r = 0; r < residents_; ++r) order_of.emplace_back(mix(seed, static_cast<unsigned>(d), r), r);
      std::sort(order_of.begin(), order_of.end());
      for (auto [h, r] : order_of) shuffled << var(r, d);
    }
    Gecode::branch(*this, shuffled, INT_VAR_NONE(), INT_VAL_MIN());
    return;
  }
  // Day by day, busiest variables first: lets coverage costs guide the
  // repair of a neighbourhood.
  Gecode::branch(*this, by_day, INT_VAR_AFC_SIZE_MAX(0.99),
                 INT_VAL([seed](const Space& home, IntVar x, int i) {
                   const auto& m = static_cast<const DutyModel&>(home);
                   return m.choose_value(x, i, seed + static_cast<unsigned>(i) * 2654435761u);
                 }));
}

// Day by day within a resident, working rather than resting three times in
// four: propagation of the maximums (runs, hours, weekends) then places the
// days off.
void DutyModel::branch_resident(int r, unsigned int seed, bool mix_first, std::shared_ptr<const std::vector<int>> need) {
  const unsigned int salt = mix(seed, static_cast<unsigned>(r), 11);
  if (mix_first && value_counts_.size() > 0) {  // first a mix of shifts that fits the hours, at random
    IntVarArgs ns;
    for (int v = 1; v < values_; ++v) ns << value_counts_[r * values_ + v];
    Gecode::branch(*this, ns, INT_VAR_NONE(), INT_VAL([salt](const Space&, IntVar n, int i) {
                     const unsigned int span = static_cast<unsigned int>(n.max() - n.min() + 1);
                     int v = n.min() + static_cast<int>(mix(salt, static_cast<unsigned>(i), 3) % span);
                     while (!n.in(v)) ++v;
                     return v;
                   }));
  }
  IntVarArgs xs;
  for (int d = 0; d < days_; ++d) xs << var(r, d);
  const int V = values_;
  // Weekends are worked whole or not at all, a Saturday in the share of
  // weekends the resident may work: the limit on weekends then lasts the
  // horizon instead of running out halfway and leaving too few days for
  // the hours.
  std::shared_ptr<const Guide> guide = guide_;
  const int base = r * days_;
  Gecode::branch(*this, xs, INT_VAR_NONE(), INT_VAL([salt, need, V, guide, base, r](const Space& home, IntVar x, int i) {
                   const int kind = guide->weekend_day[static_cast<std::size_t>(i)];
                   bool rest = false, duty = false;
                   if (kind == 1) {
                     rest = mix(salt, static_cast<unsigned>(i), 13) % 1000 >=
                            static_cast<unsigned>(guide->weekend_share[static_cast<std::size_t>(r)]);
                     duty = !rest;
                   } else if (kind == 2) {
                     const IntVar sat = static_cast<const DutyModel&>(home).x_[base + i - 1];
                     if (sat.assigned()) (sat.val() > 0 ? duty : rest) = true;
                   }
                   if (rest && x.in(0)) return 0;
                   if (need) {  // the shift most missed that day, if any is
                     int best = -1, most = 0;
                     for (IntVarValues it(x); it(); ++it) {
                       const int v = it.val();
                       const int n = v > 0 ? (*need)[static_cast<std::size_t>(i) * V + v] : 0;
                       if (n > most || (n == most && n > 0 && (mix(salt, static_cast<unsigned>(i), v) & 1))) {
                         most = n;
                         best = v;
                       }
                     }
                     if (best > 0) return best;
                     if (x.in(0) && (mix(salt, static_cast<unsigned>(i), 5) & 7) != 0) return 0;
                   }
                   if (!duty && x.in(0) && (mix(salt, static_cast<unsigned>(i), 7) & 3) == 0) return 0;
                   if (x.max() == 0) return 0;
                   int best = x.max();
                   unsigned int best_h = ~0u;
                   for (IntVarValues it(x); it(); ++it) {
                     if (it.val() == 0) continue;
                     unsigned int h = mix(salt, static_cast<unsigned>(i), static_cast<unsigned>(it.val()));
                     if (h < best_h) {
                       best_h = h;
                       best = it.val();
                     }
                   }
                   return best;
                 }));
}

void DutyModel::forbid_removed(const Domains& pruned) {
  for (int r = 0; r < residents_; ++r)
    for (int d = 0; d < days_; ++d) {
      const auto& keep = pruned.allowed[r][d];
      for (int v = 0; v < values_; ++v)
        if (!std::binary_search(keep.begin(), keep.end(), v)) rel(*this, var(r, d), IRT_NQ, v);
    }
}

std::vector<int> DutyModel::row(int r) const {
  std::vector<int> out(days_);
  for (int d = 0; d < days_; ++d) out[d] = var(r, d).val();
  return out;
}

// The value that adds least to the cost as far as the assignments made so
// far tell: a shift below its target saves its under-cover weight, one at or
// above it costs its over-cover weight, and a value against a request costs
// the request's weight. Ties are broken by a hash of the seed.
int DutyModel::choose_value(IntVar x, int index, unsigned int salt) const {
  // `index` runs over the by-day array: day-major.
  const int day = index / residents_, r = index % residents_;
  const Guide& g = *guide_;
  const std::size_t rq = (static_cast<std::size_t>(r) * days_ + day) * values_;
  int best = x.min();
  long long best_score = std::numeric_limits<long long>::max();
  for (IntVarValues it(x); it(); ++it) {
    const int v = it.val();
    long long score = g.cell_cost.empty() ? 0 : g.cell_cost[rq + v];
    if (v > 0) {
      const int k = day * values_ + v;
      if (g.target[k] >= 0)
        score += cover_count_[k].min() < g.target[k] ? -g.under_weight[k] : g.over_weight[k];
    }
    unsigned int h = (salt ^ static_cast<unsigned int>(v) * 0x9E3779B9u) * 2246822519u;
    score = score * 64 + static_cast<long long>((h >> 13) & 63);
    if (score < best_score) {
      best_score = score;
      best = v;
    }
  }
  return best;
}

std::vector<std::vector<int>> DutyModel::values() const {
  std::vector<std::vector<int>> out(residents_, std::vector<int>(days_));
  for (int r = 0; r < residents_; ++r)
    for (int d = 0; d < days_; ++d) out[r][d] = var(r, d).val();
  return out;
}

std::array<long long, kTerms> DutyModel::breakdown() const {
  std::array<long long, kTerms> out{};
  for (int t = 0; t < kTerms; ++t) out[t] = terms_[t].val();
  return out;
}

}  // namespace rota::solve
