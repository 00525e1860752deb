#include <random>

#include <fmt/format.h>

#include "support/fixture.hpp"
#include "support/row_programs.hpp"

#include "rota/solve/pruning.hpp"
#include "solve/row_rules.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// A row of runs: stretches of work (one value, or mixed) and of days off.
std::vector<int> random_row(std::mt19937& rng, const Domains& dom, int r, int days, int values) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  std::vector<int> row(days, 0);
  const bool from_domains = pick(2);
  for (int d = 0; d < days;) {
    const int len = 1 + pick(4);
    const bool work = pick(2);
    const int v = 1 + pick(values - 1);
    for (int k = 0; k < len && d < days; ++k, ++d) {
      if (!work) continue;
      row[d] = pick(4) ? v : 1 + pick(values - 1);
      if (from_domains) {
        const auto& allowed = dom.allowed[r][d];
        if (std::find(allowed.begin(), allowed.end(), row[d]) == allowed.end()) row[d] = allowed[pick(static_cast<int>(allowed.size()))];
      }
    }
  }
  return row;
}

}  // namespace

TEST_CASE("property: compiled rows judge and price every row as the compliance checker does") {
  std::mt19937 rng(20271202);
  long long rows_ok = 0, rows_broken = 0;
  for (int i = 0; i < 60; ++i) {
    std::string yaml = random_row_program(rng);
    CAPTURE(yaml);
    Case c = make_case(yaml);
    SolveProblem pb(c.program, c.roster);
    Domains dom = prune_domains(pb);
    if (dom.empty_domain) continue;
    std::vector<std::vector<int>> base;
    Schedule baseline;
    if (rng() % 2) {
      base.assign(pb.residents, std::vector<int>(pb.days, 0));
      for (int r = 0; r < pb.residents; ++r) base[r] = random_row(rng, dom, r, pb.days, pb.values);
      for (int r = 0; r < pb.residents; ++r)
        for (int d = 0; d < pb.days; ++d)
          if (base[r][d] > 0) baseline.assignments.push_back({r, pb.date(d), base[r][d] - 1});
    }
    auto tables = solve::RowRules::compile(pb, base);
    REQUIRE(tables);
    for (int trial = 0; trial < 40; ++trial) {
      std::vector<std::vector<int>> rows(pb.residents);
      Schedule s;
      for (int r = 0; r < pb.residents; ++r) {
        rows[r] = random_row(rng, dom, r, pb.days, pb.values);
        for (int d = 0; d < pb.days; ++d)
          if (rows[r][d] > 0) s.assignments.push_back({r, pb.date(d), rows[r][d] - 1});
      }
      std::sort(s.assignments.begin(), s.assignments.end());
      ComplianceReport rep = check_compliance(c.program, c.roster, s, base.empty() ? nullptr : &baseline);
      long long cost = 0;
      for (int r = 0; r < pb.residents; ++r) {
        CAPTURE(r);
        CAPTURE(fmt::format("{}", fmt::join(rows[r], " ")));
        bool broken = false;
        std::string why;
        for (const auto& f : rep.findings)
          if (f.severity == FindingSeverity::violation && f.resident && *f.resident == r) {
            broken = true;
            why += f.rule + ": " + f.message + "; ";
          }
        CAPTURE(why);
        solve::RowEval e = tables->evaluate(r, rows[r]);
        REQUIRE(e.ok == !broken);
        cost += tables->cost(r, rows[r]);
        if (!e.ok) {
          ++rows_broken;
          continue;
        }
        ++rows_ok;
        CHECK(e.cost == tables->cost(r, rows[r]));
        const ResidentSummary& sum = rep.residents[r];
        long long non_leave = 0;
        for (int d = 0; d < pb.days; ++d) non_leave += pb.leave[r][d] ? 0 : 1;
        if (non_leave == 0) continue;
        const long long counts[4] = {sum.calls, sum.weekends, sum.nights,
                                     static_cast<long long>(std::floor(sum.hours + 1e-9))};
        for (int m = 0; m < 4; ++m) CHECK(e.fair[m] == counts[m] * pb.days / non_leave);
      }
      CHECK(cost == rep.cost.requests + rep.cost.changes + rep.cost.warnings);
    }
  }
  MESSAGE("rows that hold " << rows_ok << ", rows that break a rule " << rows_broken);
  CHECK(rows_ok > 800);
  CHECK(rows_broken > 2000);
}

TEST_CASE("compiled rows: programs with rules across rows or dates stay with the checker") {
  auto tables_for = [](const std::string& shift, const std::string& rules, const std::string& rest) {
    Case c = make_case("program: P\ntimezone: UTC\nhorizon: {start: 2027-07-05, days: 7}\nshifts:\n  - " + shift +
                       "\n" + rules + "residents:\n  - {id: A, pgy: 1}\n" + rest);
    SolveProblem pb(c.program, c.roster);
    return solve::RowRules::compile(pb, {}) != nullptr;
  };
  const std::string day = "{id: D, start: \"07:00\", hours: 8, kind: day}";
  const std::string off =
      "rules: {weekly_hours: false, days_off: false, continuous_duty: false, rest: false, call_frequency: false}\n";
  CHECK_FALSE(tables_for(day, "", ""));  // the ACGME rules are on by default
  CHECK(tables_for(day, off, ""));
  CHECK_FALSE(tables_for(day, off, "history:\n  - {resident: A, date: 2027-07-04, shift: D}\n"));
  CHECK_FALSE(tables_for("{id: X, start: \"07:00\", hours: 60, kind: call}", off, ""));
}
