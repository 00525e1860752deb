#include <random>

#include <fmt/format.h>

#include "support/fixture.hpp"
#include "support/row_programs.hpp"

#include "rota/solve/pruning.hpp"
#include "rota/solve/solver.hpp"
#include "solve/row_builder.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// The checker's violations that name resident r.
std::string violations_of(const ComplianceReport& rep, int r) {
  std::string why;
  for (const auto& f : rep.findings)
    if (f.severity == FindingSeverity::violation && f.resident && *f.resident == r) why += f.rule + ": " + f.message + "; ";
  return why;
}

// A half-year program like the largest Curtois instances: 8-hour shifts, an
// hour window that leaves about one day in three off, runs of two to five
// shifts, two days off at least, half the weekends, a fortnight's leave.
std::string half_year_program(int residents) {
  std::string y =
      "program: Half year\ntimezone: UTC\nhorizon: {start: 2024-01-01, days: 182}\nshifts:\n"
      "  - {id: E, start: \"06:00\", hours: 8, kind: day}\n"
      "  - {id: L, start: \"14:00\", hours: 8, kind: day}\n"
      "  - {id: N, start: \"22:00\", hours: 8, kind: night}\n"
      "coverage:\n"
      "  - {shift: E, days: all, target: 2, under_weight: 100}\n"
      "  - {shift: L, days: all, target: 2, under_weight: 100}\n"
      "  - {shift: N, days: all, target: 1, under_weight: 100}\n"
      "forbidden_successions: [[N, E], [N, L], [L, E]]\n"
      "rules: {weekly_hours: false, days_off: false, continuous_duty: false, rest: false, call_frequency: false}\n"
      "residents:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format(
        "  - {{id: R{}, pgy: 1, max_shifts: \"N={}\", min_hours: 916, max_hours: 936, min_consecutive: 2, "
        "max_consecutive: 5, min_days_off_run: 2, max_weekends: 13}}\n",
        r, r % 3 == 0 ? 0 : 182);
  y += "leave:\n";
  for (int r = 0; r < residents; ++r)
    y += fmt::format("  - {{resident: R{}, from: {}, to: {}}}\n", r, format_date(*parse_date("2024-01-08") + date::days{11 * r}),
                     format_date(*parse_date("2024-01-19") + date::days{11 * r}));
  return y;
}

}  // namespace

TEST_CASE("property: every row built keeps the resident's rules and stays within the values allowed") {
  std::mt19937 rng(20271203);
  std::mt19937_64 build_rng(7);
  int built = 0, missed = 0;
  for (int i = 0; i < 80; ++i) {
    std::string yaml = random_row_program(rng);
    CAPTURE(yaml);
    Case c = make_case(yaml);
    SolveProblem pb(c.program, c.roster);
    Domains dom = prune_domains(pb);
    if (dom.empty_domain) continue;
    auto tables = solve::RowRules::compile(pb, {});
    REQUIRE(tables);
    solve::RowBuilder builder(*tables);
    const int D = pb.days, V = pb.values;
    // What coverage misses, for the steered rows: a random shortfall.
    std::vector<int> need(static_cast<std::size_t>(D) * V, 0);
    for (int& n : need) n = static_cast<int>(rng() % 3);
    Schedule s;
    std::vector<std::vector<char>> allowed(pb.residents);
    std::vector<std::vector<int>> rows(pb.residents);
    for (int r = 0; r < pb.residents; ++r) {
      // The pruned domains, less one value in ten at random.
      allowed[r].assign(static_cast<std::size_t>(D) * V, 0);
      for (int d = 0; d < D; ++d)
        for (int v : dom.allowed[r][d]) allowed[r][static_cast<std::size_t>(d) * V + v] = rng() % 10 != 0 || v == 0;
      rows[r] = builder.build(r, allowed[r], rng() % 2 ? &need : nullptr, build_rng);
      if (rows[r].empty()) {
        ++missed;
        continue;
      }
      ++built;
      REQUIRE(static_cast<int>(rows[r].size()) == D);
      for (int d = 0; d < D; ++d) {
        CAPTURE(d);
        REQUIRE(allowed[r][static_cast<std::size_t>(d) * V + rows[r][d]]);
        if (rows[r][d] > 0) s.assignments.push_back({r, pb.date(d), rows[r][d] - 1});
      }
    }
    std::sort(s.assignments.begin(), s.assignments.end());
    ComplianceReport rep = check_compliance(c.program, c.roster, s);
    for (int r = 0; r < pb.residents; ++r) {
      if (rows[r].empty()) continue;
      CAPTURE(r);
      CAPTURE(fmt::format("{}", fmt::join(rows[r], " ")));
      CHECK(violations_of(rep, r) == "");
    }
  }
  MESSAGE("rows built " << built << ", missed " << missed);
  // Random rules admit no row for some residents; most have one.
  CHECK(built > 3 * missed);
  CHECK(built > 200);
}

TEST_CASE("solver: a half year of tight rows gets a first schedule that passes the checker at the same cost") {
  Case c = make_case(half_year_program(12));
  SolveOptions o;
  o.time_limit_seconds = 3;
  o.threads = 1;
  SolveResult res = solve_schedule(c.program, c.roster, o);
  REQUIRE(res.solutions > 0);
  ComplianceReport rep = check_compliance(c.program, c.roster, res.schedule);
  for (const auto& f : rep.findings)
    if (f.severity == FindingSeverity::violation) FAIL_CHECK(f.rule << " " << f.from << " " << f.message);
  CHECK(rep.violations == 0);
  CHECK(rep.cost.total() == res.cost);
}
