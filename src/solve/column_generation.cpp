#include "column_generation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include <ClpEventHandler.hpp>
#include <ClpSimplex.hpp>
#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CoinMessageHandler.hpp>
#include <OsiClpSolverInterface.hpp>

#include "row_pricing.hpp"
#include "row_rules.hpp"
#include "rota/rules/eligibility.hpp"

namespace rota::solve {

namespace {

constexpr double kTolerance = 1e-6;
// The cost of an artificial column: more than any schedule.
constexpr double kArtificial = 1e9;
// A pivot of the relaxation costs about 12 ns per column of the master
// and 100 ns per row (Curtois 7-9, 12-16, 18 and 19), and a step is
// charged 25 ns. The whole master's pivots are charged a step per column,
// which overcharges them and under which the phases' shares were tuned; a
// neighbourhood's master, of a few hundred columns, is charged this many
// steps per row besides, or its pivots would cost two to three times
// their charge.
constexpr int kPivotChargePerRow = 4;
// CBC over the pool rows within reach of the bound (combine()), a few
// thousand columns, is charged this many steps per row of its master
// besides the step per column: a pivot took 71, 165, 252 and 96 us on
// Curtois 7, 8, 12 and 16 (4,597, 7,602, 8,995 and 3,342 columns; 104,
// 142, 340 and 188 rows), and columns plus 16 a row, at 15.6 ns each
// (SearchPhases::kPoolPivotColumnsPerFail), charges 0.9-1.37 of that.
constexpr int kPoolChargePerRow = 16;
// Rows enumerated per resident at most (past it the integer master is a heuristic).
constexpr std::size_t kMaxRowsEach = 2000;
// Past it, the pool takes this many of the resident's cheapest rows: the
// integer master over 2000 a resident took Curtois 7's whole share.
constexpr std::size_t kLikelyRows = 100;

// A coverage need of one date as rows of the master: the target row
// (headcount + under - over = target) and the hard row (min <= headcount
// <= max), each -1 when absent.
struct Need {
  int d, value;
  int target_row = -1, hard_row = -1;
};

// Ends CBC's branch and bound between nodes when `ask()` says so (the
// deadline, a signal) or its work (pivots times the master's columns)
// reaches `budget`; CBC's own time limit covers its root node.
class StopHandler : public CbcEventHandler {
 public:
  StopHandler(std::function<bool()> ask, const unsigned long long* pivots, unsigned long long columns,
              unsigned long long budget)
      : ask_(std::move(ask)), pivots_(pivots), columns_(columns), budget_(budget) {}
  CbcAction event(CbcEvent which) override {
    if (which != node && which != treeStatus) return noAction;
    if (*pivots_ * columns_ >= budget_) {
      out_of_work = true;
      return stop;
    }
    return ask_ && ask_() ? stop : noAction;
  }
  CbcEventHandler* clone() const override { return new StopHandler(*this); }
  bool out_of_work = false;

 private:
  std::function<bool()> ask_;
  const unsigned long long* pivots_;
  unsigned long long columns_, budget_;
};

// Counts the simplex pivots of a CLP solve, and ends it between pivots
// when `ask()` says so (the solve then reports status 5, stopped by an
// event). Clones share the count: CBC's copies of the master count into
// it too. Pivots, unlike seconds, are the same from run to run.
class PivotCounter : public ClpEventHandler {
 public:
  PivotCounter(unsigned long long* pivots, std::function<bool()> ask) : pivots_(pivots), ask_(std::move(ask)) {}
  int event(Event which) override {
    if (which != endOfIteration) return -1;
    ++*pivots_;
    return ask_ && ask_() ? 0 : -1;
  }
  ClpEventHandler* clone() const override { return new PivotCounter(*this); }

 private:
  unsigned long long* pivots_;
  std::function<bool()> ask_;
};

// What a schedule must cost less than to count: `below`, or the best found.
long long ceiling(long long below, const ColumnGeneration::Outcome& out) {
  return out.found ? std::min(below, out.cost) : below;
}

}  // namespace

struct ColumnGeneration::State {
  const SolveProblem& pb;
  int R, D, V;
  std::unique_ptr<RowRules> tables;
  std::unique_ptr<RowPricing> pricing;
  std::vector<std::vector<char>> allowed;  // [r][d * V + v]
  std::vector<Need> needs;
  std::vector<std::vector<int>> needs_on;          // [d * V + v] -> needs
  std::vector<std::vector<char>> counts;          // [need][r]: the resident passes the entry's filters
  ClpSimplex lp;
  int rows = 0;
  // The pool: resident and values of every row found.
  std::vector<int> owner;
  std::vector<std::vector<int>> values;
  std::set<std::pair<int, std::vector<int>>> seen;
  // The master's columns past the slacks, each a row of the pool
  // (`pooled`): all of them, but in a neighbourhood (improve()) only those
  // that keep its held resident-dates.
  int first_column = 0;
  std::vector<int> pooled;
  // Pool rows not yet in the master: added in one batch
  // (ClpSimplex::addColumn copies the matrix, so one by one is quadratic).
  std::vector<int> pending;
  std::function<bool()> stop;   // ends CBC between nodes
  bool cut_off = false;         // the last converge stopped at its cutoff
  int row_charge = 0;              // steps per row of the master, per pivot (kPivotChargePerRow)
  unsigned long long lp_work = 0;  // the relaxation's simplex pivots, charged as below
  std::vector<int> artificial;  // master columns that stand in for a row no resident's column covers
  // The duals and value of the last relaxation solved to the end with
  // exact pricing: no row of any resident has a negative reduced cost
  // under them, and a schedule costs at least that value plus its rows'
  // reduced costs. Empty until then.
  std::vector<double> bound_duals;
  double bound = 0;

  State(const SolveProblem& p, const Domains& domains, std::unique_ptr<RowRules> compiled)
      : pb(p), R(p.residents), D(p.days), V(p.values), tables(std::move(compiled)) {
    pricing = std::make_unique<RowPricing>(*tables);
    allowed.assign(R, std::vector<char>(static_cast<std::size_t>(D) * V, 0));
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d)
        for (int v : domains.allowed[r][d]) allowed[r][static_cast<std::size_t>(d) * V + v] = 1;
    lp.messageHandler()->setLogLevel(0);
    lp.setOptimizationDirection(1);

    // Rows: one per resident (exactly one column), then the coverage rows.
    std::vector<double> lo(R, 1.0), hi(R, 1.0);
    needs_on.resize(static_cast<std::size_t>(D) * V);
    std::vector<std::pair<int, double>> slack_columns;  // row, +1 under / -1 over with cost
    std::vector<double> slack_cost;
    std::vector<char> hard;  // [row - R]: a hard row (min/max), which gets artificial columns
    for (const CoverageEntry& e : pb.program.coverage)
      for (int d = 0; d < D; ++d) {
        if (!e.days.includes(pb.date(d))) continue;
        Need n{d, e.shift + 1};
        if (e.target) {
          n.target_row = static_cast<int>(lo.size());
          lo.push_back(*e.target);
          hi.push_back(*e.target);
          slack_columns.push_back({n.target_row, 1.0});
          slack_cost.push_back(e.under_weight);
          slack_columns.push_back({n.target_row, -1.0});
          slack_cost.push_back(e.over_weight);
          hard.push_back(0);
        }
        if ((e.min && *e.min > 0) || e.max) {
          n.hard_row = static_cast<int>(lo.size());
          lo.push_back(e.min.value_or(0));
          hi.push_back(e.max ? static_cast<double>(*e.max) : COIN_DBL_MAX);
          hard.push_back(1);
        }
        if (n.target_row < 0 && n.hard_row < 0) continue;
        std::vector<char> c(R, 0);
        for (int r = 0; r < R; ++r) c[r] = passes_filters(e, pb.roster, r, pb.date(d));
        needs_on[static_cast<std::size_t>(d) * V + n.value].push_back(static_cast<int>(needs.size()));
        needs.push_back(n);
        counts.push_back(std::move(c));
      }
    rows = static_cast<int>(lo.size());
    lp.resize(rows, 0);
    for (int i = 0; i < rows; ++i) {
      lp.setRowLower(i, lo[i]);
      lp.setRowUpper(i, hi[i]);
    }
    for (std::size_t i = 0; i < slack_columns.size(); ++i) {
      const int row = slack_columns[i].first;
      const double one = slack_columns[i].second;
      lp.addColumn(1, &row, &one, 0.0, COIN_DBL_MAX, static_cast<double>(slack_cost[i]));
    }
    // Artificial columns, priced out of any schedule: they keep the
    // relaxation feasible when a dive forbids the rows a resident needs.
    for (int i = 0; i < rows; ++i)
      for (double one : {1.0, -1.0}) {
        if (i < R && one < 0) continue;
        if (i >= R && !hard[i - R]) continue;
        artificial.push_back(lp.numberColumns());
        lp.addColumn(1, &i, &one, 0.0, COIN_DBL_MAX, kArtificial);
      }
    first_column = lp.numberColumns();
  }
  bool artificial_used() const {
    const double* x = lp.primalColumnSolution();
    return std::any_of(artificial.begin(), artificial.end(), [x](int j) { return x[j] > kTolerance; });
  }

  // Column generation to the relaxation's optimum under the current masks;
  // true when pricing proved that nothing cheaper is left.
  // `dual`: the masks changed since the last solve, so the dual simplex
  // starts from a basis still dual feasible (far faster than the primal on
  // a large pool); new columns keep the primal feasible, for the primal.
  //
  // With a `cutoff`, it stops early (setting `cut_off`) once the Lagrangian
  // bound, the relaxation's value plus every resident's most negative
  // reduced cost, shows that no schedule under these masks costs less than
  // `cutoff`.
  bool converge(const std::function<bool(unsigned long long)>& keep_going, bool dual = false,
                double cutoff = std::numeric_limits<double>::infinity()) {
    // Rows per resident per round: the cheapest few into distinct final states.
    constexpr int kRowsPerRound = 3;
    std::vector<double> price(static_cast<std::size_t>(D) * V);
    cut_off = false;
    // While pricing finds many rows, the relaxation is solved again after
    // every kEarlyResolve of them, and pricing goes on with the next
    // resident under the new duals: where pricing is dear (Curtois 8: a
    // round of 30 residents takes 0.7 s), fresher duals make each
    // resident's rows count for more. Only a round over every resident
    // under one set of duals proves anything. (Curtois 7, 8, 10 and 12 at
    // 60 s, seeds 1 and 2, summed: 2145, 2852, 9589, 8345 against 2167,
    // 2868, 9672, 8471 with whole rounds only.)
    constexpr int kEarlyResolve = 30;
    int next = 0;
    for (;;) {
      flush();
      solve_lp(dual);
      dual = false;
      if (lp.status() != 0) return false;
      const double* y = lp.dualRowSolution();
      int added = 0;
      bool exact = true, whole = true;
      double lagrangian = lp.objectiveValue();
      for (int i = 0; i < R && keep_going(work()); ++i) {
        const int r = (next + i) % R;
        prices(r, y, price);
        RowPricing::Result res = pricing->cheapest(r, allowed[r], price, kRowsPerRound, y[r] - kTolerance);
        exact = exact && res.exact;
        if (!res.rows.empty()) lagrangian += std::min(0.0, res.rows.front().price - y[r]);
        for (const auto& row : res.rows) added += add(r, row.values) ? 1 : 0;
        if (added >= kEarlyResolve && i + 1 < R) {
          next = (r + 1) % R;
          whole = false;
          break;
        }
      }
      flush();
      if (!keep_going(work())) return false;
      if (!whole) continue;
      if (added == 0) return exact;
      if (exact && lagrangian > cutoff - 1 + kTolerance) {  // costs are whole: nothing under cutoff
        cut_off = true;
        return true;
      }
    }
  }

  // A branching decision: resident r takes value v on date d, or not.
  struct Fix {
    int r, d, v;
    bool take;
  };

  // The relaxation's share of each resident-date-value ([r][d][v]) and,
  // per resident, the pool row it picks whole (-1 when fractional).
  void shares(std::vector<double>& share, std::vector<int>& chosen) const {
    const double* x = lp.primalColumnSolution();
    std::fill(share.begin(), share.end(), 0.0);
    chosen.assign(R, -1);
    for (int j = first_column; j < lp.numberColumns(); ++j) {
      const double xj = x[j];
      if (xj <= kTolerance) continue;
      const int k = pool_row(j);
      const int r = owner[k];
      if (xj > 1 - kTolerance) chosen[r] = k;
      for (int d = 0; d < D; ++d) share[(static_cast<std::size_t>(r) * D + d) * V + values[k][d]] += xj;
    }
  }

  // Branch and price: depth first over resident-date decisions (the value
  // the relaxation leans to most, taken first, then forbidden), with
  // column generation at every node and a node pruned when its bound,
  // rounded up, reaches the best cost known. Improves `out` with every
  // schedule found cheaper than `below`; true when the whole tree was
  // searched with exact pricing, so that nothing cheaper than `below` and
  // `out` exists. The masks and bounds are restored after; the rows found
  // stay in the pool.
  bool branch(const std::function<bool(unsigned long long)>& keep_going, long long below, Outcome& out) {
    const auto saved = allowed;
    std::vector<std::vector<Fix>> open{{}};
    std::vector<double> share(static_cast<std::size_t>(R) * D * V);
    std::vector<int> chosen;
    bool complete = true;
    while (!open.empty()) {
      if (!keep_going(work()) || (stop && stop())) {
        complete = false;
        break;
      }
      const std::vector<Fix> fixes = std::move(open.back());
      open.pop_back();
      // The node's masks and column bounds.
      allowed = saved;
      for (const Fix& f : fixes)
        for (int u = 0; u < V; ++u)
          if ((u == f.v) != f.take) allowed[f.r][static_cast<std::size_t>(f.d) * V + u] = 0;
      flush();
      for (int j = first_column; j < lp.numberColumns(); ++j) {
        const int r = owner[pool_row(j)];
        const auto& row = values[pool_row(j)];
        const bool fits = std::all_of(fixes.begin(), fixes.end(),
                                      [&](const Fix& f) { return f.r != r || (row[f.d] == f.v) == f.take; });
        lp.setColumnUpper(j, fits ? 1.0 : 0.0);
      }
      const bool exact = converge(keep_going, true, static_cast<double>(ceiling(below, out)));
      if (exact && cut_off) continue;
      if (lp.status() != 0) {  // stopped, or numerically lost: the subtree is not searched
        complete = false;
        continue;
      }
      if (artificial_used()) {
        if (!exact) complete = false;
        continue;  // no schedule keeps these decisions (or pricing gave up first)
      }
      const double value = lp.objectiveValue();
      if (exact && std::ceil(value - kTolerance) >= static_cast<double>(ceiling(below, out))) continue;
      if (!exact) complete = false;
      shares(share, chosen);
      if (std::all_of(chosen.begin(), chosen.end(), [](int j) { return j >= 0; })) {
        const long long c = std::llround(value);
        if (c < ceiling(below, out)) {
          out.found = true;
          out.cost = c;
          out.schedule.assign(R, {});
          for (int r = 0; r < R; ++r) out.schedule[r] = values[chosen[r]];
        }
        continue;
      }
      // The fractional resident-date-value the relaxation leans to most.
      std::size_t best = 0;
      double most = -1;
      for (std::size_t c = 0; c < share.size(); ++c)
        if (share[c] < 1 - kTolerance && share[c] > kTolerance && share[c] > most) {
          most = share[c];
          best = c;
        }
      if (most < 0) {  // integral cells yet fractional rows: equal rows twice; cannot branch on cells
        complete = false;
        continue;
      }
      const int r = static_cast<int>(best / (static_cast<std::size_t>(D) * V)), d = static_cast<int>(best / V % D),
                v = static_cast<int>(best % V);
      std::vector<Fix> without = fixes, with = fixes;
      without.push_back({r, d, v, false});
      with.push_back({r, d, v, true});
      open.push_back(std::move(without));
      open.push_back(std::move(with));
    }
    allowed = saved;
    for (int j = first_column; j < lp.numberColumns(); ++j) lp.setColumnUpper(j, 1.0);
    return complete;
  }

  // Diving: fixes the resident-days the relaxation all but decides (or,
  // failing that, the one it leans to most), generates columns again, and
  // repeats until the relaxation picks one row per resident. The masks and
  // bounds are restored after; the rows found stay in the pool.
  bool dive(const std::function<bool(unsigned long long)>& keep_going, Outcome& out) {
    const auto saved = allowed;
    std::vector<int> closed;
    bool found = false;
    std::vector<double> share(static_cast<std::size_t>(R) * D * V);
    for (int step = 0; step < R * D; ++step) {
      converge(keep_going, step > 0);
      if (lp.status() != 0 || artificial_used()) break;
      std::vector<int> chosen;
      shares(share, chosen);
      if (std::all_of(chosen.begin(), chosen.end(), [](int j) { return j >= 0; })) {
        std::vector<std::vector<int>> schedule(R);
        for (int r = 0; r < R; ++r) schedule[r] = values[chosen[r]];
        const long long c = std::llround(lp.objectiveValue());
        if (!out.found || c < out.cost) {
          out.found = true;
          out.cost = c;
          out.schedule = std::move(schedule);
        }
        found = true;
        break;
      }
      if (!keep_going(work())) break;
      // Fix every fractional resident-day at 0.8 or more, or the largest.
      std::size_t best = 0;
      double most = -1;
      std::vector<std::size_t> fix;
      for (std::size_t c = 0; c < share.size(); ++c) {
        if (share[c] > 1 - kTolerance || share[c] < kTolerance) continue;
        if (share[c] >= 0.8) fix.push_back(c);
        if (share[c] > most) {
          most = share[c];
          best = c;
        }
      }
      if (most < 0) break;
      if (fix.empty()) fix.push_back(best);
      for (std::size_t c : fix) {
        const int r = static_cast<int>(c / (static_cast<std::size_t>(D) * V)), d = static_cast<int>(c / V % D),
                  v = static_cast<int>(c % V);
        for (int u = 0; u < V; ++u)
          if (u != v) allowed[r][static_cast<std::size_t>(d) * V + u] = 0;
        for (int j = first_column; j < lp.numberColumns(); ++j)
          if (owner[pool_row(j)] == r && values[pool_row(j)][d] != v && lp.columnUpper()[j] > 0) {
            lp.setColumnUpper(j, 0.0);
            closed.push_back(j);
          }
      }
    }
    allowed = saved;
    for (int j : closed) lp.setColumnUpper(j, 1.0);
    return found;
  }

  // Adds a resident's row to the pool and the master; false when it is
  // there already.
  bool add(int r, const std::vector<int>& row) {
    if (!seen.insert({r, row}).second) return false;
    owner.push_back(r);
    values.push_back(row);
    pending.push_back(static_cast<int>(values.size()) - 1);
    return true;
  }
  int pool_row(int column) const { return pooled[static_cast<std::size_t>(column - first_column)]; }

  // Solves the relaxation, heeding `stop` between pivots; its work
  // (pivots times the master's columns, and rows times `row_charge`)
  // joins `lp_work`.
  void solve_lp(bool dual) {
    unsigned long long pivots = 0;
    PivotCounter counter(&pivots, stop);
    lp.passInEventHandler(&counter);
    if (dual)
      lp.dual();
    else
      lp.primal(1);
    const ClpEventHandler none;
    lp.passInEventHandler(&none);  // CBC, which copies the LP, gets no handler
    lp_work += pivots * static_cast<unsigned long long>(lp.numberColumns() + row_charge * lp.numberRows());
  }

  // Pricing steps and the relaxation's work: the effort of the phase
  // before the integer master (a pivot over a column costs about a step).
  unsigned long long work() const { return pricing->expanded() + lp_work; }

  // Moves the pending pool rows into the master.
  void flush() {
    const int n = static_cast<int>(pending.size());
    if (n == 0) return;
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> cost;
    for (int k : pending) {
      const int r = owner[k];
      const std::vector<int>& row = values[k];
      index.push_back(r);
      for (int d = 0; d < D; ++d)
        for (int i : needs_on[static_cast<std::size_t>(d) * V + row[d]]) {
          if (!counts[i][r]) continue;
          if (needs[i].target_row >= 0) index.push_back(needs[i].target_row);
          if (needs[i].hard_row >= 0) index.push_back(needs[i].hard_row);
        }
      start.push_back(static_cast<CoinBigIndex>(index.size()));
      cost.push_back(static_cast<double>(tables->cost(r, row)));
    }
    const std::vector<double> zeros(n, 0.0), ones(n, 1.0), elements(index.size(), 1.0);
    lp.addColumns(n, zeros.data(), ones.data(), cost.data(), start.data(), index.data(), elements.data());
    pooled.insert(pooled.end(), pending.begin(), pending.end());
    pending.clear();
  }

  // The duals `y` of the coverage rows that resident r counts in when
  // taking value v on date d.
  double cell_dual(int r, int d, int v, const double* y) const {
    double sum = 0;
    for (int i : needs_on[static_cast<std::size_t>(d) * V + v]) {
      if (!counts[i][r]) continue;
      if (needs[i].target_row >= 0) sum += y[needs[i].target_row];
      if (needs[i].hard_row >= 0) sum += y[needs[i].hard_row];
    }
    return sum;
  }

  // A resident's prices per date and value under the duals `y`: the
  // cost of the cell less the duals of the coverage rows it counts in.
  void prices(int r, const double* y, std::vector<double>& price) const {
    for (int d = 0; d < D; ++d)
      for (int v = 0; v < V; ++v)
        price[static_cast<std::size_t>(d) * V + v] = static_cast<double>(tables->cell_cost(r, d, v)) - cell_dual(r, d, v, y);
  }

  // A pool row's reduced cost under the duals `y`.
  double reduced_cost(int k, const std::vector<double>& y) const {
    const int r = owner[k];
    double rc = static_cast<double>(tables->cost(r, values[k])) - y[static_cast<std::size_t>(r)];
    for (int d = 0; d < D; ++d) rc -= cell_dual(r, d, values[k][d], y.data());
    return rc;
  }

  // The integer master over the pool: the cheapest schedule under `below`,
  // within `work` (pivots times columns) and `seconds`. With
  // `whole_costs`, CBC is told that every schedule's cost is a whole
  // number (the slack columns are integer too, and the cutoff sits just
  // above below - 1, not at below - 0.5), so that it prunes every node
  // whose bound passes below - 1. (Curtois 7, seed 1, the pool after the
  // neighbourhoods: 1,390 nodes and 0.63e9 of work to find 1056 and prove
  // the pool holds nothing cheaper, against 4,632 and 1.41e9.)
  bool integer(long long below, unsigned long long work, double seconds, Outcome& out, bool whole_costs = false) {
    flush();
    if (stop && stop()) {  // CBC heeds no stop before its first node: do not start it
      out.clock_stopped = true;
      return false;
    }
    unsigned long long pivots = 0;
    PivotCounter counter(&pivots, nullptr);
    lp.passInEventHandler(&counter);
    OsiClpSolverInterface osi(&lp, false);
    for (int j = whole_costs ? 0 : first_column; j < lp.numberColumns(); ++j) osi.setInteger(j);
    CbcModel model(osi);
    const ClpEventHandler none;
    lp.passInEventHandler(&none);  // the model holds its own copy
    // Work per pivot: the master's columns, and `row_charge` steps per row.
    const unsigned long long columns =
        static_cast<unsigned long long>(lp.numberColumns() + row_charge * lp.numberRows());
    StopHandler handler(stop, &pivots, columns, work);
    model.passInEventHandler(&handler);
    model.messageHandler()->setLogLevel(0);
    model.solver()->messageHandler()->setLogLevel(0);
    // CBC's own driver, lean: no preprocessing, cuts or heuristics, whose
    // time the pivots do not measure, so that its nodes cost what they are
    // charged and the work limit, not the clock, ends it. The cutoff (only
    // schedules cheaper than `below`) and the limits as its options.
    CbcMain0(model);
    const std::string secs = std::to_string(std::max(0.1, seconds));
    const std::string cutoff = std::to_string(static_cast<double>(below) - (whole_costs ? 0.999 : 0.5));
    const char* argv[] = {"rota", "-log", "0", "-slog", "0", "-cutoff", cutoff.c_str(), "-preprocess", "off",
                          "-cuts", "off", "-heuristics", "off", "-sec", secs.c_str(), "-timeMode", "elapsed",
                          "-solve", "-quit"};
    CbcMain1(static_cast<int>(std::size(argv)), argv, model);
    out.nodes += model.getNodeCount();
    out.work += pivots * columns;
    out.clock_stopped = out.clock_stopped || model.isSecondsLimitReached() || (!handler.out_of_work && stop && stop());
    out.pool_optimal = !out.clock_stopped && (model.isProvenOptimal() || model.isProvenInfeasible());
    const double* x = model.bestSolution();
    if (!x) return false;
    std::vector<std::vector<int>> schedule(R);
    for (int j = first_column; j < model.getNumCols(); ++j)
      if (x[j] > 0.5) schedule[owner[pool_row(j)]] = values[pool_row(j)];
    for (const auto& row : schedule)
      if (row.empty()) return false;
    out.found = true;
    out.schedule = std::move(schedule);
    out.cost = std::llround(model.getObjValue());
    return true;
  }
};

namespace {

// Hands a phase's limits to the state (pricing asks `keep_going` too) and
// takes them back after.
struct Limits {
  ColumnGeneration::State& s;
  Limits(ColumnGeneration::State& state, const std::function<bool(unsigned long long)>& keep_going,
         const std::function<bool()>& stop)
      : s(state) {
    s.stop = stop;
    s.pricing->set_stop([&s = s, &keep_going] { return !keep_going(s.work()); });
  }
  ~Limits() {
    s.stop = nullptr;
    s.pricing->set_stop(nullptr);
  }
  Limits(const Limits&) = delete;
  Limits& operator=(const Limits&) = delete;
};

}  // namespace

std::unique_ptr<ColumnGeneration> ColumnGeneration::make(const SolveProblem& pb, const Domains& domains,
                                                        const std::vector<std::vector<int>>& baseline) {
  const FairnessWeights& f = pb.program.objective.fairness;
  if (f.calls || f.weekends || f.nights || f.hours) return nullptr;
  for (const CoverageEntry& e : pb.program.coverage)
    if (e.senior_min) return nullptr;
  std::unique_ptr<RowRules> tables = RowRules::compile(pb, baseline);
  if (!tables) return nullptr;
  return std::unique_ptr<ColumnGeneration>(new ColumnGeneration(std::make_unique<State>(pb, domains, std::move(tables))));
}

ColumnGeneration::ColumnGeneration(std::unique_ptr<State> st) : st_(std::move(st)) {}
ColumnGeneration::~ColumnGeneration() = default;

unsigned long long ColumnGeneration::steps() const { return st_->work(); }

bool ColumnGeneration::bounded() const { return !st_->bound_duals.empty(); }

void ColumnGeneration::add_schedule(const std::vector<std::vector<int>>& schedule) {
  for (int r = 0; r < st_->R; ++r) st_->add(r, schedule[r]);
}

ColumnGeneration::Outcome ColumnGeneration::run(long long below,
                                                const std::function<bool(unsigned long long)>& keep_going,
                                                const std::function<bool()>& stop, unsigned long long max_work,
                                                double seconds, unsigned long long branch_steps,
                                                Branching branching) {
  State& s = *st_;
  Outcome out;
  Limits limits(s, keep_going, stop);
  const int R = s.R, D = s.D, V = s.V;
  std::vector<double> price(static_cast<std::size_t>(D) * V);
  out.converged = s.converge(keep_going);
  if (!out.converged) {
    s.integer(below, max_work, seconds, out);
    return out;
  }
  out.bound = s.lp.objectiveValue();
  const std::vector<double> y(s.lp.dualRowSolution(), s.lp.dualRowSolution() + s.rows);
  s.bound_duals = y;
  s.bound = out.bound;
  const auto t_int = std::chrono::steady_clock::now();
  if (static_cast<double>(below - 1) - out.bound < -kTolerance) {  // nothing cheaper than `below` exists
    out.pool_optimal = true;
    return out;
  }
  s.dive(keep_going, out);
  {
    const unsigned long long from = s.work();
    auto within = [&](unsigned long long steps) { return steps - from < branch_steps && keep_going(steps); };
    // Branch and price in passes that widen: pass k looks only below
    // ceil(bound) + k + 1, pruning every node whose bound reaches it, so
    // a pass that ends proves nothing cheaper exists and the next looks one
    // higher; the first schedule a pass finds is optimal. Below the
    // incumbent, one pass looks for any schedule cheaper than it.
    long long target = branching == Branching::widening
                           ? static_cast<long long>(std::ceil(out.bound - kTolerance)) + 1
                           : ceiling(below, out);
    for (;;) {
      const long long upper = ceiling(below, out);
      if (target > upper) target = upper;
      const bool complete = s.branch(within, target, out);
      if (!complete) break;
      out.bound = std::max(out.bound, static_cast<double>(out.found ? std::min(target, out.cost) : target));
      if (target >= upper || (out.found && out.cost <= target)) {  // nothing cheaper than the best left
        out.pool_optimal = out.enumerated = true;
        return out;
      }
      ++target;
    }
  }
  s.integer(ceiling(below, out), max_work / 2, seconds / 2, out);
  const long long upper = ceiling(below, out);
  // A cheaper schedule, if any, costs at most upper - 1, so it takes only
  // rows whose reduced cost is at most upper - 1 - bound (the duals price
  // every other column at zero or more): with all of those in the pool, the
  // integer master is exact.
  const double room = static_cast<double>(upper - 1) - out.bound;
  if (room < -kTolerance) {
    out.pool_optimal = true;
    return out;
  }
  // The reduced costs are under the relaxation's duals, so what a row may
  // cost is measured from the relaxation's value, not from a bound that a
  // finished pass of branch and price raised (from that, the listing would
  // miss rows a cheaper schedule can take, yet call itself exact).
  const double reach = static_cast<double>(upper - 1) - s.bound;
  // Where a resident has more such rows than kMaxRowsEach, the pool takes
  // the cheapest kLikelyRows of them: no longer exact, but the likeliest
  // rows, few enough to leave the integer master quick.
  bool all = true;
  for (int r = 0; r < R; ++r) {
    all = all && keep_going(s.work());
    if (!keep_going(s.work())) break;
    s.prices(r, y.data(), price);
    RowPricing::Result res = s.pricing->all_below(r, s.allowed[r], price, y[r] + reach + kTolerance, kMaxRowsEach);
    all = all && res.exact;
    if (!res.exact && res.rows.size() > kLikelyRows) res.rows.resize(kLikelyRows);
    for (const auto& row : res.rows) s.add(r, row.values);
  }
  Outcome second;
  const double left = seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - t_int).count();
  s.integer(upper, max_work > out.work ? max_work - out.work : 0, std::max(0.1, left), second);
  out.nodes += second.nodes;
  out.work += second.work;
  out.clock_stopped = out.clock_stopped || second.clock_stopped;
  if (second.found) {
    out.found = true;
    out.schedule = std::move(second.schedule);
    out.cost = second.cost;
  }
  out.pool_optimal = second.pool_optimal;
  out.enumerated = all;
  return out;
}

ColumnGeneration::Outcome ColumnGeneration::combine(long long below, unsigned long long max_work, double seconds,
                                                    const std::function<bool()>& stop) {
  State& s = *st_;
  Outcome out;
  const std::function<bool(unsigned long long)> no_pricing = [](unsigned long long) { return true; };
  Limits limits(s, no_pricing, stop);
  s.flush();
  // A schedule cheaper than `below` costs at least the bound plus its
  // rows' reduced costs, so a row whose reduced cost passes below - 1 -
  // bound is in none: the master for this search leaves those out (a
  // pivot's time grows with the master's columns, and the work is counted
  // per column). Curtois 7 after the neighbourhoods: 4,449 of 12,754 rows.
  std::vector<int> drop, kept;
  if (!s.bound_duals.empty()) {
    const double reach = static_cast<double>(below - 1) - s.bound + 1e-4;
    for (int j = s.first_column; j < s.lp.numberColumns(); ++j) {
      const int k = s.pool_row(j);
      if (s.reduced_cost(k, s.bound_duals) <= reach)
        kept.push_back(k);
      else
        drop.push_back(j);
    }
  }
  s.row_charge = kPoolChargePerRow;
  if (drop.empty()) {
    s.integer(below, max_work, seconds, out, true);
  } else {
    const ClpSimplex whole = s.lp;
    const std::vector<int> whole_pooled = s.pooled;
    s.lp.deleteColumns(static_cast<int>(drop.size()), drop.data());
    s.pooled = std::move(kept);
    s.integer(below, max_work, seconds, out, true);
    s.lp = whole;
    s.pooled = whole_pooled;
  }
  s.row_charge = 0;
  return out;
}

ColumnGeneration::Outcome ColumnGeneration::improve(const std::vector<std::vector<int>>& incumbent,
                                                    const std::vector<std::vector<char>>& freed, long long below,
                                                    const std::function<bool(unsigned long long)>& keep_going,
                                                    const std::function<bool()>& stop) {
  State& s = *st_;
  Outcome out;
  Limits limits(s, keep_going, stop);
  const int R = s.R, D = s.D, V = s.V;
  for (int r = 0; r < R; ++r) s.add(r, incumbent[r]);  // the incumbent keeps the master feasible
  s.flush();
  // A held resident-date allows its incumbent value only, in pricing (the
  // masks) and in the master, which for the move keeps only the pool rows
  // that agree with the incumbent there: in a small neighbourhood a few
  // percent of the pool (Curtois 7: 400-800 of 10,000), and a pivot costs
  // in proportion to the master's columns.
  const auto saved = s.allowed;
  for (int r = 0; r < R; ++r)
    for (int d = 0; d < D; ++d)
      if (!freed[r][d])
        for (int v = 0; v < V; ++v) s.allowed[r][static_cast<std::size_t>(d) * V + v] = v == incumbent[r][d];
  const ClpSimplex whole = s.lp;
  const std::vector<int> whole_pooled = s.pooled;
  const std::size_t pool_before = s.values.size();
  std::vector<int> drop;
  std::vector<int> kept;
  for (int j = s.first_column; j < s.lp.numberColumns(); ++j) {
    const int k = s.pool_row(j);
    const int r = s.owner[k];
    bool fits = true;
    for (int d = 0; d < D && fits; ++d) fits = freed[r][d] || s.values[k][d] == incumbent[r][d];
    if (fits)
      kept.push_back(k);
    else
      drop.push_back(j);
  }
  s.lp.deleteColumns(static_cast<int>(drop.size()), drop.data());
  s.pooled = std::move(kept);
  s.row_charge = kPivotChargePerRow;
  out.exhausted = s.branch(keep_going, below, out);
  s.row_charge = 0;
  // Back to the whole master, with the rows the move found.
  s.pending.clear();
  s.lp = whole;
  s.pooled = whole_pooled;
  for (std::size_t k = pool_before; k < s.values.size(); ++k) s.pending.push_back(static_cast<int>(k));
  s.allowed = saved;
  return out;
}

}  // namespace rota::solve
