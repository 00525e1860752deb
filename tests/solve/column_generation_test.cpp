#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "support/fixture.hpp"

#include "rota/solve/pruning.hpp"
#include "rota/solve/solver.hpp"
#include "solve/column_generation.hpp"
#include "solve/row_builder.hpp"
#include "solve/row_pricing.hpp"
#include "solve/row_rules.hpp"

using namespace rota;
using namespace rota::test;

namespace {
// The integer master's work, unlimited (the tests that use it expect a proof).
constexpr unsigned long long kNoWorkLimit = ~0ULL;

// A program of `days` with one 8-hour shift, a soft target of 3 and a hard
// maximum of 4 a day, no duty-hour rules and no fairness: up to `residents:`.
std::string one_shift_program(const std::string& name, int days) {
  return "program: " + name + "\ntimezone: UTC\nhorizon: {start: 2024-01-01, days: " + std::to_string(days) +
         "}\nshifts:\n"
         "  - {id: D, start: \"08:00\", hours: 8, kind: day}\n"
         "coverage:\n"
         "  - {shift: D, days: all, target: 3, max: 4, under_weight: 50, over_weight: 5}\n"
         "rules: {weekly_hours: false, days_off: false, continuous_duty: false, rest: false, call_frequency: false}\n"
         "objective: {fairness: {calls: 0, weekends: 0, nights: 0, hours: 0}}\n"
         "residents:\n";
}

// Two weeks (or `days`) of a ward: six residents with requests, run and
// hour limits.
std::string ward(int days = 14, int max_hours = 72, int residents = 6) {
  std::string y = one_shift_program("Ward", days);
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{id: R{}, pgy: 1, min_hours: 40, max_hours: {}, max_consecutive: 4, min_days_off_run: 2}}\n", r,
                     max_hours);
  y += "requests:\n";
  for (int r = 0; r < residents; ++r)
    for (int k = 0; k < 3; ++k)
      y += fmt::format("  - {{resident: R{}, date: 2024-01-{:02}, off: true, weight: {}}}\n", r, 1 + (3 * r + 5 * k) % 14,
                       1 + k);
  return y;
}

Schedule to_schedule(const SolveProblem& pb, const std::vector<std::vector<int>>& values) {
  Schedule s;
  for (int r = 0; r < pb.residents; ++r)
    for (int d = 0; d < pb.days; ++d)
      if (values[r][d] > 0) s.assignments.push_back({r, pb.date(d), values[r][d] - 1});
  std::sort(s.assignments.begin(), s.assignments.end());
  return s;
}

// A schedule of random rows that passes the checker.
std::vector<std::vector<int>> random_rows(const Case& c, const SolveProblem& pb) {
  auto tables = solve::RowRules::compile(pb, {});
  solve::RowBuilder builder(*tables);
  std::mt19937_64 rng(5);
  const int D = pb.days, V = pb.values;
  std::vector<std::vector<int>> first;
  for (int attempt = 0; attempt < 50; ++attempt) {
    first.assign(pb.residents, {});
    for (int r = 0; r < pb.residents; ++r) {
      std::vector<char> allowed(static_cast<std::size_t>(D) * V, 1);
      first[r] = builder.build(r, allowed, nullptr, rng);
      REQUIRE(!first[r].empty());
    }
    if (check_compliance(c.program, c.roster, to_schedule(pb, first)).violations == 0) break;
  }
  return first;
}

}  // namespace

TEST_CASE("column generation: from random rows, the integer master's schedule passes the checker at its cost, above the bound") {
  Case c = make_case(ward());
  SolveProblem pb(c.program, c.roster);
  Domains dom = prune_domains(pb);
  REQUIRE(!dom.empty_domain);
  auto cg = solve::ColumnGeneration::make(pb, dom, {});
  REQUIRE(cg);
  // A first schedule of random rows, kept under the coverage maximum.
  const auto first = random_rows(c, pb);
  ComplianceReport start = check_compliance(c.program, c.roster, to_schedule(pb, first));
  REQUIRE(start.violations == 0);
  cg->add_schedule(first);
  auto out = cg->run(start.cost.total(), [](unsigned long long) { return true; }, nullptr, kNoWorkLimit, 30);
  CHECK(out.converged);
  REQUIRE(out.found);
  CHECK(out.cost < start.cost.total());
  CHECK(out.bound <= static_cast<double>(out.cost) + 1e-6);
  CHECK(!out.clock_stopped);
  ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, out.schedule));
  CHECK(rep.violations == 0);
  CHECK(rep.cost.total() == out.cost);
}

// The time limit and signals reach inside the phase: pricing asks its
// limit every few thousand steps, not only between residents (one
// resident's pricing here takes more than 8192 steps), and the outcome
// says it was cut short.
TEST_CASE("column generation: a stop request ends pricing within a few thousand steps") {
  Case c = make_case(ward(56, 400));
  SolveProblem pb(c.program, c.roster);
  Domains dom = prune_domains(pb);
  auto cg = solve::ColumnGeneration::make(pb, dom, {});
  REQUIRE(cg);
  const auto first = random_rows(c, pb);
  const long long cost = check_compliance(c.program, c.roster, to_schedule(pb, first)).cost.total();
  cg->add_schedule(first);
  // Unlimited, pricing goes past this (3000 steps past the first ask,
  // which follows the first relaxation's work); told to stop at it, it
  // stops there.
  std::optional<unsigned long long> limit;
  unsigned long long asked_at = 0;
  auto out = cg->run(
      cost,
      [&](unsigned long long steps) {
        asked_at = steps;
        if (!limit) limit = steps + 3000;
        return steps < *limit;
      },
      [] { return false; }, kNoWorkLimit, 30);
  REQUIRE(limit);
  CHECK(!out.converged);
  CHECK(cg->steps() >= *limit);
  CHECK(cg->steps() <= *limit + 4096 + pb.values);
  CHECK(asked_at == cg->steps());
  // A signal (both limits say stop): no pricing, no CBC.
  const unsigned long long before = cg->steps();
  auto stopped = cg->run(cost, [](unsigned long long) { return false; }, [] { return true; }, kNoWorkLimit, 30);
  CHECK(!stopped.converged);
  CHECK(stopped.clock_stopped);
  CHECK(!stopped.found);
  CHECK(cg->steps() == before);
  if (out.found) {
    ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, out.schedule));
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == out.cost);
  }
}

namespace {

// A week of a small ward whose every schedule can be searched: five
// residents, one shift, 4 shifts each with runs of at most 2, and off
// requests that differ by `variant`.
std::string small_ward(int variant) {
  std::string y = one_shift_program("Small", 7);
  for (int r = 0; r < 5; ++r)
    y += fmt::format("  - {{id: R{}, pgy: 1, min_hours: 32, max_hours: 32, max_consecutive: 2}}\n", r);
  y += "requests:\n";
  std::mt19937_64 rng(static_cast<unsigned long long>(variant));
  for (int r = 0; r < 5; ++r)
    for (int k = 0; k < 3; ++k)
      y += fmt::format("  - {{resident: R{}, date: 2024-01-{:02}, off: true, weight: {}}}\n", r, 1 + rng() % 7,
                       1 + rng() % 9);
  return y;
}

// Exhaustive search over a small ward: every valid row of each resident
// (its request cost from the checker, with the others off), then every
// combination of rows through the coverage counts per date. The optimum,
// and each resident's valid rows.
struct Exhaustive {
  long long optimum = std::numeric_limits<long long>::max();
  std::vector<std::vector<std::vector<int>>> rows;  // [r] -> rows
};

Exhaustive exhaustive(const Case& c, const SolveProblem& pb, const Domains& dom) {
  const int R = pb.residents, D = pb.days, V = pb.values;
  auto tables = solve::RowRules::compile(pb, {});
  REQUIRE(tables);
  solve::RowPricing pricing(*tables);
  Exhaustive ex;
  ex.rows.resize(R);
  // The cheapest sum of request costs per coverage count vector, one
  // resident at a time.
  std::map<std::vector<int>, long long> best{{std::vector<int>(D, 0), 0}};
  for (int r = 0; r < R; ++r) {
    std::vector<char> allowed(static_cast<std::size_t>(D) * V, 0);
    for (int d = 0; d < D; ++d)
      for (int v : dom.allowed[r][d]) allowed[static_cast<std::size_t>(d) * V + v] = 1;
    const auto all = pricing.all_below(r, allowed, std::vector<double>(allowed.size(), 0.0), 1.0, 100000);
    REQUIRE(all.exact);
    REQUIRE(!all.rows.empty());
    std::map<std::vector<int>, long long> next;
    for (const auto& row : all.rows) {
      std::vector<std::vector<int>> alone(R, std::vector<int>(D, 0));
      alone[r] = row.values;
      ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, alone));
      const bool valid = std::none_of(rep.findings.begin(), rep.findings.end(), [&](const ComplianceFinding& f) {
        return f.severity == FindingSeverity::violation && f.resident == r;
      });
      REQUIRE(valid);
      ex.rows[r].push_back(row.values);
      for (const auto& [counts, cost] : best) {
        std::vector<int> more = counts;
        for (int d = 0; d < D; ++d) more[d] += row.values[d] > 0 ? 1 : 0;
        auto [it, fresh] = next.try_emplace(more, cost + rep.cost.requests);
        if (!fresh) it->second = std::min(it->second, cost + rep.cost.requests);
      }
    }
    best = std::move(next);
  }
  for (const auto& [counts, cost] : best) {
    long long total = cost;
    bool ok = true;
    for (int n : counts) {
      ok = ok && n <= 4;
      total += 50 * std::max(0, 3 - n) + 5 * std::max(0, n - 3);
    }
    if (ok) ex.optimum = std::min(ex.optimum, total);
  }
  return ex;
}

}  // namespace

// The proof is checked against exhaustive search.
TEST_CASE("column generation: on small wards it proves optimal the cost that exhaustive search finds, and the pool's master finds it") {
  for (int variant = 1; variant <= 6; ++variant) {
    CAPTURE(variant);
    Case c = make_case(small_ward(variant));
    SolveProblem pb(c.program, c.roster);
    Domains dom = prune_domains(pb);
    REQUIRE(!dom.empty_domain);
    const Exhaustive ex = exhaustive(c, pb, dom);
    const long long optimum = ex.optimum;

    // Column generation from random rows, its budget unlimited.
    auto cg = solve::ColumnGeneration::make(pb, dom, {});
    REQUIRE(cg);
    CHECK(!cg->bounded());
    const auto first = random_rows(c, pb);
    const long long start = check_compliance(c.program, c.roster, to_schedule(pb, first)).cost.total();
    cg->add_schedule(first);
    auto out = cg->run(start, [](unsigned long long) { return true; }, nullptr, kNoWorkLimit, 30);
    REQUIRE(out.converged);
    const long long found = out.found ? std::min(out.cost, start) : start;
    CHECK(found == optimum);
    CHECK((static_cast<double>(found) <= std::ceil(out.bound - 1e-6) || (out.enumerated && out.pool_optimal)));
    if (out.found) {
      ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, out.schedule));
      CHECK(rep.violations == 0);
      CHECK(rep.cost.total() == out.cost);
    }

    // The integer master over the whole pool leaves out the rows whose
    // reduced cost puts them out of reach of a schedule cheaper than
    // asked, and tells CBC that costs are whole: with every valid row
    // pooled, it finds the optimum when asked for anything cheaper than
    // one above it, and nothing when asked for anything cheaper than it.
    REQUIRE(cg->bounded());
    std::size_t most = 0;
    for (const auto& rows : ex.rows) most = std::max(most, rows.size());
    for (std::size_t k = 0; k < most; ++k) {
      std::vector<std::vector<int>> some(pb.residents);
      for (int r = 0; r < pb.residents; ++r) some[r] = ex.rows[r][std::min(k, ex.rows[r].size() - 1)];
      cg->add_schedule(some);
    }
    auto best = cg->combine(optimum + 1, kNoWorkLimit, 30, nullptr);
    REQUIRE(best.found);
    CHECK(best.cost == optimum);
    CHECK(best.pool_optimal);
    ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, best.schedule));
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == best.cost);
    auto none = cg->combine(optimum, kNoWorkLimit, 30, nullptr);
    CHECK(!none.found);
    CHECK(none.pool_optimal);
  }
}

// The neighbourhood search by branch and price: resident-dates held keep
// the incumbent's values; searched to the end, a neighbourhood yields its
// cheapest schedule, valid at its cost; freeing everything finds the
// optimum that the full column generation proves.
TEST_CASE("column generation: a neighbourhood searched by branch and price keeps what is held and finds its cheapest schedule") {
  auto unlimited = [](unsigned long long) { return true; };
  for (int variant = 1; variant <= 6; ++variant) {
    CAPTURE(variant);
    Case c = make_case(small_ward(variant));
    SolveProblem pb(c.program, c.roster);
    Domains dom = prune_domains(pb);
    REQUIRE(!dom.empty_domain);
    const int R = pb.residents, D = pb.days;
    const auto first = random_rows(c, pb);
    const long long start = check_compliance(c.program, c.roster, to_schedule(pb, first)).cost.total();

    auto proof = solve::ColumnGeneration::make(pb, dom, {});
    REQUIRE(proof);
    proof->add_schedule(first);
    const auto full = proof->run(start, unlimited, nullptr, kNoWorkLimit, 30);
    REQUIRE(full.converged);
    const long long optimum = full.found ? std::min(full.cost, start) : start;

    // Two residents free, the rest held.
    auto cg = solve::ColumnGeneration::make(pb, dom, {});
    REQUIRE(cg);
    std::vector<std::vector<char>> freed(R, std::vector<char>(D, 0));
    freed[1].assign(D, 1);
    freed[3].assign(D, 1);
    const auto part = cg->improve(first, freed, start, unlimited, nullptr);
    CHECK(part.exhausted);
    const long long part_cost = part.found ? part.cost : start;
    CHECK(part_cost >= optimum);
    if (part.found) {
      CHECK(part.cost < start);
      ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, part.schedule));
      CHECK(rep.violations == 0);
      CHECK(rep.cost.total() == part.cost);
      for (int r : {0, 2, 4}) CHECK(part.schedule[r] == first[r]);
    }

    // Everything free, from the same pool: the optimum.
    const std::vector<std::vector<char>> all(R, std::vector<char>(D, 1));
    const auto whole = cg->improve(first, all, start, unlimited, nullptr);
    CHECK(whole.exhausted);
    CHECK((whole.found ? whole.cost : start) == optimum);
    if (whole.found) {
      ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, whole.schedule));
      CHECK(rep.violations == 0);
      CHECK(rep.cost.total() == whole.cost);
    }
  }
}

// SPEC section 8 on the programs where column generation runs: the
// integer master (CBC) ends on its work limit, counted in simplex pivots
// times columns, not on the clock, so two runs from the same rows agree.
// (Pricing is cut short, so CBC runs on a pool it must branch over.)
TEST_CASE("column generation: the integer master stops on its work limit, the same in every run") {
  Case c = make_case(ward(56, 400));
  SolveProblem pb(c.program, c.roster);
  Domains dom = prune_domains(pb);
  const auto first = random_rows(c, pb);
  const long long start = check_compliance(c.program, c.roster, to_schedule(pb, first)).cost.total();
  auto once = [&](unsigned long long work) {
    auto cg = solve::ColumnGeneration::make(pb, dom, {});
    REQUIRE(cg);
    cg->add_schedule(first);
    return cg->run(start, [](unsigned long long steps) { return steps < 400000; }, nullptr, work, 60);
  };
  // Unlimited, CBC proves its pool's optimum after some branching.
  const auto whole = once(kNoWorkLimit);
  CHECK(!whole.converged);
  CHECK(!whole.clock_stopped);
  REQUIRE(whole.pool_optimal);
  REQUIRE(whole.nodes > 2);
  if (whole.found) {
    ComplianceReport rep = check_compliance(c.program, c.roster, to_schedule(pb, whole.schedule));
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == whole.cost);
  }
  // Limited to half that work, it stops on the limit, twice alike.
  const unsigned long long limit = whole.work / 2;
  const auto a = once(limit), b = once(limit);
  CHECK(!a.clock_stopped);
  CHECK(!a.pool_optimal);
  CHECK(a.work >= limit);
  CHECK(a.work < whole.work);
  CHECK(a.nodes < whole.nodes);
  CHECK(a.work == b.work);
  CHECK(a.nodes == b.nodes);
  CHECK(a.found == b.found);
  CHECK(a.schedule == b.schedule);
}

// The whole solver on such a program (too large for its full branch and
// bound): one seed, one schedule, ended by the effort budget. Under a
// sanitizer, which slows every step, the clock may end it first; then only
// the schedules' validity is checked.
TEST_CASE("column generation: one seed, one schedule from the whole solver") {
  Case c = make_case(ward(56, 400, 12));
  SolveOptions o;
  o.time_limit_seconds = 2;
  o.threads = 1;
  o.seed = 11;
  const SolveResult a = solve_schedule(c.program, c.roster, o);
  const SolveResult b = solve_schedule(c.program, c.roster, o);
  REQUIRE(a.solutions > 0);
  REQUIRE(b.solutions > 0);
  for (const SolveResult* res : {&a, &b}) {
    ComplianceReport rep = check_compliance(c.program, c.roster, res->schedule);
    CHECK(rep.violations == 0);
    CHECK(rep.cost.total() == res->cost);
  }
#if !defined(__SANITIZE_ADDRESS__)
  CHECK_FALSE(a.wall_clock_stop);
  CHECK_FALSE(b.wall_clock_stop);
#endif
  if (!a.wall_clock_stop && !b.wall_clock_stop) {
    CHECK(a.schedule.assignments == b.schedule.assignments);
    CHECK(a.cost == b.cost);
  }
}
