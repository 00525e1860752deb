#pragma once

// The phases of the search over one constraint model: first schedules,
// branch and bound, local search, large neighbourhood search; and the
// incumbent that the threads of a portfolio share. Internal to the solver.

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <random>
#include <vector>

#include "column_generation.hpp"
#include "duty_model.hpp"
#include "local_search.hpp"
#include "row_builder.hpp"
#include "row_rules.hpp"
#include "rota/rules/eligibility.hpp"
#include "rota/solve/solver.hpp"

namespace rota::solve {

using Clock = std::chrono::steady_clock;

// Stops a search at the deadline, on interrupt, or after `fails` failures.
class SearchLimit : public Gecode::Search::Stop {
 public:
  SearchLimit(Clock::time_point deadline, const std::atomic<bool>* interrupt, unsigned long fails)
      : deadline_(deadline), interrupt_(interrupt), fails_(fails) {}
  bool stop(const Gecode::Search::Statistics& s, const Gecode::Search::Options&) override {
    if (s.fail > fails_) return true;
    if ((++calls_ & 63) != 0) return false;
    return Clock::now() >= deadline_ || (interrupt_ && interrupt_->load());
  }

 private:
  Clock::time_point deadline_;
  const std::atomic<bool>* interrupt_;
  unsigned long fails_;
  unsigned long calls_ = 0;
};

// The best schedule across the threads of a portfolio: each search offers
// its improvements and adopts a cheaper schedule found by another.
struct SharedIncumbent {
  std::mutex mutex;
  bool has = false;
  std::vector<std::vector<int>> values;
  long long cost = 0;
  std::array<long long, kTerms> breakdown{};
  int solutions = 0;
  double seconds_to_best = 0;
  std::atomic<bool> proven_optimal{false};
  std::function<void(double, long long, int)> on_progress;
};

class SearchPhases {
 public:
  SearchPhases(const SolveProblem& pb, const SolveOptions& opt, DutyModel* root, Clock::time_point start)
      : pb_(pb), opt_(opt), root_(root), start_(start),
        deadline_(start + std::chrono::milliseconds(static_cast<long long>(opt.time_limit_seconds * 1000))),
        rng_(opt.seed),
        budget_(static_cast<unsigned long long>(
            kFailsPerSecond * std::max(opt.time_limit_seconds * kBudgetShare,
                                       opt.time_limit_seconds * kLongBudgetShare - kReserveSeconds))) {}

  // The search is bounded by effort (failures), which does not depend on
  // the machine's speed or load, so one seed gives one schedule; the wall
  // clock is a safety net that ends the search only when the machine is
  // much slower than expected.
  static constexpr double kFailsPerSecond = 40000;
  // The budget is this share of the time limit at that rate: the margin
  // keeps runs on the budget, and so reproducible, where phases cost more
  // than they are charged or the machine is shared (on this one the same
  // run of a shipped example took 2.0 s, then 3.0 s, and at three quarters
  // the examples' short runs sometimes ended on the clock).
  static constexpr double kBudgetShare = 0.6;
  // Longer limits get this share less a few seconds' reserve, where it is
  // more: every phase ran at 32-90 thousand failures a second on Curtois
  // 1-19, two runs at a time, and at 0.8 of 60 s the longest run took 46 s
  // (at 0.6, 21-38 s; Curtois 7, 8, 10, 12-15 and 19, seeds 1 and 2,
  // summed: 47617 at 0.8 against 48272).
  static constexpr double kLongBudgetShare = 0.8;
  static constexpr double kReserveSeconds = 2;
  // A row built by dynamic programming costs about as much time as this
  // many failures of the constraint search.
  static constexpr unsigned long long kFailsPerRowBuilt = 200;
  // A row the dynamic programming misses gets this many constraint
  // searches, the first with this many failures allowed.
  static constexpr unsigned long kRowAttempts = 200;
  static constexpr unsigned long kRowFails = 100;
  // Local search: runs of simulated annealing, and the evaluations per
  // resident-date that make one run worth its own (see improve_locally).
  static constexpr int kAnnealRuns = 3;
  static constexpr double kEvalsPerDateRun = 60000;
  // Portfolio threads run only on programs up to this many resident-days.
  static constexpr long long kPortfolioMaxResidentDays = 20000;
  // Column generation: pricing steps (a state tried with one value: 12-39
  // ns each on Curtois 5, 7, 9, 10 and 12-15, 25 ns as charged), and the
  // integer master's work (simplex pivots times the master's columns:
  // 18-38 ns each on the same), per failure of the constraint search.
  static constexpr unsigned long long kStepsPerFail = 1000;
  static constexpr unsigned long long kPivotColumnsPerFail = 800;
  // The same for the integer master over the pool's rows within reach of
  // the bound (by_pool), some thousands of columns, whose pivots are
  // charged per row too (kPoolChargePerRow in column_generation.cpp): 15.6
  // ns a unit.
  static constexpr unsigned long long kPoolPivotColumnsPerFail = 1600;
  // The neighbourhoods by branch and price take this share of what the
  // second column phase leaves, the integer master over the pool the rest
  // (Curtois 7 at 60 s, seeds 1-12: 1056 on four, seed 1 among them,
  // against three; summed 12714 against 12708, seed 10 1077, was 1068).
  static constexpr double kNeighbourhoodsBeforePool = 0.7;
  // A node of a search over the whole model (nothing fixed) copies and
  // propagates all of it: a failure's time for about this many
  // resident-dates (0.6 ms a node on the internal-medicine example).
  static constexpr unsigned long long kResidentDaysPerNodeFail = 40;
  // A neighbourhood costs more than its search's failures (its nodes copy
  // and propagate the whole model): 30-40 us per resident-date in all on
  // Curtois 7-9 and the shipped examples, so it is charged a failure per
  // resident-date besides (Curtois 13, with 18 shift types, takes 4x that).
  static constexpr unsigned long long kResidentDatesPerMoveFail = 1;
  // A neighbourhood searched by branch and price gets at most this many
  // failures' worth of work.
  static constexpr unsigned long long kColumnMoveFails = 4000;
  // The integer master's wall-clock limit, as a multiple of the time its
  // work share should take: a safety net that a run should not reach.
  static constexpr double kMasterClockSlack = 3;
  // Branch and price may take this fraction (1/n) of the pricing share:
  // its nodes are dear on large programs, where the enumeration and CBC
  // do better with the rest (Curtois 8 and 12 at 60 s: 1571 and 4445 with
  // the whole share, against 1391 and 4331 without branching). Since the
  // pricing bound, a half: the rows its nodes price give the integer
  // master more to combine (Curtois 7 at 60 s, seeds 1 and 2: 1060 and
  // 1061, against 1063 and 1093 with a quarter, and 1058 twice with the
  // whole share, which left Curtois 5 unproven); 13-19 unchanged, as
  // their relaxation does not converge in the first round.
  static constexpr unsigned long long kBranchShare = 2;

  // The deadline, a signal, or another thread's proof: whatever the budget.
  bool stopped() const {
    return Clock::now() >= deadline_ || (opt_.interrupt && opt_.interrupt->load()) ||
           (shared_ && shared_->proven_optimal.load());
  }
  bool out_of_time() const { return effort_ >= budget_ || stopped(); }
  bool hit_wall_clock() const { return clock_bound_ || Clock::now() >= deadline_; }

  // Runs one engine over `space` within `fails` failures; records every
  // improving solution, and charges the failures plus `per_node` for each
  // node (the limit stays in failures). Returns true when the search space
  // was exhausted (not stopped).
  template <template <class> class Engine>
  bool run(DutyModel* space, unsigned long fails, bool first_only = false, unsigned long long per_node = 0) {
    unsigned long long remaining = budget_ > effort_ ? budget_ - effort_ : 0;
    if (fails == 0 || fails > remaining) fails = static_cast<unsigned long>(remaining);
    SearchLimit limit(deadline_, opt_.interrupt, fails);
    Gecode::Search::Options o;
    o.threads = 1;
    o.stop = &limit;
    // Search depth grows with residents x days: copy a space every c_d
    // levels so that the stack holds about a hundred copies at most.
    o.c_d = std::max<unsigned int>(8, static_cast<unsigned int>(pb_.residents * pb_.days / 100));
    o.a_d = o.c_d;
    Engine<DutyModel> engine(space, o);
    delete space;
    bool found = false;
    while (DutyModel* s = engine.next()) {
      record(*s);
      delete s;
      found = true;
      if (first_only) break;
    }
    effort_ += engine.statistics().fail + engine.statistics().node * per_node;
    propagations_ += engine.statistics().propagate;
    return !engine.stopped() && !(first_only && found);
  }

  // Keeps a cheaper schedule; with `sideways_`, also one of equal cost, so
  // the neighbourhood search can drift across plateaus.
  void record(const DutyModel& s) {
    if (has_best_ && (s.total() > best_cost_ || (s.total() == best_cost_ && !sideways_))) return;
    const bool better = !has_best_ || s.total() < best_cost_;
    best_ = s.values();
    best_cost_ = s.total();
    breakdown_ = s.breakdown();
    has_best_ = true;
    if (!better) return;
    ++solutions_;
    seconds_to_best_ = elapsed();
    if (solutions_ == 1) seconds_to_first_ = seconds_to_best_;
    if (shared_) return offer();
    if (opt_.on_progress) opt_.on_progress(seconds_to_best_, best_cost_, solutions_);
  }

  // Portfolio: gives the incumbent to the other threads when it is the
  // cheapest so far, and takes theirs when it is cheaper than ours.
  void share(SharedIncumbent* shared) {
    shared_ = shared;
    if (has_best_) offer();
  }
  void offer() {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->has && shared_->cost <= best_cost_) return;
    shared_->has = true;
    shared_->values = best_;
    shared_->cost = best_cost_;
    shared_->breakdown = breakdown_;
    shared_->seconds_to_best = elapsed();
    ++shared_->solutions;
    if (shared_->on_progress) shared_->on_progress(shared_->seconds_to_best, best_cost_, shared_->solutions);
  }
  void adopt() {
    if (!shared_) return;
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (!shared_->has || (has_best_ && shared_->cost >= best_cost_)) return;
    has_best_ = true;
    best_ = shared_->values;
    best_cost_ = shared_->cost;
    breakdown_ = shared_->breakdown;
  }

  // Takes `values` as the incumbent when they satisfy every hard rule.
  bool seed(const std::vector<std::vector<int>>& values) {
    DutyModel* s = fresh();
    s->fix_to(values, [](int, int) { return true; });
    s->branch(0, DutyModel::BranchOrder::by_day);
    run<Gecode::DFS>(s, 1000, true);
    return has_best_;
  }

  // A first schedule close to `start` (a published schedule that may no
  // longer be valid): the resident-days whose value the rules now forbid,
  // and every resident on the dates around them, are searched again with
  // the rest kept; the window widens until a schedule is found.
  bool from_baseline(const std::vector<std::vector<int>>& start, const Domains& domains) {
    const int R = pb_.residents, D = pb_.days;
    if (seed(start)) return true;
    std::vector<char> broken(D, 0);
    for (int r = 0; r < R; ++r)
      for (int d = 0; d < D; ++d) {
        const auto& allowed = domains.allowed[r][d];
        if (!std::binary_search(allowed.begin(), allowed.end(), start[r][d])) broken[d] = 1;
      }
    for (int reach = 1; reach <= 2 * D && !out_of_time(); reach *= 2) {
      std::vector<char> window(D, 0);
      for (int d = 0; d < D; ++d)
        if (broken[d])
          for (int k = std::max(0, d - reach); k <= std::min(D - 1, d + reach); ++k) window[k] = 1;
      DutyModel* s = fresh();
      s->fix_to(start, [&](int r, int d) {
        const auto& allowed = domains.allowed[r][d];
        return !window[d] && std::binary_search(allowed.begin(), allowed.end(), start[r][d]);
      });
      if (s->status() == Gecode::SS_FAILED) {
        delete s;
        continue;
      }
      s->branch(static_cast<unsigned>(rng_()), DutyModel::BranchOrder::by_day);
      run<Gecode::BAB>(s, 2000 + 50 * static_cast<unsigned long>(R * D) / 10);
      if (has_best_) return true;
    }
    return false;
  }

  // Shares the effort already spent by another search.
  void add_effort(unsigned long long e) { effort_ += e; }
  // No effort budget, only the clock and signals: for a search without
  // which the run has nothing to give. What it finds before the clock is
  // still the same in every run, whatever the time limit.
  void until_clock() { budget_ = std::numeric_limits<unsigned long long>::max(); }
  unsigned long long remaining_seconds_budget() const {
    return budget_ > effort_ ? budget_ - effort_ : 0;
  }

  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  DutyModel* fresh() { return static_cast<DutyModel*>(root_->clone()); }

  // Returns true when infeasibility or optimality was proven.
  bool first_solution(bool& proven_infeasible, unsigned long max_attempts = ~0UL) {
    proven_infeasible = false;
    const unsigned long long per_node = static_cast<unsigned long long>(pb_.residents) * pb_.days / kResidentDaysPerNodeFail;
    for (unsigned long attempt = 0, fails = 200; attempt < max_attempts && !out_of_time(); ++attempt, fails += fails / 2) {
      DutyModel* s = fresh();
      // Alternate the two orders: residents first suits programs whose hard
      // rules are per person, days first suits hard coverage.
      s->branch(static_cast<unsigned>(rng_()),
                attempt % 2 ? DutyModel::BranchOrder::by_resident : DutyModel::BranchOrder::by_day_off_first);
      bool exhausted = run<Gecode::DFS>(s, fails, true, per_node);
      if (has_best_) return false;
      if (exhausted) {
        proven_infeasible = true;
        return true;
      }
    }
    return false;
  }

  // A first schedule one resident at a time, each row searched with its own
  // restarts in a model of that resident alone (coverage left out): quick
  // and small when no hard rule couples residents. False when a row cannot
  // be found or the rows together break a rule (then other methods try).
  // With `steer`, each row is steered toward the shifts that coverage
  // still misses and kept out of those already full (for the repair of
  // hard coverage; on soft targets alone the plain rows anneal better).
  bool first_by_rows(const Domains& whole, bool steer = false) {
    Program alone = pb_.program;
    alone.coverage.clear();
    const std::vector<Roster> rosters = single_resident_rosters(pb_.program, pb_.roster);
    std::vector<std::vector<int>> rows(pb_.residents);
    // What coverage still misses, per day and value: each row is steered
    // to the shifts the rows before it left short.
    const int V = pb_.values, D = pb_.days;
    auto need = std::make_shared<std::vector<int>>(static_cast<std::size_t>(D) * V, 0);
    for (const CoverageEntry& e : pb_.program.coverage) {
      const int want = std::max(e.min.value_or(0), e.target.value_or(0));
      for (int d = 0; d < D; ++d)
        if (e.days.includes(pb_.date(d))) (*need)[static_cast<std::size_t>(d) * V + e.shift + 1] += want;
    }
    const bool guided = steer && std::any_of(need->begin(), need->end(), [](int n) { return n > 0; });
    // Room left under each coverage maximum, per entry and day: a row may
    // not take a shift the rows before it already filled.
    std::vector<std::vector<int>> room(pb_.program.coverage.size());
    for (std::size_t i = 0; i < room.size(); ++i)
      if (const auto& e = pb_.program.coverage[i]; e.max && steer) room[i].assign(D, *e.max);
    auto counted = [&](std::size_t i, int r, int d) {
      const CoverageEntry& e = pb_.program.coverage[i];
      return !room[i].empty() && e.days.includes(pb_.date(d)) && passes_filters(e, pb_.roster, r, pb_.date(d));
    };
    // Eligibility comes from the coverage entries' filters, which the
    // one-resident programs leave out: each row keeps the values the whole
    // program's pruning (`whole`) allows.
    // Where the row rules compile to tables, rows come from dynamic
    // programming (row_builder.hpp); the constraint search below is the
    // fallback for the rows it does not find and for other programs.
    std::unique_ptr<RowRules> tables = RowRules::compile(pb_, {});
    std::unique_ptr<RowBuilder> builder = tables ? std::make_unique<RowBuilder>(*tables) : nullptr;
    auto take = [&](int r, std::vector<int> row) {
      rows[r] = std::move(row);
      for (int d = 0; d < D; ++d)
        if (rows[r][d] > 0) --(*need)[static_cast<std::size_t>(d) * V + rows[r][d]];
      for (std::size_t i = 0; i < room.size(); ++i)
        for (int d = 0; d < D; ++d)
          if (rows[r][d] == pb_.program.coverage[i].shift + 1 && counted(i, r, d)) --room[i][d];
    };
    for (int r = 0; r < pb_.residents; ++r) {
      if (out_of_time()) return false;
      if (builder) {
        std::vector<char> allowed(static_cast<std::size_t>(D) * V, 0);
        for (int d = 0; d < D; ++d) {
          for (int v : whole.allowed[static_cast<std::size_t>(r)][static_cast<std::size_t>(d)])
            allowed[static_cast<std::size_t>(d) * V + v] = 1;
          for (std::size_t i = 0; i < room.size(); ++i)
            if (counted(i, r, d) && room[i][d] <= 0) allowed[static_cast<std::size_t>(d) * V + pb_.program.coverage[i].shift + 1] = 0;
        }
        std::vector<int> row = builder->build(r, allowed, guided ? need.get() : nullptr, rng_);
        effort_ += kFailsPerRowBuilt;
        if (!row.empty()) {
          take(r, std::move(row));
          continue;
        }
      }
      SolveProblem one(alone, rosters[r]);
      Domains domains = prune_domains(one);
      if (domains.empty_domain) return false;
      for (int d = 0; d < D; ++d) {
        auto& allowed = domains.allowed[0][static_cast<std::size_t>(d)];
        const auto& ok = whole.allowed[static_cast<std::size_t>(r)][static_cast<std::size_t>(d)];
        std::erase_if(allowed, [&](int v) { return !std::binary_search(ok.begin(), ok.end(), v); });
        if (allowed.empty()) return false;
      }
      for (std::size_t i = 0; i < room.size(); ++i)
        for (int d = 0; d < D; ++d) {
          auto& allowed = domains.allowed[0][static_cast<std::size_t>(d)];
          const int v = pb_.program.coverage[i].shift + 1;
          if (counted(i, r, d) && room[i][d] <= 0 && allowed.size() > 1)
            allowed.erase(std::remove(allowed.begin(), allowed.end(), v), allowed.end());
        }
      DutyModel model(one, domains, {});
      if (model.status() == Gecode::SS_FAILED) return false;
      bool found = false;
      // Restarts with failure limits in the Luby sequence (100, 100, 200,
      // 100, 100, 200, 400, ...): tight rows are found by many short
      // searches rather than by a few long ones.
      for (unsigned long attempt = 0, fails = kRowFails; attempt < kRowAttempts && !found && !out_of_time();
           ++attempt, fails = kRowFails * luby(attempt + 1)) {
        auto* s = static_cast<DutyModel*>(model.clone());
        // Alternately day by day toward what coverage misses, and a mix of
        // shifts first (tight hours).
        s->branch_resident(0, static_cast<unsigned>(rng_()), attempt % 2 == 1,
                           guided && attempt % 2 == 0 ? need : nullptr);
        SearchLimit limit(deadline_, opt_.interrupt, fails);
        Gecode::Search::Options o;
        o.stop = &limit;
        Gecode::DFS<DutyModel> engine(s, o);
        delete s;
        std::unique_ptr<DutyModel> solved(engine.next());
        effort_ += engine.statistics().fail;
        if (solved) {
          take(r, solved->row(0));
          found = true;
        } else if (!engine.stopped()) {
          return false;  // this resident has no row at all
        }
      }
      if (!found) return false;
    }
    return seed(rows);
  }

  // The i-th term (from 1) of the Luby sequence 1, 1, 2, 1, 1, 2, 4, ...
  static unsigned long luby(unsigned long i) {
    for (unsigned long k = 1;; ++k) {
      if (i == (1UL << k) - 1) return 1UL << (k - 1);
      if (i < (1UL << k) - 1) return luby(i - (1UL << (k - 1)) + 1);
    }
  }

  // Branch and bound over the whole problem for a share of the effort.
  bool full_bab(double share) {
    DutyModel* s = fresh();
    if (has_best_) s->bound_cost_below(best_cost_);
    s->branch(static_cast<unsigned>(rng_()), DutyModel::BranchOrder::by_day);
    return run<Gecode::BAB>(s, static_cast<unsigned long>(budget_ * share));
  }

  // Local search from the incumbent for a share of the remaining effort
  // (one row evaluation counts as one failure); what it finds is replayed
  // through the constraint model, which alone decides whether it counts.
  void improve_locally(LocalSearch& ls, double share) {
    adopt();
    if (!has_best_) return;
    const double per_fail = ls.evaluations_per_fail();
    unsigned long long evals = static_cast<unsigned long long>(remaining_seconds_budget() * share * per_fail);
    // Where the budget gives every resident-date kEvalsPerDateRun
    // evaluations several times over, it goes to up to kAnnealRuns runs,
    // each from the best schedule so far: one long run on a small program
    // sometimes settles in a basin it cannot leave (Curtois 2, 5 and 6 at
    // 60 s, one seed in two), and the next run starts it afresh.
    const double per_date = static_cast<double>(evals) / std::max(1, pb_.residents * pb_.days);
    const int runs = std::clamp(static_cast<int>(per_date / kEvalsPerDateRun), 1, kAnnealRuns);
    for (int k = 0; k < runs && !out_of_time(); ++k) {
      if (k > 0) adopt();
      auto values = best_;
      unsigned long long e0 = ls.evaluations();
      long long cost = ls.improve(values, rng_(), evals / runs, [this] { return out_of_time(); });
      effort_ += static_cast<unsigned long long>((ls.evaluations() - e0) / per_fail);
      if (cost >= 0 && cost < best_cost_) seed(values);
    }
  }

  // Column generation (column_generation.hpp) from the incumbent's rows,
  // for a share of the remaining effort (kStepsPerFail pricing steps or
  // kPivotColumnsPerFail of the integer master's work count as one failure),
  // its branch and price searching as `branching` says. True when
  // the incumbent is proven optimal: its cost meets the relaxation's bound.
  bool by_columns(ColumnGeneration& cg, double share,
                  ColumnGeneration::Branching branching = ColumnGeneration::Branching::widening) {
    adopt();
    if (!has_best_) return false;
    cg.add_schedule(best_);
    const unsigned long long allowed = static_cast<unsigned long long>(remaining_seconds_budget() * share);
    const unsigned long long pricing_share = allowed / 2;
    const unsigned long long steps0 = cg.steps();
    auto keep_going = [&](unsigned long long s) {
      return (s - steps0) / kStepsPerFail < pricing_share && !out_of_time();
    };
    const unsigned long long left = allowed > pricing_share ? allowed - pricing_share : 0;
    const unsigned long long work = left * kPivotColumnsPerFail;
    // The wall clock as a safety net, within the deadline.
    const double seconds =
        std::max(0.1, std::min(kMasterClockSlack * static_cast<double>(left) / kFailsPerSecond,
                               std::chrono::duration<double>(deadline_ - Clock::now()).count()));
    const Clock::time_point began = Clock::now();
    ColumnGeneration::Outcome out = cg.run(best_cost_, keep_going, [this] { return stopped(); }, work, seconds,
                                           pricing_share * kStepsPerFail / kBranchShare, branching);
    unsigned long long spent =
        (cg.steps() - steps0) / kStepsPerFail + out.work / kPivotColumnsPerFail;
    if (out.clock_stopped) {
      // CBC's work was dearer than the budget prices it:
      // the run is no longer reproducible, and the time it took is charged,
      // so that the phases after it keep their shares of what is left.
      clock_bound_ = true;
      spent = std::max(spent, static_cast<unsigned long long>(
                                  std::chrono::duration<double>(Clock::now() - began).count() * kFailsPerSecond));
    }
    effort_ += spent;
    if (out.found && out.cost < best_cost_) seed(out.schedule);
    // Proven when the cost meets the bound, or when the pool held every row
    // a cheaper schedule could take and the integer master found none
    // cheaper than the incumbent (its own find, if any, taken above).
    return out.converged && (static_cast<double>(best_cost_) <= std::ceil(out.bound - 1e-6) ||
                             (out.enumerated && out.pool_optimal && (!out.found || best_cost_ <= out.cost)));
  }

  // The integer master over the whole pool (ColumnGeneration::combine)
  // for `share` of the budget left: rows that neighbourhoods found around
  // different incumbents combine into schedules no single move reaches
  // (Curtois 7, seed 1: 1056, 106 resident-dates from the 1057 the
  // neighbourhoods ended at).
  void by_pool(ColumnGeneration& cg, double share) {
    adopt();
    if (!has_best_ || out_of_time()) return;
    const unsigned long long allowed = static_cast<unsigned long long>(remaining_seconds_budget() * share);
    const double seconds =
        std::max(0.1, std::min(kMasterClockSlack * static_cast<double>(allowed) / kFailsPerSecond,
                               std::chrono::duration<double>(deadline_ - Clock::now()).count()));
    const Clock::time_point began = Clock::now();
    ColumnGeneration::Outcome out =
        cg.combine(best_cost_, allowed * kPoolPivotColumnsPerFail, seconds, [this] { return stopped(); });
    unsigned long long spent = out.work / kPoolPivotColumnsPerFail;
    if (out.clock_stopped) {  // as in by_columns
      clock_bound_ = true;
      spent = std::max(spent, static_cast<unsigned long long>(
                                  std::chrono::duration<double>(Clock::now() - began).count() * kFailsPerSecond));
    }
    effort_ += spent;
    if (out.found && out.cost < best_cost_) seed(out.schedule);
  }

  // The residents in a random order.
  std::vector<int> shuffled_residents() {
    std::vector<int> order(static_cast<std::size_t>(pb_.residents));
    for (int r = 0; r < pb_.residents; ++r) order[static_cast<std::size_t>(r)] = r;
    std::shuffle(order.begin(), order.end(), rng_);
    return order;
  }

  // A neighbourhood of about `share` of the resident-dates, of one of
  // four kinds: whole residents; a block of days for everyone; some
  // residents over a window of days; the days around a missed coverage
  // need, for some residents (whole residents when none is missed).
  std::vector<std::vector<char>> neighbourhood(int kind, double share) {
    const int R = pb_.residents, D = pb_.days;
    std::vector<std::vector<char>> freed(R, std::vector<char>(D, 0));
    long long target = std::max<long long>(2, static_cast<long long>(share * R * D));
    std::vector<int> short_of;
    if (kind == 3) short_of = short_days();
    if (kind == 3 && !short_of.empty()) {  // the days around a missed coverage need, for some residents
      const int d = short_of[rng_() % short_of.size()];
      const int len = std::min(D, 1 + 2 * static_cast<int>(1 + rng_() % 3));
      const int first = std::clamp(d - len / 2, 0, D - len);
      int people = std::clamp<int>(static_cast<int>(target / len), 2, R);
      const std::vector<int> order = shuffled_residents();
      for (int i = 0; i < people; ++i)
        for (int dd = first; dd < first + len; ++dd) freed[order[i]][dd] = 1;
    } else if (kind == 0 || kind == 3) {  // whole residents
      const std::vector<int> order = shuffled_residents();
      for (int i = 0; i < R && target > 0; ++i, target -= D) std::fill(freed[order[i]].begin(), freed[order[i]].end(), 1);
    } else if (kind == 1) {  // a block of days for everyone
      int len = std::clamp<int>(static_cast<int>(target / std::max(1, R)), 1, D);
      int first = static_cast<int>(rng_() % (D - len + 1));
      for (int r = 0; r < R; ++r)
        for (int d = first; d < first + len; ++d) freed[r][d] = 1;
    } else {  // some residents over a window of days
      int len = std::min(D, 7 + static_cast<int>(rng_() % 14));
      int first = static_cast<int>(rng_() % (D - len + 1));
      int people = std::clamp<int>(static_cast<int>(target / len), 1, R);
      const std::vector<int> order = shuffled_residents();
      for (int i = 0; i < people; ++i)
        for (int d = first; d < first + len; ++d) freed[order[i]][d] = 1;
    }
    return freed;
  }

  // Large neighbourhood search: free a neighbourhood, keep the rest of the
  // incumbent, and look for a cheaper completion within a failure budget.
  bool lns(long long goal = -1) {
    const int R = pb_.residents, D = pb_.days;
    const unsigned long long move_cost = static_cast<unsigned long long>(R) * D / kResidentDatesPerMoveFail;
    double share = 0.2;
    while (!out_of_time() && best_cost_ > goal) {
      adopt();
      // Repairing coverage (goal 0), a quarter of the neighbourhoods sit on
      // the days coverage is short; the real objective does better with the
      // three plain kinds.
      const int kind = static_cast<int>(rng_() % (goal >= 0 ? 4 : 3));
      const std::vector<std::vector<char>> freed = neighbourhood(kind, share);
      DutyModel* s = fresh();
      effort_ += move_cost;
      s->fix_to(best_, [&](int r, int d) { return !freed[r][d]; });
      s->bound_cost_below(best_cost_ + 1);  // equal cost allowed: a sideways move
      if (s->status() == Gecode::SS_FAILED) {
        delete s;
        share = std::min(1.0, share * 1.1);
        continue;
      }
      s->branch(static_cast<unsigned>(rng_()), DutyModel::BranchOrder::by_day);
      long long before = best_cost_;
      sideways_ = true;
      bool exhausted = run<Gecode::BAB>(s, 300 + 20 * static_cast<unsigned long>(std::sqrt(R * D)));
      sideways_ = false;
      bool whole = share >= 1.0 && kind == 0;
      if (exhausted && whole && best_cost_ == before) return true;  // the whole space, nothing cheaper
      if (best_cost_ < before) continue;
      if (exhausted) share = std::min(1.0, share * 1.05);  // neighbourhood too small
      else share = std::max(0.02, share * 0.95);           // too big to finish
    }
    return false;
  }

  // Large neighbourhood search by branch and price (see
  // ColumnGeneration::improve) for `share` of the budget left: each
  // neighbourhood searched to the end proves it holds nothing cheaper,
  // and the next one is larger; one that runs out of its work, smaller.
  // True when a neighbourhood of everything was searched to the end: the
  // incumbent is optimal.
  bool lns_columns(ColumnGeneration& cg, double share) {
    adopt();
    if (!has_best_) return false;
    const unsigned long long allowed = static_cast<unsigned long long>(remaining_seconds_budget() * share);
    const unsigned long long effort0 = effort_;
    double size = 0.2;
    while (effort_ - effort0 < allowed && !out_of_time()) {
      adopt();
      const int kind = static_cast<int>(rng_() % 3);
      const std::vector<std::vector<char>> freed = neighbourhood(kind, size);
      const unsigned long long move = std::min(kColumnMoveFails, allowed - (effort_ - effort0));
      const unsigned long long steps0 = cg.steps();
      auto keep_going = [&](unsigned long long steps) { return (steps - steps0) / kStepsPerFail < move; };
      ColumnGeneration::Outcome out = cg.improve(best_, freed, best_cost_, keep_going, [this] { return stopped(); });
      effort_ += (cg.steps() - steps0) / kStepsPerFail;
      const long long before = best_cost_;
      if (out.found && out.cost < best_cost_) seed(out.schedule);
      if (best_cost_ < before) continue;
      const bool everything = std::all_of(freed.begin(), freed.end(), [](const std::vector<char>& row) {
        return std::all_of(row.begin(), row.end(), [](char f) { return f != 0; });
      });
      if (out.exhausted && everything) return true;
      if (out.exhausted) size = std::min(1.0, size * 1.1);  // too small to hold a better schedule
      else size = std::max(0.02, size * 0.9);               // too large to search in one move
    }
    return false;
  }

  // The days on which the incumbent misses a coverage minimum, target or
  // senior need: where a neighbourhood is most likely to pay.
  std::vector<int> short_days() const {
    std::vector<int> out;
    if (!has_best_) return out;
    for (int d = 0; d < pb_.days; ++d) {
      const Date day = pb_.date(d);
      bool shortfall = false;
      for (const CoverageEntry& e : pb_.program.coverage) {
        if (shortfall || !e.days.includes(day)) continue;
        int n = 0, all = 0, seniors = 0;
        for (int r = 0; r < pb_.residents; ++r) {
          if (best_[r][d] != e.shift + 1) continue;
          ++all;
          n += passes_filters(e, pb_.roster, r, day) ? 1 : 0;
          seniors += e.senior_min && pb_.roster.residents[r].pgy >= e.senior_min->pgy ? 1 : 0;
        }
        shortfall = (e.min && n < *e.min) || (e.target && n < *e.target) ||
                    (e.senior_min && all > 0 && seniors < e.senior_min->count);
      }
      if (shortfall) out.push_back(d);
    }
    return out;
  }

  const SolveProblem& pb_;
  const SolveOptions& opt_;
  DutyModel* root_;
  Clock::time_point start_, deadline_;
  std::mt19937_64 rng_;
  bool has_best_ = false;
  std::vector<std::vector<int>> best_;
  long long best_cost_ = 0;
  std::array<long long, kTerms> breakdown_{};
  int solutions_ = 0;
  double seconds_to_best_ = 0;
  double seconds_to_first_ = 0;
  unsigned long long budget_ = 0;
  unsigned long long effort_ = 0;
  unsigned long long propagations_ = 0;
  bool sideways_ = false;
  bool clock_bound_ = false;  // a phase ended by its own wall-clock limit before its effort share
  SharedIncumbent* shared_ = nullptr;
};

}  // namespace rota::solve
