#include <random>

#include <fmt/format.h>

#include "support/fixture.hpp"

#include "rota/solve/pruning.hpp"
#include "solve/row_rules.hpp"

using namespace rota;
using namespace rota::test;

namespace {

// A random program whose hard rules all live within rows: the duty-hour
// rules off, per-person limits, forbidden successions, a night that
// overlaps the next date's early shift, eligibility by PGY, sometimes
// per-PGY shift lengths and a weekend limit, across a DST change.
std::string random_row_program(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  const int residents = 3 + pick(5);
  const int days = 7 * (1 + pick(3)) + pick(3);
  const std::string start = pick(2) ? "2027-11-01" : "2027-03-10";
  std::string y = fmt::format("program: Rows\ntimezone: America/New_York\nhorizon: {{start: {}, days: {}}}\n", start,
                              days);
  y += "shifts:\n"
       "  - {id: D, start: \"07:00\", hours: 8, kind: day}\n"
       "  - {id: E, start: \"05:00\", hours: 6, kind: clinic}\n"
       "  - {id: N, start: \"22:00\", hours: 9, kind: night}\n"
       "  - {id: C, start: \"08:00\", hours: 14, kind: call}\n"
       "  - {id: H, start: \"18:00\", hours: 10, kind: home-call}\n";
  y += "coverage:\n  - {shift: C, days: all, target: 1, pgy: [2, 3]}\n  - {shift: D, days: all, target: 2}\n";
  y += "forbidden_successions: [[N, D], [C, C]]\n";
  y += "rules:\n  weekly_hours: false\n  days_off: false\n  continuous_duty: false\n  rest: false\n"
       "  call_frequency: false\n";
  if (pick(2)) y += "  max_shift_hours: {1: 12}\n";
  if (pick(2)) y += fmt::format("  max_weekends: {}\n", pick(3));
  y += fmt::format("objective: {{requests: {}, fairness: {{calls: 3, weekends: 2, nights: 1, hours: 1}}, changes: 7}}\n",
                   1 + pick(3));
  y += "residents:\n";
  for (int r = 0; r < residents; ++r) {
    y += fmt::format("  - {{id: R{}, pgy: {}", r, 1 + pick(3));
    if (pick(2)) y += fmt::format(", max_shifts: \"D={}|N={}|C={}|E={}|H={}\"", pick(days), pick(4), pick(5), pick(3), pick(4));
    if (pick(2)) y += fmt::format(", min_hours: {}", 8 * pick(days / 2));
    if (pick(2)) y += fmt::format(", max_hours: {}", 8 * (days / 4 + pick(days)));
    if (pick(2)) y += fmt::format(", min_consecutive: {}", 1 + pick(3));
    if (pick(2)) y += fmt::format(", max_consecutive: {}", pick(6));
    if (pick(2)) y += fmt::format(", min_days_off_run: {}", 1 + pick(3));
    if (pick(3) == 0) y += fmt::format(", max_weekends: {}", pick(3));
    y += "}\n";
  }
  Date d0 = *parse_date(start);
  auto day = [&](int k) { return format_date(d0 + date::days{k}); };
  y += "leave:\n";
  for (int i = pick(3); i > 0; --i) {
    int from = pick(days);
    y += fmt::format("  - {{resident: R{}, from: {}, to: {}}}\n", pick(residents), day(from), day(std::min(days - 1, from + pick(4))));
  }
  y += "unavailable:\n";
  for (int i = pick(4); i > 0; --i) y += fmt::format("  - {{resident: R{}, date: {}}}\n", pick(residents), day(pick(days)));
  const char* ids[] = {"D", "E", "N", "C", "H"};
  y += "fixed:\n";
  for (int i = pick(3); i > 0; --i)
    y += fmt::format("  - {{resident: R{}, date: {}, shift: {}}}\n", pick(residents), day(pick(days)), ids[pick(5)]);
  y += "requests:\n";
  for (int i = 0; i < 3 * residents; ++i) {
    const int kind = pick(3);
    y += fmt::format("  - {{resident: R{}, date: {}, {}, weight: {}}}\n", pick(residents), day(pick(days)),
                     kind == 0   ? fmt::format("shift: {}", ids[pick(5)])
                     : kind == 1 ? fmt::format("shift: {}, off: true", ids[pick(5)])
                                 : std::string("off: true"),
                     1 + pick(3));
  }
  return y;
}

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
