#include "local_search.hpp"

#include "row_rules.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>

#include "rota/rules/compliance_check.hpp"
#include "rota/rules/eligibility.hpp"

namespace rota::solve {

namespace {

struct Cell {
  int r, d, from, to;
};

}  // namespace

struct LocalSearch::State {
  const SolveProblem& pb;
  int R, D, V;
  std::vector<char> allowed;  // [(r * D + d) * V + v]
  Program row_program;        // the program without coverage or fairness: rules of one row
  std::vector<Roster> row_roster;
  std::vector<Schedule> row_baseline;
  bool has_baseline = false;
  std::vector<long long> non_leave;  // horizon days not on leave, per resident

  // Coverage entries: per (entry, day) the headcounts, per (entry, day,
  // resident) whether the resident passes the filters.
  struct Cover {
    const CoverageEntry* e;
    int value;
    std::vector<char> applies;   // [d]
    std::vector<char> filtered;  // [d * R + r]
    std::vector<char> senior;    // [r]
    std::vector<int> n, all, sen;  // [d]
  };
  std::vector<Cover> covers;
  std::vector<std::vector<int>> covers_on_day;  // [d] -> cover indexes

  // Fairness: classes of residents (same PGY, some non-leave day) and weights.
  std::vector<std::vector<int>> classes;
  std::array<long long, 4> fair_weight{};

  std::vector<std::vector<int>> cur;
  std::vector<RowEval> eval;
  unsigned long long evaluations = 0;
  std::unique_ptr<RowRules> tables;  // null: rows go to the rule checks

  State(const SolveProblem& p, const Domains& domains, const std::vector<std::vector<int>>& baseline)
      : pb(p), R(p.residents), D(p.days), V(p.values), row_program(p.program) {
    allowed.assign(static_cast<std::size_t>(R) * D * V, 0);
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d)
        for (int v : domains.allowed[r][d]) allowed[(static_cast<std::size_t>(r) * D + d) * V + v] = 1;
    row_program.coverage.clear();
    row_program.objective.fairness = FairnessWeights{0, 0, 0, 0};
    const Roster& ro = p.roster;
    // Each row is judged with its resident alone (and the stand-in that
    // keeps the known span; its findings are left out).
    row_roster = single_resident_rosters(p.program, ro);
    has_baseline = !baseline.empty();
    if (has_baseline) {
      row_baseline.resize(R);
      for (int r = 0; r < R; ++r)
        for (int d = 0; d < D; ++d)
          if (baseline[r][d] > 0) row_baseline[r].assignments.push_back({0, p.date(d), baseline[r][d] - 1});
    }
    non_leave.assign(R, 0);
    const int H = p.history_days;
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d) non_leave[r] += p.leave[r][H + d] ? 0 : 1;

    covers_on_day.resize(D);
    for (const CoverageEntry& e : p.program.coverage) {
      Cover c{&e, e.shift + 1, std::vector<char>(D, 0), std::vector<char>(static_cast<std::size_t>(D) * R, 0),
              std::vector<char>(R, 0), std::vector<int>(D, 0), std::vector<int>(D, 0), std::vector<int>(D, 0)};
      for (int r = 0; r < R; ++r) c.senior[r] = e.senior_min && ro.residents[r].pgy >= e.senior_min->pgy;
      for (int d = 0; d < D; ++d) {
        if (!e.days.includes(p.date(d))) continue;
        c.applies[d] = 1;
        covers_on_day[d].push_back(static_cast<int>(covers.size()));
        for (int r = 0; r < R; ++r) c.filtered[static_cast<std::size_t>(d) * R + r] = passes_filters(e, ro, r, p.date(d));
      }
      covers.push_back(std::move(c));
    }

    const FairnessWeights& fw = p.program.objective.fairness;
    fair_weight = {fw.calls, fw.weekends, fw.nights, fw.hours};
    std::map<int, std::vector<int>> by_pgy;
    for (int r = 0; r < R; ++r)
      if (non_leave[r] > 0) by_pgy[ro.residents[r].pgy].push_back(r);
    for (auto& [pgy, members] : by_pgy) classes.push_back(members);
    tables = RowRules::compile(p, baseline);
  }

  RowEval evaluate(int r, const std::vector<int>& row) {
    ++evaluations;
    if (tables) return tables->evaluate(r, row);
    Schedule s;
    for (int d = 0; d < D; ++d)
      if (row[d] > 0) s.assignments.push_back({0, pb.date(d), row[d] - 1});
    ComplianceReport rep =
        check_compliance(row_program, row_roster[r], s, has_baseline ? &row_baseline[r] : nullptr);
    RowEval out;
    long long warnings = 0, violations = 0;
    for (const ComplianceFinding& f : rep.findings) {
      if (f.resident && *f.resident != 0) continue;  // the stand-in's
      violations += f.severity == FindingSeverity::violation ? 1 : 0;
      warnings += f.severity == FindingSeverity::warning ? 1 : 0;
    }
    out.ok = violations == 0;
    out.cost = rep.cost.requests + warnings * pb.program.objective.warnings + rep.cost.changes;
    if (non_leave[r] > 0 && !rep.residents.empty()) {
      const ResidentSummary& sum = rep.residents[0];
      const long long H = D;
      long long counts[4] = {sum.calls, sum.weekends, sum.nights,
                             static_cast<long long>(std::floor(sum.hours + 1e-9))};
      for (int m = 0; m < 4; ++m) out.fair[m] = counts[m] * H / non_leave[r];
    }
    return out;
  }

  long long cover_cost(const Cover& c, int d) const {
    const CoverageEntry& e = *c.e;
    if (!e.target) return 0;
    const int n = c.n[d];
    return static_cast<long long>(e.under_weight) * std::max(0, *e.target - n) +
           static_cast<long long>(e.over_weight) * std::max(0, n - *e.target);
  }
  // How far (in residents) the headcounts are from the coverage rules.
  int cover_breaks(const Cover& c, int d) const {
    const CoverageEntry& e = *c.e;
    int out = 0;
    if (e.min && c.n[d] < *e.min) out += *e.min - c.n[d];
    if (e.max && c.n[d] > *e.max) out += c.n[d] - *e.max;
    if (e.senior_min && c.all[d] > 0 && c.sen[d] < e.senior_min->count) out += e.senior_min->count - c.sen[d];
    return out;
  }
  bool cover_holds(const Cover& c, int d) const { return cover_breaks(c, d) == 0; }
  void count(const Cell& x, int sign) {
    for (int ci : covers_on_day[x.d]) {
      Cover& c = covers[ci];
      int k = (x.from == c.value ? -1 : 0) + (x.to == c.value ? 1 : 0);
      if (k == 0) continue;
      k *= sign;
      if (c.filtered[static_cast<std::size_t>(x.d) * R + x.r]) c.n[x.d] += k;
      c.all[x.d] += k;
      if (c.senior[x.r]) c.sen[x.d] += k;
    }
  }
  // Applies the cells to the headcounts and gives the change in cost; false
  // when a coverage rule breaks. Undo with `uncount` either way.
  bool recount(const std::vector<Cell>& cells, long long& delta) {
    touched_.clear();
    for (const Cell& x : cells)
      for (int ci : covers_on_day[x.d])
        if (covers[ci].value == x.from || covers[ci].value == x.to) touched_.push_back({ci, x.d});
    std::sort(touched_.begin(), touched_.end());
    touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
    long long before = 0, after = 0;
    bool holds = true;
    for (auto [ci, d] : touched_) before += cover_cost(covers[ci], d);
    for (const Cell& x : cells) count(x, 1);
    for (auto [ci, d] : touched_) {
      after += cover_cost(covers[ci], d);
      holds = holds && cover_holds(covers[ci], d);
    }
    delta = after - before;
    return holds;
  }
  void uncount(const std::vector<Cell>& cells) {
    for (const Cell& x : cells) count(x, -1);
  }
  std::vector<std::pair<int, int>> touched_;

  long long fairness(const std::vector<int>& who, const std::vector<const RowEval*>& evals) const {
    long long cost = 0;
    for (const auto& members : classes)
      for (int m = 0; m < 4; ++m) {
        if (fair_weight[m] == 0) continue;
        long long lo = std::numeric_limits<long long>::max(), hi = std::numeric_limits<long long>::min();
        for (int r : members) {
          long long v = eval[r].fair[m];
          for (std::size_t i = 0; i < who.size(); ++i)
            if (who[i] == r) v = evals[i]->fair[m];
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
        cost += fair_weight[m] * (hi - lo);
      }
    return cost;
  }

  long long total() const {
    long long cost = fairness({}, {});
    for (int r = 0; r < R; ++r) cost += eval[r].cost;
    for (const Cover& c : covers)
      for (int d = 0; d < D; ++d)
        if (c.applies[d]) cost += cover_cost(c, d);
    return cost;
  }

  bool allows(int r, int d, int v) const { return allowed[(static_cast<std::size_t>(r) * D + d) * V + v]; }
};

// Proposes a move on the current schedule: the cells it changes, each
// value allowed by the pruned domains. False when the draw gives nothing.
template <typename Rng>
bool propose(const LocalSearch::State& s, Rng& rng, std::vector<Cell>& cells) {
  const int R = s.R, D = s.D;
  cells.clear();
  const int kind = static_cast<int>(rng() % 12);
  // One move in six is aimed at a coverage target that is missed: a resident
  // takes (or leaves) that shift that day, alone or by moving it from a day
  // nearby. (Curtois 4-12 at 20 s, 25 paired runs: better on 5, 6, 7, worse
  // on 8, mixed elsewhere; the annealing's spread between seeds is larger.)
  if (kind >= 10 && !s.covers.empty()) {
    const auto& c = s.covers[rng() % s.covers.size()];
    if (!c.e->target) return false;
    const int d = static_cast<int>(rng() % D);
    if (!c.applies[d] || c.n[d] == *c.e->target) return false;
    const bool under = c.n[d] < *c.e->target;
    const int r = static_cast<int>(rng() % R);
    if (!c.filtered[static_cast<std::size_t>(d) * R + r]) return false;
    const int have = s.cur[r][d];
    if (under ? have == c.value : have != c.value) return false;
    const int v = under ? c.value : 0;
    if (!s.allows(r, d, v)) return false;
    cells.push_back({r, d, have, v});
    if (kind == 11) {  // the resident's value moves from a nearby day: hours and counts stay
      const int other = d + (rng() % 2 ? 1 : -1) * (1 + static_cast<int>(rng() % 3));
      if (other < 0 || other >= D || s.cur[r][other] != v || !s.allows(r, other, have)) return false;
      cells.push_back({r, other, v, have});
    }
    return true;
  }
  if (kind < 3) {  // one resident-day takes another value
    int r = static_cast<int>(rng() % R), d = static_cast<int>(rng() % D);
    int v = static_cast<int>(rng() % s.V);
    if (v == s.cur[r][d] || !s.allows(r, d, v)) return false;
    cells.push_back({r, d, s.cur[r][d], v});
    return true;
  }
  if (kind < 5) {  // two days of one resident trade values: hours and counts stay
    int r = static_cast<int>(rng() % R), a = static_cast<int>(rng() % D);
    int b = kind == 3 ? static_cast<int>(rng() % D) : a + 1 + static_cast<int>(rng() % 3);
    if (b >= D) return false;
    int va = s.cur[r][a], vb = s.cur[r][b];
    if (va == vb || !s.allows(r, a, vb) || !s.allows(r, b, va)) return false;
    cells.push_back({r, a, va, vb});
    cells.push_back({r, b, vb, va});
    return true;
  }
  if (R < 2) return false;
  // Two residents swap one day or a block of days: coverage stays.
  int r1 = static_cast<int>(rng() % R), r2 = static_cast<int>(rng() % (R - 1));
  if (r2 >= r1) ++r2;
  int len = std::min(D, kind < 7 ? 1 : 2 + static_cast<int>(rng() % 6));
  int first = static_cast<int>(rng() % (D - len + 1));
  for (int d = first; d < first + len; ++d) {
    int a = s.cur[r1][d], b = s.cur[r2][d];
    if (a == b) continue;
    if (!s.allows(r1, d, b) || !s.allows(r2, d, a)) return false;
    cells.push_back({r1, d, a, b});
    cells.push_back({r2, d, b, a});
  }
  return !cells.empty();
}

LocalSearch::LocalSearch(const SolveProblem& pb, const Domains& domains,
                         const std::vector<std::vector<int>>& baseline)
    : st_(std::make_unique<State>(pb, domains, baseline)) {}
LocalSearch::~LocalSearch() = default;

unsigned long long LocalSearch::evaluations() const { return st_->evaluations; }

// Rows judged by the rule checks run about three times as fast as failures
// (Curtois rows; ACGME rows are slower); rows compiled to tables
// (row_rules.hpp) run about fifty times as fast.
double LocalSearch::evaluations_per_fail() const {
  return st_->tables ? 50 : 3;
}

long long LocalSearch::improve(std::vector<std::vector<int>>& schedule, unsigned long long seed,
                               unsigned long long max_evaluations, const std::function<bool()>& stop) {
  State& s = *st_;
  const int R = s.R, D = s.D;
  s.cur = schedule;
  s.eval.assign(R, {});
  for (auto& c : s.covers) {
    std::fill(c.n.begin(), c.n.end(), 0);
    std::fill(c.all.begin(), c.all.end(), 0);
    std::fill(c.sen.begin(), c.sen.end(), 0);
  }
  for (int r = 0; r < R; ++r) {
    s.eval[r] = s.evaluate(r, s.cur[r]);
    if (!s.eval[r].ok) return -1;
    for (int d = 0; d < D; ++d) s.count({r, d, 0, s.cur[r][d]}, 1);
  }
  for (const auto& c : s.covers)
    for (int d = 0; d < D; ++d)
      if (c.applies[d] && !s.cover_holds(c, d)) return -1;

  long long cost = s.total(), best = cost;
  const unsigned long long start_evals = s.evaluations;
  std::mt19937_64 rng(seed);
  // Simulated annealing: a worse schedule is taken with probability
  // exp(-increase / temperature). The first temperature is the mean
  // increase of the first sampled moves (only improvements are taken while
  // sampling). Two cooling phases: over the first 70% of the budget the
  // temperature falls geometrically to one cost point, then it is raised
  // to three and falls to a tenth, where only a rare unit increase passes.
  // (Curtois at 20 s, one thread, seeds 1-3, against one phase down to one
  // point: I8 1361/1408/1390 vs 1407/1388/-, I9 474/454/464 vs 509/523/-,
  // I12 4336/4136/4134 vs 4244/4426/-; I5 and I6 as good or better. A single
  // phase down to a tenth lost I5 to a one-nurse coverage gap in 3 seeds of 3.)
  constexpr int kSamples = 200;
  constexpr double kStartShare = 1.0, kFirstEnd = 1.0, kSecondStart = 3.0, kSecondEnd = 0.1, kSecondShare = 0.3;
  double rise_sum = 0, t0 = 1;
  int samples = 0;
  std::vector<Cell> cells;
  std::vector<int> who;
  std::vector<std::vector<int>> rows;
  std::vector<RowEval> evals;
  std::vector<const RowEval*> eval_ptrs;
  const bool fair = std::any_of(s.fair_weight.begin(), s.fair_weight.end(), [](long long w) { return w != 0; });
  for (unsigned long long step = 0; s.evaluations - start_evals < max_evaluations; ++step) {
    if ((step & 255) == 0 && stop()) break;
    if (!propose(s, rng, cells)) continue;
    long long delta = 0;
    if (!s.recount(cells, delta)) {  // a coverage rule breaks
      s.uncount(cells);
      continue;
    }
    who.clear();
    for (const Cell& x : cells)
      if (std::find(who.begin(), who.end(), x.r) == who.end()) who.push_back(x.r);
    rows.assign(who.size(), {});
    evals.assign(who.size(), {});
    bool ok = true;
    for (std::size_t i = 0; i < who.size() && ok; ++i) {
      rows[i] = s.cur[who[i]];
      for (const Cell& x : cells)
        if (x.r == who[i]) rows[i][x.d] = x.to;
      evals[i] = s.evaluate(who[i], rows[i]);
      ok = evals[i].ok;
      delta += evals[i].cost - s.eval[who[i]].cost;
    }
    if (!ok) {  // a rule of one resident's row breaks
      s.uncount(cells);
      continue;
    }
    if (fair) {
      eval_ptrs.clear();
      for (const auto& e : evals) eval_ptrs.push_back(&e);
      delta += s.fairness(who, eval_ptrs) - s.fairness({}, {});
    }
    bool take = delta <= 0;
    if (samples < kSamples) {
      if (delta > 0) {
        ++samples;
        rise_sum += static_cast<double>(delta);
      }
      if (samples == kSamples) t0 = std::max(kFirstEnd, kStartShare * rise_sum / kSamples);
    } else if (delta > 0) {
      double progress = std::min(1.0, static_cast<double>(s.evaluations - start_evals) / max_evaluations);
      double temperature =
          progress < 1 - kSecondShare
              ? t0 * std::pow(kFirstEnd / t0, progress / (1 - kSecondShare))
              : kSecondStart * std::pow(kSecondEnd / kSecondStart, (progress - (1 - kSecondShare)) / kSecondShare);
      take = std::generate_canonical<double, 32>(rng) < std::exp(-static_cast<double>(delta) / temperature);
    }
    if (!take) {
      s.uncount(cells);
      continue;
    }
    cost += delta;
    for (std::size_t i = 0; i < who.size(); ++i) {
      s.cur[who[i]] = std::move(rows[i]);
      s.eval[who[i]] = evals[i];
    }
    if (cost < best) {
      best = cost;
      schedule = s.cur;
    }
  }
  return best;
}

}  // namespace rota::solve
